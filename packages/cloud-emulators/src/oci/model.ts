/**
 * What the OCI emulator stores. Field names follow the OCI wire format so renderers mostly spread them;
 * computed fields (lifecycle views, BGP state, peer CIDRs) are added at render time.
 */
import type { CpeRecord, IpsecConnectionRecord } from "./vpn-model";

export interface OciBase {
  id: string;
  /** Creation order (timestamps tie when the emulated clock is frozen). */
  seq: number;
  compartmentId: string;
  displayName: string;
  lifecycleState: string;
  /** ISO time in emulated time. */
  timeCreated: string;
  etag: string;
  freeformTags: Record<string, string>;
  definedTags: Record<string, Record<string, unknown>>;
  /** Reads answer 404 until this emulated time (eventual-consistency fault). */
  hiddenUntil?: number;
}

export interface VcnRecord extends OciBase {
  kind: "vcn";
  cidrBlocks: string[];
  dnsLabel?: string;
  defaultRouteTableId: string;
  defaultSecurityListId: string;
  defaultDhcpOptionsId: string;
}

export interface SubnetRecord extends OciBase {
  kind: "subnet";
  vcnId: string;
  cidrBlock: string;
  routeTableId: string;
  securityListIds: string[];
  dhcpOptionsId: string;
  dnsLabel?: string;
  prohibitPublicIpOnVnic: boolean;
  availabilityDomain: string | null;
  virtualRouterIp: string;
  virtualRouterMac: string;
}

export interface OciRouteRule {
  destination: string;
  destinationType: string;
  networkEntityId: string;
  description?: string;
  routeType: "STATIC" | "LOCAL";
}

export interface RouteTableRecord extends OciBase {
  kind: "routetable";
  vcnId: string;
  routeRules: OciRouteRule[];
  isDefault: boolean;
}

/** Security-list rules are kept as given (validated), in OCI wire shape. */
export type OciSecurityListRule = Record<string, unknown>;

export interface SecurityListRecord extends OciBase {
  kind: "securitylist";
  vcnId: string;
  ingressSecurityRules: OciSecurityListRule[];
  egressSecurityRules: OciSecurityListRule[];
  isDefault: boolean;
}

export interface NsgRule extends Record<string, unknown> {
  id: string;
  direction: "INGRESS" | "EGRESS";
  protocol: string;
  timeCreated: string;
}

export interface NetworkSecurityGroupRecord extends OciBase {
  kind: "networksecuritygroup";
  vcnId: string;
  rules: NsgRule[];
}

export interface DrgRecord extends OciBase {
  kind: "drg";
  defaultDrgRouteTables: { vcn: string; ipsecTunnel: string; virtualCircuit: string; remotePeeringConnection: string };
  defaultExportDrgRouteDistributionId: string;
}

export interface DrgRouteTableRecord extends OciBase {
  kind: "drgroutetable";
  drgId: string;
  /** Which attachment type uses it by default. */
  role: "VCN" | "VIRTUAL_CIRCUIT" | "IPSEC_TUNNEL" | "REMOTE_PEERING_CONNECTION";
  isEcmpEnabled: boolean;
  /** Static rules added through `addDrgRouteRules`; absent in state saved before they existed. */
  staticRules?: StaticDrgRouteRule[];
}

/** A static DRG route rule as stored; rendered with the computed `isBlackhole`, `routeType` and provenance. */
export interface StaticDrgRouteRule {
  id: string;
  /** Canonical IPv4 CIDR. */
  destination: string;
  destinationType: "CIDR_BLOCK";
  nextHopDrgAttachmentId: string;
  timeCreated: string;
}

export interface DrgAttachmentRecord extends OciBase {
  kind: "drgattachment";
  drgId: string;
  networkType: "VCN" | "VIRTUAL_CIRCUIT" | "REMOTE_PEERING_CONNECTION" | "IPSEC_TUNNEL";
  /** IPSEC_TUNNEL attachments: the IPSec connection of the tunnel (`networkId`). */
  ipsecConnectionId?: string;
  networkId: string;
  routeTableId: string | null;
  drgRouteTableId: string;
  vcnRouteType: string | null;
}

export interface CrossConnectMapping {
  customerBgpPeeringIp?: string;
  oracleBgpPeeringIp?: string;
  bgpMd5AuthKey?: string;
  crossConnectOrCrossConnectGroupId?: string;
  vlan?: number;
}

export interface VirtualCircuitRecord extends OciBase {
  kind: "virtualcircuit";
  type: "PRIVATE" | "PUBLIC";
  bandwidthShapeName: string;
  gatewayId?: string;
  providerServiceId?: string;
  providerServiceKeyName?: string;
  crossConnectMappings: CrossConnectMapping[];
  customerBgpAsn?: number;
  customerAsn?: number;
  routingPolicy: string[];
  region: string;
  providerState: "ACTIVE" | "INACTIVE";
  /** Why the provider rejected it (FAILED); shown in the admin snapshot only. */
  failureReason?: string;
  /** Lower-cased id of the ExpressRoute circuit this VC provisioned, once claimed. */
  linkedCircuitKey?: string;
  /** BGP is forced DOWN until this emulated time (flap fault). */
  bgpDownUntil?: number;
  /** Emulated time it first reached PROVISIONED. */
  provisionedAt?: number;
  /** VLAN the provider assigned (also the Azure peering's vlanId). */
  vlan?: number;
}

export interface LocalPeeringGatewayRecord extends OciBase {
  kind: "localpeeringgateway";
  vcnId: string;
  routeTableId?: string;
  peerId?: string;
  peeringStatus: "INVALID" | "NEW" | "PEERED" | "PENDING" | "REVOKED";
  peeringStatusDetails?: string;
}

export interface RemotePeeringConnectionRecord extends OciBase {
  kind: "remotepeeringconnection";
  drgId: string;
  peerId?: string;
  peerRegionName?: string;
  peerTenancyId?: string;
  peeringStatus: "INVALID" | "NEW" | "PENDING" | "PEERED" | "REVOKED";
}

export type OciRecord =
  | VcnRecord
  | SubnetRecord
  | RouteTableRecord
  | SecurityListRecord
  | NetworkSecurityGroupRecord
  | DrgRecord
  | DrgRouteTableRecord
  | DrgAttachmentRecord
  | VirtualCircuitRecord
  | LocalPeeringGatewayRecord
  | RemotePeeringConnectionRecord
  | CpeRecord
  | IpsecConnectionRecord;

export type OciKind = OciRecord["kind"];
export type OciRecordOf<K extends OciKind> = Extract<OciRecord, { kind: K }>;

export interface RetryTokenRecord {
  op: string;
  bodyHash: string;
  status: number;
  /** Id of the resource the original request created, rendered fresh on replay. */
  resourceId?: string;
  json?: unknown;
  expiresAt: number;
}

export interface OciState {
  resources: Record<string, OciRecord>;
  /** Keyed by `<op> <token>`. */
  retryTokens: Record<string, RetryTokenRecord>;
  /** keyId (`tenancy/user/fingerprint`) -> PEM public key, registered through the admin API. */
  keys: Record<string, string>;
}

export function emptyOciState(): OciState {
  return { resources: {}, retryTokens: {}, keys: {} };
}
