import { planSetup } from "../../../shared/domain/dry-run";
import { designRequest } from "../../support/requests";

const PARTNER = "ocid1.tenancy.oc1..partner";

/** The dry run shows what each peering kind creates and routes, and teardown removes the same. */
describe("the dry run of peered VCNs with a kind", () => {
  const plan = planSetup(
    designRequest((request) => {
      request.oci.peeredVcns = [
        { vcnId: "ocid1.vcn.oc1.iad.existing", cidrs: ["10.30.0.0/16"] },
        { kind: "local", vcnId: "ocid1.vcn.oc1.iad.lpg", tenancyId: PARTNER, cidrs: ["10.40.0.0/16"] },
        { kind: "remote", vcnId: "ocid1.vcn.oc1.phx.far", region: "us-phoenix-1", cidrs: ["10.41.0.0/16"] },
        { kind: "drg", vcnId: "ocid1.vcn.oc1.iad.att", tenancyId: PARTNER, cidrs: ["10.42.0.0/16"] },
      ];
    }),
  );
  if (!plan.ok) throw new Error(JSON.stringify(plan.problem));
  const routing = plan.value.setup.find((step) => step.id === "routing")?.resources ?? [];
  const stopTraffic = plan.value.teardown.find((step) => step.id === "stop-traffic")?.resources ?? [];

  it("when planned, then each kind's gateways and attachments appear with the tenancy and region they go to", () => {
    expect(routing.filter((entry) => entry.action === "create-if-missing").map((entry) => [entry.kind, entry.name, entry.properties?.tenancyId, entry.properties?.region])).toEqual([
      ["routeTable", "erp-db-link-peer-6d0b8160-lpg-rt", undefined, undefined],
      ["localPeeringGateway", "erp-db-link-peer-6d0b8160-lpg", undefined, undefined],
      ["localPeeringGateway", "erp-db-link-peer-6d0b8160-lpg", PARTNER, undefined],
      ["drg", "erp-db-link-peer-aaa0114b-drg", undefined, "us-phoenix-1"],
      ["drgAttachment", "erp-db-link-peer-aaa0114b-attachment", undefined, "us-phoenix-1"],
      ["remotePeeringConnection", "erp-db-link-peer-aaa0114b-rpc", undefined, undefined],
      ["remotePeeringConnection", "erp-db-link-peer-aaa0114b-rpc", undefined, "us-phoenix-1"],
      ["drgAttachment", "erp-db-link-peer-d8af54e4-attachment", PARTNER, undefined],
    ]);
  });

  it("when planned, then only VCNs reached through the connected VCN get its attachment as next hop; a remote one gets its RPC", () => {
    const statics = routing.filter((entry) => entry.kind === "drgRouteRules").map((entry) => [entry.name, entry.properties?.addStatic]);
    expect(statics).toContainEqual(["ocid1.drg.oc1.iad.aaaa (virtual-circuit route table)", [
      { destination: "10.30.0.0/16", nextHop: "the VCN's DRG attachment" },
      { destination: "10.40.0.0/16", nextHop: "the VCN's DRG attachment" },
    ]]);
    expect(statics).toContainEqual(["ocid1.drg.oc1.iad.aaaa (virtual-circuit route table)", [{ destination: "10.41.0.0/16", nextHop: "erp-db-link-peer-aaa0114b-rpc's attachment" }]]);
  });

  it("when torn down, then what each kind created is deleted and the peered route tables lose exactly Interlink's rules", () => {
    expect(stopTraffic.filter((entry) => entry.action === "delete" && entry.name.includes("-peer")).map((entry) => `${entry.kind} ${entry.name}`)).toEqual([
      "localPeeringGateway erp-db-link-peer-6d0b8160-lpg",
      "localPeeringGateway erp-db-link-peer-6d0b8160-lpg",
      "routeTable erp-db-link-peer-6d0b8160-lpg-rt",
      "remotePeeringConnection erp-db-link-peer-aaa0114b-rpc",
      "remotePeeringConnection erp-db-link-peer-aaa0114b-rpc",
      "drgAttachment erp-db-link-peer-aaa0114b-attachment",
      "drg erp-db-link-peer-aaa0114b-drg",
      "drgAttachment erp-db-link-peer-d8af54e4-attachment",
    ]);
    expect(stopTraffic.filter((entry) => entry.kind === "routeRules").map((entry) => entry.properties?.remove)).toEqual(
      expect.arrayContaining(["rules marked interlink:erp-db-link:peer-6d0b8160", "rules marked interlink:erp-db-link:peer-aaa0114b", "rules marked interlink:erp-db-link:peer-d8af54e4"]),
    );
  });
});
