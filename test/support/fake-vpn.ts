import { type NotReady, type PublicIpView, type Started, type Tags } from "../../shared/clouds/ports";
import {
  type ActionRead,
  type AzureVpnPort,
  type BgpPeerView,
  type CpeView,
  type DrgLearnedRoute,
  type GatewayRouteView,
  type IpsecConnectionSpec,
  type IpsecConnectionView,
  type IpsecTunnelView,
  type LocalNetworkGatewaySpec,
  type LocalNetworkGatewayView,
  type OciVpnPort,
  type PointToSiteSpec,
  type TunnelRouteView,
  type VpnConnectionSpec,
  type VpnConnectionView,
  type VpnGatewaySpec,
  type VpnGatewayView,
} from "../../shared/clouds/vpn-ports";
import { FakePort } from "./fake-port";

/**
 * The VPN half of the in-memory cloud ports: resources are kept as the views the real ports return, shared keys
 * beside them (as the clouds keep them). Provisioning does not move by itself: a test sets `provisioningState`,
 * `connectionStatus`, a tunnel's `status`, or what a gateway read returns.
 */

const ARM = "/subscriptions/sub/resourceGroups";
const key = (resourceGroup: string, name: string) => `${resourceGroup.toLowerCase()}/${name.toLowerCase()}`;
const armId = (resourceGroup: string, type: string, name: string) => `${ARM}/${resourceGroup}/providers/Microsoft.Network/${type}/${name}`;
const LIVE = (state: string) => !["TERMINATED", "TERMINATING"].includes(state);

export class FakeAzureVpn extends FakePort implements AzureVpnPort {
  readonly vpnGateways = new Map<string, VpnGatewayView>();
  readonly localGateways = new Map<string, LocalNetworkGatewayView>();
  readonly vpnConnections = new Map<string, VpnConnectionView>();
  readonly sharedKeys = new Map<string, string>();
  /** Public IPs (FakeAzure writes them): a VPN gateway instance takes its address from its IP. */
  readonly publicIps = new Map<string, PublicIpView>();
  /** What the next gateway reads answer (by gateway name). */
  readonly bgpPeers = new Map<string, BgpPeerView[]>();
  readonly learnedRoutes = new Map<string, GatewayRouteView[]>();
  vpnClientPackageUrl = "https://127.0.0.1/vpnclientpackage.zip";
  protected addresses = 0;

  async findVpnGateway(_resourceGroup: string, vnetId: string): Promise<VpnGatewayView | null> {
    this.enter("findVpnGateway");
    return [...this.vpnGateways.values()].find((gateway) => gateway.subnetId?.toLowerCase().startsWith(`${vnetId.toLowerCase()}/subnets/`)) ?? null;
  }

  async getVpnGateway(resourceGroup: string, name: string): Promise<VpnGatewayView | null> {
    this.enter("getVpnGateway");
    return this.vpnGateways.get(key(resourceGroup, name)) ?? null;
  }

  async putVpnGateway(resourceGroup: string, name: string, spec: VpnGatewaySpec): Promise<({ id: string } & Started) | NotReady> {
    this.enter("putVpnGateway");
    const id = armId(resourceGroup, "virtualNetworkGateways", name);
    const instances = spec.publicIpIds.map((publicIpId, index) => ({
      ipConfigurationId: `${id}/ipConfigurations/${index === 0 ? "default" : "activeactive"}`,
      publicIpAddress: [...this.publicIps.values()].find((pip) => pip.id === publicIpId)?.ipAddress ?? `20.0.0.${index + 1}`,
      defaultBgpAddress: `10.0.255.${spec.publicIpIds.length > 1 ? 4 + index : 30}`,
      customBgpAddresses: spec.apipaAddresses?.[index] ?? [],
    }));
    const pointToSite = spec.pointToSite ? { addressPrefixes: spec.pointToSite.addressPrefixes, protocols: spec.pointToSite.protocols ?? ["IkeV2", "OpenVPN"], rootCertificateNames: spec.pointToSite.rootCertificates.map((root) => root.name) } : null;
    return this.answer("putVpnGateway", () => {
      this.vpnGateways.set(key(resourceGroup, name), { id, name, provisioningState: "Updating", sku: spec.sku, activeActive: instances.length > 1, enableBgp: spec.enableBgp, asn: spec.asn ?? 65515, subnetId: spec.gatewaySubnetId, instances, pointToSite, tags: { ...spec.tags } });
      return { id };
    });
  }

  async setPointToSite(resourceGroup: string, gateway: string, pointToSite: PointToSiteSpec | null): Promise<({ id: string } & Started) | NotReady> {
    this.enter("setPointToSite");
    const current = this.vpnGateways.get(key(resourceGroup, gateway));
    if (!current) throw Object.assign(new Error(`no gateway ${gateway}`), { statusCode: 404, code: "ResourceNotFound" });
    if (current.provisioningState === "Updating") return { notReady: `the VPN gateway ${gateway} is Updating` };
    current.pointToSite = pointToSite ? { addressPrefixes: pointToSite.addressPrefixes, protocols: pointToSite.protocols ?? ["IkeV2", "OpenVPN"], rootCertificateNames: pointToSite.rootCertificates.map((root) => root.name) } : null;
    current.provisioningState = "Updating";
    return { id: current.id };
  }

  async startVpnClientPackage(resourceGroup: string, gateway: string): Promise<ActionRead<string> | NotReady> {
    this.enter("startVpnClientPackage");
    const current = this.vpnGateways.get(key(resourceGroup, gateway));
    if (current?.provisioningState !== "Succeeded") return { notReady: `the VPN gateway ${gateway} is ${current?.provisioningState ?? "missing"}` };
    return { done: true, value: this.vpnClientPackageUrl };
  }

  async resumeVpnClientPackage(): Promise<ActionRead<string>> {
    this.enter("resumeVpnClientPackage");
    return { done: true, value: this.vpnClientPackageUrl };
  }

  async startVpnGatewayPeersRead(_resourceGroup: string, gateway: string): Promise<ActionRead<BgpPeerView[]>> {
    this.enter("startVpnGatewayPeersRead");
    return { done: true, value: this.bgpPeers.get(gateway) ?? [] };
  }

  async resumeVpnGatewayPeersRead(operation: string): Promise<ActionRead<BgpPeerView[]>> {
    this.enter("resumeVpnGatewayPeersRead");
    return { done: true, value: this.bgpPeers.get(operation) ?? [] };
  }

  async startVpnGatewayRoutesRead(_resourceGroup: string, gateway: string): Promise<ActionRead<GatewayRouteView[]>> {
    this.enter("startVpnGatewayRoutesRead");
    return { done: true, value: this.learnedRoutes.get(gateway) ?? [] };
  }

  async resumeVpnGatewayRoutesRead(operation: string): Promise<ActionRead<GatewayRouteView[]>> {
    this.enter("resumeVpnGatewayRoutesRead");
    return { done: true, value: this.learnedRoutes.get(operation) ?? [] };
  }

  async getLocalNetworkGateway(resourceGroup: string, name: string): Promise<LocalNetworkGatewayView | null> {
    this.enter("getLocalNetworkGateway");
    return this.localGateways.get(key(resourceGroup, name)) ?? null;
  }

  async putLocalNetworkGateway(resourceGroup: string, name: string, spec: LocalNetworkGatewaySpec): Promise<({ id: string } & Started) | NotReady> {
    this.enter("putLocalNetworkGateway");
    const id = armId(resourceGroup, "localNetworkGateways", name);
    return this.answer("putLocalNetworkGateway", () => {
      this.localGateways.set(key(resourceGroup, name), { id, provisioningState: "Updating", gatewayIpAddress: spec.gatewayIpAddress, addressPrefixes: [...spec.addressPrefixes], bgp: spec.bgp ?? null, tags: { ...spec.tags } });
      return { id };
    });
  }

  async deleteLocalNetworkGateway(resourceGroup: string, name: string): Promise<{ existed: boolean }> {
    this.enter("deleteLocalNetworkGateway");
    return { existed: this.localGateways.delete(key(resourceGroup, name)) };
  }

  async getVpnConnection(resourceGroup: string, name: string): Promise<VpnConnectionView | null> {
    this.enter("getVpnConnection");
    return this.vpnConnections.get(key(resourceGroup, name)) ?? null;
  }

  async putVpnConnection(resourceGroup: string, name: string, spec: VpnConnectionSpec): Promise<({ id: string } & Started) | NotReady> {
    this.enter("putVpnConnection");
    const id = armId(resourceGroup, "connections", name);
    const to = "localNetworkGatewayId" in spec.to ? { connectionType: "IPsec", localNetworkGatewayId: spec.to.localNetworkGatewayId } : { connectionType: "Vnet2Vnet", peerGatewayId: spec.to.peerGatewayId };
    return this.answer("putVpnConnection", () => {
      this.vpnConnections.set(key(resourceGroup, name), { id, provisioningState: "Updating", connectionStatus: "Unknown", gatewayId: spec.gatewayId, ...to, enableBgp: spec.enableBgp, connectionProtocol: spec.protocol ?? "IKEv2", ipsecPolicy: spec.ipsecPolicy ?? null, tags: { ...spec.tags } });
      this.sharedKeys.set(key(resourceGroup, name), spec.sharedKey);
      return { id };
    });
  }

  async getConnectionSharedKey(resourceGroup: string, name: string): Promise<string | null> {
    this.enter("getConnectionSharedKey");
    return this.sharedKeys.get(key(resourceGroup, name)) ?? null;
  }

  async setConnectionSharedKey(resourceGroup: string, name: string, sharedKey: string): Promise<({ id: string } & Started) | NotReady> {
    this.enter("setConnectionSharedKey");
    const connection = this.vpnConnections.get(key(resourceGroup, name));
    if (!connection) throw Object.assign(new Error(`no connection ${name}`), { statusCode: 404, code: "ResourceNotFound" });
    return this.answer("setConnectionSharedKey", () => {
      this.sharedKeys.set(key(resourceGroup, name), sharedKey);
      return { id: connection.id };
    });
  }
}

export class FakeOciVpn extends FakePort implements OciVpnPort {
  readonly cpes = new Map<string, CpeView & { compartmentId: string }>();
  readonly ipsecConnections = new Map<string, IpsecConnectionView & { compartmentId: string; tunnels: IpsecTunnelView[] }>();
  /** Tunnel id -> its shared secret. */
  readonly tunnelSecrets = new Map<string, string>();
  /** Tunnel id -> why it is down. */
  readonly tunnelErrors = new Map<string, string>();
  readonly tunnelRoutes = new Map<string, TunnelRouteView[]>();
  readonly drgLearnedRoutes = new Map<string, DrgLearnedRoute[]>();
  /** Create requests by retry token: a repeated token gets the first answer back. */
  private readonly vpnRetryTokens = new Map<string, unknown>();
  private vpnSequence = 0;

  private vpnOcid(kind: string): string {
    return `ocid1.${kind}.oc1.iad.fakevpn${++this.vpnSequence}`;
  }

  async getCpe(cpeId: string): Promise<CpeView | null> {
    this.enter("getCpe");
    return this.cpes.get(cpeId) ?? null;
  }

  async findCpe(compartmentId: string, displayName: string, owner: string): Promise<CpeView | null> {
    this.enter("findCpe");
    return [...this.cpes.values()].find((cpe) => cpe.compartmentId === compartmentId && cpe.displayName === displayName && cpe.freeformTags.interlink === owner) ?? null;
  }

  async createCpe(compartmentId: string, displayName: string, ipAddress: string, tags: Tags, retryToken: string): Promise<CpeView> {
    this.enter("createCpe");
    const replay = this.vpnRetryTokens.get(retryToken) as CpeView | undefined;
    if (replay) return replay;
    return this.answer("createCpe", () => {
      const cpe = { id: this.vpnOcid("cpe"), compartmentId, displayName, ipAddress, freeformTags: { ...tags } };
      this.cpes.set(cpe.id, cpe);
      this.vpnRetryTokens.set(retryToken, cpe);
      return cpe;
    });
  }

  async deleteCpe(cpeId: string): Promise<{ existed: boolean }> {
    this.enter("deleteCpe");
    return { existed: this.cpes.delete(cpeId) };
  }

  async getIpsecConnection(ipsecConnectionId: string): Promise<IpsecConnectionView | null> {
    this.enter("getIpsecConnection");
    const connection = this.ipsecConnections.get(ipsecConnectionId);
    return connection && LIVE(connection.lifecycleState) ? connection : null;
  }

  async findIpsecConnection(compartmentId: string, displayName: string, owner: string): Promise<IpsecConnectionView | null> {
    this.enter("findIpsecConnection");
    return [...this.ipsecConnections.values()].find((connection) => connection.compartmentId === compartmentId && connection.displayName === displayName && connection.freeformTags.interlink === owner && LIVE(connection.lifecycleState)) ?? null;
  }

  async createIpsecConnection(spec: IpsecConnectionSpec, retryToken: string): Promise<IpsecConnectionView | NotReady> {
    this.enter("createIpsecConnection");
    const replay = this.vpnRetryTokens.get(retryToken) as IpsecConnectionView | undefined;
    if (replay) return replay;
    return this.answer("createIpsecConnection", () => {
      const tunnels = spec.tunnels.map((tunnel, index): IpsecTunnelView => {
        const id = this.vpnOcid("ipsectunnel");
        this.tunnelSecrets.set(id, tunnel.sharedSecret);
        const bgp = tunnel.bgp ? { oracleInterfaceIp: tunnel.bgp.oracleInterfaceIp, customerInterfaceIp: tunnel.bgp.customerInterfaceIp, customerBgpAsn: String(tunnel.bgp.customerBgpAsn), oracleBgpAsn: "31898", state: "DOWN" } : {};
        return { id, displayName: tunnel.displayName, vpnIp: `129.213.0.${this.vpnSequence * 2 + index}`, status: "DOWN", lifecycleState: "PROVISIONING", routing: tunnel.routing, ikeVersion: tunnel.ikeVersion ?? "V2", bgp };
      });
      const connection = { id: this.vpnOcid("ipsecconnection"), compartmentId: spec.compartmentId, displayName: spec.displayName, lifecycleState: "PROVISIONING", drgId: spec.drgId, cpeId: spec.cpeId, staticRoutes: [...spec.staticRoutes], freeformTags: { ...spec.tags }, tunnels };
      this.ipsecConnections.set(connection.id, connection);
      this.vpnRetryTokens.set(retryToken, connection);
      return connection;
    });
  }

  async deleteIpsecConnection(ipsecConnectionId: string): Promise<{ existed: boolean }> {
    this.enter("deleteIpsecConnection");
    const connection = this.ipsecConnections.get(ipsecConnectionId);
    if (!connection || !LIVE(connection.lifecycleState)) return { existed: false };
    connection.lifecycleState = "TERMINATED";
    return { existed: true };
  }

  async listIpsecTunnels(ipsecConnectionId: string): Promise<IpsecTunnelView[]> {
    this.enter("listIpsecTunnels");
    return this.ipsecConnections.get(ipsecConnectionId)?.tunnels ?? [];
  }

  async getTunnelSharedSecret(_ipsecConnectionId: string, tunnelId: string): Promise<string> {
    this.enter("getTunnelSharedSecret");
    const secret = this.tunnelSecrets.get(tunnelId);
    if (secret === undefined) throw Object.assign(new Error(`no tunnel ${tunnelId}`), { statusCode: 404, serviceCode: "NotAuthorizedOrNotFound", opcRequestId: "fake-request" });
    return secret;
  }

  async setTunnelSharedSecret(ipsecConnectionId: string, tunnelId: string, sharedSecret: string): Promise<{ done: true } | NotReady> {
    this.enter("setTunnelSharedSecret");
    const tunnel = this.ipsecConnections.get(ipsecConnectionId)?.tunnels.find((candidate) => candidate.id === tunnelId);
    if (tunnel && tunnel.lifecycleState !== "AVAILABLE") return { notReady: `the tunnel ${tunnelId} is being provisioned or changed` };
    return this.answer("setTunnelSharedSecret", () => {
      this.tunnelSecrets.set(tunnelId, sharedSecret);
      return { done: true as const };
    });
  }

  async getTunnelError(_ipsecConnectionId: string, tunnelId: string): Promise<string | null> {
    this.enter("getTunnelError");
    return this.tunnelErrors.get(tunnelId) ?? null;
  }

  async listTunnelRoutes(_ipsecConnectionId: string, tunnelId: string): Promise<TunnelRouteView[]> {
    this.enter("listTunnelRoutes");
    return this.tunnelRoutes.get(tunnelId) ?? [];
  }

  async listDrgLearnedRoutes(drgId: string): Promise<DrgLearnedRoute[]> {
    this.enter("listDrgLearnedRoutes");
    return this.drgLearnedRoutes.get(drgId) ?? [];
  }
}
