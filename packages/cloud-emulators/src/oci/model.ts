import type { ProviderStep } from "../core/world";
import { emptyIdentityState, type IdentityState } from "./identity/model";

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
  /** Region it lives in (`us-phoenix-1`); absent in state saved before regions existed: the default region. */
  regionId?: string;
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

/** A VNIC (made by an instance launch; the emulator makes one through its admin API). */
export interface VnicRecord extends OciBase {
  kind: "vnic";
  subnetId: string;
  vcnId: string;
  privateIp: string;
  /** The NSGs the VNIC is in: at most 5, all in its VCN. */
  nsgIds: string[];
  skipSourceDestCheck: boolean;
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
  /** The VCN (and the attachment) live in another tenancy than the DRG. */
  isCrossTenancy?: boolean;
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
  /** ACTIVE or INACTIVE, or what an injected provider step shows. */
  providerState: string;
  /** Why the provider rejected it (FAILED); shown in the admin snapshot only. */
  failureReason?: string;
  /** States still to show before provisioning (injected provider steps), and how long provisioning takes after them. */
  providerSteps?: ProviderStep[];
  provisioningAfterStepsMs?: number;
  /** A bandwidth change under way: the shape it came from, and whether the provider was told to reject it (fault). */
  resizingFrom?: string;
  resizeRejected?: boolean;
  /** Why the provider did not accept the last bandwidth change; shown in the admin snapshot only. */
  resizeRejection?: string;
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
  /** Why the peering is not PEERED (REVOKED, INVALID), as OCI's console shows it; emulator snapshot only. */
  peeringStatusDetails?: string;
  peeringStatus: "INVALID" | "NEW" | "PENDING" | "PEERED" | "REVOKED";
}

export type OciRecord =
  | VcnRecord
  | SubnetRecord
  | RouteTableRecord
  | SecurityListRecord
  | NetworkSecurityGroupRecord
  | VnicRecord
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
  /** Tenancies, compartments, users, groups, API keys, policies (global, not per region). */
  identity: IdentityState;
  /**
   * keyId -> private key PEM of the keys the emulator generated for seeded users, so their credentials survive a
   * restart with persistence. Never served by the OCI API or the admin snapshot.
   */
  generatedKeys: Record<string, string>;
}

export function emptyOciState(): OciState {
  return { resources: {}, retryTokens: {}, identity: emptyIdentityState(), generatedKeys: {} };
}
