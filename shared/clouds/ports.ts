import { type CircuitView, type ConnectionView, type GatewayView, type OperationStatus, type VirtualCircuitView } from "../domain/cloud-views";
import { type StaticRoute } from "../domain/peered-routes";
import { type AzureSecurityRule, type OciSecurityRule, type SecurityListRule } from "../domain/security";
import { type DeleteOptions, type NotReady, type OperationHandle, type Started, type Tags } from "./port-results";
import { type AzureVpnPort, type OciVpnPort } from "./vpn-ports";

/**
 * Ports: what Interlink needs from each cloud, in its own words. Adapters over the SDKs implement them;
 * activities depend only on these. Every method does one request (or a short read-modify-write) and never
 * waits for provisioning: waiting is the orchestrator's job. Deletes treat "not found" as success.
 *
 * An ARM write returns the long-running `operation` it started when ARM has not finished it yet: ARM may
 * accept a request and fail it later (validation done by the resource provider), so the orchestrator waits
 * for every such operation before it moves on, and reports its failure with the cloud's code and message.
 */

export type { CircuitView, ConnectionView, GatewayView, OperationStatus, VirtualCircuitView };
export { type DeleteOptions, isNotReady, type NotReady, type OperationHandle, type Started, type Tags } from "./port-results";

export interface SubnetView {
  name: string;
  id: string;
  addressPrefix: string;
  networkSecurityGroupId?: string;
  routeTableId?: string;
  /** ARM's provisioningState (Succeeded, Updating, ...); absent when ARM does not say. */
  provisioningState?: string;
  /** Who uses the subnet (gateway IP configurations, NICs): non-empty means it cannot be deleted. */
  usedBy: string[];
}

export interface PublicIpView {
  id: string;
  provisioningState?: string;
  /** The address, once allocated (a VPN gateway's is the far end's peer IP). */
  ipAddress?: string;
  tags: Tags;
  /** The IP configuration using it (a gateway's), if any. */
  usedBy?: string;
}

export interface VirtualNetworkView {
  id: string;
  location: string;
  addressSpaces: string[];
  subnets: SubnetView[];
}

/** One side of a VNet peering, as ARM shows it. */
export interface VnetPeeringView {
  name: string;
  remoteVnetId: string;
  /** Initiated (one side only), Connected (both) or Disconnected (the other side went). */
  peeringState: string;
  /** FullyInSync, or LocalNotInSync / RemoteNotInSync after an address space changed and the peering was not synced. */
  syncLevel?: string;
  provisioningState?: string;
  allowGatewayTransit: boolean;
  useRemoteGateways: boolean;
  allowForwardedTraffic: boolean;
}

export interface VnetPeeringSpec {
  remoteVnetId: string;
  allowGatewayTransit: boolean;
  useRemoteGateways: boolean;
  allowForwardedTraffic: boolean;
  /** PUT with syncRemoteAddressSpace=true: take the remote VNet's current address space into the peering. */
  syncRemoteAddressSpace?: boolean;
}

export interface RouteView {
  name: string;
  addressPrefix: string;
  nextHopType: string;
}

/** An ExpressRoute circuit's ARP or routes table read (an ARM POST action): its entries, or the operation still running. */
export type CircuitTable = "arp" | "routes";
export type CircuitTableRead = { done: true; entries: string[] } | { done: false; operation: OperationHandle };
/**
 * How a table read starts. `initialRequestOnly`: the POST only, without the read of the operation that follows it
 * (ARM takes seconds to answer, so a read at once is wasted when the caller reads later anyway).
 */
export interface TableReadStart {
  initialRequestOnly?: boolean;
}

export interface AzureNsgView {
  id: string;
  rules: AzureSecurityRule[];
  subnetIds: string[];
  tags: Tags;
}

export interface CircuitSpec {
  location: string;
  skuTier: string;
  skuFamily: string;
  peeringLocation: string;
  bandwidthMbps: number;
  tags: Tags;
}

/** The VPN methods are in vpn-ports.ts. */
export interface AzureNetworkPort extends AzureVpnPort {
  getVirtualNetwork(resourceGroup: string, name: string): Promise<VirtualNetworkView | null>;
  /**
   * Adds the subnet if absent (PUT of the subnet alone, so nothing else in the VNet changes); not ready while it is
   * being deleted. `beforeCreate` runs once the read found no subnet and before the PUT is sent (the caller records
   * that it is creating it: a subnet carries no tags, and a lost answer would otherwise leave it nobody's). A subnet
   * whose last change failed is PUT again (`created: false`: the caller's claim says whose it is).
   */
  ensureSubnet(resourceGroup: string, vnet: string, name: string, addressPrefix: string, beforeCreate?: () => Promise<void>): Promise<({ id: string; created: boolean } & Started) | NotReady>;
  deleteSubnet(resourceGroup: string, vnet: string, name: string, options?: DeleteOptions): Promise<{ existed: boolean } & Started>;
  /** Points a subnet at an NSG and/or route table (null removes the association); keeps its other properties. */
  associateSubnet(resourceGroup: string, vnet: string, subnet: string, links: { networkSecurityGroupId?: string | null; routeTableId?: string | null }): Promise<Started>;

  /** The VNet's peerings (both hub and spoke sides are peerings of their own VNet). */
  listVnetPeerings(resourceGroup: string, vnet: string): Promise<VnetPeeringView[]>;
  putVnetPeering(resourceGroup: string, vnet: string, name: string, spec: VnetPeeringSpec): Promise<Started>;
  deleteVnetPeering(resourceGroup: string, vnet: string, name: string): Promise<{ existed: boolean } & Started>;

  getNetworkSecurityGroup(resourceGroup: string, name: string): Promise<AzureNsgView | null>;
  /** Every NSG of a resource group with its rules (paged): what a health sweep reads once for all its interconnects. */
  listNetworkSecurityGroups(resourceGroup: string): Promise<Array<AzureNsgView & { name: string }>>;
  /** Creates or replaces a whole NSG with its rules (used for the NSG Interlink owns). */
  putNetworkSecurityGroup(resourceGroup: string, name: string, location: string, rules: AzureSecurityRule[], tags: Tags): Promise<{ id: string } & Started>;
  /** Creates or replaces one rule in an NSG someone else owns. */
  putSecurityRule(resourceGroup: string, nsg: string, rule: AzureSecurityRule): Promise<Started>;
  deleteSecurityRule(resourceGroup: string, nsg: string, name: string): Promise<{ existed: boolean } & Started>;
  deleteNetworkSecurityGroup(resourceGroup: string, name: string, options?: DeleteOptions): Promise<{ existed: boolean } & Started>;

  getRouteTable(resourceGroup: string, name: string): Promise<{ id: string; routes: RouteView[]; subnetIds: string[] } | null>;
  putRouteTable(resourceGroup: string, name: string, location: string, routes: RouteView[], tags: Tags): Promise<{ id: string } & Started>;
  deleteRouteTable(resourceGroup: string, name: string, options?: DeleteOptions): Promise<{ existed: boolean } & Started>;
  /** One route in a table someone else owns (an app subnet's own route table); the table's other routes stay. */
  putRoute(resourceGroup: string, table: string, route: RouteView): Promise<Started>;
  deleteRoute(resourceGroup: string, table: string, name: string): Promise<{ existed: boolean } & Started>;

  putExpressRouteCircuit(resourceGroup: string, name: string, spec: CircuitSpec): Promise<{ id: string } & Started>;
  getExpressRouteCircuit(resourceGroup: string, name: string): Promise<CircuitView | null>;
  /** Every circuit of a resource group, private peering inline (paged). */
  listExpressRouteCircuits(resourceGroup: string): Promise<Array<CircuitView & { name: string }>>;
  /** The circuit's service key: a secret. Pass it straight to OCI; never log or return it further. Null until ARM has one. */
  getServiceKey(resourceGroup: string, name: string): Promise<string | null>;
  /** Changes the bandwidth with a PUT of the current model (ARM has no PATCH for it). */
  setCircuitBandwidth(resourceGroup: string, name: string, bandwidthMbps: number): Promise<Started>;
  /** Starts the delete; ARM reports a refusal (ConflictError) only in the operation, hence the handle. */
  startDeleteExpressRouteCircuit(resourceGroup: string, name: string): Promise<{ existed: boolean; operation: OperationHandle | null }>;
  /** Where a started operation stands; one that ended Failed says whether its code is transient (`retryable`). */
  getOperationStatus(operation: OperationHandle): Promise<OperationStatus>;
  /**
   * Starts a table read without waiting for it: an orchestrator polls it with `resumeCircuitTableRead` between timers.
   * The start also reads the operation once, unless `initialRequestOnly` (then it always comes back running).
   */
  startCircuitTableRead(resourceGroup: string, circuit: string, table: CircuitTable, devicePath: "primary" | "secondary", options?: TableReadStart): Promise<CircuitTableRead>;
  resumeCircuitTableRead(table: CircuitTable, operation: OperationHandle): Promise<CircuitTableRead>;
  /**
   * The routes the VNet's ExpressRoute gateway learned from the circuits it is connected to (an ARM long-running POST,
   * read like the circuit's tables): what the VNet can reach over the interconnect.
   */
  startGatewayLearnedRoutesRead(resourceGroup: string, gateway: string, options?: TableReadStart): Promise<CircuitTableRead>;
  resumeGatewayLearnedRoutesRead(operation: OperationHandle): Promise<CircuitTableRead>;

  /** The VNet's ExpressRoute gateway, whatever its name (one per VNet). */
  findExpressRouteGateway(resourceGroup: string, vnetId: string): Promise<GatewayView | null>;
  getVirtualNetworkGateway(resourceGroup: string, name: string): Promise<GatewayView | null>;
  /** Without `publicIpId` Azure assigns and manages the gateway's public IP (where it offers that). */
  putExpressRouteGateway(resourceGroup: string, name: string, spec: { location: string; gatewaySubnetId: string; publicIpId?: string | undefined; sku?: string | undefined; tags: Tags }): Promise<{ id: string } & Started>;
  deleteVirtualNetworkGateway(resourceGroup: string, name: string, options?: DeleteOptions): Promise<{ existed: boolean } & Started>;
  listGatewayConnections(resourceGroup: string, gateway: string): Promise<string[]>;

  getPublicIp(resourceGroup: string, name: string): Promise<PublicIpView | null>;
  /** A Standard, static, IPv4 public IP (what an ExpressRoute gateway needs where Azure does not manage one). */
  putPublicIp(resourceGroup: string, name: string, spec: { location: string; tags: Tags }): Promise<{ id: string } & Started>;
  deletePublicIp(resourceGroup: string, name: string): Promise<{ existed: boolean } & Started>;

  putExpressRouteConnection(resourceGroup: string, name: string, spec: { location: string; gatewayId: string; circuitId: string; fastPath?: boolean | undefined; tags: Tags }): Promise<{ id: string } & Started>;
  getConnection(resourceGroup: string, name: string): Promise<ConnectionView | null>;
  /** Every gateway connection of a resource group, with its status (paged). */
  listConnections(resourceGroup: string): Promise<Array<ConnectionView & { name: string }>>;
  deleteConnection(resourceGroup: string, name: string): Promise<{ existed: boolean } & Started>;
}

export interface VcnView {
  id: string;
  compartmentId: string;
  cidrBlocks: string[];
  defaultRouteTableId: string;
  defaultSecurityListId: string;
}

export interface DrgView {
  id: string;
  compartmentId: string;
  lifecycleState: string;
  freeformTags: Tags;
  vcnRouteTableId?: string;
  /** The DRG route table its virtual circuits use: what Oracle advertises to Azure. */
  virtualCircuitRouteTableId?: string;
}

/** A static rule in a DRG route table: traffic for `destination` goes to that attachment. */
export type StaticDrgRoute = StaticRoute;

export interface DrgAttachmentView {
  id: string;
  drgId: string;
  vcnId?: string;
  /** The DRG route table that routes traffic arriving over this attachment. */
  drgRouteTableId?: string;
  lifecycleState: string;
  freeformTags: Tags;
}

export interface OciRouteRule {
  destination: string;
  destinationType: string;
  networkEntityId: string;
  description?: string;
}

export interface VirtualCircuitSpec {
  compartmentId: string;
  displayName: string;
  bandwidthShapeName: string;
  drgId: string;
  providerServiceId: string;
  providerServiceKeyName: string;
  crossConnectMappings: Array<{ oracleBgpPeeringIp: string; customerBgpPeeringIp: string }>;
  tags: Tags;
}

/** A security list with its rules and the etag an update must match. */
export interface OciSecurityListState {
  id: string;
  name: string;
  ingressSecurityRules: SecurityListRule[];
  egressSecurityRules: SecurityListRule[];
  etag: string;
}

/** The VPN methods are in vpn-ports.ts. */
export interface OciNetworkPort extends OciVpnPort {
  getVcn(vcnId: string): Promise<VcnView | null>;

  getDrg(drgId: string): Promise<DrgView | null>;
  findDrg(compartmentId: string, displayName: string, owner: string): Promise<DrgView | null>;
  createDrg(compartmentId: string, displayName: string, tags: Tags, retryToken: string): Promise<DrgView>;
  deleteDrg(drgId: string): Promise<{ existed: boolean }>;

  /** VCN attachments, or with `virtualCircuitId` that circuit's attachment (in the DRG's compartment). */
  listDrgAttachments(compartmentId: string, filter: { drgId?: string; vcnId?: string; virtualCircuitId?: string }): Promise<DrgAttachmentView[]>;
  createDrgAttachment(drgId: string, vcnId: string, displayName: string, tags: Tags, retryToken: string): Promise<DrgAttachmentView>;
  deleteDrgAttachment(attachmentId: string): Promise<{ existed: boolean }>;
  /** Routes the DRG learned over its virtual circuits (the Azure VNet prefixes). */
  listLearnedVirtualCircuitRoutes(drgId: string): Promise<string[]>;
  listStaticDrgRoutes(drgRouteTableId: string): Promise<StaticDrgRoute[]>;
  addStaticDrgRoutes(drgRouteTableId: string, routes: Array<Omit<StaticDrgRoute, "id">>): Promise<void>;
  removeDrgRoutes(drgRouteTableId: string, ruleIds: string[]): Promise<void>;

  /** The FastConnect provider service of `Microsoft Azure` (ExpressRoute) in this region. */
  findAzureProviderService(compartmentId: string): Promise<{ id: string } | null>;
  createVirtualCircuit(spec: VirtualCircuitSpec, retryToken: string): Promise<VirtualCircuitView>;
  getVirtualCircuit(virtualCircuitId: string): Promise<VirtualCircuitView | null>;
  findVirtualCircuit(compartmentId: string, displayName: string): Promise<VirtualCircuitView | null>;
  /** Every live virtual circuit of a compartment (paged): what a health sweep reads once for all its interconnects. */
  listVirtualCircuits(compartmentId: string): Promise<VirtualCircuitView[]>;
  setVirtualCircuitBandwidth(virtualCircuitId: string, bandwidthShapeName: string): Promise<void>;
  deleteVirtualCircuit(virtualCircuitId: string): Promise<{ existed: boolean }>;

  getRouteTable(routeTableId: string): Promise<{ rules: OciRouteRule[]; etag: string } | null>;
  /** Replaces the rules, refusing if the table changed since `etag` (412). */
  setRouteRules(routeTableId: string, rules: OciRouteRule[], etag: string): Promise<void>;

  listSecurityLists(compartmentId: string, vcnId: string): Promise<Array<OciSecurityListState>>;
  getSecurityList(securityListId: string): Promise<OciSecurityListState | null>;
  /** A subnet's VCN and its security lists, in order (a subnet has at most 5). */
  getSubnet(subnetId: string): Promise<{ id: string; name: string; vcnId: string; securityListIds: string[] } | null>;
  /** Which NSGs a VNIC is in. */
  getVnic(vnicId: string): Promise<{ id: string; subnetId: string; nsgIds: string[]; etag: string } | null>;
  /** Sets the VNIC's NSGs (the whole list), refusing if it changed since `etag`. */
  setVnicNsgs(vnicId: string, nsgIds: string[], etag: string): Promise<void>;
  setSecurityListRules(securityListId: string, rules: { ingressSecurityRules: SecurityListRule[]; egressSecurityRules: SecurityListRule[] }, etag: string): Promise<void>;

  getNetworkSecurityGroup(nsgId: string): Promise<{ id: string; lifecycleState: string } | null>;
  findNetworkSecurityGroup(compartmentId: string, vcnId: string, displayName: string): Promise<{ id: string; lifecycleState: string } | null>;
  createNetworkSecurityGroup(compartmentId: string, vcnId: string, displayName: string, tags: Tags, retryToken: string): Promise<{ id: string; lifecycleState: string }>;
  listNetworkSecurityGroupRules(nsgId: string): Promise<Array<OciSecurityRule & { id: string }>>;
  addNetworkSecurityGroupRules(nsgId: string, rules: OciSecurityRule[]): Promise<void>;
  removeNetworkSecurityGroupRules(nsgId: string, ruleIds: string[]): Promise<void>;
  deleteNetworkSecurityGroup(nsgId: string): Promise<{ existed: boolean }>;
  listNetworkSecurityGroups(compartmentId: string, vcnId: string): Promise<Array<{ id: string; name: string }>>;
}

/** Both clouds as activities use them: the Azure port per subscription, the OCI port for the tenancy. */
export interface CloudPorts {
  azure(subscriptionId: string): AzureNetworkPort;
  oci: OciNetworkPort;
}
