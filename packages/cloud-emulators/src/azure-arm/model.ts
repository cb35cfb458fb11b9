/**
 * What the ARM emulator stores. Records hold the user's input plus server-side state; the wire JSON
 * is produced by the renderers (read-only fields such as `subnets` of an NSG are computed there).
 */
import type { VpnConnectionSettings, VpnGatewaySettings } from "./vpn-model";

export type ArmProvisioningState = "Succeeded" | "Updating" | "Deleting" | "Failed";

export interface ArmChild {
  name: string;
  etag: string;
  provisioningState: ArmProvisioningState;
  /** The operation currently changing it, if any. */
  pendingOpId?: string;
  /** Reads answer 404 until this emulated time (eventual-consistency fault). */
  hiddenUntil?: number;
}

export interface ArmTracked {
  /** Canonical id with the caller's casing of names. */
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  tags: Record<string, string>;
  etag: string;
  provisioningState: ArmProvisioningState;
  resourceGuid: string;
  createdAt: number;
  pendingOpId?: string;
  hiddenUntil?: number;
}

export interface SubnetChild extends ArmChild {
  /** Added by a PUT of the subnet alone, not laid out with its VNet (how Interlink adds a GatewaySubnet). */
  standalone?: true;
  addressPrefix: string;
  networkSecurityGroupId?: string;
  routeTableId?: string;
}

export interface VnetPeeringChild extends ArmChild {
  remoteVirtualNetworkId: string;
  allowVirtualNetworkAccess: boolean;
  allowForwardedTraffic: boolean;
  allowGatewayTransit: boolean;
  useRemoteGateways: boolean;
  /** Once connected, losing the remote side leaves this one Disconnected (Azure never reconnects it). */
  everConnected: boolean;
  resourceGuid: string;
  /** The remote VNet's address space as this peering last took it (at creation, or a PUT with syncRemoteAddressSpace). */
  remoteAddressPrefixes?: string[];
}

export interface VirtualNetworkRecord extends ArmTracked {
  kind: "virtualNetworks";
  addressPrefixes: string[];
  subnets: SubnetChild[];
  peerings: VnetPeeringChild[];
  enableDdosProtection: boolean;
}

export interface SecurityRuleProperties {
  protocol: string;
  access: "Allow" | "Deny";
  direction: "Inbound" | "Outbound";
  priority: number;
  description?: string;
  sourcePortRange?: string;
  sourcePortRanges?: string[];
  destinationPortRange?: string;
  destinationPortRanges?: string[];
  sourceAddressPrefix?: string;
  sourceAddressPrefixes?: string[];
  destinationAddressPrefix?: string;
  destinationAddressPrefixes?: string[];
}

export interface SecurityRuleChild extends ArmChild {
  properties: SecurityRuleProperties;
}

export interface NetworkSecurityGroupRecord extends ArmTracked {
  kind: "networkSecurityGroups";
  securityRules: SecurityRuleChild[];
}

export interface RouteChild extends ArmChild {
  addressPrefix: string;
  nextHopType: string;
  nextHopIpAddress?: string;
}

export interface RouteTableRecord extends ArmTracked {
  kind: "routeTables";
  routes: RouteChild[];
  disableBgpRoutePropagation: boolean;
}

export interface PublicIpRecord extends ArmTracked {
  kind: "publicIPAddresses";
  sku: { name: string; tier: string };
  allocationMethod: string;
  version: string;
  ipAddress: string;
  idleTimeoutInMinutes: number;
  zones?: string[];
}

export type ServiceProviderProvisioningState = "NotProvisioned" | "Provisioning" | "Provisioned" | "Deprovisioning";

export interface CircuitPeeringChild extends ArmChild {
  peeringType: string;
  azureASN: number;
  peerASN: number;
  primaryPeerAddressPrefix: string;
  secondaryPeerAddressPrefix: string;
  vlanId: number;
  state: "Enabled" | "Disabled";
  lastModifiedBy: "ServiceProvider" | "Customer";
  sharedKey?: string;
}

export interface ExpressRouteCircuitRecord extends ArmTracked {
  kind: "expressRouteCircuits";
  sku: { name: string; tier: string; family: string };
  serviceProviderName: string;
  peeringLocation: string;
  bandwidthInMbps: number;
  allowClassicOperations: boolean;
  serviceKey: string;
  serviceProviderProvisioningState: ServiceProviderProvisioningState;
  circuitProvisioningState: "Enabled" | "Disabled";
  peerings: CircuitPeeringChild[];
  globalReachEnabled: boolean;
  stag: number;
}

export interface GatewayIpConfiguration {
  name: string;
  subnetId: string;
  publicIpId?: string;
  privateIPAllocationMethod: string;
}

export interface VirtualNetworkGatewayRecord extends ArmTracked {
  kind: "virtualNetworkGateways";
  gatewayType: "ExpressRoute" | "Vpn";
  vpnType?: string;
  vpnGatewayGeneration?: string;
  sku: { name: string; tier: string };
  ipConfigurations: GatewayIpConfiguration[];
  enableBgp: boolean;
  activeActive: boolean;
  bgpAsn: number;
  /** VPN gateways only (vpn-model.ts). */
  vpn?: VpnGatewaySettings;
}

export interface ConnectionRecord extends ArmTracked {
  kind: "connections";
  connectionType: "ExpressRoute" | "Vnet2Vnet" | "IPsec";
  gateway1Id: string;
  gateway2Id?: string;
  peerId?: string;
  sharedKey?: string;
  routingWeight: number;
  enableBgp: boolean;
  /** FastPath: traffic bypasses the gateway (ExpressRoute connections on the SKUs that offer it). */
  expressRouteGatewayBypass?: boolean;
  /** IPsec and Vnet2Vnet connections only (vpn-model.ts). */
  vpn?: VpnConnectionSettings;
}

/** The far end of a site-to-site connection (here, an OCI tunnel's headend). */
export interface LocalNetworkGatewayRecord extends ArmTracked {
  kind: "localNetworkGateways";
  gatewayIpAddress?: string;
  fqdn?: string;
  addressPrefixes: string[];
  bgp?: { asn: number; bgpPeeringAddress: string; peerWeight: number };
}

export type ArmRecord =
  | VirtualNetworkRecord
  | NetworkSecurityGroupRecord
  | RouteTableRecord
  | PublicIpRecord
  | ExpressRouteCircuitRecord
  | VirtualNetworkGatewayRecord
  | ConnectionRecord
  | LocalNetworkGatewayRecord;

export type ArmKind = ArmRecord["kind"];
export type ArmRecordOf<K extends ArmKind> = Extract<ArmRecord, { kind: K }>;

export interface ArmOperation {
  id: string;
  location: string;
  kind: "put" | "delete" | "action";
  /** Lower-cased id of the resource (or child) the operation works on. */
  resourceKey: string;
  status: "InProgress" | "Succeeded" | "Failed";
  error?: { code: string; message: string };
  startTime: number;
  endTime?: number;
  /** Body of a finished POST action (e.g. an ARP table). */
  result?: unknown;
  /** Hash of the PUT body, so an identical retried PUT joins the running operation. */
  bodyHash?: string;
}

/**
 * A resource whose create ARM accepted (201) but whose operation then failed: ARM keeps it, `Failed`, as the PUT
 * described it, until it is deleted or PUT again (the late-validation fault makes these).
 */
export interface FailedCreate extends Omit<ArmTracked, "provisioningState" | "hiddenUntil"> {
  kind: ArmKind;
  provisioningState: "Updating" | "Failed";
  /** The PUT body: its `properties` (and `sku`) are what GET shows. */
  body: Record<string, unknown>;
}

/** One role assignment's effect, as Microsoft.Authorization/permissions lists it. */
export interface ArmPermission {
  actions: string[];
  notActions: string[];
}

export interface AzureState {
  /** Keyed by lower-cased resource id (ARM ids are case-insensitive). */
  resources: Record<string, ArmRecord>;
  operations: Record<string, ArmOperation>;
  /** Keyed like `resources`; absent in state saved before they existed. */
  failedCreates?: Record<string, FailedCreate>;
  /** What the caller may do, as reported (not enforced); absent: everything (`*`). */
  permissions?: ArmPermission[];
}

export function emptyAzureState(): AzureState {
  return { resources: {}, operations: {}, failedCreates: {} };
}

/** The fields every tracked resource shows on the wire, before its kind's own (`type` is e.g. `expressRouteCircuits`). */
export function trackedEnvelope(resource: Pick<ArmTracked, "id" | "name" | "location" | "tags" | "etag">, type: string): Record<string, unknown> {
  return { id: resource.id, name: resource.name, type: `Microsoft.Network/${type}`, location: resource.location, tags: resource.tags, etag: resource.etag };
}
