import {
  type AzureIpsecPolicy,
  type BgpPeerView,
  type CpeView,
  type DrgLearnedRoute,
  type GatewayRouteView,
  type IpsecConnectionView,
  type IpsecTunnelView,
  type LocalNetworkGatewayView,
  type TunnelRouteView,
  type VpnConnectionView,
  type VpnGatewayView,
} from "../domain/vpn-views";
import { type NotReady, type Started, type Tags } from "./port-results";

/**
 * The VPN part of the cloud ports (ports.ts extends the Azure and OCI ports with these): Azure VPN gateways, local
 * network gateways, IPsec and Vnet2Vnet connections, point-to-site; OCI CPEs and IPSec connections with their
 * tunnels. Same rules as the rest of the ports: one request (or a short read-modify-write) per method, no waiting,
 * deletes of missing things succeed, writes return the ARM operation they started.
 *
 * Shared keys are secrets. They go in as arguments and come out only of `getConnectionSharedKey` /
 * `getTunnelSharedSecret`; no view, error message or log line carries one (the adapters strip the request from
 * any SDK error raised while a key was being sent).
 */

export type {
  AzureIpsecPolicy,
  BgpPeerView,
  CpeView,
  DrgLearnedRoute,
  GatewayRouteView,
  IpsecConnectionView,
  IpsecTunnelView,
  LocalNetworkGatewayView,
  TunnelRouteView,
  VpnConnectionView,
  VpnGatewayView,
};


/** The zone-redundant VPN gateway SKUs Interlink builds. */
export type VpnGatewaySku = "VpnGw1AZ" | "VpnGw2AZ" | "VpnGw3AZ" | "VpnGw4AZ" | "VpnGw5AZ";

export interface PointToSiteSpec {
  /** Client address pool: must not overlap the VNet or anything it reaches. */
  addressPrefixes: string[];
  /** Root certificates by name: Base64 DER of the public certificate (PEM armour is stripped). */
  rootCertificates: Array<{ name: string; publicCertData: string }>;
  /** Default IkeV2 and OpenVPN. */
  protocols?: Array<"IkeV2" | "SSTP" | "OpenVPN">;
}

export interface VpnGatewaySpec {
  location: string;
  gatewaySubnetId: string;
  sku: VpnGatewaySku;
  /** Generation1 unless the SKU needs Generation2 (VpnGw4AZ, VpnGw5AZ). */
  generation?: "Generation1" | "Generation2";
  /** One Standard static public IP, or two for an active-active gateway. */
  publicIpIds: string[];
  enableBgp: boolean;
  /** The gateway's ASN (Azure's default 65515). */
  asn?: number;
  /** APIPA addresses per instance (same order as `publicIpIds`), from 169.254.21.0-169.254.22.255. */
  apipaAddresses?: string[][];
  pointToSite?: PointToSiteSpec;
  tags: Tags;
}

export interface LocalNetworkGatewaySpec {
  location: string;
  /** The far end's public IP: an OCI tunnel's `vpnIp`. */
  gatewayIpAddress: string;
  /** Prefixes behind it for static routing (none needed with BGP). */
  addressPrefixes: string[];
  /** The far end's BGP speaker: Oracle's ASN and the tunnel's Oracle inside address. */
  bgp?: { asn: number; peeringAddress: string };
  tags: Tags;
}

export interface VpnConnectionSpec {
  location: string;
  gatewayId: string;
  /** IPsec to a local network gateway, or Vnet2Vnet to another VPN gateway. */
  to: { localNetworkGatewayId: string } | { peerGatewayId: string };
  /** The pre-shared key (a secret; never logged, never returned). */
  sharedKey: string;
  enableBgp: boolean;
  /** Default IKEv2. */
  protocol?: "IKEv2" | "IKEv1";
  /** A custom policy both ends accept; the gateway's defaults when absent. */
  ipsecPolicy?: AzureIpsecPolicy;
  /** The APIPA address each gateway instance peers from on this connection (one per instance). */
  customBgpAddresses?: Array<{ ipConfigurationId: string; address: string }>;
  tags: Tags;
}

/** A POST action's answer, or the operation still running (an orchestrator polls it between timers). */
export type ActionRead<T> = { done: true; value: T } | { done: false; operation: string };

export interface AzureVpnPort {
  /** The VNet's VPN gateway, whatever its name (one per VNet): a gateway already there is reused. */
  findVpnGateway(resourceGroup: string, vnetId: string): Promise<VpnGatewayView | null>;
  getVpnGateway(resourceGroup: string, name: string): Promise<VpnGatewayView | null>;
  /** Creates or updates the gateway (35-45 minutes to provision); not ready while another operation runs on it. */
  putVpnGateway(resourceGroup: string, name: string, spec: VpnGatewaySpec): Promise<({ id: string } & Started) | NotReady>;
  /** Sets (or with null removes) the point-to-site configuration, keeping everything else of the gateway. */
  setPointToSite(resourceGroup: string, gateway: string, pointToSite: PointToSiteSpec | null): Promise<({ id: string } & Started) | NotReady>;
  /** Starts `generatevpnclientpackage`: the client package's URL once done. Not ready unless the gateway is Succeeded. */
  startVpnClientPackage(resourceGroup: string, gateway: string): Promise<ActionRead<string> | NotReady>;
  resumeVpnClientPackage(operation: string): Promise<ActionRead<string>>;
  /** Starts `getBgpPeerStatus` / `getLearnedRoutes` of a VPN gateway. */
  startVpnGatewayPeersRead(resourceGroup: string, gateway: string): Promise<ActionRead<BgpPeerView[]>>;
  resumeVpnGatewayPeersRead(operation: string): Promise<ActionRead<BgpPeerView[]>>;
  startVpnGatewayRoutesRead(resourceGroup: string, gateway: string): Promise<ActionRead<GatewayRouteView[]>>;
  resumeVpnGatewayRoutesRead(operation: string): Promise<ActionRead<GatewayRouteView[]>>;

  getLocalNetworkGateway(resourceGroup: string, name: string): Promise<LocalNetworkGatewayView | null>;
  putLocalNetworkGateway(resourceGroup: string, name: string, spec: LocalNetworkGatewaySpec): Promise<({ id: string } & Started) | NotReady>;
  deleteLocalNetworkGateway(resourceGroup: string, name: string): Promise<{ existed: boolean } & Started>;

  getVpnConnection(resourceGroup: string, name: string): Promise<VpnConnectionView | null>;
  /** An IPsec or Vnet2Vnet connection; not ready while its gateway(s) or local network gateway are not provisioned. */
  putVpnConnection(resourceGroup: string, name: string, spec: VpnConnectionSpec): Promise<({ id: string } & Started) | NotReady>;
  /** The connection's pre-shared key (a secret), or null when the connection does not exist. */
  getConnectionSharedKey(resourceGroup: string, name: string): Promise<string | null>;
  /** Sets the connection's pre-shared key (the tunnel renegotiates). */
  setConnectionSharedKey(resourceGroup: string, name: string, sharedKey: string): Promise<({ id: string } & Started) | NotReady>;
}

export interface IpsecTunnelSpec {
  displayName: string;
  routing: "BGP" | "STATIC";
  /** Default V2 (what Azure's IKEv2 connections speak). */
  ikeVersion?: "V1" | "V2";
  /** The pre-shared key (a secret): letters, digits and spaces. */
  sharedSecret: string;
  /** BGP: the inside /30 (or /31) addresses, Oracle's end and the Azure end, and the Azure gateway's ASN. */
  bgp?: { oracleInterfaceIp: string; customerInterfaceIp: string; customerBgpAsn: number };
  /** A custom policy (Azure's terms, translated to OCI's phase one/two); OCI's defaults when absent. */
  policy?: AzureIpsecPolicy;
}

export interface IpsecConnectionSpec {
  compartmentId: string;
  displayName: string;
  drgId: string;
  cpeId: string;
  /** The Azure prefixes for statically routed tunnels (empty with BGP on both). */
  staticRoutes: string[];
  tunnels: [IpsecTunnelSpec, IpsecTunnelSpec];
  tags: Tags;
}

export interface OciVpnPort {
  getCpe(cpeId: string): Promise<CpeView | null>;
  /** The CPE with this name and owner tag (creates are replayed by retry token; this finds one made earlier). */
  findCpe(compartmentId: string, displayName: string, owner: string): Promise<CpeView | null>;
  createCpe(compartmentId: string, displayName: string, ipAddress: string, tags: Tags, retryToken: string): Promise<CpeView>;
  deleteCpe(cpeId: string): Promise<{ existed: boolean }>;

  getIpsecConnection(ipsecConnectionId: string): Promise<IpsecConnectionView | null>;
  findIpsecConnection(compartmentId: string, displayName: string, owner: string): Promise<IpsecConnectionView | null>;
  /** Creates the connection and its two tunnels; not ready while the DRG is not AVAILABLE. */
  createIpsecConnection(spec: IpsecConnectionSpec, retryToken: string): Promise<IpsecConnectionView | NotReady>;
  deleteIpsecConnection(ipsecConnectionId: string): Promise<{ existed: boolean }>;
  listIpsecTunnels(ipsecConnectionId: string): Promise<IpsecTunnelView[]>;
  /** The tunnel's pre-shared key (a secret). */
  getTunnelSharedSecret(ipsecConnectionId: string, tunnelId: string): Promise<string>;
  /** Sets it; the tunnel re-provisions. Not ready while the tunnel is being provisioned or updated. */
  setTunnelSharedSecret(ipsecConnectionId: string, tunnelId: string, sharedSecret: string): Promise<{ done: true } | NotReady>;
  /** Why the tunnel is down, as OCI reports it (null when nothing is wrong). */
  getTunnelError(ipsecConnectionId: string, tunnelId: string): Promise<string | null>;
  listTunnelRoutes(ipsecConnectionId: string, tunnelId: string): Promise<TunnelRouteView[]>;
  /** The routes the DRG's VCN route table learned over virtual circuits and IPSec tunnels, and which carry traffic. */
  listDrgLearnedRoutes(drgId: string): Promise<DrgLearnedRoute[]>;
}
