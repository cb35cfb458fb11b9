import type { models, requests } from "oci-core";
import { COMPARTMENT, finish, type Harness, MINUTE, RG, startHarness } from "./helpers";
import { buildInterconnect } from "./interconnect-fixture";

const CIDR_BLOCK = "CIDR_BLOCK" as models.AddDrgRouteRuleDetails.DestinationType;
const STATIC = "STATIC" as NonNullable<requests.ListDrgRouteRulesRequest["routeType"]>;
const DYNAMIC = "DYNAMIC" as NonNullable<requests.ListDrgRouteRulesRequest["routeType"]>;
const CIRCUIT = "erp-db-link-erc";

/** A VCN attached to `drgId`, both ready. */
async function attachedVcn(h: Harness, drgId: string, cidr: string, displayName: string) {
  const vcn = (await h.oci.createVcn({ createVcnDetails: { compartmentId: COMPARTMENT, cidrBlocks: [cidr], displayName } })).vcn;
  await h.emulators.admin.advanceClock(MINUTE);
  const attachment = (await h.oci.createDrgAttachment({ createDrgAttachmentDetails: { drgId, vcnId: vcn.id } })).drgAttachment;
  await h.emulators.admin.advanceClock(MINUTE);
  return { vcn, attachment };
}

function rule(destination: string, nextHopDrgAttachmentId: string): models.AddDrgRouteRuleDetails {
  return { destinationType: CIDR_BLOCK, destination, nextHopDrgAttachmentId };
}

describe("static DRG route rules (addDrgRouteRules / removeDrgRouteRules) and what Oracle advertises", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });
  beforeEach(async () => {
    await h.emulators.admin.reset();
  });

  /** BGP UP between Oracle and Microsoft, plus a second (transit) VCN attached to the same DRG. */
  async function interconnectWithTransitVcn() {
    const built = await buildInterconnect(h);
    const drg = (await h.oci.getDrg({ drgId: built.oci.drgId })).drg;
    const tableId = drg.defaultDrgRouteTables?.virtualCircuit ?? "";
    const transit = await attachedVcn(h, drg.id, "10.30.0.0/16", "vcn-transit");
    return { ...built, drg, tableId, transit };
  }

  async function advertised(device: "primary" | "secondary" = "primary"): Promise<string[]> {
    const routes = await finish(h.azure.expressRouteCircuits.beginListRoutesTable(RG, CIRCUIT, "AzurePrivatePeering", device), h, MINUTE);
    return (routes.value ?? []).map((route) => route.network ?? "");
  }

  async function staticRules(tableId: string) {
    return (await h.oci.listDrgRouteRules({ drgRouteTableId: tableId, routeType: STATIC })).items;
  }

  it("when a static rule is added to the VIRTUAL_CIRCUIT table, then it is listed as STATIC and Oracle advertises it over the circuit", async () => {
    const { tableId, transit, oci } = await interconnectWithTransitVcn();
    expect((await advertised()).sort()).toEqual(["10.20.0.0/16", "10.30.0.0/16"]);
    const before = await h.oci.getDrgRouteTable({ drgRouteTableId: tableId });

    const added = await h.oci.addDrgRouteRules({ drgRouteTableId: tableId, addDrgRouteRulesDetails: { routeRules: [rule("172.16.0.0/16", transit.attachment.id), rule("10.20.0.0/16", oci.attachmentId)] } });
    expect(added.items).toEqual([
      {
        id: expect.stringMatching(/^ocid1\.drgrouterule\.oc1\.iad\./),
        destination: "172.16.0.0/16",
        destinationType: "CIDR_BLOCK",
        nextHopDrgAttachmentId: transit.attachment.id,
        routeType: "STATIC",
        isConflict: false,
        isBlackhole: false,
        routeProvenance: "STATIC",
        attributes: {},
      },
      expect.objectContaining({ destination: "10.20.0.0/16", routeType: "STATIC", nextHopDrgAttachmentId: oci.attachmentId }),
    ]);
    const after = await h.oci.getDrgRouteTable({ drgRouteTableId: tableId });
    expect(after.etag).not.toBe(before.etag);

    const all = (await h.oci.listDrgRouteRules({ drgRouteTableId: tableId })).items;
    expect(all.map((item) => [item.destination, item.routeType, item.routeProvenance])).toEqual([
      ["172.16.0.0/16", "STATIC", "STATIC"],
      ["10.20.0.0/16", "STATIC", "STATIC"],
      ["10.20.0.0/16", "DYNAMIC", "VCN"],
      ["10.30.0.0/16", "DYNAMIC", "VCN"],
    ]);
    expect((await staticRules(tableId)).map((item) => item.id)).toEqual(added.items.map((item) => item.id));
    expect((await h.oci.listDrgRouteRules({ drgRouteTableId: tableId, routeType: DYNAMIC })).items.map((item) => item.destination)).toEqual(["10.20.0.0/16", "10.30.0.0/16"]);
    const first = await h.oci.listDrgRouteRules({ drgRouteTableId: tableId, limit: 3 });
    const second = await h.oci.listDrgRouteRules({ drgRouteTableId: tableId, limit: 3, page: first.opcNextPage ?? "" });
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(all.map((item) => item.id));
    expect(second.opcNextPage).toBeUndefined();

    // Deduplicated: the static 10.20.0.0/16 is the VCN CIDR Oracle already advertises.
    expect((await advertised("secondary")).sort()).toEqual(["10.20.0.0/16", "10.30.0.0/16", "172.16.0.0/16"]);
    const summary = await finish(h.azure.expressRouteCircuits.beginListRoutesTableSummary(RG, CIRCUIT, "AzurePrivatePeering", "primary"), h, MINUTE);
    expect(summary.value).toEqual([expect.objectContaining({ statePfxRcd: "3" })]);
    const learned = await finish(h.azure.virtualNetworkGateways.beginGetLearnedRoutes(RG, "vnet-app-ergw"), h, MINUTE);
    expect(learned.value?.map((route) => route.network)).toContain("172.16.0.0/16");
  });

  it("when a static rule sits in another DRG route table, then it is listed there but not advertised over the circuit", async () => {
    const { drg, transit } = await interconnectWithTransitVcn();
    const vcnTable = drg.defaultDrgRouteTables?.vcn ?? "";
    await h.oci.addDrgRouteRules({ drgRouteTableId: vcnTable, addDrgRouteRulesDetails: { routeRules: [rule("172.16.0.0/16", transit.attachment.id)] } });
    expect((await staticRules(vcnTable)).map((item) => item.destination)).toEqual(["172.16.0.0/16"]);
    expect(await advertised()).not.toContain("172.16.0.0/16");
  });

  it("when the input is invalid, then it is 400 InvalidParameter and nothing changes", async () => {
    const { tableId, transit } = await interconnectWithTransitVcn();
    const other = (await h.oci.createDrg({ createDrgDetails: { compartmentId: COMPARTMENT, displayName: "drg-other" } })).drg;
    await h.emulators.admin.advanceClock(MINUTE);
    const foreign = await attachedVcn(h, other.id, "10.40.0.0/16", "vcn-foreign");
    const kept = await h.oci.addDrgRouteRules({ drgRouteTableId: tableId, addDrgRouteRulesDetails: { routeRules: [rule("172.16.0.0/16", transit.attachment.id)] } });
    const etag = (await h.oci.getDrgRouteTable({ drgRouteTableId: tableId })).etag;

    const invalid: models.AddDrgRouteRuleDetails[][] = [
      [rule("172.17.0.0/16", transit.attachment.id), rule("172.18.0.1/16", transit.attachment.id)],
      [rule("172.17.0.0/16", transit.attachment.id), rule("300.1.0.0/16", transit.attachment.id)],
      [rule("172.17.0.0/16", transit.attachment.id), rule("not-a-cidr", transit.attachment.id)],
      [rule("172.17.0.0/16", transit.attachment.id), rule("172.18.0.0/16", foreign.attachment.id)],
      [rule("172.17.0.0/16", transit.attachment.id), rule("172.18.0.0/16", "ocid1.drgattachment.oc1.iad.doesnotexist")],
      [rule("172.17.0.0/16", transit.attachment.id), rule("172.16.0.0/16", transit.attachment.id)],
      [rule("172.17.0.0/16", transit.attachment.id), rule("172.17.0.0/16", transit.attachment.id)],
      [rule("172.17.0.0/16", transit.attachment.id), { ...rule("172.18.0.0/16", transit.attachment.id), destinationType: "SERVICE_CIDR_BLOCK" as never }],
    ];
    for (const routeRules of invalid) {
      await expect(h.oci.addDrgRouteRules({ drgRouteTableId: tableId, addDrgRouteRulesDetails: { routeRules } })).rejects.toMatchObject({ statusCode: 400, serviceCode: "InvalidParameter" });
    }
    await expect(h.oci.removeDrgRouteRules({ drgRouteTableId: tableId, removeDrgRouteRulesDetails: { routeRuleIds: [kept.items[0]?.id ?? "", "ocid1.drgrouterule.oc1.iad.unknown"] } })).rejects.toMatchObject({
      statusCode: 400,
      serviceCode: "InvalidParameter",
    });

    expect((await staticRules(tableId)).map((item) => item.destination)).toEqual(["172.16.0.0/16"]);
    expect((await h.oci.getDrgRouteTable({ drgRouteTableId: tableId })).etag).toBe(etag);
    expect((await advertised()).sort()).toEqual(["10.20.0.0/16", "10.30.0.0/16", "172.16.0.0/16"]);
    await expect(h.oci.addDrgRouteRules({ drgRouteTableId: "ocid1.drgroutetable.oc1.iad.doesnotexist", addDrgRouteRulesDetails: { routeRules: [] } })).rejects.toMatchObject({ statusCode: 404 });
  });

  it("when the same retry token is replayed, then the first answer comes back and no rule is added twice", async () => {
    const { tableId, transit } = await interconnectWithTransitVcn();
    const details = { routeRules: [rule("172.16.0.0/16", transit.attachment.id)] };
    const first = await h.oci.addDrgRouteRules({ drgRouteTableId: tableId, addDrgRouteRulesDetails: details, opcRetryToken: "interlink.static.1" });
    const again = await h.oci.addDrgRouteRules({ drgRouteTableId: tableId, addDrgRouteRulesDetails: details, opcRetryToken: "interlink.static.1" });
    expect(again.items.map((item) => item.id)).toEqual(first.items.map((item) => item.id));
    await expect(h.oci.addDrgRouteRules({ drgRouteTableId: tableId, addDrgRouteRulesDetails: { routeRules: [rule("172.17.0.0/16", transit.attachment.id)] }, opcRetryToken: "interlink.static.1" })).rejects.toMatchObject({
      statusCode: 409,
      serviceCode: "InvalidatedRetryToken",
    });
    expect(await staticRules(tableId)).toHaveLength(1);
  });

  it("when the static rule is removed, then Oracle withdraws the prefix", async () => {
    const { tableId, transit } = await interconnectWithTransitVcn();
    const added = await h.oci.addDrgRouteRules({ drgRouteTableId: tableId, addDrgRouteRulesDetails: { routeRules: [rule("172.16.0.0/16", transit.attachment.id), rule("172.17.0.0/16", transit.attachment.id)] } });
    expect(await advertised()).toEqual(expect.arrayContaining(["172.16.0.0/16", "172.17.0.0/16"]));
    const etag = (await h.oci.getDrgRouteTable({ drgRouteTableId: tableId })).etag;

    await h.oci.removeDrgRouteRules({ drgRouteTableId: tableId, removeDrgRouteRulesDetails: { routeRuleIds: [added.items[0]?.id ?? ""] } });
    expect((await h.oci.getDrgRouteTable({ drgRouteTableId: tableId })).etag).not.toBe(etag);
    expect((await staticRules(tableId)).map((item) => item.destination)).toEqual(["172.17.0.0/16"]);
    expect((await advertised()).sort()).toEqual(["10.20.0.0/16", "10.30.0.0/16", "172.17.0.0/16"]);
  });

  it("when the next-hop attachment is detached, then the rule is a blackhole and Oracle withdraws the prefix", async () => {
    const { tableId, transit } = await interconnectWithTransitVcn();
    await h.oci.addDrgRouteRules({ drgRouteTableId: tableId, addDrgRouteRulesDetails: { routeRules: [rule("172.16.0.0/16", transit.attachment.id)] } });
    expect(await advertised()).toContain("172.16.0.0/16");

    await h.oci.deleteDrgAttachment({ drgAttachmentId: transit.attachment.id });
    expect((await staticRules(tableId))[0]).toMatchObject({ destination: "172.16.0.0/16", isBlackhole: true, routeType: "STATIC" });
    await h.emulators.admin.advanceClock(MINUTE);
    expect((await h.oci.getDrgAttachment({ drgAttachmentId: transit.attachment.id })).drgAttachment.lifecycleState).toBe("DETACHED");
    expect((await staticRules(tableId))[0]).toMatchObject({ isBlackhole: true });
    expect(await advertised()).toEqual(["10.20.0.0/16"]);
    await expect(h.oci.addDrgRouteRules({ drgRouteTableId: tableId, addDrgRouteRulesDetails: { routeRules: [rule("172.17.0.0/16", transit.attachment.id)] } })).rejects.toMatchObject({
      statusCode: 400,
      serviceCode: "InvalidParameter",
    });
  });
});
