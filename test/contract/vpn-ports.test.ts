import { generate } from "selfsigned";
import { azureNetworkClient } from "@interlink/cloud-emulators";
import { classifyCloudError } from "../../shared/clouds/errors";
import { isNotReady } from "../../shared/clouds/ports";
import { type ActionRead, type IpsecTunnelSpec, type IpsecTunnelView } from "../../shared/clouds/vpn-ports";
import { RECOMMENDED_IPSEC_POLICY } from "../../shared/domain/vpn-policy";
import { advance, DEMO, type Harness, MINUTE, startHarness, TAGS, VNET_ID } from "./harness";

const RG = DEMO.resourceGroup;
const LOCATION = DEMO.location;
/** Inside addresses of the two tunnels: Oracle's end .1, Azure's APIPA end .2. */
const INSIDE = [
  { oracle: "169.254.21.1", azure: "169.254.21.2" },
  { oracle: "169.254.22.1", azure: "169.254.22.2" },
];
const SECRETS = ["contractSecretOne1", "contractSecretTwo2"];

function done<T>(read: ActionRead<T> | { notReady: string }): T {
  if ("notReady" in read) throw new Error(`not ready: ${read.notReady}`);
  if (!read.done) throw new Error("the read is still running");
  return read.value;
}

function running<T>(read: ActionRead<T> | { notReady: string }): string {
  if ("notReady" in read || read.done) throw new Error("expected a running read");
  return read.operation;
}

async function rootCertificate(): Promise<string> {
  const pems = await generate([{ name: "commonName", value: "Interlink contract root" }], { keySize: 2048, extensions: [{ name: "basicConstraints", cA: true }] });
  return pems.cert;
}

/**
 * The VPN methods of both ports against the emulators with the real SDKs, in the order an azure-oci VPN link is
 * built, checked, rotated and torn down. Every port method runs at least once.
 */
describe("VPN ports against the emulators (real @azure/arm-network and oci-core)", () => {
  let h: Harness;
  let publicIp: { id: string; ipAddress: string };
  let gatewayId: string;
  let cpeId: string;
  let ipsecId: string;
  let tunnels: IpsecTunnelView[];
  const gatewayConfig = () => `${gatewayId}/ipConfigurations/default`;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("when a Standard public IP is put, then it reads back with its address; a missing one is null", async () => {
    const { id } = await h.azure.putPublicIp(RG, "vpngw-pip", { location: LOCATION, tags: TAGS });
    await advance(h, MINUTE);
    const pip = await h.azure.getPublicIp(RG, "vpngw-pip");
    expect(pip).toMatchObject({ id, provisioningState: "Succeeded", ipAddress: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/), tags: TAGS });
    publicIp = { id, ipAddress: pip?.ipAddress ?? "" };
    expect(await h.azure.getPublicIp(RG, "no-such-pip")).toBeNull();
  });

  it("when the VPN gateway is put with BGP and APIPA addresses, then it provisions in 35 minutes and is found by VNet with its instance's public IP", async () => {
    await h.azure.ensureSubnet(RG, DEMO.vnet.name, "GatewaySubnet", "10.10.255.0/27");
    await advance(h, MINUTE);
    expect(await h.azure.findVpnGateway(RG, VNET_ID)).toBeNull();
    const started = await h.azure.putVpnGateway(RG, "vnet-app-vpngw", {
      location: LOCATION,
      gatewaySubnetId: `${VNET_ID}/subnets/GatewaySubnet`,
      sku: "VpnGw1AZ",
      publicIpIds: [publicIp.id],
      enableBgp: true,
      apipaAddresses: [INSIDE.map((inside) => inside.azure)],
      tags: TAGS,
    });
    if (isNotReady(started)) throw new Error(started.notReady);
    gatewayId = started.id;
    expect(started.operation).toEqual(expect.any(String));
    expect((await h.azure.getVpnGateway(RG, "vnet-app-vpngw"))?.provisioningState).toBe("Updating");
    await advance(h, 36 * MINUTE);
    const gateway = await h.azure.findVpnGateway(RG, VNET_ID);
    expect(gateway).toMatchObject({ id: gatewayId, name: "vnet-app-vpngw", provisioningState: "Succeeded", sku: "VpnGw1AZ", activeActive: false, enableBgp: true, asn: 65515, pointToSite: null, tags: TAGS });
    expect(gateway?.instances).toEqual([{ ipConfigurationId: gatewayConfig(), publicIpAddress: publicIp.ipAddress, defaultBgpAddress: "10.10.255.30", customBgpAddresses: ["169.254.21.2", "169.254.22.2"] }]);
    expect(await h.azure.getVpnGateway(RG, "no-such-gateway")).toBeNull();
  });

  it("when a CPE is created for the gateway's address with a retry token twice, then there is one, found by name and owner", async () => {
    await h.clouds.oci.createDrgAttachment(DEMO.drg.id, DEMO.vcn.id, "vpn-contract-attachment", TAGS, "vpn-token-attach");
    const first = await h.clouds.oci.createCpe(DEMO.compartmentId, "contract-link-cpe", publicIp.ipAddress, TAGS, "vpn-token-cpe");
    const again = await h.clouds.oci.createCpe(DEMO.compartmentId, "contract-link-cpe", publicIp.ipAddress, TAGS, "vpn-token-cpe");
    expect(again.id).toBe(first.id);
    cpeId = first.id;
    expect(await h.clouds.oci.getCpe(cpeId)).toEqual({ id: cpeId, displayName: "contract-link-cpe", ipAddress: publicIp.ipAddress, freeformTags: TAGS });
    expect(await h.clouds.oci.findCpe(DEMO.compartmentId, "contract-link-cpe", "contract-link")).toMatchObject({ id: cpeId });
    expect(await h.clouds.oci.findCpe(DEMO.compartmentId, "contract-link-cpe", "someone-else")).toBeNull();
    expect(await h.clouds.oci.getCpe("ocid1.cpe.oc1.iad.nosuchcpe")).toBeNull();
  });

  it("when the IPSec connection is created with two BGP tunnels and the shared policy, then it provisions, and its tunnels have their headends but no secret", async () => {
    const tunnel = (index: number): IpsecTunnelSpec => ({
      displayName: `contract-link-tunnel-${index + 1}`,
      routing: "BGP",
      sharedSecret: SECRETS[index] ?? "",
      bgp: { oracleInterfaceIp: `${INSIDE[index]?.oracle}/30`, customerInterfaceIp: `${INSIDE[index]?.azure}/30`, customerBgpAsn: 65515 },
      policy: RECOMMENDED_IPSEC_POLICY,
    });
    const spec = { compartmentId: DEMO.compartmentId, displayName: "contract-link-ipsec", drgId: DEMO.drg.id, cpeId, staticRoutes: [], tunnels: [tunnel(0), tunnel(1)] as [IpsecTunnelSpec, IpsecTunnelSpec], tags: TAGS };
    const created = await h.clouds.oci.createIpsecConnection(spec, "vpn-token-ipsec");
    const replayed = await h.clouds.oci.createIpsecConnection(spec, "vpn-token-ipsec");
    if (isNotReady(created) || isNotReady(replayed)) throw new Error("not ready");
    expect(replayed.id).toBe(created.id);
    ipsecId = created.id;
    expect(created).toMatchObject({ lifecycleState: "PROVISIONING", drgId: DEMO.drg.id, cpeId, staticRoutes: [] });
    await advance(h, 4 * MINUTE);
    expect(await h.clouds.oci.getIpsecConnection(ipsecId)).toMatchObject({ lifecycleState: "AVAILABLE" });
    expect(await h.clouds.oci.findIpsecConnection(DEMO.compartmentId, "contract-link-ipsec", "contract-link")).toMatchObject({ id: ipsecId });
    tunnels = await h.clouds.oci.listIpsecTunnels(ipsecId);
    expect(tunnels.map((entry) => [entry.status, entry.lifecycleState, entry.routing, entry.ikeVersion, entry.bgp.customerBgpAsn])).toEqual([
      ["DOWN", "AVAILABLE", "BGP", "V2", "65515"],
      ["DOWN", "AVAILABLE", "BGP", "V2", "65515"],
    ]);
    expect(JSON.stringify(tunnels)).not.toContain(SECRETS[0]);
    expect(await h.clouds.oci.getTunnelSharedSecret(ipsecId, tunnels[0]?.id ?? "")).toBe(SECRETS[0]);
  });

  it("when a local network gateway and an IPsec connection are put per tunnel with its secret, then both tunnels and their BGP sessions come UP", async () => {
    for (const [index, tunnel] of tunnels.entries()) {
      const local = await h.azure.putLocalNetworkGateway(RG, `contract-link-lng-${index + 1}`, { location: LOCATION, gatewayIpAddress: tunnel.vpnIp ?? "", addressPrefixes: [], bgp: { asn: 31898, peeringAddress: INSIDE[index]?.oracle ?? "" }, tags: TAGS });
      expect(isNotReady(local)).toBe(false);
    }
    await advance(h, MINUTE);
    expect(await h.azure.getLocalNetworkGateway(RG, "contract-link-lng-1")).toMatchObject({ provisioningState: "Succeeded", gatewayIpAddress: tunnels[0]?.vpnIp, addressPrefixes: [], bgp: { asn: 31898, peeringAddress: "169.254.21.1" }, tags: TAGS });
    for (const [index, tunnel] of tunnels.entries()) {
      const sharedKey = await h.clouds.oci.getTunnelSharedSecret(ipsecId, tunnel.id);
      const local = await h.azure.getLocalNetworkGateway(RG, `contract-link-lng-${index + 1}`);
      const started = await h.azure.putVpnConnection(RG, `contract-link-conn-${index + 1}`, {
        location: LOCATION,
        gatewayId,
        to: { localNetworkGatewayId: local?.id ?? "" },
        sharedKey,
        enableBgp: true,
        ipsecPolicy: RECOMMENDED_IPSEC_POLICY,
        customBgpAddresses: [{ ipConfigurationId: gatewayConfig(), address: INSIDE[index]?.azure ?? "" }],
        tags: TAGS,
      });
      if (isNotReady(started)) throw new Error(started.notReady);
      expect(started.operation ?? "").not.toContain(sharedKey);
    }
    await advance(h, 2 * MINUTE);
    const connection = await h.azure.getVpnConnection(RG, "contract-link-conn-1");
    expect(connection).toMatchObject({ provisioningState: "Succeeded", connectionStatus: "Connected", connectionType: "IPsec", gatewayId, enableBgp: true, connectionProtocol: "IKEv2", ipsecPolicy: RECOMMENDED_IPSEC_POLICY, tags: TAGS });
    expect(JSON.stringify(connection)).not.toContain(SECRETS[0]);
    expect(await h.azure.getVpnConnection(RG, "no-such-connection")).toBeNull();
    expect((await h.clouds.oci.listIpsecTunnels(ipsecId)).map((tunnel) => [tunnel.status, tunnel.bgp.state, tunnel.cpeIp])).toEqual([
      ["UP", "UP", publicIp.ipAddress],
      ["UP", "UP", publicIp.ipAddress],
    ]);
  });

  it("when the gateway's BGP peers and learned routes are read, then the reads finish (at once, or on their next poll) with both Oracle peers and the VCN", async () => {
    // ARM may answer a POST action at once or with an operation to poll: both are followed to the end.
    const settled = async <T>(read: ActionRead<T> | { notReady: string }, resume: (operation: string) => Promise<ActionRead<T>>) => ("notReady" in read || read.done ? read : resume(read.operation));
    const peers = await settled(await h.azure.startVpnGatewayPeersRead(RG, "vnet-app-vpngw"), (operation) => h.azure.resumeVpnGatewayPeersRead(operation));
    expect(done(peers).map((peer) => [peer.neighbor, peer.localAddress, peer.asn, peer.state])).toEqual([
      ["169.254.21.1", "169.254.21.2", 31898, "Connected"],
      ["169.254.22.1", "169.254.22.2", 31898, "Connected"],
    ]);
    const routes = await settled(await h.azure.startVpnGatewayRoutesRead(RG, "vnet-app-vpngw"), (operation) => h.azure.resumeVpnGatewayRoutesRead(operation));
    expect(done(routes).map((route) => [route.network, route.nextHop, route.origin])).toEqual([
      ["10.20.0.0/16", "169.254.21.1", "EBgp"],
      ["10.20.0.0/16", "169.254.22.1", "EBgp"],
    ]);
  });

  it("when OCI's side of the routes is read, then each tunnel shows both advertisers and the DRG learned the VNet over one tunnel (no ECMP)", async () => {
    expect((await h.clouds.oci.listTunnelRoutes(ipsecId, tunnels[0]?.id ?? "")).map((route) => [route.prefix, route.advertiser])).toEqual([
      ["10.10.0.0/16", "CUSTOMER"],
      ["10.20.0.0/16", "ORACLE"],
    ]);
    const learned = await h.clouds.oci.listDrgLearnedRoutes(DEMO.drg.id);
    expect(learned.map((route) => [route.destination, route.provenance, route.carriesTraffic])).toEqual([
      ["10.10.0.0/16", "IPSEC_TUNNEL", true],
      ["10.10.0.0/16", "IPSEC_TUNNEL", false],
    ]);
    expect(await h.clouds.oci.getTunnelError(ipsecId, tunnels[0]?.id ?? "")).toBeNull();
  });

  it("when a tunnel's key is rotated on both sides, then it is down only in between with OCI saying why, and a second change while it re-provisions is not ready", async () => {
    const tunnelId = tunnels[0]?.id ?? "";
    const rotated = "contractRotated42";
    expect(await h.clouds.oci.setTunnelSharedSecret(ipsecId, tunnelId, rotated)).toEqual({ done: true });
    expect(isNotReady(await h.clouds.oci.setTunnelSharedSecret(ipsecId, tunnelId, rotated))).toBe(true);
    await advance(h, 2 * MINUTE);
    expect(await h.clouds.oci.getTunnelError(ipsecId, tunnelId)).toBe("the pre-shared keys differ");
    const started = await h.azure.setConnectionSharedKey(RG, "contract-link-conn-1", rotated);
    if (isNotReady(started)) throw new Error(started.notReady);
    expect(started.operation ?? "").not.toContain(rotated);
    expect(await h.azure.getConnectionSharedKey(RG, "contract-link-conn-1")).toBe(rotated);
    expect(await h.azure.getConnectionSharedKey(RG, "no-such-connection")).toBeNull();
    expect((await h.clouds.oci.listIpsecTunnels(ipsecId)).map((tunnel) => tunnel.status)).toEqual(["UP", "UP"]);
    expect(await h.clouds.oci.getTunnelError(ipsecId, tunnelId)).toBeNull();
  });

  it("when a write carrying a key is refused, then the error is a permanent 400 whose message and fields hold no key", async () => {
    const badKey = "schlüssel-nicht-ascii-€";
    const error = await h.azure.setConnectionSharedKey(RG, "contract-link-conn-2", badKey).catch((caught: unknown) => caught);
    expect(classifyCloudError(error)).toMatchObject({ retryable: false, failure: { cloud: "azure", status: 400, code: "InvalidSharedKey" } });
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(badKey);
    expect(error).not.toHaveProperty("request");
    const ociError = await h.clouds.oci.setTunnelSharedSecret(ipsecId, tunnels[1]?.id ?? "", "semi;colon;secret").catch((caught: unknown) => caught);
    expect(classifyCloudError(ociError)).toMatchObject({ retryable: false, failure: { cloud: "oci", status: 400 } });
    expect(JSON.stringify(ociError, Object.getOwnPropertyNames(ociError))).not.toContain("semi;colon;secret");
  });

  it("when point-to-site is set with a root certificate, then the gateway updates and the client package URL comes back; meanwhile the gateway is not ready", async () => {
    const certificate = await rootCertificate();
    const started = await h.azure.setPointToSite(RG, "vnet-app-vpngw", { addressPrefixes: ["172.16.201.0/24"], rootCertificates: [{ name: "interlink-root", publicCertData: certificate }] });
    expect(isNotReady(started)).toBe(false);
    expect(isNotReady(await h.azure.setPointToSite(RG, "vnet-app-vpngw", null))).toBe(true);
    expect(isNotReady(await h.azure.startVpnClientPackage(RG, "vnet-app-vpngw"))).toBe(true);
    await advance(h, 11 * MINUTE);
    expect((await h.azure.getVpnGateway(RG, "vnet-app-vpngw"))?.pointToSite).toEqual({ addressPrefixes: ["172.16.201.0/24"], protocols: ["IkeV2", "OpenVPN"], rootCertificateNames: ["interlink-root"] });
    const operation = running(await h.azure.startVpnClientPackage(RG, "vnet-app-vpngw"));
    await advance(h, MINUTE);
    expect(done(await h.azure.resumeVpnClientPackage(operation))).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/__emulator\/vpnclientpackages\//);
    // The site-to-site tunnels lived through the gateway update.
    expect((await h.clouds.oci.listIpsecTunnels(ipsecId)).map((tunnel) => tunnel.status)).toEqual(["UP", "UP"]);
  });

  it("when two VPN gateways in different subscriptions are joined by Vnet2Vnet connections with one key, then both are Connected", async () => {
    const other = "22222222-2222-2222-2222-222222222222";
    await azureNetworkClient(h.emulators.azure, other)
      .virtualNetworks.beginCreateOrUpdate(RG, "vnet-remote", { location: "westeurope", addressSpace: { addressPrefixes: ["10.40.0.0/16"] }, subnets: [{ name: "GatewaySubnet", addressPrefix: "10.40.255.0/27" }] });
    const remote = h.clouds.azure(other);
    const { id: remotePip } = await remote.putPublicIp(RG, "remote-pip", { location: "westeurope", tags: TAGS });
    await advance(h, MINUTE);
    const remoteGateway = await remote.putVpnGateway(RG, "remote-vpngw", {
      location: "westeurope",
      gatewaySubnetId: `/subscriptions/${other}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/vnet-remote/subnets/GatewaySubnet`,
      sku: "VpnGw2AZ",
      publicIpIds: [remotePip],
      enableBgp: true,
      asn: 65020,
      tags: TAGS,
    });
    if (isNotReady(remoteGateway)) throw new Error(remoteGateway.notReady);
    await advance(h, 36 * MINUTE);
    const key = "vnetToVnetKey77";
    await h.azure.putVpnConnection(RG, "contract-v2v-out", { location: LOCATION, gatewayId, to: { peerGatewayId: remoteGateway.id }, sharedKey: key, enableBgp: true, tags: TAGS });
    await remote.putVpnConnection(RG, "contract-v2v-in", { location: "westeurope", gatewayId: remoteGateway.id, to: { peerGatewayId: gatewayId }, sharedKey: key, enableBgp: true, tags: TAGS });
    await advance(h, 2 * MINUTE);
    expect(await h.azure.getVpnConnection(RG, "contract-v2v-out")).toMatchObject({ connectionType: "Vnet2Vnet", peerGatewayId: remoteGateway.id, connectionStatus: "Connected" });
    expect(await remote.getVpnConnection(RG, "contract-v2v-in")).toMatchObject({ connectionStatus: "Connected" });
    for (const [port, name] of [
      [h.azure, "contract-v2v-out"],
      [remote, "contract-v2v-in"],
    ] as const) {
      await port.deleteConnection(RG, name);
    }
    await advance(h, 2 * MINUTE);
    await remote.deleteVirtualNetworkGateway(RG, "remote-vpngw");
    await advance(h, 11 * MINUTE);
    expect(await remote.deletePublicIp(RG, "remote-pip")).toMatchObject({ existed: true });
  });

  it("when the link is torn down in order, then every delete reports what existed and nothing is left behind", async () => {
    for (const name of ["contract-link-conn-1", "contract-link-conn-2"]) expect(await h.azure.deleteConnection(RG, name)).toMatchObject({ existed: true });
    await advance(h, 2 * MINUTE);
    for (const name of ["contract-link-lng-1", "contract-link-lng-2"]) expect(await h.azure.deleteLocalNetworkGateway(RG, name)).toMatchObject({ existed: true });
    expect(await h.clouds.oci.deleteIpsecConnection(ipsecId)).toEqual({ existed: true });
    await advance(h, 2 * MINUTE);
    expect(await h.clouds.oci.deleteIpsecConnection(ipsecId)).toEqual({ existed: false });
    expect(await h.clouds.oci.getIpsecConnection(ipsecId)).toBeNull();
    expect(await h.clouds.oci.deleteCpe(cpeId)).toEqual({ existed: true });
    expect(await h.clouds.oci.deleteCpe(cpeId)).toEqual({ existed: false });
    expect(await h.azure.deleteLocalNetworkGateway(RG, "contract-link-lng-1")).toEqual({ existed: false });
    expect(await h.azure.deleteVirtualNetworkGateway(RG, "vnet-app-vpngw")).toMatchObject({ existed: true });
    await advance(h, 11 * MINUTE);
    expect(await h.azure.deletePublicIp(RG, "vpngw-pip")).toMatchObject({ existed: true });
    await h.azure.deleteSubnet(RG, DEMO.vnet.name, "GatewaySubnet");
    const [attachment] = await h.clouds.oci.listDrgAttachments(DEMO.compartmentId, { vcnId: DEMO.vcn.id });
    await h.clouds.oci.deleteDrgAttachment(attachment?.id ?? "");
    await advance(h, 2 * MINUTE);
    expect(await h.azure.deletePublicIp(RG, "vpngw-pip")).toEqual({ existed: false });
    expect(await h.emulators.admin.orphans()).toEqual([]);
  });
});
