import { specChange } from "../../../cli/live/spec-change";
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

  it("when the stored specification is not a setup request this CLI knows, then Interlink decides", () => {
    expect(specChange({ name: "erp-db-link" }, stored)).toEqual({ kind: "unknown" });
  });
});
