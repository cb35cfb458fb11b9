import type { models } from "oci-core";
import { azureNetworkClient } from "../src/cloud/sdk-clients";
import { armId, COMPARTMENT, finish, type Harness, MINUTE, RG, startHarness } from "./helpers";
import { buildInterconnect } from "./interconnect-fixture";
import { momentsAllDown } from "../src/fabric/tunnel-journal";
import { AZURE_POLICY, buildOciVpn, buildVpnGateway, connectAzureToTunnels } from "./vpn-fixture";

/** A VCN on a DRG (attached), for VPN-only tests. */
async function attachedDrg(h: Harness, cidr = "10.20.0.0/16"): Promise<{ drgId: string; vcnId: string }> {
  const vcn = await h.oci.createVcn({ createVcnDetails: { compartmentId: COMPARTMENT, cidrBlocks: [cidr], displayName: "vcn-db" } });
  const drg = await h.oci.createDrg({ createDrgDetails: { compartmentId: COMPARTMENT, displayName: "vpn-drg" } });
  await h.emulators.admin.advanceClock(MINUTE);
  await h.oci.createDrgAttachment({ createDrgAttachmentDetails: { drgId: drg.drg.id, networkDetails: { type: "VCN", id: vcn.vcn.id } as models.VcnDrgAttachmentNetworkCreateDetails } });
  await h.emulators.admin.advanceClock(MINUTE);
  return { drgId: drg.drg.id, vcnId: vcn.vcn.id };
}

/** Azure VPN gateway + OCI IPSec connection with BGP on both tunnels, everything agreeing. */
async function buildBgpVpn(h: Harness) {
  const oci = await attachedDrg(h);
  const azure = await buildVpnGateway(h);
  const ipsec = await buildOciVpn(h, { drgId: oci.drgId, cpeIp: azure.publicIps[0] ?? "" });
  const connections = await connectAzureToTunnels(h, { gatewayId: azure.gateway.id ?? "", tunnels: ipsec.tunnels, ipsecId: ipsec.ipsecId });
  return { oci, azure, ipsec, connections };
}

describe("VPN coupling: OCI IPSec tunnels <-> Azure VPN gateway connections", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ durations: { armAction: 0, vpnClientPackage: 0 } });
  });
  afterAll(async () => {
    await h.stop();
  });
  beforeEach(async () => {
    await h.emulators.admin.reset();
  });

  it("when both sides agree on addresses, key, IKEv2, policy and BGP, then both tunnels and BGP are UP and each side learns the other's prefixes", async () => {
    const { ipsec, azure, oci, connections } = await buildBgpVpn(h);
    const tunnels = (await h.oci.listIPSecConnectionTunnels({ ipscId: ipsec.ipsecId })).items;
    expect(tunnels.map((tunnel) => [tunnel.status, tunnel.bgpSessionInfo?.bgpState, tunnel.cpeIp])).toEqual([
      ["UP", "UP", azure.publicIps[0]],
      ["UP", "UP", azure.publicIps[0]],
    ]);
    for (const name of connections) expect((await h.azure.virtualNetworkGatewayConnections.get(RG, name)).connectionStatus).toBe("Connected");

    const peers = await (await h.azure.virtualNetworkGateways.beginGetBgpPeerStatus(RG, "vnet-app-vpngw")).pollUntilDone();
    expect(peers.value?.map((peer) => [peer.neighbor, peer.localAddress, peer.asn, peer.state])).toEqual([
      ["169.254.21.1", "169.254.21.2", 31898, "Connected"],
      ["169.254.22.1", "169.254.22.2", 31898, "Connected"],
    ]);
    const learned = await (await h.azure.virtualNetworkGateways.beginGetLearnedRoutes(RG, "vnet-app-vpngw")).pollUntilDone();
    expect(learned.value?.map((route) => [route.network, route.nextHop, route.origin, route.asPath])).toEqual([
      ["10.20.0.0/16", "169.254.21.1", "EBgp", "31898"],
      ["10.20.0.0/16", "169.254.22.1", "EBgp", "31898"],
    ]);

    const drg = (await h.oci.getDrg({ drgId: oci.drgId })).drg;
    const rules = (await h.oci.listDrgRouteRules({ drgRouteTableId: drg.defaultDrgRouteTables?.vcn ?? "" })).items;
    expect(rules.map((rule) => [rule.destination, rule.routeProvenance, rule.routeType])).toEqual([
      ["10.10.0.0/16", "IPSEC_TUNNEL", "DYNAMIC"],
      ["10.10.0.0/16", "IPSEC_TUNNEL", "DYNAMIC"],
      // The VCN table also imports the VCN attachments (the VCN's own CIDR).
      ["10.20.0.0/16", "VCN", "DYNAMIC"],
    ]);
    const attachments = (await h.oci.listDrgAttachments({ compartmentId: COMPARTMENT, drgId: oci.drgId, attachmentType: "IPSEC_TUNNEL" as never })).items;
    expect(new Set(rules.filter((rule) => rule.routeProvenance === "IPSEC_TUNNEL").map((rule) => rule.nextHopDrgAttachmentId))).toEqual(new Set(attachments.map((attachment) => attachment.id)));
    const routes = (await h.oci.listIPSecConnectionTunnelRoutes({ ipscId: ipsec.ipsecId, tunnelId: ipsec.tunnels[0]?.id ?? "" })).items;
    expect(routes.map((route) => [route.prefix, route.advertiser, route.asPath])).toEqual([
      ["10.10.0.0/16", "CUSTOMER", [65515]],
      ["10.20.0.0/16", "ORACLE", [31898]],
    ]);
    expect(azure.gateway.bgpSettings?.bgpPeeringAddresses?.[0]?.tunnelIpAddresses).toEqual([azure.publicIps[0]]);
  });

  it("when a shared key is changed out of band on one side, then that tunnel is DOWN with the reason in the snapshot, the other stays UP, and no key appears anywhere", async () => {
    const { ipsec, connections } = await buildBgpVpn(h);
    const [first, second] = ipsec.tunnels;
    await h.emulators.admin.outOfBand({ action: "setSharedKey", cloud: "azure", connectionId: armId("connections", connections[0] ?? ""), value: "someoneElsesKey123" });

    const tunnel = (await h.oci.getIPSecConnectionTunnel({ ipscId: ipsec.ipsecId, tunnelId: first?.id ?? "" })).iPSecConnectionTunnel;
    expect([tunnel.status, tunnel.bgpSessionInfo?.bgpState]).toEqual(["DOWN", "DOWN"]);
    expect((await h.azure.virtualNetworkGatewayConnections.get(RG, connections[0] ?? "")).connectionStatus).toBe("NotConnected");
    expect((await h.azure.virtualNetworkGatewayConnections.get(RG, connections[1] ?? "")).connectionStatus).toBe("Connected");

    const snapshot = await h.emulators.admin.snapshot();
    const views = new Map(snapshot.vpn.tunnels.map((view) => [view.ociTunnelId, view]));
    expect(views.get(first?.id ?? "")).toMatchObject({ status: "DOWN", reason: "the pre-shared keys differ" });
    expect(views.get(second?.id ?? "")).toMatchObject({ status: "UP", bgp: "UP", reason: null });
    const ipsecEntry = snapshot.oci.find((entry) => entry.id === ipsec.ipsecId);
    expect(ipsecEntry?.emulator.tunnels).toEqual(expect.arrayContaining([expect.objectContaining({ id: first?.id, status: "DOWN", reason: "the pre-shared keys differ" })]));
    const error = (await h.oci.getIPSecConnectionTunnelError({ ipscId: ipsec.ipsecId, tunnelId: first?.id ?? "" })).iPSecConnectionTunnelErrorDetails;
    expect(error).toMatchObject({ errorCode: "TUNNEL_DOWN", errorDescription: "the pre-shared keys differ" });

    const everything = JSON.stringify([snapshot, await h.emulators.admin.vpn(), await h.emulators.admin.vpnJournal(), await h.emulators.admin.journal()]);
    expect(everything).not.toContain("someoneElsesKey123");
    expect(everything).not.toContain("secret1abcdefghij");
  });

  it("when the keys are rotated one tunnel at a time, then the journal shows both tunnels were never DOWN together; rotating both at once does", async () => {
    const { ipsec, connections } = await buildBgpVpn(h);
    const tunnelIds = ipsec.tunnels.map((tunnel) => tunnel.id);
    const start = (await h.emulators.admin.vpnJournal()).at(-1)?.seq ?? 0;
    const rotate = async (index: number, key: string) => {
      await h.oci.updateIPSecConnectionTunnelSharedSecret({ ipscId: ipsec.ipsecId, tunnelId: tunnelIds[index] ?? "", updateIPSecConnectionTunnelSharedSecretDetails: { sharedSecret: key } });
      await finish(h.azure.virtualNetworkGatewayConnections.beginSetSharedKey(RG, connections[index] ?? "", { value: key }), h, 2 * MINUTE);
    };
    await rotate(0, "rotatedKeyOne123");
    await rotate(1, "rotatedKeyTwo456");
    const sequential = await h.emulators.admin.vpnJournal({ since: start });
    // Each tunnel did go down (and came back): the assertion below is about something that happened.
    expect(sequential.filter((entry) => entry.to?.status === "DOWN").map((entry) => entry.link.ociTunnelId)).toEqual(tunnelIds);
    expect(momentsAllDown(sequential, tunnelIds)).toEqual([]);
    expect((await h.emulators.admin.vpn()).tunnels.map((view) => view.status)).toEqual(["UP", "UP"]);

    const before = (await h.emulators.admin.vpnJournal()).at(-1)?.seq ?? 0;
    for (const index of [0, 1]) {
      await h.oci.updateIPSecConnectionTunnelSharedSecret({ ipscId: ipsec.ipsecId, tunnelId: tunnelIds[index] ?? "", updateIPSecConnectionTunnelSharedSecretDetails: { sharedSecret: `carelessKey${index}` } });
    }
    await h.emulators.admin.advanceClock(2 * MINUTE);
    expect(momentsAllDown(await h.emulators.admin.vpnJournal({ since: before }), tunnelIds)).not.toEqual([]);
  });

  it("when the two sides disagree, then the tunnel stays DOWN (or only BGP is DOWN) with a reason naming what differs", async () => {
    const oci = await attachedDrg(h);
    const azure = await buildVpnGateway(h);
    const cases: Array<{ owner: string; reason: RegExp; bgpOnly?: boolean; build: (cpeIp: string) => Promise<void> }> = [
      {
        owner: "ike",
        reason: /^IKE versions differ: Azure IKEv2, OCI V1$/,
        build: async (cpeIp) => {
          const vpn = await buildOciVpn(h, { drgId: oci.drgId, cpeIp, owner: "ike", ikeVersion: "V1" });
          await connectAzureToTunnels(h, { gatewayId: azure.gateway.id ?? "", tunnels: vpn.tunnels, ipsecId: vpn.ipsecId, owner: "ike", only: [0] });
        },
      },
      {
        owner: "policy",
        reason: /^IKE \(phase 1\) integrity does not match: Azure SHA256, OCI SHA2_384$/,
        build: async (cpeIp) => {
          const vpn = await buildOciVpn(h, { drgId: oci.drgId, cpeIp, owner: "policy" });
          await connectAzureToTunnels(h, { gatewayId: azure.gateway.id ?? "", tunnels: vpn.tunnels, ipsecId: vpn.ipsecId, owner: "policy", only: [0], policy: { ...AZURE_POLICY, ikeIntegrity: "SHA256" } });
        },
      },
      {
        owner: "cpe",
        reason: /^the CPE's IP address 52\.1\.2\.3 is none of the Azure gateway's public IP addresses/,
        build: async () => {
          const vpn = await buildOciVpn(h, { drgId: oci.drgId, cpeIp: "52.1.2.3", owner: "cpe" });
          await connectAzureToTunnels(h, { gatewayId: azure.gateway.id ?? "", tunnels: vpn.tunnels, ipsecId: vpn.ipsecId, owner: "cpe", only: [0] });
        },
      },
      {
        owner: "asn",
        bgpOnly: true,
        reason: /^the tunnel's customer BGP ASN is 65010, but the Azure gateway's is 65515$/,
        build: async (cpeIp) => {
          const vpn = await buildOciVpn(h, { drgId: oci.drgId, cpeIp, owner: "asn", customerAsn: "65010" });
          await connectAzureToTunnels(h, { gatewayId: azure.gateway.id ?? "", tunnels: vpn.tunnels, ipsecId: vpn.ipsecId, owner: "asn", only: [0] });
        },
      },
    ];
    for (const scenario of cases) {
      await scenario.build(azure.publicIps[0] ?? "");
      const view = (await h.emulators.admin.vpn()).tunnels.find((tunnel) => tunnel.azureConnectionId?.includes(`${scenario.owner}-conn-1`));
      expect(view?.reason).toMatch(scenario.reason);
      expect([view?.status, view?.bgp]).toEqual(scenario.bgpOnly ? ["UP", "DOWN"] : ["DOWN", "DOWN"]);
    }
    // The second tunnel of each had nothing pointing at it.
    expect((await h.emulators.admin.vpn()).tunnels.filter((view) => view.reason?.startsWith("no Azure connection's local network gateway points at")).length).toBe(cases.length);
  });

  it("when the gateway is active-active, then each instance pairs with the tunnels of the CPE that has its address, using its own APIPA address", async () => {
    const oci = await attachedDrg(h);
    const azure = await buildVpnGateway(h, { activeActive: true });
    const gatewayId = azure.gateway.id ?? "";
    const instance = (name: string) => `${gatewayId}/ipConfigurations/${name}`;
    const first = await buildOciVpn(h, { drgId: oci.drgId, cpeIp: azure.publicIps[0] ?? "", owner: "aa-0" });
    const second = await buildOciVpn(h, { drgId: oci.drgId, cpeIp: azure.publicIps[1] ?? "", owner: "aa-1" });
    // Instance 0 uses 169.254.21.2 towards tunnel 1 of the first CPE; instance 1 uses 169.254.22.2 towards tunnel 2 of the second.
    await connectAzureToTunnels(h, { gatewayId, tunnels: first.tunnels, ipsecId: first.ipsecId, owner: "aa-0", only: [0], customBgp: [[{ ipConfigurationId: instance("default"), customBgpIpAddress: "169.254.21.2" }, { ipConfigurationId: instance("activeactive"), customBgpIpAddress: "169.254.22.2" }]] });
    await connectAzureToTunnels(h, {
      gatewayId,
      tunnels: second.tunnels,
      ipsecId: second.ipsecId,
      owner: "aa-1",
      only: [1],
      customBgp: [[], [{ ipConfigurationId: instance("default"), customBgpIpAddress: "169.254.21.2" }, { ipConfigurationId: instance("activeactive"), customBgpIpAddress: "169.254.22.2" }]],
    });
    const views = (await h.emulators.admin.vpn()).tunnels.filter((view) => view.status === "UP");
    expect(views.map((view) => [view.cpeIp, view.azureInstance, view.bgp, view.bgpAddresses.azure])).toEqual([
      [azure.publicIps[0], instance("default"), "UP", "169.254.21.2"],
      [azure.publicIps[1], instance("activeactive"), "UP", "169.254.22.2"],
    ]);
    expect(azure.gateway.bgpSettings?.bgpPeeringAddresses?.map((entry) => [entry.defaultBgpIpAddresses, entry.customBgpIpAddresses])).toEqual([
      [["10.10.255.4"], ["169.254.21.2"]],
      [["10.10.255.5"], ["169.254.22.2"]],
    ]);
  });

  it("when the tunnels route statically, then Azure routes the local network gateway's prefixes and the DRG the IPSec connection's static routes", async () => {
    const oci = await attachedDrg(h);
    const azure = await buildVpnGateway(h);
    const vpn = await buildOciVpn(h, { drgId: oci.drgId, cpeIp: azure.publicIps[0] ?? "", routing: "STATIC", staticRoutes: ["10.10.0.0/16"] });
    await connectAzureToTunnels(h, { gatewayId: azure.gateway.id ?? "", tunnels: vpn.tunnels, ipsecId: vpn.ipsecId, enableBgp: false, addressPrefixes: ["10.20.0.0/16"] });
    expect((await h.emulators.admin.vpn()).tunnels.map((view) => [view.status, view.bgp])).toEqual([
      ["UP", null],
      ["UP", null],
    ]);
    const learned = await (await h.azure.virtualNetworkGateways.beginGetLearnedRoutes(RG, "vnet-app-vpngw")).pollUntilDone();
    expect(learned.value?.map((route) => [route.network, route.origin, route.nextHop])).toEqual([
      ["10.20.0.0/16", "Network", vpn.tunnels[0]?.vpnIp],
      ["10.20.0.0/16", "Network", vpn.tunnels[1]?.vpnIp],
    ]);
    const drg = (await h.oci.getDrg({ drgId: oci.drgId })).drg;
    const rules = (await h.oci.listDrgRouteRules({ drgRouteTableId: drg.defaultDrgRouteTables?.vcn ?? "" })).items;
    expect(rules.map((rule) => [rule.destination, rule.routeProvenance])).toEqual([
      ["10.10.0.0/16", "IPSEC_TUNNEL"],
      ["10.10.0.0/16", "IPSEC_TUNNEL"],
      ["10.20.0.0/16", "VCN"],
    ]);
  });

  it("when two VPN gateways in different subscriptions and regions connect both ways with the same key, then both connections are Connected; a different key or a missing direction is not", async () => {
    const otherSubscription = "11111111-1111-1111-1111-111111111111";
    const other = azureNetworkClient(h.emulators.azure, otherSubscription);
    const a = await buildVpnGateway(h, { vnet: "vnet-a", addressPrefix: "10.10.0.0/16", asn: 65010, apipa: [[]] });
    const b = await buildVpnGateway(h, { vnet: "vnet-b", addressPrefix: "10.30.0.0/16", asn: 65020, apipa: [[]], client: other, location: "westeurope" });
    const connect = (client: Harness["azure"], name: string, from: string, to: string, key: string, location: string) =>
      finish(client.virtualNetworkGatewayConnections.beginCreateOrUpdate(RG, name, { location, connectionType: "Vnet2Vnet", virtualNetworkGateway1: { id: from }, virtualNetworkGateway2: { id: to }, sharedKey: key, enableBgp: true }), h, 2 * MINUTE);
    const forward = await connect(h.azure, "a-to-b", a.gateway.id ?? "", b.gateway.id ?? "", "sharedByBoth1", "eastus");
    expect(forward.connectionStatus).toBe("Connecting");
    await connect(other, "b-to-a", b.gateway.id ?? "", a.gateway.id ?? "", "sharedByBoth1", "westeurope");
    expect((await h.azure.virtualNetworkGatewayConnections.get(RG, "a-to-b")).connectionStatus).toBe("Connected");
    expect((await other.virtualNetworkGatewayConnections.get(RG, "b-to-a")).connectionStatus).toBe("Connected");
    const learned = await (await h.azure.virtualNetworkGateways.beginGetLearnedRoutes(RG, "vnet-a-vpngw")).pollUntilDone();
    expect(learned.value?.map((route) => [route.network, route.origin, route.asPath])).toEqual([["10.30.0.0/16", "EBgp", "65020"]]);

    await finish(other.virtualNetworkGatewayConnections.beginSetSharedKey(RG, "b-to-a", { value: "somethingElse2" }), h, MINUTE);
    expect((await h.azure.virtualNetworkGatewayConnections.get(RG, "a-to-b")).connectionStatus).toBe("NotConnected");
    expect((await h.emulators.admin.vpn()).vnet2vnet).toEqual([expect.objectContaining({ status: "DOWN", reason: "the pre-shared keys differ" })]);
  });

  it("when a VNet/VCN pair has both the interconnect and a VPN, then ExpressRoute carries the traffic both ways; once the ExpressRoute connection goes, the VPN does", async () => {
    const { oci, connection } = await buildInterconnect(h);
    const azure = await buildVpnGateway(h);
    const ipsec = await buildOciVpn(h, { drgId: oci.drgId, cpeIp: azure.publicIps[0] ?? "" });
    await connectAzureToTunnels(h, { gatewayId: azure.gateway.id ?? "", tunnels: ipsec.tunnels, ipsecId: ipsec.ipsecId });

    const [pair] = await h.emulators.admin.paths();
    expect(pair).toMatchObject({ vcnId: oci.vcnId, carriedBy: "ExpressRoute" });
    expect((await h.emulators.admin.snapshot()).vpn.paths).toEqual([pair]);
    expect(pair?.azureToOci[0]).toMatchObject({ destination: "10.20.0.0/16", carriedBy: "ExpressRoute", rule: "ExpressRoute is preferred over VPN for the same prefix" });
    expect(pair?.ociToAzure[0]).toMatchObject({ destination: "10.10.0.0/16", carriedBy: "ExpressRoute", rule: "VIRTUAL_CIRCUIT attachments are preferred over IPSEC_TUNNEL attachments" });
    const drg = (await h.oci.getDrg({ drgId: oci.drgId })).drg;
    const rules = async () => (await h.oci.listDrgRouteRules({ drgRouteTableId: drg.defaultDrgRouteTables?.vcn ?? "" })).items.map((rule) => [rule.routeProvenance, rule.isConflict]);
    expect(await rules()).toEqual([
      ["VIRTUAL_CIRCUIT", false],
      ["IPSEC_TUNNEL", true],
      ["IPSEC_TUNNEL", true],
      ["VCN", false],
    ]);

    await finish(h.azure.virtualNetworkGatewayConnections.beginDelete(RG, connection.name ?? ""), h, 2 * MINUTE);
    const [after] = await h.emulators.admin.paths();
    expect(after?.carriedBy).toBe("VPN");
    expect(after?.azureToOci[0]).toMatchObject({ carriedBy: "VPN", rule: "only path" });
    // Without ECMP the DRG keeps one of two equal tunnel routes.
    expect(await rules()).toEqual([
      ["IPSEC_TUNNEL", false],
      ["IPSEC_TUNNEL", true],
      ["VCN", false],
    ]);
  });

  it("when a VPN link's resources carry one owner tag, then they are not duplicates of each other; once deleted, nothing is left over", async () => {
    const { ipsec, connections } = await buildBgpVpn(h);
    expect(await h.emulators.admin.orphans()).toEqual([]);
    for (const name of connections) await finish(h.azure.virtualNetworkGatewayConnections.beginDelete(RG, name), h, 2 * MINUTE);
    for (const index of [1, 2]) await finish(h.azure.localNetworkGateways.beginDelete(RG, `vpn-link-lng-${index}`), h, MINUTE);
    await h.oci.deleteIPSecConnection({ ipscId: ipsec.ipsecId });
    await h.emulators.admin.advanceClock(2 * MINUTE);
    await h.oci.deleteCpe({ cpeId: ipsec.cpeId });
    expect(await h.emulators.admin.orphans()).toEqual([]);
    const journal = await h.emulators.admin.vpnJournal({ link: ipsec.ipsecId });
    expect(journal.slice(-2).map((entry) => entry.to)).toEqual([null, null]);
  });
});
