import type { models, VirtualNetworkClient } from "oci-core";
import { ociVirtualNetworkClient } from "../src/cloud/sdk-clients";
import { COMPARTMENT, type Harness, MINUTE, startHarness } from "./helpers";
import { buildInterconnect } from "./interconnect-fixture";

const VNET = "10.10.1.0/24";
const HUB = "10.20.0.0/16";
const CIDR_BLOCK = "CIDR_BLOCK" as models.AddDrgRouteRuleDetails.DestinationType;

/**
 * `GET /__emulator/reachability`: VNet <-> hub VCN over the interconnect, then a peered VCN behind the hub in
 * each way Interlink peers: an LPG pair (transit routing through the hub), a DRG in another region (RPCs),
 * and a VCN attached to the same DRG. Each step names the hop that lacks a route until it is added.
 */
describe("reachability through both clouds' route tables", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ ociRegions: ["us-phoenix-1"] });
  });
  afterAll(async () => {
    await h.stop();
  });
  beforeEach(async () => {
    await h.emulators.admin.reset();
  });

  const reach = (from: string, to: string) => h.emulators.admin.reachability(from, to);
  const advance = () => h.emulators.admin.advanceClock(MINUTE);

  async function vcn(client: VirtualNetworkClient, cidr: string, displayName: string) {
    const created = (await client.createVcn({ createVcnDetails: { compartmentId: COMPARTMENT, cidrBlocks: [cidr], displayName } })).vcn;
    await advance();
    return created;
  }

  async function setRules(client: VirtualNetworkClient, routeTableId: string, rules: [string, string][]) {
    await client.updateRouteTable({ rtId: routeTableId, updateRouteTableDetails: { routeRules: rules.map(([destination, networkEntityId]) => ({ destination, destinationType: "CIDR_BLOCK" as never, networkEntityId })) } });
  }

  /** The interconnect, with the hub VCN routing the VNet to the DRG (what Interlink's setup does). */
  async function interconnect() {
    const built = await buildInterconnect(h);
    const hub = (await h.oci.getVcn({ vcnId: built.oci.vcnId })).vcn;
    await setRules(h.oci, hub.defaultRouteTableId ?? "", [["10.10.0.0/16", built.oci.drgId]]);
    const drg = (await h.oci.getDrg({ drgId: built.oci.drgId })).drg;
    return { ...built, hub, drg };
  }

  it("when the interconnect is up, then the VNet and the hub VCN reach each other; without the VCN's route back, the stop names its route table", async () => {
    const built = await buildInterconnect(h);
    const hub = (await h.oci.getVcn({ vcnId: built.oci.vcnId })).vcn;
    const there = await reach(VNET, HUB);
    expect(there).toMatchObject({ reachable: true, from: VNET, to: HUB });
    expect(there.hops.map((hop) => hop.kind)).toEqual(["virtualNetwork", "expressRouteCircuit", "virtualCircuit", "drg", "vcn"]);
    expect(there.hops[3]).toMatchObject({ id: built.oci.drgId, routeTableId: expect.stringMatching(/^ocid1\.drgroutetable\./), rule: { destination: HUB, nextHop: built.oci.attachmentId } });
    expect(await reach("10.20.1.5", VNET)).toMatchObject({ reachable: false, missing: { at: { kind: "vcn", id: hub.id }, routeTableId: hub.defaultRouteTableId, reason: expect.stringContaining("has no rule covering 10.10.1.0/24") } });
    await setRules(h.oci, hub.defaultRouteTableId ?? "", [["10.10.0.0/16", built.oci.drgId]]);
    const back = await reach("10.20.1.5", VNET);
    expect(back).toMatchObject({ reachable: true });
    expect(back.hops.map((hop) => hop.kind)).toEqual(["vcn", "drg", "virtualCircuit", "expressRouteCircuit", "virtualNetwork"]);
  });

  it("when a VCN peers with the hub through LPGs, traffic needs the DRG rule, the hub's transit tables and the spoke's route back, each named until added", async () => {
    const { oci, hub, drg } = await interconnect();
    const spoke = await vcn(h.oci, "10.40.0.0/16", "spoke");
    const hubLpg = (await h.oci.createLocalPeeringGateway({ createLocalPeeringGatewayDetails: { compartmentId: COMPARTMENT, vcnId: hub.id, displayName: "lpg-hub" } })).localPeeringGateway;
    const spokeLpg = (await h.oci.createLocalPeeringGateway({ createLocalPeeringGatewayDetails: { compartmentId: COMPARTMENT, vcnId: spoke.id, displayName: "lpg-spoke" } })).localPeeringGateway;
    await advance();
    await h.oci.connectLocalPeeringGateways({ localPeeringGatewayId: hubLpg.id, connectLocalPeeringGatewaysDetails: { peerId: spokeLpg.id } });

    expect(await reach(VNET, "10.40.0.0/16")).toMatchObject({ reachable: false, missing: { at: { kind: "virtualNetwork" }, reason: expect.stringContaining("Azure learned no route covering 10.40.0.0/16") } });
    await h.oci.addDrgRouteRules({ drgRouteTableId: drg.defaultDrgRouteTables?.virtualCircuit ?? "", addDrgRouteRulesDetails: { routeRules: [{ destinationType: CIDR_BLOCK, destination: "10.40.0.0/16", nextHopDrgAttachmentId: oci.attachmentId }] } });
    expect(await reach(VNET, "10.40.0.0/16")).toMatchObject({ reachable: false, missing: { at: { kind: "vcn", id: hub.id }, reason: expect.stringContaining("through DRG attachment") } });
    const transit = (await h.oci.createRouteTable({ createRouteTableDetails: { compartmentId: COMPARTMENT, vcnId: hub.id, displayName: "hub-transit", routeRules: [{ destination: "10.40.0.0/16", destinationType: "CIDR_BLOCK" as never, networkEntityId: hubLpg.id }] } })).routeTable;
    await advance();
    await h.oci.updateDrgAttachment({ drgAttachmentId: oci.attachmentId, updateDrgAttachmentDetails: { networkDetails: { type: "VCN", routeTableId: transit.id } as never } });
    const there = await reach(VNET, "10.40.0.0/16");
    expect(there).toMatchObject({ reachable: true });
    expect(there.hops.map((hop) => hop.kind)).toEqual(["virtualNetwork", "expressRouteCircuit", "virtualCircuit", "drg", "vcn", "localPeeringGateway", "localPeeringGateway", "vcn"]);

    expect(await reach("10.40.0.9", VNET)).toMatchObject({ reachable: false, missing: { at: { kind: "vcn", id: spoke.id }, routeTableId: spoke.defaultRouteTableId } });
    await setRules(h.oci, spoke.defaultRouteTableId ?? "", [["10.10.0.0/16", spokeLpg.id]]);
    expect(await reach("10.40.0.9", VNET)).toMatchObject({ reachable: false, missing: { at: { kind: "vcn", id: hub.id }, reason: expect.stringContaining("through local peering gateway lpg-hub") } });
    const back = (await h.oci.createRouteTable({ createRouteTableDetails: { compartmentId: COMPARTMENT, vcnId: hub.id, displayName: "hub-from-spoke", routeRules: [{ destination: "10.10.0.0/16", destinationType: "CIDR_BLOCK" as never, networkEntityId: drg.id }] } })).routeTable;
    await advance();
    await h.oci.updateLocalPeeringGateway({ localPeeringGatewayId: hubLpg.id, updateLocalPeeringGatewayDetails: { routeTableId: back.id } });
    const home = await reach("10.40.0.9", VNET);
    expect(home).toMatchObject({ reachable: true });
    expect(home.hops.at(-1)).toMatchObject({ kind: "virtualNetwork", name: "vnet-app" });
  });

  it("when a VCN in another region peers through RPCs, static rules carry each side's prefix across", async () => {
    const { oci, drg, hub } = await interconnect();
    const phoenix = ociVirtualNetworkClient(h.emulators.oci, { region: "us-phoenix-1" });
    const west = await vcn(phoenix, "10.50.0.0/16", "west");
    const westDrg = (await phoenix.createDrg({ createDrgDetails: { compartmentId: COMPARTMENT, displayName: "drg-west" } })).drg;
    await advance();
    await phoenix.createDrgAttachment({ createDrgAttachmentDetails: { drgId: westDrg.id, vcnId: west.id } });
    const eastRpc = (await h.oci.createRemotePeeringConnection({ createRemotePeeringConnectionDetails: { compartmentId: COMPARTMENT, drgId: drg.id } })).remotePeeringConnection;
    const westRpc = (await phoenix.createRemotePeeringConnection({ createRemotePeeringConnectionDetails: { compartmentId: COMPARTMENT, drgId: westDrg.id } })).remotePeeringConnection;
    await advance();
    await h.oci.connectRemotePeeringConnections({ remotePeeringConnectionId: eastRpc.id, connectRemotePeeringConnectionsDetails: { peerId: westRpc.id, peerRegionName: "us-phoenix-1" } });
    await h.emulators.admin.advanceClock(2 * MINUTE);
    const eastRpcAttachment = (await h.oci.listDrgAttachments({ compartmentId: COMPARTMENT, drgId: drg.id, networkId: eastRpc.id, attachmentType: "REMOTE_PEERING_CONNECTION" as never })).items[0]?.id ?? "";
    // The west DRG learned the hub's VCN over the peering (its RPC table exports the VCN attachments) ...
    const westVcnTable = (await phoenix.getDrg({ drgId: westDrg.id })).drg.defaultDrgRouteTables?.vcn ?? "";
    expect((await phoenix.listDrgRouteRules({ drgRouteTableId: westVcnTable })).items.map((rule) => [rule.destination, rule.routeProvenance])).toEqual(
      expect.arrayContaining([
        [HUB, "REMOTE_PEERING_CONNECTION"],
        ["10.50.0.0/16", "VCN"],
      ]),
    );
    // ... but Azure's prefix and the way to the west VCN take static rules in the hub DRG.
    expect(await reach(VNET, "10.50.0.0/16")).toMatchObject({ reachable: false, missing: { reason: expect.stringContaining("Azure learned no route covering 10.50.0.0/16") } });
    await h.oci.addDrgRouteRules({ drgRouteTableId: drg.defaultDrgRouteTables?.virtualCircuit ?? "", addDrgRouteRulesDetails: { routeRules: [{ destinationType: CIDR_BLOCK, destination: "10.50.0.0/16", nextHopDrgAttachmentId: eastRpcAttachment }] } });
    const there = await reach(VNET, "10.50.0.0/16");
    expect(there).toMatchObject({ reachable: true });
    expect(there.hops.map((hop) => [hop.kind, hop.region])).toEqual([
      ["virtualNetwork", undefined],
      ["expressRouteCircuit", undefined],
      ["virtualCircuit", "us-ashburn-1"],
      ["drg", "us-ashburn-1"],
      ["remotePeeringConnection", "us-ashburn-1"],
      ["remotePeeringConnection", "us-phoenix-1"],
      ["drg", "us-phoenix-1"],
      ["vcn", "us-phoenix-1"],
    ]);
    await setRules(phoenix, west.defaultRouteTableId ?? "", [["10.10.0.0/16", westDrg.id]]);
    expect(await reach("10.50.0.1", VNET)).toMatchObject({ reachable: false, missing: { at: { kind: "drg", id: westDrg.id }, reason: expect.stringContaining("has no route covering 10.10.1.0/24") } });
    await h.oci.addDrgRouteRules({ drgRouteTableId: drg.defaultDrgRouteTables?.remotePeeringConnection ?? "", addDrgRouteRulesDetails: { routeRules: [{ destinationType: CIDR_BLOCK, destination: "10.10.0.0/16", nextHopDrgAttachmentId: oci.attachmentId }] } });
    // Sent to the hub VCN's attachment, the traffic enters the hub VCN, which has no transit table: the wrong next hop.
    expect(await reach("10.50.0.1", VNET)).toMatchObject({ reachable: false, missing: { at: { kind: "vcn", id: hub.id }, reason: expect.stringContaining("through DRG attachment") } });
    const vcAttachment = (await h.oci.listDrgAttachments({ compartmentId: COMPARTMENT, drgId: drg.id, attachmentType: "VIRTUAL_CIRCUIT" as never })).items[0]?.id ?? "";
    const rpcTable = drg.defaultDrgRouteTables?.remotePeeringConnection ?? "";
    const [wrong] = (await h.oci.listDrgRouteRules({ drgRouteTableId: rpcTable, routeType: "STATIC" as never })).items;
    await h.oci.removeDrgRouteRules({ drgRouteTableId: rpcTable, removeDrgRouteRulesDetails: { routeRuleIds: [wrong?.id ?? ""] } });
    await h.oci.addDrgRouteRules({ drgRouteTableId: rpcTable, addDrgRouteRulesDetails: { routeRules: [{ destinationType: CIDR_BLOCK, destination: "10.10.0.0/16", nextHopDrgAttachmentId: vcAttachment }] } });
    expect(await reach("10.50.0.1", VNET)).toMatchObject({ reachable: true });
  });

  it("when a VCN is attached to the same DRG, the DRG routes to it at once; its own route table is the only way back", async () => {
    const { drg } = await interconnect();
    const attached = await vcn(h.oci, "10.60.0.0/16", "attached");
    await h.oci.createDrgAttachment({ createDrgAttachmentDetails: { drgId: drg.id, vcnId: attached.id } });
    await advance();
    expect(await reach(VNET, "10.60.0.0/16")).toMatchObject({ reachable: true });
    expect(await reach("10.60.0.0/16", VNET)).toMatchObject({ reachable: false, missing: { routeTableId: attached.defaultRouteTableId } });
    await setRules(h.oci, attached.defaultRouteTableId ?? "", [["10.10.0.0/16", drg.id]]);
    expect(await reach("10.60.0.0/16", VNET)).toMatchObject({ reachable: true });
    await expect(reach("10.60.0.0/33", VNET)).rejects.toMatchObject({ status: 400 });
    expect(await reach("192.168.0.1", VNET)).toMatchObject({ reachable: false, missing: { at: null, reason: "no VNet or VCN contains 192.168.0.1/32" } });
  });
});
