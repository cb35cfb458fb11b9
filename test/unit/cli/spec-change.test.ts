import { specChange, topologyPaths } from "../../../cli/live/spec-change";
import { EditRequest } from "../../../shared/domain/requests";
import { SetupRequest } from "../../../shared/domain/setup-request";
import { designRequest } from "../../support/requests";

const stored = SetupRequest.parse(designRequest());

describe("how a request differs from what an interconnect was set up with", () => {
  it("when only the ticket differs, then nothing changes", () => {
    expect(specChange(stored, SetupRequest.parse(designRequest((r) => (r.ticketId = "CHG9999999"))))).toEqual({ kind: "same" });
  });

  it("when only the bandwidth differs, then it is an in-place resize from and to", () => {
    expect(specChange(stored, SetupRequest.parse(designRequest((r) => (r.azure.circuit.bandwidthMbps = 2000))))).toEqual({ kind: "bandwidth", from: 1000, to: 2000 });
  });

  it("when other fields differ, then their paths are named", () => {
    const change = specChange(stored, SetupRequest.parse(designRequest((r) => ((r.azure.circuit.bandwidthMbps = 2000), (r.bgp.primary = "10.98.0.0/30")))));
    expect(change).toEqual({ kind: "different", paths: ["azure.circuit.bandwidthMbps", "bgp.primary"] });
  });

  it("when only the traffic rules and spokes differ, then it is a topology change whose PATCH body carries exactly those, whole", () => {
    const traffic = [{ from: "azure" as const, to: "oci" as const, protocol: "tcp" as const, ports: "5432" }];
    const spokes = [{ resourceGroup: "rg-spoke", vnet: { name: "vnet-spoke", addressSpaces: ["10.30.0.0/16"] } }];
    const next = SetupRequest.parse(designRequest((r) => ((r.traffic = traffic), (r.azure.spokes = spokes))));
    const change = specChange(stored, next);
    expect(change).toEqual({ kind: "topology", paths: ["azure.spokes", "traffic"], edit: { azure: { spokes: next.azure.spokes }, traffic: next.traffic } });
    if (change.kind === "topology") expect(EditRequest.safeParse(change.edit).success).toBe(true);
  });

  it("when a topology field and the bandwidth both differ, then it is not one in-place change", () => {
    const change = specChange(stored, SetupRequest.parse(designRequest((r) => ((r.azure.circuit.bandwidthMbps = 2000), (r.traffic = [{ from: "azure", to: "oci", protocol: "tcp", ports: "5432" }])))));
    expect(change.kind).toBe("different");
  });

  it("then every field the CLI would PATCH is one the edit request takes", () => {
    expect(topologyPaths()).toEqual(expect.arrayContaining(["azure.spokes", "traffic"]));
    expect(topologyPaths()).not.toContain("bandwidthMbps");
  });

  it("when the stored specification is not a setup request this CLI knows, then Interlink decides", () => {
    expect(specChange({ name: "erp-db-link" }, stored)).toEqual({ kind: "unknown" });
  });
});
