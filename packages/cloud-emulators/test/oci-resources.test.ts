import type { models } from "oci-core";
import { COMPARTMENT, type Harness, MINUTE, startHarness } from "./helpers";

const INGRESS = "INGRESS" as models.AddSecurityRuleDetails.Direction;

async function availableVcn(h: Harness, cidr: string, displayName: string) {
  const vcn = (await h.oci.createVcn({ createVcnDetails: { compartmentId: COMPARTMENT, cidrBlocks: [cidr], displayName, dnsLabel: displayName.replace(/\W/g, "") } })).vcn;
  await h.emulators.admin.advanceClock(MINUTE);
  return vcn;
}

async function attachedDrg(h: Harness, vcnId: string) {
  const drg = (await h.oci.createDrg({ createDrgDetails: { compartmentId: COMPARTMENT, displayName: "drg" } })).drg;
  await h.emulators.admin.advanceClock(MINUTE);
  const attachment = (await h.oci.createDrgAttachment({ createDrgAttachmentDetails: { drgId: drg.id, vcnId } })).drgAttachment;
  await h.emulators.admin.advanceClock(MINUTE);
  return { drg, attachment };
}

describe("OCI emulator through oci-core VirtualNetworkClient", () => {
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

  it("when a VCN is created, then it comes with a default route table and the default security list rules", async () => {
    const created = (await h.oci.createVcn({ createVcnDetails: { compartmentId: COMPARTMENT, cidrBlocks: ["10.20.0.0/16"], displayName: "vcn-db" } })).vcn;
    expect(created).toMatchObject({ lifecycleState: "PROVISIONING", cidrBlock: "10.20.0.0/16" });
    expect(created.id).toMatch(/^ocid1\.vcn\.oc1\.iad\./);
    await expect(h.oci.createSubnet({ createSubnetDetails: { compartmentId: COMPARTMENT, vcnId: created.id, cidrBlock: "10.20.1.0/24" } })).rejects.toMatchObject({ statusCode: 409, serviceCode: "IncorrectState" });
    await h.emulators.admin.advanceClock(MINUTE);
    expect((await h.oci.getVcn({ vcnId: created.id })).vcn.lifecycleState).toBe("AVAILABLE");
    const list = (await h.oci.getSecurityList({ securityListId: created.defaultSecurityListId ?? "" })).securityList;
    expect(list.ingressSecurityRules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ protocol: "6", source: "0.0.0.0/0", tcpOptions: { destinationPortRange: { min: 22, max: 22 } } }),
        expect.objectContaining({ protocol: "1", source: "0.0.0.0/0", icmpOptions: { type: 3, code: 4 } }),
      ]),
    );
    expect((await h.oci.getRouteTable({ rtId: created.defaultRouteTableId ?? "" })).routeTable.routeRules).toEqual([]);
  });

  it("when subnets do not fit the VCN, then OCI answers 400 InvalidParameter; a VCN with subnets cannot be deleted", async () => {
    const vcn = await availableVcn(h, "10.20.0.0/16", "vcn-db");
    await expect(h.oci.createSubnet({ createSubnetDetails: { compartmentId: COMPARTMENT, vcnId: vcn.id, cidrBlock: "10.30.1.0/24" } })).rejects.toMatchObject({ statusCode: 400, serviceCode: "InvalidParameter" });
    const subnet = (await h.oci.createSubnet({ createSubnetDetails: { compartmentId: COMPARTMENT, vcnId: vcn.id, cidrBlock: "10.20.1.0/24" } })).subnet;
    expect(subnet).toMatchObject({ routeTableId: vcn.defaultRouteTableId, securityListIds: [vcn.defaultSecurityListId], virtualRouterIp: "10.20.1.1" });
    await expect(h.oci.createSubnet({ createSubnetDetails: { compartmentId: COMPARTMENT, vcnId: vcn.id, cidrBlock: "10.20.1.128/25" } })).rejects.toMatchObject({ statusCode: 400 });
    await expect(h.oci.deleteVcn({ vcnId: vcn.id })).rejects.toMatchObject({ statusCode: 409, serviceCode: "Conflict" });
    await expect(h.oci.getVcn({ vcnId: "ocid1.vcn.oc1.iad.doesnotexist" })).rejects.toMatchObject({ statusCode: 404, serviceCode: "NotAuthorizedOrNotFound" });
  });

  it("when a resource is deleted, then it stays visible as TERMINATED for the retention window, then 404", async () => {
    const vcn = await availableVcn(h, "10.20.0.0/16", "vcn-db");
    const subnet = (await h.oci.createSubnet({ createSubnetDetails: { compartmentId: COMPARTMENT, vcnId: vcn.id, cidrBlock: "10.20.1.0/24" } })).subnet;
    await h.emulators.admin.advanceClock(MINUTE);
    await h.oci.deleteSubnet({ subnetId: subnet.id });
    expect((await h.oci.getSubnet({ subnetId: subnet.id })).subnet.lifecycleState).toBe("TERMINATING");
    await h.emulators.admin.advanceClock(MINUTE);
    expect((await h.oci.getSubnet({ subnetId: subnet.id })).subnet.lifecycleState).toBe("TERMINATED");
    await h.oci.deleteVcn({ vcnId: vcn.id });
    await h.emulators.admin.advanceClock(60 * MINUTE);
    await expect(h.oci.getSubnet({ subnetId: subnet.id })).rejects.toMatchObject({ statusCode: 404 });
  });

  it("when the same retry token is replayed, then the original resource comes back; with another body it is 409 InvalidatedRetryToken", async () => {
    const details = { compartmentId: COMPARTMENT, cidrBlocks: ["10.20.0.0/16"], displayName: "vcn-db" };
    const first = await h.oci.createVcn({ createVcnDetails: details, opcRetryToken: "interlink.setup.1.vcn" });
    const again = await h.oci.createVcn({ createVcnDetails: details, opcRetryToken: "interlink.setup.1.vcn" });
    expect(again.vcn.id).toBe(first.vcn.id);
    await expect(h.oci.createVcn({ createVcnDetails: { ...details, displayName: "other" }, opcRetryToken: "interlink.setup.1.vcn" })).rejects.toMatchObject({
      statusCode: 409,
      serviceCode: "InvalidatedRetryToken",
    });
    const vcns = await h.oci.listVcns({ compartmentId: COMPARTMENT });
    expect(vcns.items).toHaveLength(1);
  });

  it("when a list is paged with limit, then opc-next-page walks every item once", async () => {
    for (let i = 0; i < 5; i++) await h.oci.createVcn({ createVcnDetails: { compartmentId: COMPARTMENT, cidrBlocks: [`10.${20 + i}.0.0/16`], displayName: `vcn-${i}` } });
    const seen: string[] = [];
    let page: string | undefined;
    let pages = 0;
    do {
      const response = await h.oci.listVcns({ compartmentId: COMPARTMENT, limit: 2, sortBy: "DISPLAYNAME" as never, ...(page ? { page } : {}) });
      seen.push(...response.items.map((item) => item.displayName ?? ""));
      page = response.opcNextPage;
      pages++;
    } while (page);
    expect(seen).toEqual(["vcn-0", "vcn-1", "vcn-2", "vcn-3", "vcn-4"]);
    expect(pages).toBe(3);
    await expect(h.oci.listVcns({ compartmentId: "" })).rejects.toMatchObject({ statusCode: 400, serviceCode: "MissingParameter" });
  });

  it("when a route rule targets a DRG, then the DRG must be attached; updates honour if-match etags", async () => {
    const vcn = await availableVcn(h, "10.20.0.0/16", "vcn-db");
    const drg = (await h.oci.createDrg({ createDrgDetails: { compartmentId: COMPARTMENT } })).drg;
    await h.emulators.admin.advanceClock(MINUTE);
    const rule = { destination: "10.10.0.0/16", destinationType: "CIDR_BLOCK" as models.RouteRule.DestinationType, networkEntityId: drg.id, description: "to azure" };
    await expect(h.oci.createRouteTable({ createRouteTableDetails: { compartmentId: COMPARTMENT, vcnId: vcn.id, routeRules: [rule] } })).rejects.toMatchObject({ statusCode: 400, serviceCode: "InvalidParameter" });
    await h.oci.createDrgAttachment({ createDrgAttachmentDetails: { drgId: drg.id, vcnId: vcn.id } });
    await h.emulators.admin.advanceClock(MINUTE);
    const table = await h.oci.createRouteTable({ createRouteTableDetails: { compartmentId: COMPARTMENT, vcnId: vcn.id, routeRules: [rule], displayName: "rt-azure" } });
    await expect(h.oci.updateRouteTable({ rtId: table.routeTable.id, updateRouteTableDetails: { routeRules: [] }, ifMatch: "stale-etag" })).rejects.toMatchObject({ statusCode: 412, serviceCode: "NoEtagMatch" });
    const updated = await h.oci.updateRouteTable({ rtId: table.routeTable.id, updateRouteTableDetails: { routeRules: [] }, ifMatch: table.etag ?? "" });
    expect(updated.routeTable.routeRules).toEqual([]);
    expect(updated.etag).not.toBe(table.etag);
    await expect(h.oci.deleteDrg({ drgId: drg.id })).rejects.toMatchObject({ statusCode: 409, serviceCode: "Conflict" });
  });

  it("when NSG rules are added, updated, listed and removed, then each call answers as OCI does", async () => {
    const vcn = await availableVcn(h, "10.20.0.0/16", "vcn-db");
    const nsg = (await h.oci.createNetworkSecurityGroup({ createNetworkSecurityGroupDetails: { compartmentId: COMPARTMENT, vcnId: vcn.id, displayName: "nsg-db" } })).networkSecurityGroup;
    const added = await h.oci.addNetworkSecurityGroupSecurityRules({
      networkSecurityGroupId: nsg.id,
      addNetworkSecurityGroupSecurityRulesDetails: {
        securityRules: [1521, 1522, 443].map((port) => ({ direction: INGRESS, protocol: "6", source: "10.10.0.0/16", sourceType: "CIDR_BLOCK" as models.AddSecurityRuleDetails.SourceType, tcpOptions: { destinationPortRange: { min: port, max: port } } })),
      },
    });
    const ids = added.addedNetworkSecurityGroupSecurityRules.securityRules?.map((rule) => rule.id) ?? [];
    expect(ids).toHaveLength(3);
    await expect(
      h.oci.addNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsg.id, addNetworkSecurityGroupSecurityRulesDetails: { securityRules: [{ direction: INGRESS, protocol: "6" }] } }),
    ).rejects.toMatchObject({ statusCode: 400, serviceCode: "InvalidParameter" });
    await h.oci.updateNetworkSecurityGroupSecurityRules({
      networkSecurityGroupId: nsg.id,
      updateNetworkSecurityGroupSecurityRulesDetails: { securityRules: [{ id: ids[2] ?? "", direction: INGRESS as never, protocol: "6", source: "10.11.0.0/16", tcpOptions: { destinationPortRange: { min: 443, max: 443 } } }] },
    });
    await h.oci.removeNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsg.id, removeNetworkSecurityGroupSecurityRulesDetails: { securityRuleIds: [ids[0] ?? ""] } });
    const first = await h.oci.listNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsg.id, limit: 1 });
    const second = await h.oci.listNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsg.id, limit: 1, page: first.opcNextPage ?? "" });
    expect([...first.items, ...second.items].map((rule) => rule.source)).toEqual(["10.10.0.0/16", "10.11.0.0/16"]);
    expect(second.opcNextPage).toBeUndefined();
  });

  it("when a VNIC's NSGs are set, then it keeps at most 5, all of its own VCN, with its etag; an NSG with VNICs cannot be deleted", async () => {
    const vcn = await availableVcn(h, "10.20.0.0/16", "vcn-db");
    const other = await availableVcn(h, "10.30.0.0/16", "vcn-other");
    const subnet = (await h.oci.createSubnet({ createSubnetDetails: { compartmentId: COMPARTMENT, vcnId: vcn.id, cidrBlock: "10.20.0.0/24" } })).subnet;
    await h.emulators.admin.outOfBand({ action: "launchVnic", cloud: "oci", subnetId: subnet.id, privateIp: "10.20.0.5", id: "ocid1.vnic.oc1.iad.test" });
    const nsg = async (vcnId: string, displayName: string) => (await h.oci.createNetworkSecurityGroup({ createNetworkSecurityGroupDetails: { compartmentId: COMPARTMENT, vcnId, displayName } })).networkSecurityGroup.id;
    const six = [];
    for (let index = 0; index < 6; index++) six.push(await nsg(vcn.id, `nsg-${index}`));
    const foreign = await nsg(other.id, "nsg-other");
    await h.emulators.admin.advanceClock(MINUTE);
    const vnicId = "ocid1.vnic.oc1.iad.test";
    const read = await h.oci.getVnic({ vnicId });
    expect([read.vnic.subnetId, read.vnic.privateIp, read.vnic.nsgIds]).toEqual([subnet.id, "10.20.0.5", []]);
    await expect(h.oci.updateVnic({ vnicId, updateVnicDetails: { nsgIds: six } })).rejects.toMatchObject({ statusCode: 400, serviceCode: "InvalidParameter", message: expect.stringContaining("at most 5 network security groups") });
    await expect(h.oci.updateVnic({ vnicId, updateVnicDetails: { nsgIds: [foreign] } })).rejects.toMatchObject({ statusCode: 400, serviceCode: "InvalidParameter" });
    const updated = await h.oci.updateVnic({ vnicId, ifMatch: read.etag ?? "", updateVnicDetails: { nsgIds: six.slice(0, 5) } });
    expect(updated.vnic.nsgIds).toEqual(six.slice(0, 5));
    await expect(h.oci.updateVnic({ vnicId, ifMatch: read.etag ?? "", updateVnicDetails: { nsgIds: [] } })).rejects.toMatchObject({ statusCode: 412 });
    await expect(h.oci.deleteNetworkSecurityGroup({ networkSecurityGroupId: six[0] ?? "" })).rejects.toMatchObject({ statusCode: 409, message: expect.stringContaining(vnicId) });
    await h.oci.updateVnic({ vnicId, updateVnicDetails: { nsgIds: six.slice(1, 5) } });
    await h.oci.deleteNetworkSecurityGroup({ networkSecurityGroupId: six[0] ?? "" });
  });

  it("when local peering gateways connect, then both are PEERED with the peer CIDRs; deleting one revokes the other", async () => {
    const a = await availableVcn(h, "10.20.0.0/16", "vcna");
    const b = await availableVcn(h, "10.21.0.0/16", "vcnb");
    const lpgA = (await h.oci.createLocalPeeringGateway({ createLocalPeeringGatewayDetails: { compartmentId: COMPARTMENT, vcnId: a.id } })).localPeeringGateway;
    const lpgB = (await h.oci.createLocalPeeringGateway({ createLocalPeeringGatewayDetails: { compartmentId: COMPARTMENT, vcnId: b.id } })).localPeeringGateway;
    await h.emulators.admin.advanceClock(MINUTE);
    await h.oci.connectLocalPeeringGateways({ localPeeringGatewayId: lpgA.id, connectLocalPeeringGatewaysDetails: { peerId: lpgB.id } });
    const peered = (await h.oci.getLocalPeeringGateway({ localPeeringGatewayId: lpgB.id })).localPeeringGateway;
    expect(peered).toMatchObject({ peeringStatus: "PEERED", peerId: lpgA.id, peerAdvertisedCidr: "10.20.0.0/16" });
    await expect(h.oci.connectLocalPeeringGateways({ localPeeringGatewayId: lpgB.id, connectLocalPeeringGatewaysDetails: { peerId: lpgA.id } })).rejects.toMatchObject({ statusCode: 409 });
    await h.oci.deleteLocalPeeringGateway({ localPeeringGatewayId: lpgA.id });
    expect((await h.oci.getLocalPeeringGateway({ localPeeringGatewayId: lpgB.id })).localPeeringGateway.peeringStatus).toBe("REVOKED");
  });

  it("when every kind is deleted, then each moves through its deleting state to TERMINATED or DETACHED", async () => {
    const vcn = await availableVcn(h, "10.20.0.0/16", "vcnx");
    const { drg, attachment } = await attachedDrg(h, vcn.id);
    const subnet = (await h.oci.createSubnet({ createSubnetDetails: { compartmentId: COMPARTMENT, vcnId: vcn.id, cidrBlock: "10.20.1.0/24" } })).subnet;
    const table = (await h.oci.createRouteTable({ createRouteTableDetails: { compartmentId: COMPARTMENT, vcnId: vcn.id, routeRules: [] } })).routeTable;
    const list = (await h.oci.createSecurityList({ createSecurityListDetails: { compartmentId: COMPARTMENT, vcnId: vcn.id, ingressSecurityRules: [], egressSecurityRules: [] } })).securityList;
    const nsg = (await h.oci.createNetworkSecurityGroup({ createNetworkSecurityGroupDetails: { compartmentId: COMPARTMENT, vcnId: vcn.id } })).networkSecurityGroup;
    const lpg = (await h.oci.createLocalPeeringGateway({ createLocalPeeringGatewayDetails: { compartmentId: COMPARTMENT, vcnId: vcn.id } })).localPeeringGateway;
    const rpc = (await h.oci.createRemotePeeringConnection({ createRemotePeeringConnectionDetails: { compartmentId: COMPARTMENT, drgId: drg.id } })).remotePeeringConnection;
    await h.emulators.admin.advanceClock(MINUTE);
    const removals: [() => Promise<unknown>, () => Promise<string | undefined>, string][] = [
      [() => h.oci.deleteSubnet({ subnetId: subnet.id }), async () => (await h.oci.getSubnet({ subnetId: subnet.id })).subnet.lifecycleState, "TERMINATED"],
      [() => h.oci.deleteRouteTable({ rtId: table.id }), async () => (await h.oci.getRouteTable({ rtId: table.id })).routeTable.lifecycleState, "TERMINATED"],
      [() => h.oci.deleteSecurityList({ securityListId: list.id }), async () => (await h.oci.getSecurityList({ securityListId: list.id })).securityList.lifecycleState, "TERMINATED"],
      [() => h.oci.deleteNetworkSecurityGroup({ networkSecurityGroupId: nsg.id }), async () => (await h.oci.getNetworkSecurityGroup({ networkSecurityGroupId: nsg.id })).networkSecurityGroup.lifecycleState, "TERMINATED"],
      [() => h.oci.deleteLocalPeeringGateway({ localPeeringGatewayId: lpg.id }), async () => (await h.oci.getLocalPeeringGateway({ localPeeringGatewayId: lpg.id })).localPeeringGateway.lifecycleState, "TERMINATED"],
      [() => h.oci.deleteRemotePeeringConnection({ remotePeeringConnectionId: rpc.id }), async () => (await h.oci.getRemotePeeringConnection({ remotePeeringConnectionId: rpc.id })).remotePeeringConnection.lifecycleState, "TERMINATED"],
      [() => h.oci.deleteDrgAttachment({ drgAttachmentId: attachment.id }), async () => (await h.oci.getDrgAttachment({ drgAttachmentId: attachment.id })).drgAttachment.lifecycleState, "DETACHED"],
      [() => h.oci.deleteDrg({ drgId: drg.id }), async () => (await h.oci.getDrg({ drgId: drg.id })).drg.lifecycleState, "TERMINATED"],
      [() => h.oci.deleteVcn({ vcnId: vcn.id }), async () => (await h.oci.getVcn({ vcnId: vcn.id })).vcn.lifecycleState, "TERMINATED"],
    ];
    for (const [remove, state, final] of removals) {
      await remove();
      expect(await state()).toMatch(/^(TERMINATING|DETACHING)$/);
      await h.emulators.admin.advanceClock(MINUTE);
      expect(await state()).toBe(final);
    }
  });
});
