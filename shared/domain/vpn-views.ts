import "./zod-messages";
import { z } from "zod";

/**
 * What Interlink reads of the VPN resources it builds and polls (Azure VPN gateways, local network gateways, IPsec
 * and Vnet2Vnet connections; OCI CPEs, IPSec connections and their tunnels). One schema per resource, as in
 * cloud-views.ts. No view carries a shared key: keys travel only through the ports' key methods.
 */

const Tags = z.record(z.string(), z.string());

/** A custom IPsec/IKE policy in Azure's terms (the OCI tunnel gets the same algorithms in OCI's names). */
export const AzureIpsecPolicy = z.object({
  saLifeTimeSeconds: z.number().int(),
  saDataSizeKilobytes: z.number().int(),
  ipsecEncryption: z.string(),
  ipsecIntegrity: z.string(),
  ikeEncryption: z.string(),
  ikeIntegrity: z.string(),
  dhGroup: z.string(),
  pfsGroup: z.string(),
});
export type AzureIpsecPolicy = z.infer<typeof AzureIpsecPolicy>;

/** One instance of a VPN gateway (two when active-active): its public IP and BGP addresses. */
export const VpnGatewayInstance = z.object({
  ipConfigurationId: z.string(),
  /** The address OCI's CPE must have (what the gateway's instance talks from). */
  publicIpAddress: z.string().optional(),
  defaultBgpAddress: z.string().optional(),
  /** APIPA addresses (169.254.21.x / 169.254.22.x). */
  customBgpAddresses: z.array(z.string()),
});
export type VpnGatewayInstance = z.infer<typeof VpnGatewayInstance>;

export const PointToSiteView = z.object({
  addressPrefixes: z.array(z.string()),
  protocols: z.array(z.string()),
  rootCertificateNames: z.array(z.string()),
});
export type PointToSiteView = z.infer<typeof PointToSiteView>;

export const VpnGatewayView = z.object({
  id: z.string(),
  name: z.string(),
  provisioningState: z.string().optional(),
  sku: z.string().optional(),
  activeActive: z.boolean(),
  enableBgp: z.boolean(),
  asn: z.number().optional(),
  subnetId: z.string().optional(),
  instances: z.array(VpnGatewayInstance),
  pointToSite: PointToSiteView.nullable(),
  tags: Tags,
});
export type VpnGatewayView = z.infer<typeof VpnGatewayView>;

export const LocalNetworkGatewayView = z.object({
  id: z.string(),
  provisioningState: z.string().optional(),
  gatewayIpAddress: z.string().optional(),
  addressPrefixes: z.array(z.string()),
  bgp: z.object({ asn: z.number(), peeringAddress: z.string() }).nullable(),
  tags: Tags,
});
export type LocalNetworkGatewayView = z.infer<typeof LocalNetworkGatewayView>;

export const VpnConnectionView = z.object({
  id: z.string(),
  provisioningState: z.string().optional(),
  /** `Connected`, `Connecting`, `NotConnected` or `Unknown`. */
  connectionStatus: z.string().optional(),
  connectionType: z.string().optional(),
  gatewayId: z.string().optional(),
  localNetworkGatewayId: z.string().optional(),
  peerGatewayId: z.string().optional(),
  enableBgp: z.boolean(),
  connectionProtocol: z.string().optional(),
  ipsecPolicy: AzureIpsecPolicy.nullable(),
  tags: Tags,
});
export type VpnConnectionView = z.infer<typeof VpnConnectionView>;

/** One BGP peer of a VPN gateway (`getBgpPeerStatus`). */
export const BgpPeerView = z.object({
  neighbor: z.string(),
  localAddress: z.string().optional(),
  asn: z.number().optional(),
  /** `Connected`, `Connecting`, `Idle`, `Stopped` or `Unknown`. */
  state: z.string(),
  routesReceived: z.number().optional(),
});
export type BgpPeerView = z.infer<typeof BgpPeerView>;

/** One route a VPN gateway learned (`getLearnedRoutes`). */
export const GatewayRouteView = z.object({
  network: z.string(),
  nextHop: z.string().optional(),
  /** `EBgp` (over BGP), `Network` (a local network gateway's prefixes), `IBgp`. */
  origin: z.string().optional(),
  asPath: z.string().optional(),
});
export type GatewayRouteView = z.infer<typeof GatewayRouteView>;

export const CpeView = z.object({
  id: z.string(),
  displayName: z.string(),
  ipAddress: z.string(),
  freeformTags: Tags,
});
export type CpeView = z.infer<typeof CpeView>;

export const IpsecConnectionView = z.object({
  id: z.string(),
  displayName: z.string(),
  lifecycleState: z.string(),
  drgId: z.string(),
  cpeId: z.string(),
  staticRoutes: z.array(z.string()),
  freeformTags: Tags,
});
export type IpsecConnectionView = z.infer<typeof IpsecConnectionView>;

export const IpsecTunnelView = z.object({
  id: z.string(),
  displayName: z.string(),
  /** Oracle's VPN headend: what Azure's local network gateway points at. */
  vpnIp: z.string().optional(),
  cpeIp: z.string().optional(),
  /** `UP`, `DOWN`, `DOWN_FOR_MAINTENANCE`, `PARTIAL_UP`. */
  status: z.string().optional(),
  lifecycleState: z.string(),
  routing: z.string().optional(),
  ikeVersion: z.string().optional(),
  bgp: z.object({
    oracleInterfaceIp: z.string().optional(),
    customerInterfaceIp: z.string().optional(),
    oracleBgpAsn: z.string().optional(),
    customerBgpAsn: z.string().optional(),
    /** `UP` or `DOWN`. */
    state: z.string().optional(),
  }),
  timeStatusUpdated: z.string().optional(),
});
export type IpsecTunnelView = z.infer<typeof IpsecTunnelView>;

/** A route in a DRG's VCN route table learned over a virtual circuit or an IPSec tunnel. */
export const DrgLearnedRoute = z.object({
  destination: z.string(),
  /** `VIRTUAL_CIRCUIT` or `IPSEC_TUNNEL`. */
  provenance: z.string(),
  nextHopDrgAttachmentId: z.string(),
  /** False when the DRG prefers another route for the same destination (`isConflict`). */
  carriesTraffic: z.boolean(),
});
export type DrgLearnedRoute = z.infer<typeof DrgLearnedRoute>;

/** A prefix one side advertises over a tunnel (`listIPSecConnectionTunnelRoutes`). */
export const TunnelRouteView = z.object({
  prefix: z.string(),
  /** `ORACLE` or `CUSTOMER` (the Azure side). */
  advertiser: z.string(),
  asPath: z.array(z.number()),
});
export type TunnelRouteView = z.infer<typeof TunnelRouteView>;
