import type { models, VirtualNetworkClient } from "oci-core";
import type { IdentityClient } from "oci-identity";
import { ociIdentityClient, ociVirtualNetworkClient } from "../src/cloud/sdk-clients";
import type { OciTenancyCredentials } from "../src/oci/identity/tenancy-seed";
import { COMPARTMENT, type Harness, MINUTE, startHarness } from "./helpers";

const PHOENIX = "us-phoenix-1";
const VCN_NETWORK = { type: "VCN" } as const;

/** Regions, remote and local peering and DRG attachments, within and across tenancies, through the real SDKs. */
describe("OCI regions and peering across regions and tenancies", () => {
  let h: Harness;
  let partner: OciTenancyCredentials;
  let home: { ashburn: VirtualNetworkClient; phoenix: VirtualNetworkClient; identity: IdentityClient };
  let away: { ashburn: VirtualNetworkClient; phoenix: VirtualNetworkClient; frankfurt: VirtualNetworkClient; identity: IdentityClient };
  let shared: string;

  beforeAll(async () => {
    h = await startHarness({
      ociRegions: [PHOENIX],
      ociTenancies: [{ name: "partner", regions: [PHOENIX, "eu-frankfurt-1"], compartments: ["shared"] }],
    });
    partner = h.emulators.oci.tenancies.partner as OciTenancyCredentials;
    shared = partner.compartments.shared ?? "";
    const signer = { endpoint: h.emulators.oci.endpoint, ...partner.admin };
    home = { ashburn: h.oci, phoenix: ociVirtualNetworkClient(h.emulators.oci, { region: PHOENIX }), identity: ociIdentityClient(h.emulators.oci) };
    away = {
      ashburn: ociVirtualNetworkClient(signer, { maxAttempts: 1 }),
      phoenix: ociVirtualNetworkClient(signer, { region: PHOENIX, maxAttempts: 1 }),
      frankfurt: ociVirtualNetworkClient(signer, { region: "eu-frankfurt-1", maxAttempts: 1 }),
      identity: ociIdentityClient(signer),
    };
  });
  afterAll(async () => {
    await h.stop();
  });
  beforeEach(async () => {
    await h.emulators.admin.reset();
  });

  const advance = (ms = MINUTE) => h.emulators.admin.advanceClock(ms);

  async function vcn(client: VirtualNetworkClient, compartmentId: string, cidr: string, displayName: string) {
    const created = (await client.createVcn({ createVcnDetails: { compartmentId, cidrBlocks: [cidr], displayName } })).vcn;
    await advance();
    return created;
  }

  async function drgWithRpc(client: VirtualNetworkClient, compartmentId: string, name: string) {
    const drg = (await client.createDrg({ createDrgDetails: { compartmentId, displayName: `drg-${name}` } })).drg;
    await advance();
    const rpc = (await client.createRemotePeeringConnection({ createRemotePeeringConnectionDetails: { compartmentId, drgId: drg.id, displayName: `rpc-${name}` } })).remotePeeringConnection;
    await advance();
    return { drg, rpc };
  }

  it("when a VCN is made through a region's endpoint, it lives there: phx OCID, listed and read only through that region", async () => {
    const west = await vcn(home.phoenix, COMPARTMENT, "10.50.0.0/16", "vcn-west");
    expect(west.id).toMatch(/^ocid1\.vcn\.oc1\.phx\./);
    expect((await home.phoenix.listVcns({ compartmentId: COMPARTMENT })).items.map((item) => item.id)).toEqual([west.id]);
    expect((await home.ashburn.listVcns({ compartmentId: COMPARTMENT })).items).toEqual([]);
    await expect(home.ashburn.getVcn({ vcnId: west.id })).rejects.toMatchObject({ statusCode: 404 });
    const east = await vcn(home.ashburn, COMPARTMENT, "10.20.0.0/16", "vcn-east");
    expect(east.id).toMatch(/^ocid1\.vcn\.oc1\.iad\./);
    expect((await h.emulators.admin.snapshot()).oci.filter((item) => item.kind === "vcn").map((item) => [item.resource.displayName, item.emulator.region])).toEqual(
      expect.arrayContaining([
        ["vcn-west", PHOENIX],
        ["vcn-east", "us-ashburn-1"],
      ]),
    );
    const nowhere = ociVirtualNetworkClient(h.emulators.oci, { region: "xx-nowhere-9", maxAttempts: 1 });
    await expect(nowhere.listVcns({ compartmentId: COMPARTMENT })).rejects.toMatchObject({ statusCode: 404, serviceCode: "NotFound" });
  });

  it("when RPCs in two regions connect, they are PENDING then PEERED with each other's region, each attached to its DRG; deleting one revokes the other", async () => {
    const east = await drgWithRpc(home.ashburn, COMPARTMENT, "east");
    const west = await drgWithRpc(home.phoenix, COMPARTMENT, "west");
    const rpcAttachments = await home.ashburn.listDrgAttachments({ compartmentId: COMPARTMENT, drgId: east.drg.id, attachmentType: "REMOTE_PEERING_CONNECTION" as never });
    expect(rpcAttachments.items).toEqual([expect.objectContaining({ lifecycleState: "ATTACHED", networkDetails: expect.objectContaining({ type: "REMOTE_PEERING_CONNECTION", id: east.rpc.id }) })]);
    const connect = (details: Partial<models.ConnectRemotePeeringConnectionsDetails>) =>
      home.ashburn.connectRemotePeeringConnections({ remotePeeringConnectionId: east.rpc.id, connectRemotePeeringConnectionsDetails: { peerId: west.rpc.id, peerRegionName: PHOENIX, ...details } });
    await expect(connect({ peerRegionName: "eu-frankfurt-1" })).rejects.toMatchObject({ statusCode: 404 });
    await expect(connect({ peerRegionName: undefined as never })).rejects.toMatchObject({ statusCode: 400, message: "peerRegionName may not be null." });
    const sameRegion = await drgWithRpc(home.ashburn, COMPARTMENT, "east2");
    await expect(connect({ peerId: sameRegion.rpc.id, peerRegionName: "us-ashburn-1" })).rejects.toMatchObject({ statusCode: 400 });
    await connect({});
    expect((await home.phoenix.getRemotePeeringConnection({ remotePeeringConnectionId: west.rpc.id })).remotePeeringConnection.peeringStatus).toBe("PENDING");
    await advance(2 * MINUTE);
    expect((await home.ashburn.getRemotePeeringConnection({ remotePeeringConnectionId: east.rpc.id })).remotePeeringConnection).toMatchObject({ peeringStatus: "PEERED", peerId: west.rpc.id, peerRegionName: PHOENIX, peerTenancyId: h.emulators.oci.tenancy, isCrossTenancyPeering: false });
    expect((await home.phoenix.getRemotePeeringConnection({ remotePeeringConnectionId: west.rpc.id })).remotePeeringConnection).toMatchObject({ peeringStatus: "PEERED", peerRegionName: "us-ashburn-1" });
    await home.phoenix.deleteRemotePeeringConnection({ remotePeeringConnectionId: west.rpc.id });
    expect((await home.ashburn.getRemotePeeringConnection({ remotePeeringConnectionId: east.rpc.id })).remotePeeringConnection.peeringStatus).toBe("REVOKED");
    await advance();
    const westAttachments = await home.phoenix.listDrgAttachments({ compartmentId: COMPARTMENT, drgId: west.drg.id, attachmentType: "ALL" as never });
    expect(westAttachments.items.map((item) => item.lifecycleState)).toEqual(["DETACHED"]);
  });

  it("when RPCs of two tenancies connect, the requestor needs its Endorse and the acceptor's Admit; a peer region the requestor is not subscribed to is not found", async () => {
    const requestor = await drgWithRpc(home.ashburn, COMPARTMENT, "requestor");
    const acceptor = await drgWithRpc(away.phoenix, shared, "acceptor");
    const connect = (peerId: string, peerRegionName: string) =>
      home.ashburn.connectRemotePeeringConnections({ remotePeeringConnectionId: requestor.rpc.id, connectRemotePeeringConnectionsDetails: { peerId, peerRegionName } });
    await expect(connect(acceptor.rpc.id, PHOENIX)).rejects.toMatchObject({ statusCode: 404 });
    expect((await h.emulators.admin.journal({ op: "connectRemotePeeringConnections", status: 404 }))[0]?.note).toContain("needs an Endorse");
    const tenancy = h.emulators.oci.tenancy;
    const admins = (await home.identity.listGroups({ compartmentId: tenancy, name: "Administrators" })).items[0]?.id ?? "";
    await home.identity.createPolicy({ createPolicyDetails: { compartmentId: tenancy, name: "rpc-requestor", description: "x", statements: [`Define tenancy Acceptor as ${partner.tenancy}`, "Endorse group Administrators to manage remote-peering-to in tenancy Acceptor"] } });
    await away.identity.createPolicy({
      createPolicyDetails: {
        compartmentId: partner.tenancy,
        name: "rpc-acceptor",
        description: "x",
        statements: [`Define tenancy Requestor as ${tenancy}`, `Define group requestorGroup as ${admins}`, "Admit group requestorGroup of tenancy Requestor to manage remote-peering-to in compartment shared"],
      },
    });
    // Frankfurt: the partner is subscribed there, the requestor's tenancy is not.
    const far = await drgWithRpc(away.frankfurt, shared, "far");
    await expect(connect(far.rpc.id, "eu-frankfurt-1")).rejects.toMatchObject({ statusCode: 404 });
    expect((await h.emulators.admin.journal({ op: "connectRemotePeeringConnections", status: 404 })).at(-1)?.note).toContain("not subscribed to the peer region eu-frankfurt-1");
    await connect(acceptor.rpc.id, PHOENIX);
    await advance(2 * MINUTE);
    expect((await home.ashburn.getRemotePeeringConnection({ remotePeeringConnectionId: requestor.rpc.id })).remotePeeringConnection).toMatchObject({ peeringStatus: "PEERED", peerTenancyId: partner.tenancy, isCrossTenancyPeering: true });
    expect((await away.phoenix.getRemotePeeringConnection({ remotePeeringConnectionId: acceptor.rpc.id })).remotePeeringConnection).toMatchObject({ peeringStatus: "PEERED", peerTenancyId: tenancy, isCrossTenancyPeering: true });
  });

  it("when LPGs of two tenancies connect, the pair of policies with the associate statements is needed; the requestor signs alone", async () => {
    const tenancy = h.emulators.oci.tenancy;
    const hub = await vcn(home.ashburn, COMPARTMENT, "10.20.0.0/16", "hub");
    const spoke = await vcn(away.ashburn, shared, "10.40.0.0/16", "spoke");
    const hubLpg = (await home.ashburn.createLocalPeeringGateway({ createLocalPeeringGatewayDetails: { compartmentId: COMPARTMENT, vcnId: hub.id, displayName: "lpg-hub" } })).localPeeringGateway;
    const spokeLpg = (await away.ashburn.createLocalPeeringGateway({ createLocalPeeringGatewayDetails: { compartmentId: shared, vcnId: spoke.id, displayName: "lpg-spoke" } })).localPeeringGateway;
    await advance();
    const connect = () => home.ashburn.connectLocalPeeringGateways({ localPeeringGatewayId: hubLpg.id, connectLocalPeeringGatewaysDetails: { peerId: spokeLpg.id } });
    await expect(connect()).rejects.toMatchObject({ statusCode: 404 });
    const admins = (await home.identity.listGroups({ compartmentId: tenancy, name: "Administrators" })).items[0]?.id ?? "";
    await home.identity.createPolicy({
      createPolicyDetails: {
        compartmentId: tenancy,
        name: "lpg-requestor",
        description: "x",
        statements: [`Define tenancy Acceptor as ${partner.tenancy}`, "Endorse group Administrators to manage local-peering-to in tenancy Acceptor", "Endorse group Administrators to associate local-peering-gateways in compartment test with local-peering-gateways in tenancy Acceptor"],
      },
    });
    const acceptorStatements = [`Define tenancy Requestor as ${tenancy}`, `Define group requestorGrp as ${admins}`, "Admit group requestorGrp of tenancy Requestor to manage local-peering-to in compartment shared"];
    const acceptorPolicy = await away.identity.createPolicy({ createPolicyDetails: { compartmentId: partner.tenancy, name: "lpg-acceptor", description: "x", statements: acceptorStatements } });
    await expect(connect()).rejects.toMatchObject({ statusCode: 404 });
    expect((await h.emulators.admin.journal({ op: "connectLocalPeeringGateways", status: 404 })).at(-1)?.note).toContain("associate local-peering-gateways in tenancy");
    await away.identity.updatePolicy({
      policyId: acceptorPolicy.policy.id,
      updatePolicyDetails: { statements: [...acceptorStatements, "Admit group requestorGrp of tenancy Requestor to associate local-peering-gateways in tenancy Requestor with local-peering-gateways in compartment shared"] },
    });
    await connect();
    expect((await home.ashburn.getLocalPeeringGateway({ localPeeringGatewayId: hubLpg.id })).localPeeringGateway).toMatchObject({ peeringStatus: "PEERED", peerId: spokeLpg.id, peerAdvertisedCidr: "10.40.0.0/16", isCrossTenancyPeering: true });
    expect((await away.ashburn.getLocalPeeringGateway({ localPeeringGatewayId: spokeLpg.id })).localPeeringGateway).toMatchObject({ peeringStatus: "PEERED", peerId: hubLpg.id, isCrossTenancyPeering: true });
  });

  it("when a VCN of another tenancy is attached to a DRG, the attachment is cross-tenancy and lives with the VCN; the VCN's admins may give it a route table", async () => {
    const tenancy = h.emulators.oci.tenancy;
    const drg = (await home.ashburn.createDrg({ createDrgDetails: { compartmentId: COMPARTMENT, displayName: "drg-hub" } })).drg;
    const spoke = await vcn(away.ashburn, shared, "10.60.0.0/16", "spoke");
    const attach = () => home.ashburn.createDrgAttachment({ createDrgAttachmentDetails: { drgId: drg.id, networkDetails: { ...VCN_NETWORK, id: spoke.id } as models.VcnDrgAttachmentNetworkCreateDetails } });
    await expect(attach()).rejects.toMatchObject({ statusCode: 404 });
    const homeAdmins = (await home.identity.listGroups({ compartmentId: tenancy, name: "Administrators" })).items[0]?.id ?? "";
    const awayAdmins = partner.groups.Administrators ?? "";
    await home.identity.createPolicy({
      createPolicyDetails: {
        compartmentId: tenancy,
        name: "drg-tenancy",
        description: "x",
        statements: [`define group vcnAdmin as ${awayAdmins}`, `define group drgAdmin as ${homeAdmins}`, `define tenancy acceptorVCN as ${partner.tenancy}`, "endorse group drgAdmin to manage drg-attachment in tenancy acceptorVCN", "admit group vcnAdmin of tenancy acceptorVCN to manage drg in tenancy"],
      },
    });
    await away.identity.createPolicy({
      createPolicyDetails: {
        compartmentId: partner.tenancy,
        name: "vcn-tenancy",
        description: "x",
        statements: [`define tenancy requestorDRG as ${tenancy}`, `define group drgAdmin as ${homeAdmins}`, `define group vcnAdmin as ${awayAdmins}`, "admit group drgAdmin of tenancy requestorDRG to manage drg-attachment in tenancy", "endorse group vcnAdmin to manage drg in tenancy requestorDRG"],
      },
    });
    const attachment = (await attach()).drgAttachment;
    expect(attachment).toMatchObject({ compartmentId: shared, isCrossTenancy: true, drgId: drg.id, lifecycleState: "ATTACHING" });
    await advance();
    // The VCN's admins read it in their compartment and associate their transit route table with it.
    const table = (await away.ashburn.createRouteTable({ createRouteTableDetails: { compartmentId: shared, vcnId: spoke.id, routeRules: [] } })).routeTable;
    await advance();
    const updated = await away.ashburn.updateDrgAttachment({ drgAttachmentId: attachment.id, updateDrgAttachmentDetails: { networkDetails: { type: "VCN", routeTableId: table.id } as never } });
    expect(updated.drgAttachment).toMatchObject({ routeTableId: table.id });
    await expect(
      away.ashburn.updateDrgAttachment({ drgAttachmentId: attachment.id, updateDrgAttachmentDetails: { drgRouteTableId: drg.defaultDrgRouteTables?.virtualCircuit ?? "" } }),
    ).rejects.toMatchObject({ statusCode: 404 });
    expect((await away.ashburn.listDrgAttachments({ compartmentId: shared, vcnId: spoke.id })).items.map((item) => item.id)).toEqual([attachment.id]);
  });

  it("when route tables are associated with an LPG or a DRG attachment, they must belong to the gateway's VCN (and DRG)", async () => {
    const a = await vcn(home.ashburn, COMPARTMENT, "10.20.0.0/16", "a");
    const b = await vcn(home.ashburn, COMPARTMENT, "10.21.0.0/16", "b");
    const tableOfB = (await home.ashburn.createRouteTable({ createRouteTableDetails: { compartmentId: COMPARTMENT, vcnId: b.id, routeRules: [] } })).routeTable;
    const tableOfA = (await home.ashburn.createRouteTable({ createRouteTableDetails: { compartmentId: COMPARTMENT, vcnId: a.id, routeRules: [] } })).routeTable;
    const lpg = (await home.ashburn.createLocalPeeringGateway({ createLocalPeeringGatewayDetails: { compartmentId: COMPARTMENT, vcnId: a.id } })).localPeeringGateway;
    await advance();
    await expect(home.ashburn.updateLocalPeeringGateway({ localPeeringGatewayId: lpg.id, updateLocalPeeringGatewayDetails: { routeTableId: tableOfB.id } })).rejects.toMatchObject({ statusCode: 400 });
    expect((await home.ashburn.updateLocalPeeringGateway({ localPeeringGatewayId: lpg.id, updateLocalPeeringGatewayDetails: { routeTableId: tableOfA.id } })).localPeeringGateway.routeTableId).toBe(tableOfA.id);
    const drg = (await home.ashburn.createDrg({ createDrgDetails: { compartmentId: COMPARTMENT, displayName: "drg" } })).drg;
    const other = (await home.ashburn.createDrg({ createDrgDetails: { compartmentId: COMPARTMENT, displayName: "other" } })).drg;
    await advance();
    const attachment = (await home.ashburn.createDrgAttachment({ createDrgAttachmentDetails: { drgId: drg.id, vcnId: a.id, routeTableId: tableOfA.id } })).drgAttachment;
    expect(attachment).toMatchObject({ routeTableId: tableOfA.id, isCrossTenancy: false });
    await expect(home.ashburn.updateDrgAttachment({ drgAttachmentId: attachment.id, updateDrgAttachmentDetails: { drgRouteTableId: other.defaultDrgRouteTables?.vcn ?? "" } })).rejects.toMatchObject({ statusCode: 400 });
  });
});
