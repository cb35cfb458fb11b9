import { type NetworkManagementClient, restorePoller, type SecurityRule, type Subnet } from "@azure/arm-network";
import { type AzureSecurityRule } from "../../domain/security";
import { classifyCloudError, failedOperation, OperationFailedError } from "../errors";
import { orNull, started, submit } from "./arm-writes";
import { AzureVpn } from "./vpn";
import {
  type AzureNetworkPort,
  type CircuitSpec,
  type CircuitView,
  type ConnectionView,
  type GatewayView,
  type NotReady,
  type CircuitTable,
  type CircuitTableRead,
  type OperationHandle,
  type OperationStatus,
  type RouteView,
  type Started,
  type Tags,
  type VirtualNetworkView,
} from "../ports";

type TableResult = { value?: Array<{ ipAddress?: string; network?: string }> };

/** Where a table read stands after its last request; a failed read throws like any other SDK error. */
async function tableRead(table: CircuitTable, poller: { operationState?: { status: string; result?: TableResult; error?: Error }; serialize(): Promise<string> }): Promise<CircuitTableRead> {
  const state = poller.operationState;
  if (state?.status === "failed" || state?.status === "canceled") throw state.error ?? new OperationFailedError(`reading the ${table} table failed`);
  if (state?.status !== "succeeded") return { done: false, operation: await poller.serialize() };
  const entries = (state.result?.value ?? []).map((entry) => (table === "arp" ? entry.ipAddress : entry.network) ?? "").filter(Boolean);
  return { done: true, entries };
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

function subnetView(subnet: Subnet) {
  return {
    name: subnet.name ?? "",
    id: subnet.id ?? "",
    addressPrefix: subnet.addressPrefix ?? subnet.addressPrefixes?.[0] ?? "",
    ...(subnet.networkSecurityGroup?.id ? { networkSecurityGroupId: subnet.networkSecurityGroup.id } : {}),
    ...(subnet.routeTable?.id ? { routeTableId: subnet.routeTable.id } : {}),
    usedBy: (subnet.ipConfigurations ?? []).map((configuration) => configuration.id ?? "").filter(Boolean),
  };
}

/**
 * AzureNetworkPort over @azure/arm-network 39. Writes send the initial request only (`submitted()`): ARM
 * accepted the change, and the orchestrator polls the resource. The one client is built by clients.ts.
 */
export class AzureNetwork extends AzureVpn implements AzureNetworkPort {
  constructor(client: NetworkManagementClient) {
    super(client);
  }

  async getVirtualNetwork(resourceGroup: string, name: string): Promise<VirtualNetworkView | null> {
    const vnet = await orNull(() => this.client.virtualNetworks.get(resourceGroup, name));
    if (!vnet) return null;
    return { id: vnet.id ?? "", location: vnet.location ?? "", addressSpaces: vnet.addressSpace?.addressPrefixes ?? [], subnets: (vnet.subnets ?? []).map(subnetView) };
  }

  async ensureSubnet(resourceGroup: string, vnet: string, name: string, addressPrefix: string, beforeCreate?: () => Promise<void>): Promise<{ id: string; created: boolean } | NotReady> {
    const existing = await orNull(() => this.client.subnets.get(resourceGroup, vnet, name));
    // A teardown is still removing it: once it is gone, it can be created again.
    if (existing?.provisioningState === "Deleting") return { notReady: `the subnet ${name} is being deleted` };
    if (existing) return { id: existing.id ?? "", created: false };
    await beforeCreate?.();
    const poller = this.client.subnets.createOrUpdate(resourceGroup, vnet, name, { addressPrefix });
    await submit(poller);
    const created = await this.client.subnets.get(resourceGroup, vnet, name);
    return { id: created.id ?? "", created: true };
  }

  async deleteSubnet(resourceGroup: string, vnet: string, name: string): Promise<{ existed: boolean }> {
    return this.startDelete(() => this.client.subnets.get(resourceGroup, vnet, name), () => this.client.subnets.delete(resourceGroup, vnet, name));
  }

  async associateSubnet(resourceGroup: string, vnet: string, subnet: string, links: { networkSecurityGroupId?: string | null; routeTableId?: string | null }): Promise<void> {
    const current = await this.client.subnets.get(resourceGroup, vnet, subnet);
    const next: Subnet = { ...current };
    if (links.networkSecurityGroupId !== undefined) next.networkSecurityGroup = links.networkSecurityGroupId ? { id: links.networkSecurityGroupId } : undefined;
    if (links.routeTableId !== undefined) next.routeTable = links.routeTableId ? { id: links.routeTableId } : undefined;
    if (next.networkSecurityGroup?.id === current.networkSecurityGroup?.id && next.routeTable?.id === current.routeTable?.id) return;
    await submit(this.client.subnets.createOrUpdate(resourceGroup, vnet, subnet, next));
  }

  async getNetworkSecurityGroup(resourceGroup: string, name: string) {
    const nsg = await orNull(() => this.client.networkSecurityGroups.get(resourceGroup, name));
    if (!nsg) return null;
    return { id: nsg.id ?? "", rules: (nsg.securityRules ?? []).map(toRule), subnetIds: (nsg.subnets ?? []).map((subnet) => subnet.id ?? ""), tags: tagsOf(nsg.tags) };
  }

  async putNetworkSecurityGroup(resourceGroup: string, name: string, location: string, rules: AzureSecurityRule[], tags: Tags): Promise<{ id: string }> {
    const poller = this.client.networkSecurityGroups.createOrUpdate(resourceGroup, name, { location, tags, securityRules: rules.map(fromRule) });
    await submit(poller);
    return { id: poller.operationState?.result?.id ?? (await this.client.networkSecurityGroups.get(resourceGroup, name)).id ?? "" };
  }

  async putSecurityRule(resourceGroup: string, nsg: string, rule: AzureSecurityRule): Promise<void> {
    const { name: _name, ...properties } = fromRule(rule);
    await submit(this.client.securityRules.createOrUpdate(resourceGroup, nsg, rule.name, properties));
  }

  async deleteSecurityRule(resourceGroup: string, nsg: string, name: string): Promise<{ existed: boolean }> {
    return this.startDelete(() => this.client.securityRules.get(resourceGroup, nsg, name), () => this.client.securityRules.delete(resourceGroup, nsg, name));
  }

  async deleteNetworkSecurityGroup(resourceGroup: string, name: string): Promise<{ existed: boolean }> {
    return this.startDelete(() => this.client.networkSecurityGroups.get(resourceGroup, name), () => this.client.networkSecurityGroups.delete(resourceGroup, name));
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

  async putRouteTable(resourceGroup: string, name: string, location: string, routes: RouteView[], tags: Tags): Promise<{ id: string }> {
    const poller = this.client.routeTables.createOrUpdate(resourceGroup, name, {
      location,
      tags,
      disableBgpRoutePropagation: false,
      routes: routes.map((route) => ({ name: route.name, addressPrefix: route.addressPrefix, nextHopType: route.nextHopType })),
    });
    await submit(poller);
    return { id: (await this.client.routeTables.get(resourceGroup, name)).id ?? "" };
  }

  async deleteRouteTable(resourceGroup: string, name: string): Promise<{ existed: boolean }> {
    return this.startDelete(() => this.client.routeTables.get(resourceGroup, name), () => this.client.routeTables.delete(resourceGroup, name));
  }

  async putExpressRouteCircuit(resourceGroup: string, name: string, spec: CircuitSpec): Promise<Started> {
    const poller = this.client.expressRouteCircuits.createOrUpdate(resourceGroup, name, {
      location: spec.location,
      tags: spec.tags,
      sku: { name: `${spec.skuTier}_${spec.skuFamily}`, tier: spec.skuTier, family: spec.skuFamily },
      serviceProviderProperties: { serviceProviderName: "Oracle Cloud FastConnect", peeringLocation: spec.peeringLocation, bandwidthInMbps: spec.bandwidthMbps },
      allowClassicOperations: false,
    });
    return started(poller, () => this.client.expressRouteCircuits.get(resourceGroup, name));
  }

  async getExpressRouteCircuit(resourceGroup: string, name: string): Promise<CircuitView | null> {
    const circuit = await orNull(() => this.client.expressRouteCircuits.get(resourceGroup, name));
    if (!circuit) return null;
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

  async getServiceKey(resourceGroup: string, name: string): Promise<string | null> {
    return (await this.client.expressRouteCircuits.get(resourceGroup, name)).serviceKey ?? null;
  }

  async setCircuitBandwidth(resourceGroup: string, name: string, bandwidthMbps: number): Promise<void> {
    const current = await this.client.expressRouteCircuits.get(resourceGroup, name);
    if (current.serviceProviderProperties?.bandwidthInMbps === bandwidthMbps) return;
    const { serviceKey: _key, provisioningState: _state, etag: _etag, ...model } = current;
    await submit(this.client.expressRouteCircuits
      .createOrUpdate(resourceGroup, name, { ...model, serviceProviderProperties: { ...current.serviceProviderProperties, bandwidthInMbps: bandwidthMbps } }));
  }

  async startDeleteExpressRouteCircuit(resourceGroup: string, name: string): Promise<{ existed: boolean; operation: OperationHandle | null }> {
    const existing = await orNull(() => this.client.expressRouteCircuits.get(resourceGroup, name));
    if (!existing) return { existed: false, operation: null };
    const poller = this.client.expressRouteCircuits.delete(resourceGroup, name);
    await submit(poller);
    return { existed: true, operation: await poller.serialize() };
  }

  /**
   * Polls a started operation once (any PUT, DELETE or POST of this client: restorePoller finds it by its URL).
   * The operation ending Failed is an answer, with whether its code is transient; only a failed poll is an error.
   */
  async getOperationStatus(operation: OperationHandle): Promise<OperationStatus> {
    const poller = restorePoller(this.client, operation, this.client.expressRouteCircuits.delete);
    try {
      await poller.poll();
    } catch (error) {
      const classified = classifyCloudError(error);
      if (classified.retryable && !failedOperation(error)) throw error;
      return { status: "failed", error: { code: classified.failure.code, message: classified.failure.message }, retryable: classified.retryable };
    }
    const state = poller.operationState;
    if (!state || state.status === "running" || state.status === "notStarted") return { status: "running" };
    if (state.status === "succeeded") return { status: "succeeded" };
    const failure = classifyCloudError(state.error ?? new OperationFailedError("the operation failed"));
    return { status: "failed", error: { code: failure.failure.code, message: failure.failure.message }, retryable: failure.retryable };
  }

  async startCircuitTableRead(resourceGroup: string, circuit: string, table: CircuitTable, devicePath: "primary" | "secondary"): Promise<CircuitTableRead> {
    const circuits = this.client.expressRouteCircuits;
    const poller = table === "arp" ? circuits.listArpTable(resourceGroup, circuit, "AzurePrivatePeering", devicePath) : circuits.listRoutesTable(resourceGroup, circuit, "AzurePrivatePeering", devicePath);
    await poller.submitted();
    return tableRead(table, poller);
  }

  async resumeCircuitTableRead(table: CircuitTable, operation: OperationHandle): Promise<CircuitTableRead> {
    const circuits = this.client.expressRouteCircuits;
    const poller = table === "arp" ? restorePoller(this.client, operation, circuits.listArpTable) : restorePoller(this.client, operation, circuits.listRoutesTable);
    await poller.poll();
    return tableRead(table, poller);
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

  async putExpressRouteGateway(resourceGroup: string, name: string, spec: { location: string; gatewaySubnetId: string; tags: Tags }): Promise<{ id: string }> {
    const poller = this.client.virtualNetworkGateways.createOrUpdate(resourceGroup, name, {
      location: spec.location,
      tags: spec.tags,
      gatewayType: "ExpressRoute",
      sku: { name: "ErGw1AZ", tier: "ErGw1AZ" },
      ipConfigurations: [{ name: "gwipconfig", privateIPAllocationMethod: "Dynamic", subnet: { id: spec.gatewaySubnetId } }],
    });
    return started(poller, () => this.client.virtualNetworkGateways.get(resourceGroup, name));
  }

  async deleteVirtualNetworkGateway(resourceGroup: string, name: string): Promise<{ existed: boolean }> {
    return this.startDelete(() => this.client.virtualNetworkGateways.get(resourceGroup, name), () => this.client.virtualNetworkGateways.delete(resourceGroup, name));
  }

  async listGatewayConnections(resourceGroup: string, gateway: string): Promise<string[]> {
    const names: string[] = [];
    for await (const connection of this.client.virtualNetworkGateways.listConnections(resourceGroup, gateway)) names.push(connection.name ?? "");
    return names;
  }

  async putExpressRouteConnection(resourceGroup: string, name: string, spec: { location: string; gatewayId: string; circuitId: string; tags: Tags }): Promise<{ id: string }> {
    const poller = this.client.virtualNetworkGatewayConnections.createOrUpdate(resourceGroup, name, {
      location: spec.location,
      tags: spec.tags,
      connectionType: "ExpressRoute",
      virtualNetworkGateway1: { id: spec.gatewayId },
      peer: { id: spec.circuitId },
      routingWeight: 0,
    });
    return started(poller, () => this.client.virtualNetworkGatewayConnections.get(resourceGroup, name));
  }

  async getConnection(resourceGroup: string, name: string): Promise<ConnectionView | null> {
    const connection = await orNull(() => this.client.virtualNetworkGatewayConnections.get(resourceGroup, name));
    if (!connection) return null;
    return {
      id: connection.id ?? "",
      ...(connection.provisioningState ? { provisioningState: connection.provisioningState } : {}),
      ...(connection.connectionStatus ? { connectionStatus: connection.connectionStatus } : {}),
      ...(connection.virtualNetworkGateway1?.id ? { gatewayId: connection.virtualNetworkGateway1.id } : {}),
      ...(connection.peer?.id ? { peerId: connection.peer.id } : {}),
    };
  }

  async deleteConnection(resourceGroup: string, name: string): Promise<{ existed: boolean }> {
    return this.startDelete(() => this.client.virtualNetworkGatewayConnections.get(resourceGroup, name), () => this.client.virtualNetworkGatewayConnections.delete(resourceGroup, name));
  }

  private gatewayView(gateway: { id?: string; name?: string; provisioningState?: string; gatewayType?: string; ipConfigurations?: Array<{ subnet?: { id?: string } }>; tags?: Record<string, string> }): GatewayView {
    const subnetId = gateway.ipConfigurations?.[0]?.subnet?.id;
    return {
      id: gateway.id ?? "",
      name: gateway.name ?? nameOf(gateway.id ?? ""),
      ...(gateway.provisioningState ? { provisioningState: gateway.provisioningState } : {}),
      ...(gateway.gatewayType ? { gatewayType: gateway.gatewayType } : {}),
      ...(subnetId ? { subnetId } : {}),
      tags: tagsOf(gateway.tags),
    };
  }
}
