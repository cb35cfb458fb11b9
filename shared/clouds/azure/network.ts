import { type ExpressRouteCircuit, type NetworkManagementClient, type NetworkSecurityGroup, type SecurityRule, type Subnet, type VirtualNetworkGatewayConnection } from "@azure/arm-network";
import { type AzureSecurityRule } from "../../domain/security";
import { classifyCloudError, classifyOperationError, failedOperation, OperationFailedError } from "../errors";
import { initialRequestOnly, type Lro, orNull, RESUMED, serializedOperation, submit, submitting } from "./arm-writes";
import { AzureVpn } from "./vpn";
import { deleteVnetPeering, listVnetPeerings, putVnetPeering } from "./peerings";
import { deleteRoute, putRoute } from "./routes";
import {
  type AzureNetworkPort,
  type CircuitSpec,
  type CircuitView,
  type ConnectionView,
  type DeleteOptions,
  type GatewayView,
  type NotReady,
  type CircuitTable,
  type CircuitTableRead,
  type OperationHandle,
  type TableReadStart,
  type OperationStatus,
  type PublicIpView,
  type RouteView,
  type Started,
  type Tags,
  type VirtualNetworkView,
  type VnetPeeringSpec,
  type VnetPeeringView,
} from "../ports";

type TableResult = { value?: Array<{ ipAddress?: string; network?: string }> };

/** Where a table read stands after its last request; a failed read throws like any other SDK error. */
function tableRead(table: CircuitTable, poller: Lro<TableResult>): CircuitTableRead {
  const state = poller.getOperationState();
  if (state.status === "failed" || state.status === "canceled") throw state.error ?? new OperationFailedError(`reading the ${table} table failed`);
  if (state.status !== "succeeded") return { done: false, operation: poller.toString() };
  // Each distinct address or prefix once: a gateway with many circuits learns the same prefix from every peer.
  const entries = new Set((state.result?.value ?? []).map((entry) => (table === "arp" ? entry.ipAddress : entry.network) ?? "").filter(Boolean));
  return { done: true, entries: [...entries] };
}

/** A failed operation's status, with what its error means. */
function failedStatus(classified: { retryable: boolean; notReady?: boolean; failure: { code: string; message: string } }): OperationStatus {
  return { status: "failed", error: { code: classified.failure.code, message: classified.failure.message }, retryable: classified.retryable, ...(classified.notReady ? { notReady: true } : {}) };
}

const tagsOf = (tags: Record<string, string> | undefined): Tags => ({ ...(tags ?? {}) });
const nameOf = (id: string) => id.split("/").pop() ?? "";

function toRule(rule: SecurityRule): AzureSecurityRule {
  const prefixes = (list: string[] | undefined, single: string | undefined) => (list && list.length > 0 ? [...list] : single ? [single] : []);
  return {
    name: rule.name ?? "",
    priority: rule.priority ?? 0,
    direction: rule.direction === "Outbound" ? "Outbound" : "Inbound",
    access: rule.access === "Deny" ? "Deny" : "Allow",
    protocol: (rule.protocol ?? "*") as AzureSecurityRule["protocol"],
    sourceAddressPrefixes: prefixes(rule.sourceAddressPrefixes, rule.sourceAddressPrefix),
    destinationAddressPrefixes: prefixes(rule.destinationAddressPrefixes, rule.destinationAddressPrefix),
    sourcePortRange: rule.sourcePortRange ?? "*",
    destinationPortRange: rule.destinationPortRange ?? "*",
    ...(rule.description ? { description: rule.description } : {}),
  };
}

/** ARM wants a single prefix in the singular field and several in the plural one. */
function fromRule(rule: AzureSecurityRule): SecurityRule {
  const one = (prefixes: string[], single: "sourceAddressPrefix" | "destinationAddressPrefix", many: "sourceAddressPrefixes" | "destinationAddressPrefixes") =>
    prefixes.length === 1 ? { [single]: prefixes[0] } : { [many]: prefixes };
  return {
    name: rule.name,
    priority: rule.priority,
    direction: rule.direction,
    access: rule.access,
    protocol: rule.protocol,
    sourcePortRange: rule.sourcePortRange,
    destinationPortRange: rule.destinationPortRange,
    ...one(rule.sourceAddressPrefixes, "sourceAddressPrefix", "sourceAddressPrefixes"),
    ...one(rule.destinationAddressPrefixes, "destinationAddressPrefix", "destinationAddressPrefixes"),
    ...(rule.description ? { description: rule.description } : {}),
  };
}

/** ARM provisioning states of a change still running. */
const IN_PROGRESS = new Set(["Creating", "Updating"]);

function nsgView(nsg: NetworkSecurityGroup) {
  return { id: nsg.id ?? "", rules: (nsg.securityRules ?? []).map(toRule), subnetIds: (nsg.subnets ?? []).map((subnet) => subnet.id ?? ""), tags: tagsOf(nsg.tags) };
}

function circuitView(circuit: ExpressRouteCircuit): CircuitView {
  const peering = (circuit.peerings ?? []).find((candidate) => candidate.peeringType === "AzurePrivatePeering" || candidate.name === "AzurePrivatePeering");
  return {
    id: circuit.id ?? "",
    ...(circuit.provisioningState ? { provisioningState: circuit.provisioningState } : {}),
    ...(circuit.serviceProviderProvisioningState ? { serviceProviderProvisioningState: circuit.serviceProviderProvisioningState } : {}),
    ...(circuit.circuitProvisioningState ? { circuitProvisioningState: circuit.circuitProvisioningState } : {}),
    ...(circuit.serviceProviderProperties?.bandwidthInMbps !== undefined ? { bandwidthMbps: circuit.serviceProviderProperties.bandwidthInMbps } : {}),
    ...(circuit.serviceProviderProperties?.peeringLocation ? { peeringLocation: circuit.serviceProviderProperties.peeringLocation } : {}),
    ...(circuit.sku?.name ? { skuName: circuit.sku.name } : {}),
    tags: tagsOf(circuit.tags),
    privatePeering: peering
      ? {
          state: peering.state ?? "",
          primaryPeerAddressPrefix: peering.primaryPeerAddressPrefix ?? "",
          secondaryPeerAddressPrefix: peering.secondaryPeerAddressPrefix ?? "",
          peerAsn: peering.peerASN ?? 0,
          azureAsn: peering.azureASN ?? 0,
        }
      : null,
  };
}

function connectionView(connection: VirtualNetworkGatewayConnection): ConnectionView {
  return {
    id: connection.id ?? "",
    ...(connection.provisioningState ? { provisioningState: connection.provisioningState } : {}),
    ...(connection.connectionStatus ? { connectionStatus: connection.connectionStatus } : {}),
    ...(connection.virtualNetworkGateway1?.id ? { gatewayId: connection.virtualNetworkGateway1.id } : {}),
    ...(connection.peer?.id ? { peerId: connection.peer.id } : {}),
  };
}

function subnetView(subnet: Subnet) {
  return {
    name: subnet.name ?? "",
    id: subnet.id ?? "",
    addressPrefix: subnet.addressPrefix ?? subnet.addressPrefixes?.[0] ?? "",
    ...(subnet.networkSecurityGroup?.id ? { networkSecurityGroupId: subnet.networkSecurityGroup.id } : {}),
    ...(subnet.routeTable?.id ? { routeTableId: subnet.routeTable.id } : {}),
    ...(subnet.provisioningState ? { provisioningState: subnet.provisioningState } : {}),
    usedBy: (subnet.ipConfigurations ?? []).map((configuration) => configuration.id ?? "").filter(Boolean),
  };
}

/**
 * AzureNetworkPort over @azure/arm-network 36 (the newest whose engines accept Node 20 as well as 22). Writes send
 * the initial request only (`begin*` without waiting): ARM accepted the change, and the orchestrator polls the
 * resource. The one client is built by clients.ts.
 */
export class AzureNetwork extends AzureVpn implements AzureNetworkPort {
  constructor(
    client: NetworkManagementClient,
    private readonly subscriptionId: string,
  ) {
    super(client);
    // Before retries and signing: a poll answered here is never sent, paced or retried.
    client.pipeline.addPolicy(initialRequestOnly, { phase: "Serialize" });
  }

  /** ARM ids follow from the names: a resource just PUT is named, not read back (a read costs a call and rate limit). */
  private resourceId(resourceGroup: string, type: string, name: string): string {
    return `/subscriptions/${this.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/${type}/${name}`;
  }

  async getVirtualNetwork(resourceGroup: string, name: string): Promise<VirtualNetworkView | null> {
    const vnet = await orNull(() => this.client.virtualNetworks.get(resourceGroup, name));
    if (!vnet) return null;
    return { id: vnet.id ?? "", location: vnet.location ?? "", addressSpaces: vnet.addressSpace?.addressPrefixes ?? [], subnets: (vnet.subnets ?? []).map(subnetView) };
  }

  async ensureSubnet(resourceGroup: string, vnet: string, name: string, addressPrefix: string, beforeCreate?: () => Promise<void>): Promise<({ id: string; created: boolean } & Started) | NotReady> {
    const existing = await orNull(() => this.client.subnets.get(resourceGroup, vnet, name));
    // A teardown is still removing it: once it is gone, it can be created again.
    if (existing?.provisioningState === "Deleting") return { notReady: `the subnet ${name} is being deleted` };
    // Someone else's change (another interconnect adding it) is still running: what uses the subnet must wait for it.
    if (existing && IN_PROGRESS.has(existing.provisioningState ?? "")) return { notReady: `the subnet ${name} is ${existing.provisioningState ?? "changing"}` };
    if (existing && existing.provisioningState !== "Failed") return { id: existing.id ?? "", created: false };
    if (!existing) await beforeCreate?.();
    // A subnet whose last change failed is PUT again, as ARM recovers it.
    const started = await submit(() => this.client.subnets.beginCreateOrUpdate(resourceGroup, vnet, name, { addressPrefix }));
    // Named, not read back: a subnet ARM refuses later is not readable, and its operation says why.
    const id = existing?.id ?? this.resourceId(resourceGroup, "virtualNetworks", `${vnet}/subnets/${name}`);
    return { id, created: !existing, ...started };
  }

  async deleteSubnet(resourceGroup: string, vnet: string, name: string, options?: DeleteOptions): Promise<{ existed: boolean } & Started> {
    return this.startDelete(() => this.client.subnets.get(resourceGroup, vnet, name), () => this.client.subnets.beginDelete(resourceGroup, vnet, name), options);
  }

  async associateSubnet(resourceGroup: string, vnet: string, subnet: string, links: { networkSecurityGroupId?: string | null; routeTableId?: string | null }): Promise<Started> {
    const current = await this.client.subnets.get(resourceGroup, vnet, subnet);
    const next: Subnet = { ...current };
    if (links.networkSecurityGroupId !== undefined) next.networkSecurityGroup = links.networkSecurityGroupId ? { id: links.networkSecurityGroupId } : undefined;
    if (links.routeTableId !== undefined) next.routeTable = links.routeTableId ? { id: links.routeTableId } : undefined;
    if (next.networkSecurityGroup?.id === current.networkSecurityGroup?.id && next.routeTable?.id === current.routeTable?.id) return {};
    return submit(() => this.client.subnets.beginCreateOrUpdate(resourceGroup, vnet, subnet, next));
  }

  async getNetworkSecurityGroup(resourceGroup: string, name: string) {
    const nsg = await orNull(() => this.client.networkSecurityGroups.get(resourceGroup, name));
    return nsg ? nsgView(nsg) : null;
  }

  async listNetworkSecurityGroups(resourceGroup: string) {
    const nsgs = [];
    for await (const nsg of this.client.networkSecurityGroups.list(resourceGroup)) nsgs.push({ name: nsg.name ?? "", ...nsgView(nsg) });
    return nsgs;
  }

  async putNetworkSecurityGroup(resourceGroup: string, name: string, location: string, rules: AzureSecurityRule[], tags: Tags): Promise<{ id: string } & Started> {
    const started = await submit(() => this.client.networkSecurityGroups.beginCreateOrUpdate(resourceGroup, name, { location, tags, securityRules: rules.map(fromRule) }));
    return { id: this.resourceId(resourceGroup, "networkSecurityGroups", name), ...started };
  }

  async putSecurityRule(resourceGroup: string, nsg: string, rule: AzureSecurityRule): Promise<Started> {
    const { name: _name, ...properties } = fromRule(rule);
    return submit(() => this.client.securityRules.beginCreateOrUpdate(resourceGroup, nsg, rule.name, properties));
  }

  async deleteSecurityRule(resourceGroup: string, nsg: string, name: string): Promise<{ existed: boolean } & Started> {
    return this.startDelete(() => this.client.securityRules.get(resourceGroup, nsg, name), () => this.client.securityRules.beginDelete(resourceGroup, nsg, name));
  }

  async deleteNetworkSecurityGroup(resourceGroup: string, name: string, options?: DeleteOptions): Promise<{ existed: boolean } & Started> {
    return this.startDelete(() => this.client.networkSecurityGroups.get(resourceGroup, name), () => this.client.networkSecurityGroups.beginDelete(resourceGroup, name), options);
  }

  async getRouteTable(resourceGroup: string, name: string) {
    const table = await orNull(() => this.client.routeTables.get(resourceGroup, name));
    if (!table) return null;
    return {
      id: table.id ?? "",
      routes: (table.routes ?? []).map((route) => ({ name: route.name ?? "", addressPrefix: route.addressPrefix ?? "", nextHopType: route.nextHopType ?? "" })),
      subnetIds: (table.subnets ?? []).map((subnet) => subnet.id ?? ""),
    };
  }

  async putRouteTable(resourceGroup: string, name: string, location: string, routes: RouteView[], tags: Tags): Promise<{ id: string } & Started> {
    const started = await submit(
      () => this.client.routeTables.beginCreateOrUpdate(resourceGroup, name, {
        location,
        tags,
        disableBgpRoutePropagation: false,
        routes: routes.map((route) => ({ name: route.name, addressPrefix: route.addressPrefix, nextHopType: route.nextHopType })),
      }),
    );
    return { id: this.resourceId(resourceGroup, "routeTables", name), ...started };
  }

  async deleteRouteTable(resourceGroup: string, name: string, options?: DeleteOptions): Promise<{ existed: boolean } & Started> {
    return this.startDelete(() => this.client.routeTables.get(resourceGroup, name), () => this.client.routeTables.beginDelete(resourceGroup, name), options);
  }

  async putExpressRouteCircuit(resourceGroup: string, name: string, spec: CircuitSpec): Promise<{ id: string } & Started> {
    const start = () => this.client.expressRouteCircuits.beginCreateOrUpdate(resourceGroup, name, {
      location: spec.location,
      tags: spec.tags,
      sku: { name: `${spec.skuTier}_${spec.skuFamily}`, tier: spec.skuTier, family: spec.skuFamily },
      serviceProviderProperties: { serviceProviderName: "Oracle Cloud FastConnect", peeringLocation: spec.peeringLocation, bandwidthInMbps: spec.bandwidthMbps },
      allowClassicOperations: false,
    });
    const started = await submit(start);
    return { id: this.resourceId(resourceGroup, "expressRouteCircuits", name), ...started };
  }

  async getExpressRouteCircuit(resourceGroup: string, name: string): Promise<CircuitView | null> {
    const circuit = await orNull(() => this.client.expressRouteCircuits.get(resourceGroup, name));
    return circuit ? circuitView(circuit) : null;
  }

  async listExpressRouteCircuits(resourceGroup: string) {
    const circuits = [];
    for await (const circuit of this.client.expressRouteCircuits.list(resourceGroup)) circuits.push({ name: circuit.name ?? "", ...circuitView(circuit) });
    return circuits;
  }

  async getServiceKey(resourceGroup: string, name: string): Promise<string | null> {
    return (await this.client.expressRouteCircuits.get(resourceGroup, name)).serviceKey ?? null;
  }

  async setCircuitBandwidth(resourceGroup: string, name: string, bandwidthMbps: number): Promise<Started> {
    const current = await this.client.expressRouteCircuits.get(resourceGroup, name);
    if (current.serviceProviderProperties?.bandwidthInMbps === bandwidthMbps && current.provisioningState !== "Failed") return {};
    const { serviceKey: _key, provisioningState: _state, etag: _etag, ...model } = current;
    return submit(() => this.client.expressRouteCircuits.beginCreateOrUpdate(resourceGroup, name, { ...model, serviceProviderProperties: { ...current.serviceProviderProperties, bandwidthInMbps: bandwidthMbps } }));
  }

  async startDeleteExpressRouteCircuit(resourceGroup: string, name: string): Promise<{ existed: boolean; operation: OperationHandle | null }> {
    const existing = await orNull(() => this.client.expressRouteCircuits.get(resourceGroup, name));
    if (!existing) return { existed: false, operation: null };
    // Kept whatever its state: ARM reports a refusal (ConflictError) in the operation, which the orchestrator reads.
    const poller = await submitting.run(true, () => this.client.expressRouteCircuits.beginDelete(resourceGroup, name));
    return { existed: true, operation: serializedOperation(poller) };
  }

  /**
   * Polls a started operation once (any PUT, DELETE or POST of this client: a `begin*` call resumed from its handle polls its URL).
   * The operation ending Failed is an answer, with whether its code is transient; only a failed poll is an error.
   */
  async getOperationStatus(operation: OperationHandle): Promise<OperationStatus> {
    // Only its status is read, so which `begin*` call resumes it does not matter.
    let poller: Lro<unknown>;
    try {
      poller = await this.client.expressRouteCircuits.beginDelete(RESUMED, RESUMED, { resumeFrom: operation });
    } catch (error) {
      // The operation ended Failed: its final error says what happened, and whether trying again may help.
      const ended = failedOperation(error);
      if (ended) return failedStatus(classifyOperationError(ended));
      // Reading the status failed: transient trouble is retried by the activity; anything else fails the operation.
      const classified = classifyCloudError(error);
      if (classified.retryable) throw error;
      return failedStatus(classified);
    }
    const state = poller.getOperationState();
    if (state.status === "running" || state.status === "notStarted") return { status: "running" };
    if (state.status === "succeeded") return { status: "succeeded" };
    const ended = failedOperation(state.error);
    return failedStatus(ended ? classifyOperationError(ended) : classifyCloudError(state.error ?? new OperationFailedError("the operation failed")));
  }

  async startCircuitTableRead(resourceGroup: string, circuit: string, table: CircuitTable, devicePath: "primary" | "secondary", options: TableReadStart = {}): Promise<CircuitTableRead> {
    const circuits = this.client.expressRouteCircuits;
    const begin = () => (table === "arp" ? circuits.beginListArpTable(resourceGroup, circuit, "AzurePrivatePeering", devicePath) : circuits.beginListRoutesTable(resourceGroup, circuit, "AzurePrivatePeering", devicePath));
    return tableRead(table, options.initialRequestOnly ? await submitting.run(true, begin) : await begin());
  }

  async resumeCircuitTableRead(table: CircuitTable, operation: OperationHandle): Promise<CircuitTableRead> {
    const circuits = this.client.expressRouteCircuits;
    const resumeFrom = { resumeFrom: operation };
    const poller = table === "arp" ? await circuits.beginListArpTable(RESUMED, RESUMED, RESUMED, RESUMED, resumeFrom) : await circuits.beginListRoutesTable(RESUMED, RESUMED, RESUMED, RESUMED, resumeFrom);
    return tableRead(table, poller);
  }

  async startGatewayLearnedRoutesRead(resourceGroup: string, gateway: string, options: TableReadStart = {}): Promise<CircuitTableRead> {
    const begin = () => this.client.virtualNetworkGateways.beginGetLearnedRoutes(resourceGroup, gateway);
    return tableRead("routes", options.initialRequestOnly ? await submitting.run(true, begin) : await begin());
  }

  async resumeGatewayLearnedRoutesRead(operation: OperationHandle): Promise<CircuitTableRead> {
    return tableRead("routes", await this.client.virtualNetworkGateways.beginGetLearnedRoutes(RESUMED, RESUMED, { resumeFrom: operation }));
  }

  async findExpressRouteGateway(resourceGroup: string, vnetId: string): Promise<GatewayView | null> {
    const subnetPrefix = `${vnetId}/subnets/`.toLowerCase();
    for await (const gateway of this.client.virtualNetworkGateways.list(resourceGroup)) {
      const subnetId = gateway.ipConfigurations?.[0]?.subnet?.id ?? "";
      if (gateway.gatewayType === "ExpressRoute" && subnetId.toLowerCase().startsWith(subnetPrefix)) return this.gatewayView(gateway);
    }
    return null;
  }

  async getVirtualNetworkGateway(resourceGroup: string, name: string): Promise<GatewayView | null> {
    const gateway = await orNull(() => this.client.virtualNetworkGateways.get(resourceGroup, name));
    return gateway ? this.gatewayView(gateway) : null;
  }

  async putExpressRouteGateway(resourceGroup: string, name: string, spec: { location: string; gatewaySubnetId: string; publicIpId?: string | undefined; sku?: string | undefined; tags: Tags }): Promise<{ id: string } & Started> {
    const start = () => this.client.virtualNetworkGateways.beginCreateOrUpdate(resourceGroup, name, {
      location: spec.location,
      tags: spec.tags,
      gatewayType: "ExpressRoute",
      sku: { name: spec.sku ?? "ErGw1AZ", tier: spec.sku ?? "ErGw1AZ" },
      ipConfigurations: [
        { name: "gwipconfig", privateIPAllocationMethod: "Dynamic", subnet: { id: spec.gatewaySubnetId }, ...(spec.publicIpId ? { publicIPAddress: { id: spec.publicIpId } } : {}) },
      ],
    });
    const started = await submit(start);
    return { id: this.resourceId(resourceGroup, "virtualNetworkGateways", name), ...started };
  }

  async deleteVirtualNetworkGateway(resourceGroup: string, name: string, options?: DeleteOptions): Promise<{ existed: boolean } & Started> {
    return this.startDelete(() => this.client.virtualNetworkGateways.get(resourceGroup, name), () => this.client.virtualNetworkGateways.beginDelete(resourceGroup, name), options);
  }

  async listGatewayConnections(resourceGroup: string, gateway: string): Promise<string[]> {
    const names: string[] = [];
    for await (const connection of this.client.virtualNetworkGateways.listConnections(resourceGroup, gateway)) names.push(connection.name ?? "");
    return names;
  }

  async getPublicIp(resourceGroup: string, name: string): Promise<PublicIpView | null> {
    const ip = await orNull(() => this.client.publicIPAddresses.get(resourceGroup, name));
    if (!ip) return null;
    return {
      id: ip.id ?? "",
      ...(ip.provisioningState ? { provisioningState: ip.provisioningState } : {}),
      ...(ip.ipAddress ? { ipAddress: ip.ipAddress } : {}),
      tags: tagsOf(ip.tags),
      ...(ip.ipConfiguration?.id ? { usedBy: ip.ipConfiguration.id } : {}),
    };
  }

  async putPublicIp(resourceGroup: string, name: string, spec: { location: string; tags: Tags }): Promise<{ id: string } & Started> {
    const start = () => this.client.publicIPAddresses.beginCreateOrUpdate(resourceGroup, name, {
      location: spec.location,
      tags: spec.tags,
      sku: { name: "Standard", tier: "Regional" },
      publicIPAllocationMethod: "Static",
      publicIPAddressVersion: "IPv4",
    });
    const started = await submit(start);
    return { id: this.resourceId(resourceGroup, "publicIPAddresses", name), ...started };
  }

  async deletePublicIp(resourceGroup: string, name: string): Promise<{ existed: boolean } & Started> {
    return this.startDelete(() => this.client.publicIPAddresses.get(resourceGroup, name), () => this.client.publicIPAddresses.beginDelete(resourceGroup, name));
  }

  async putExpressRouteConnection(resourceGroup: string, name: string, spec: { location: string; gatewayId: string; circuitId: string; fastPath?: boolean | undefined; tags: Tags }): Promise<{ id: string } & Started> {
    const start = () => this.client.virtualNetworkGatewayConnections.beginCreateOrUpdate(resourceGroup, name, {
      location: spec.location,
      tags: spec.tags,
      connectionType: "ExpressRoute",
      virtualNetworkGateway1: { id: spec.gatewayId },
      peer: { id: spec.circuitId },
      routingWeight: 0,
      ...(spec.fastPath ? { expressRouteGatewayBypass: true } : {}),
    });
    const started = await submit(start);
    return { id: this.resourceId(resourceGroup, "connections", name), ...started };
  }

  async getConnection(resourceGroup: string, name: string): Promise<ConnectionView | null> {
    const connection = await orNull(() => this.client.virtualNetworkGatewayConnections.get(resourceGroup, name));
    return connection ? connectionView(connection) : null;
  }

  async listConnections(resourceGroup: string) {
    const connections = [];
    for await (const connection of this.client.virtualNetworkGatewayConnections.list(resourceGroup)) connections.push({ name: connection.name ?? "", ...connectionView(connection) });
    return connections;
  }

  async deleteConnection(resourceGroup: string, name: string): Promise<{ existed: boolean } & Started> {
    return this.startDelete(() => this.client.virtualNetworkGatewayConnections.get(resourceGroup, name), () => this.client.virtualNetworkGatewayConnections.beginDelete(resourceGroup, name));
  }

  listVnetPeerings(resourceGroup: string, vnet: string): Promise<VnetPeeringView[]> {
    return listVnetPeerings(this.client, resourceGroup, vnet);
  }

  putVnetPeering(resourceGroup: string, vnet: string, name: string, spec: VnetPeeringSpec): Promise<Started> {
    return putVnetPeering(this.client, resourceGroup, vnet, name, spec);
  }

  deleteVnetPeering(resourceGroup: string, vnet: string, name: string): Promise<{ existed: boolean } & Started> {
    return deleteVnetPeering(this.client, resourceGroup, vnet, name);
  }

  putRoute(resourceGroup: string, table: string, route: RouteView): Promise<Started> {
    return putRoute(this.client, resourceGroup, table, route);
  }

  deleteRoute(resourceGroup: string, table: string, name: string): Promise<{ existed: boolean } & Started> {
    return deleteRoute(this.client, resourceGroup, table, name);
  }

  private gatewayView(gateway: {
    id?: string;
    name?: string;
    provisioningState?: string;
    gatewayType?: string;
    ipConfigurations?: Array<{ subnet?: { id?: string }; publicIPAddress?: { id?: string } }>;
    tags?: Record<string, string>;
  }): GatewayView {
    const subnetId = gateway.ipConfigurations?.[0]?.subnet?.id;
    const publicIpId = gateway.ipConfigurations?.[0]?.publicIPAddress?.id;
    return {
      id: gateway.id ?? "",
      name: gateway.name ?? nameOf(gateway.id ?? ""),
      ...(gateway.provisioningState ? { provisioningState: gateway.provisioningState } : {}),
      ...(gateway.gatewayType ? { gatewayType: gateway.gatewayType } : {}),
      ...(subnetId ? { subnetId } : {}),
      ...(publicIpId ? { publicIpId } : {}),
      tags: tagsOf(gateway.tags),
    };
  }
}
