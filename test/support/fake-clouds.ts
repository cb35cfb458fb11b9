import {
  type AzureNetworkPort,
  type CircuitSpec,
  type CircuitTable,
  type CircuitTableRead,
  type TableReadStart,
  type CircuitView,
  type CloudPorts,
  type ConnectionView,
  type DrgAttachmentView,
  type DrgView,
  type GatewayView,
  type NotReady,
  type OciNetworkPort,
  type OciRouteRule,
  type OperationStatus,
  type PublicIpView,
  type RouteView,
  type Started,
  type StaticDrgRoute,
  type SubnetView,
  type Tags,
  type VcnView,
  type VirtualCircuitSpec,
  type VirtualCircuitView,
  type VirtualNetworkView,
  type VnetPeeringSpec,
  type VnetPeeringView,
} from "../../shared/clouds/ports";
import { type AzureSecurityRule, type OciSecurityRule, type SecurityListRule } from "../../shared/domain/security";
import { armError, ociError } from "./fake-port";
import { FakeAzureVpn, FakeOciVpn } from "./fake-vpn";

export { armError, ociError } from "./fake-port";

const ARM = "/subscriptions/sub/resourceGroups";
const key = (resourceGroup: string, name: string) => `${resourceGroup.toLowerCase()}/${name.toLowerCase()}`;
const nameOf = (id: string) => id.split("/").pop() ?? "";

interface FakeSubnet extends SubnetView {
  deleting?: boolean;
}

interface FakeVnet extends Omit<VirtualNetworkView, "subnets"> {
  subnets: FakeSubnet[];
}

/** The fake ExpressRoute/network half; the VPN half is FakeAzureVpn (fake-vpn.ts). */
export class FakeAzure extends FakeAzureVpn implements AzureNetworkPort {
  readonly vnets = new Map<string, FakeVnet>();
  readonly nsgs = new Map<string, { id: string; rules: AzureSecurityRule[]; tags: Tags }>();
  readonly routeTables = new Map<string, { id: string; routes: RouteView[]; tags: Tags }>();
  readonly circuits = new Map<string, CircuitView & { serviceKey: string | null }>();
  readonly gateways = new Map<string, GatewayView>();
  readonly connections = new Map<string, ConnectionView>();
  readonly operations = new Map<string, OperationStatus>();
  /** What the circuit's tables hold, and how many more polls each read keeps running. */
  readonly tables: Record<`${CircuitTable}:${"primary" | "secondary"}`, string[]> = { "arp:primary": [], "arp:secondary": [], "routes:primary": [], "routes:secondary": [] };
  /** What each gateway (by name) learned from its circuits. */
  readonly gatewayLearned = new Map<string, string[]>();
  tablePolls = 0;
  private readonly runningReads = new Map<string, { table: CircuitTable; device: "primary" | "secondary"; polls: number } | { gateway: string; polls: number }>();
  private sequence = 0;

  addVnet(resourceGroup: string, name: string, vnet: { location: string; addressSpaces: string[]; subnets?: Array<Partial<FakeSubnet> & { name: string; addressPrefix: string }> }): FakeVnet {
    const id = `${ARM}/${resourceGroup}/providers/Microsoft.Network/virtualNetworks/${name}`;
    const created: FakeVnet = { id, location: vnet.location, addressSpaces: vnet.addressSpaces, subnets: (vnet.subnets ?? []).map((subnet) => ({ usedBy: [], ...subnet, id: `${id}/subnets/${subnet.name}` })) };
    this.vnets.set(key(resourceGroup, name), created);
    return created;
  }

  private vnet(resourceGroup: string, name: string): FakeVnet {
    const vnet = this.vnets.get(key(resourceGroup, name));
    if (!vnet) throw armError(404, "ResourceNotFound", `no VNet ${name}`);
    return vnet;
  }

  private subnet(resourceGroup: string, vnet: string, name: string): FakeSubnet {
    const subnet = this.vnet(resourceGroup, vnet).subnets.find((candidate) => candidate.name === name);
    if (!subnet) throw armError(404, "NotFound", `no subnet ${name}`);
    return subnet;
  }

  async getVirtualNetwork(resourceGroup: string, name: string): Promise<VirtualNetworkView | null> {
    this.enter("getVirtualNetwork");
    const vnet = this.vnets.get(key(resourceGroup, name));
    return vnet ? structuredClone({ ...vnet, subnets: vnet.subnets.map(({ deleting: _deleting, ...subnet }) => subnet) }) : null;
  }

  async ensureSubnet(resourceGroup: string, vnet: string, name: string, addressPrefix: string, beforeCreate?: () => Promise<void>): Promise<{ id: string; created: boolean } | NotReady> {
    this.enter("ensureSubnet");
    const network = this.vnet(resourceGroup, vnet);
    const existing = network.subnets.find((subnet) => subnet.name === name);
    if (existing?.deleting) return { notReady: `the subnet ${name} is being deleted` };
    if (existing?.provisioningState === "Updating" || existing?.provisioningState === "Creating") return { notReady: `the subnet ${name} is ${existing.provisioningState}` };
    if (existing) return { id: existing.id, created: false };
    await beforeCreate?.();
    return this.answer("ensureSubnet", () => {
      const subnet: FakeSubnet = { name, id: `${network.id}/subnets/${name}`, addressPrefix, usedBy: [] };
      network.subnets.push(subnet);
      return { id: subnet.id, created: true };
    });
  }

  async deleteSubnet(resourceGroup: string, vnet: string, name: string): Promise<{ existed: boolean }> {
    this.enter("deleteSubnet");
    const network = this.vnet(resourceGroup, vnet);
    const before = network.subnets.length;
    network.subnets = network.subnets.filter((subnet) => subnet.name !== name);
    return { existed: network.subnets.length < before };
  }

  async associateSubnet(resourceGroup: string, vnet: string, subnet: string, links: { networkSecurityGroupId?: string | null; routeTableId?: string | null }): Promise<Started> {
    this.enter("associateSubnet");
    const target = this.subnet(resourceGroup, vnet, subnet);
    if (links.networkSecurityGroupId !== undefined) {
      if (links.networkSecurityGroupId) target.networkSecurityGroupId = links.networkSecurityGroupId;
      else delete target.networkSecurityGroupId;
    }
    if (links.routeTableId !== undefined) {
      if (links.routeTableId) target.routeTableId = links.routeTableId;
      else delete target.routeTableId;
    }
    return {};
  }

  private subnetsUsing(field: "networkSecurityGroupId" | "routeTableId", id: string): string[] {
    return [...this.vnets.values()].flatMap((vnet) => vnet.subnets.filter((subnet) => subnet[field] === id).map((subnet) => subnet.id));
  }

  async getNetworkSecurityGroup(resourceGroup: string, name: string) {
    this.enter("getNetworkSecurityGroup");
    const nsg = this.nsgs.get(key(resourceGroup, name));
    return nsg ? structuredClone({ ...nsg, subnetIds: this.subnetsUsing("networkSecurityGroupId", nsg.id) }) : null;
  }

  async listNetworkSecurityGroups(resourceGroup: string) {
    this.enter("listNetworkSecurityGroups");
    const prefix = `${resourceGroup.toLowerCase()}/`;
    return [...this.nsgs.entries()].filter(([id]) => id.startsWith(prefix)).map(([, nsg]) => structuredClone({ ...nsg, name: nameOf(nsg.id), subnetIds: this.subnetsUsing("networkSecurityGroupId", nsg.id) }));
  }

  async putNetworkSecurityGroup(resourceGroup: string, name: string, _location: string, rules: AzureSecurityRule[], tags: Tags): Promise<{ id: string }> {
    this.enter("putNetworkSecurityGroup");
    const id = `${ARM}/${resourceGroup}/providers/Microsoft.Network/networkSecurityGroups/${name}`;
    this.nsgs.set(key(resourceGroup, name), { id, rules: structuredClone(rules), tags: { ...tags } });
    return { id };
  }

  async putSecurityRule(resourceGroup: string, nsg: string, rule: AzureSecurityRule): Promise<Started> {
    this.enter("putSecurityRule");
    const group = this.nsgs.get(key(resourceGroup, nsg));
    if (!group) throw armError(404, "ResourceNotFound", `no NSG ${nsg}`);
    group.rules = [...group.rules.filter((candidate) => candidate.name !== rule.name), structuredClone(rule)];
    return {};
  }

  async deleteSecurityRule(resourceGroup: string, nsg: string, name: string): Promise<{ existed: boolean }> {
    this.enter("deleteSecurityRule");
    const group = this.nsgs.get(key(resourceGroup, nsg));
    const before = group?.rules.length ?? 0;
    if (group) group.rules = group.rules.filter((rule) => rule.name !== name);
    return { existed: (group?.rules.length ?? 0) < before };
  }

  async deleteNetworkSecurityGroup(resourceGroup: string, name: string): Promise<{ existed: boolean }> {
    this.enter("deleteNetworkSecurityGroup");
    return { existed: this.nsgs.delete(key(resourceGroup, name)) };
  }

  /** VNet peerings by `<rg>/<vnet>`, then by name; a fake does not connect the two sides (tests set peeringState). */
  readonly peerings = new Map<string, Map<string, VnetPeeringView>>();

  async listVnetPeerings(resourceGroup: string, vnet: string): Promise<VnetPeeringView[]> {
    this.enter("listVnetPeerings");
    return structuredClone([...(this.peerings.get(key(resourceGroup, vnet))?.values() ?? [])]);
  }

  async putVnetPeering(resourceGroup: string, vnet: string, name: string, spec: VnetPeeringSpec): Promise<Started> {
    this.enter("putVnetPeering");
    const peerings = this.peerings.get(key(resourceGroup, vnet)) ?? new Map<string, VnetPeeringView>();
    const { syncRemoteAddressSpace: _sync, ...flags } = spec;
    peerings.set(name, { name, peeringState: "Connected", syncLevel: "FullyInSync", provisioningState: "Succeeded", ...flags });
    this.peerings.set(key(resourceGroup, vnet), peerings);
    return {};
  }

  async deleteVnetPeering(resourceGroup: string, vnet: string, name: string): Promise<{ existed: boolean }> {
    this.enter("deleteVnetPeering");
    return { existed: this.peerings.get(key(resourceGroup, vnet))?.delete(name) ?? false };
  }

  async getRouteTable(resourceGroup: string, name: string) {
    this.enter("getRouteTable");
    const table = this.routeTables.get(key(resourceGroup, name));
    return table ? structuredClone({ id: table.id, routes: table.routes, subnetIds: this.subnetsUsing("routeTableId", table.id) }) : null;
  }

  async putRouteTable(resourceGroup: string, name: string, _location: string, routes: RouteView[], tags: Tags): Promise<{ id: string }> {
    this.enter("putRouteTable");
    const id = `${ARM}/${resourceGroup}/providers/Microsoft.Network/routeTables/${name}`;
    this.routeTables.set(key(resourceGroup, name), { id, routes: structuredClone(routes), tags: { ...tags } });
    return { id };
  }

  async putRoute(resourceGroup: string, table: string, route: RouteView): Promise<Started> {
    this.enter("putRoute");
    const found = this.routeTables.get(key(resourceGroup, table));
    if (!found) throw armError(404, "NotFound", `no route table ${table}`);
    found.routes = [...found.routes.filter((candidate) => candidate.name !== route.name), { ...route }];
    return {};
  }

  async deleteRoute(resourceGroup: string, table: string, name: string): Promise<{ existed: boolean }> {
    this.enter("deleteRoute");
    const found = this.routeTables.get(key(resourceGroup, table));
    const before = found?.routes.length ?? 0;
    if (found) found.routes = found.routes.filter((candidate) => candidate.name !== name);
    return { existed: (found?.routes.length ?? 0) < before };
  }

  async deleteRouteTable(resourceGroup: string, name: string): Promise<{ existed: boolean }> {
    this.enter("deleteRouteTable");
    return { existed: this.routeTables.delete(key(resourceGroup, name)) };
  }

  async putExpressRouteCircuit(resourceGroup: string, name: string, spec: CircuitSpec): Promise<{ id: string }> {
    this.enter("putExpressRouteCircuit");
    const id = `${ARM}/${resourceGroup}/providers/Microsoft.Network/expressRouteCircuits/${name}`;
    const existing = this.circuits.get(key(resourceGroup, name));
    this.circuits.set(key(resourceGroup, name), {
      id,
      provisioningState: "Updating",
      serviceProviderProvisioningState: existing?.serviceProviderProvisioningState ?? "NotProvisioned",
      bandwidthMbps: spec.bandwidthMbps,
      peeringLocation: spec.peeringLocation,
      skuName: `${spec.skuTier}_${spec.skuFamily}`,
      tags: { ...spec.tags },
      privatePeering: existing?.privatePeering ?? null,
      serviceKey: existing?.serviceKey ?? null,
    });
    return { id };
  }

  async getExpressRouteCircuit(resourceGroup: string, name: string): Promise<CircuitView | null> {
    this.enter("getExpressRouteCircuit");
    const circuit = this.circuits.get(key(resourceGroup, name));
    if (!circuit) return null;
    const { serviceKey: _secret, ...view } = circuit;
    return structuredClone(view);
  }

  async listExpressRouteCircuits(resourceGroup: string): Promise<Array<CircuitView & { name: string }>> {
    this.enter("listExpressRouteCircuits");
    const prefix = `${resourceGroup.toLowerCase()}/`;
    return [...this.circuits.entries()].filter(([id]) => id.startsWith(prefix)).map(([, { serviceKey: _secret, ...view }]) => structuredClone({ ...view, name: nameOf(view.id) }));
  }

  async getServiceKey(resourceGroup: string, name: string): Promise<string | null> {
    this.enter("getServiceKey");
    const circuit = this.circuits.get(key(resourceGroup, name));
    if (!circuit) throw armError(404, "ResourceNotFound", `no circuit ${name}`);
    return circuit.serviceKey;
  }

  async setCircuitBandwidth(resourceGroup: string, name: string, bandwidthMbps: number): Promise<Started> {
    this.enter("setCircuitBandwidth");
    const circuit = this.circuits.get(key(resourceGroup, name));
    if (!circuit) throw armError(404, "ResourceNotFound", `no circuit ${name}`);
    circuit.bandwidthMbps = bandwidthMbps;
    return {};
  }

  async startDeleteExpressRouteCircuit(resourceGroup: string, name: string): Promise<{ existed: boolean; operation: string | null }> {
    this.enter("startDeleteExpressRouteCircuit");
    if (!this.circuits.delete(key(resourceGroup, name))) return { existed: false, operation: null };
    const operation = `delete-${++this.sequence}`;
    this.operations.set(operation, { status: "running" });
    return { existed: true, operation };
  }

  async getOperationStatus(operation: string): Promise<OperationStatus> {
    this.enter("getOperationStatus");
    return structuredClone(this.operations.get(operation) ?? { status: "failed", error: { code: "NotFound", message: `no operation ${operation}` } });
  }

  async startCircuitTableRead(_resourceGroup: string, _circuit: string, table: CircuitTable, devicePath: "primary" | "secondary", options: TableReadStart = {}): Promise<CircuitTableRead> {
    this.enter("startCircuitTableRead");
    if (this.tablePolls === 0 && !options.initialRequestOnly) return { done: true, entries: [...this.tables[`${table}:${devicePath}`]] };
    const operation = `read-${++this.sequence}`;
    this.runningReads.set(operation, { table, device: devicePath, polls: Math.max(1, this.tablePolls) });
    return { done: false, operation };
  }

  async resumeCircuitTableRead(_table: CircuitTable, operation: string): Promise<CircuitTableRead> {
    this.enter("resumeCircuitTableRead");
    return this.resumeRead(operation);
  }

  async startGatewayLearnedRoutesRead(_resourceGroup: string, gateway: string, options: TableReadStart = {}): Promise<CircuitTableRead> {
    this.enter("startGatewayLearnedRoutesRead");
    if (this.tablePolls === 0 && !options.initialRequestOnly) return { done: true, entries: [...(this.gatewayLearned.get(gateway.toLowerCase()) ?? [])] };
    const operation = `read-${++this.sequence}`;
    this.runningReads.set(operation, { gateway: gateway.toLowerCase(), polls: Math.max(1, this.tablePolls) });
    return { done: false, operation };
  }

  async resumeGatewayLearnedRoutesRead(operation: string): Promise<CircuitTableRead> {
    this.enter("resumeGatewayLearnedRoutesRead");
    return this.resumeRead(operation);
  }

  private resumeRead(operation: string): CircuitTableRead {
    const read = this.runningReads.get(operation);
    if (!read) throw armError(404, "NotFound", `no operation ${operation}`);
    if (--read.polls > 0) return { done: false, operation };
    return { done: true, entries: "gateway" in read ? [...(this.gatewayLearned.get(read.gateway) ?? [])] : [...this.tables[`${read.table}:${read.device}`]] };
  }

  async findExpressRouteGateway(_resourceGroup: string, vnetId: string): Promise<GatewayView | null> {
    this.enter("findExpressRouteGateway");
    const gateway = [...this.gateways.values()].find((candidate) => candidate.gatewayType === "ExpressRoute" && (candidate.subnetId ?? "").toLowerCase().startsWith(`${vnetId}/subnets/`.toLowerCase()));
    return gateway ? structuredClone(gateway) : null;
  }

  async getVirtualNetworkGateway(resourceGroup: string, name: string): Promise<GatewayView | null> {
    this.enter("getVirtualNetworkGateway");
    const gateway = this.gateways.get(key(resourceGroup, name));
    return gateway ? structuredClone(gateway) : null;
  }

  async putExpressRouteGateway(resourceGroup: string, name: string, spec: { location: string; gatewaySubnetId: string; publicIpId?: string | undefined; sku?: string | undefined; tags: Tags }): Promise<{ id: string }> {
    this.enter("putExpressRouteGateway");
    const id = `${ARM}/${resourceGroup}/providers/Microsoft.Network/virtualNetworkGateways/${name}`;
    this.gateways.set(key(resourceGroup, name), {
      id,
      name,
      provisioningState: "Updating",
      gatewayType: "ExpressRoute",
      subnetId: spec.gatewaySubnetId,
      ...(spec.publicIpId ? { publicIpId: spec.publicIpId } : {}),
      tags: { ...spec.tags },
    });
    return { id };
  }

  async deleteVirtualNetworkGateway(resourceGroup: string, name: string): Promise<{ existed: boolean }> {
    this.enter("deleteVirtualNetworkGateway");
    return { existed: this.gateways.delete(key(resourceGroup, name)) };
  }

  async listGatewayConnections(resourceGroup: string, gateway: string): Promise<string[]> {
    this.enter("listGatewayConnections");
    const gatewayId = this.gateways.get(key(resourceGroup, gateway))?.id;
    return [...this.connections.values()].filter((connection) => connection.gatewayId === gatewayId).map((connection) => nameOf(connection.id));
  }

  async getPublicIp(resourceGroup: string, name: string): Promise<PublicIpView | null> {
    this.enter("getPublicIp");
    const ip = this.publicIps.get(key(resourceGroup, name));
    if (!ip) return null;
    const usedBy = [...this.gateways.values()].find((gateway) => gateway.publicIpId === ip.id);
    return structuredClone({ ...ip, ...(usedBy ? { usedBy: `${usedBy.id}/ipConfigurations/gwipconfig` } : {}) });
  }

  async putPublicIp(resourceGroup: string, name: string, spec: { location: string; tags: Tags }): Promise<{ id: string }> {
    this.enter("putPublicIp");
    const id = `${ARM}/${resourceGroup}/providers/Microsoft.Network/publicIPAddresses/${name}`;
    const existing = this.publicIps.get(key(resourceGroup, name));
    this.publicIps.set(key(resourceGroup, name), { id, provisioningState: "Succeeded", ipAddress: existing?.ipAddress ?? `20.0.1.${++this.addresses}`, tags: { ...spec.tags } });
    return { id };
  }

  async deletePublicIp(resourceGroup: string, name: string): Promise<{ existed: boolean }> {
    this.enter("deletePublicIp");
    return { existed: this.publicIps.delete(key(resourceGroup, name)) };
  }

  async putExpressRouteConnection(resourceGroup: string, name: string, spec: { location: string; gatewayId: string; circuitId: string; fastPath?: boolean | undefined; tags: Tags }): Promise<{ id: string }> {
    this.enter("putExpressRouteConnection");
    const id = `${ARM}/${resourceGroup}/providers/Microsoft.Network/connections/${name}`;
    this.connections.set(key(resourceGroup, name), { id, provisioningState: "Updating", connectionStatus: "Unknown", gatewayId: spec.gatewayId, peerId: spec.circuitId });
    return { id };
  }

  async getConnection(resourceGroup: string, name: string): Promise<ConnectionView | null> {
    this.enter("getConnection");
    const connection = this.connections.get(key(resourceGroup, name));
    return connection ? structuredClone(connection) : null;
  }

  async listConnections(resourceGroup: string): Promise<Array<ConnectionView & { name: string }>> {
    this.enter("listConnections");
    const prefix = `${resourceGroup.toLowerCase()}/`;
    return [...this.connections.entries()].filter(([id]) => id.startsWith(prefix)).map(([, connection]) => structuredClone({ ...connection, name: nameOf(connection.id) }));
  }

  async deleteConnection(resourceGroup: string, name: string): Promise<{ existed: boolean }> {
    this.enter("deleteConnection");
    return { existed: this.connections.delete(key(resourceGroup, name)) };
  }
}

const LIVE = (state: string) => !["TERMINATED", "TERMINATING", "DETACHED", "DETACHING"].includes(state);

/** An OCI delete: a live resource moves on to `state`; one already gone (or never there) did not exist. */
function retire(resource: { lifecycleState: string } | undefined, state: string): { existed: boolean } {
  if (!resource || !LIVE(resource.lifecycleState)) return { existed: false };
  resource.lifecycleState = state;
  return { existed: true };
}

/** The fake OCI networking half; the VPN half is FakeOciVpn (fake-vpn.ts). */
export class FakeOci extends FakeOciVpn implements OciNetworkPort {
  readonly vcns = new Map<string, VcnView>();
  readonly drgs = new Map<string, DrgView & { displayName: string }>();
  readonly attachments = new Map<string, DrgAttachmentView & { compartmentId: string; virtualCircuitId?: string }>();
  readonly virtualCircuits = new Map<string, VirtualCircuitView & Pick<VirtualCircuitSpec, "compartmentId" | "providerServiceKeyName" | "crossConnectMappings">>();
  readonly routeTables = new Map<string, { rules: OciRouteRule[]; etag: number }>();
  readonly drgRouteTables = new Map<string, StaticDrgRoute[]>();
  readonly learnedRoutes = new Map<string, string[]>();
  readonly securityLists = new Map<string, { id: string; name: string; compartmentId: string; vcnId: string; ingressSecurityRules: SecurityListRule[]; egressSecurityRules: SecurityListRule[]; etag: number }>();
  readonly nsgs = new Map<string, { id: string; name: string; compartmentId: string; vcnId: string; lifecycleState: string; rules: Array<OciSecurityRule & { id: string }> }>();
  readonly subnets = new Map<string, { id: string; name: string; vcnId: string; securityListIds: string[] }>();
  readonly vnics = new Map<string, { id: string; subnetId: string; nsgIds: string[]; etag: number }>();
  /** Create requests by retry token: a repeated token gets the first answer back, as OCI's opc-retry-token does. */
  readonly retryTokens = new Map<string, unknown>();
  providerServiceId: string | null = "ocid1.providerservice.oc1.iad.azure";
  private sequence = 0;

  private ocid(kind: string): string {
    return `ocid1.${kind}.oc1.iad.fake${++this.sequence}`;
  }

  private replay<T>(token: string, create: () => T): T {
    if (this.retryTokens.has(token)) return structuredClone(this.retryTokens.get(token) as T);
    const created = create();
    this.retryTokens.set(token, structuredClone(created));
    return created;
  }

  addVcn(vcn: { id: string; compartmentId: string; cidrBlocks: string[] }): VcnView {
    const routeTableId = this.ocid("routetable");
    const securityListId = this.ocid("securitylist");
    const view: VcnView = { ...vcn, defaultRouteTableId: routeTableId, defaultSecurityListId: securityListId };
    this.vcns.set(vcn.id, view);
    this.routeTables.set(routeTableId, { rules: [], etag: 1 });
    this.securityLists.set(securityListId, { id: securityListId, name: "Default Security List", compartmentId: vcn.compartmentId, vcnId: vcn.id, ingressSecurityRules: [], egressSecurityRules: [], etag: 1 });
    return view;
  }

  addDrg(compartmentId: string, displayName: string, tags: Tags = {}, lifecycleState = "AVAILABLE"): DrgView {
    const drg = { id: this.ocid("drg"), compartmentId, displayName, lifecycleState, freeformTags: { ...tags }, vcnRouteTableId: this.ocid("drgroutetable"), virtualCircuitRouteTableId: this.ocid("drgroutetable") };
    this.drgs.set(drg.id, drg);
    this.drgRouteTables.set(drg.vcnRouteTableId, []);
    this.drgRouteTables.set(drg.virtualCircuitRouteTableId, []);
    return drg;
  }

  async getVcn(vcnId: string): Promise<VcnView | null> {
    this.enter("getVcn");
    const vcn = this.vcns.get(vcnId);
    return vcn ? structuredClone(vcn) : null;
  }

  async getDrg(drgId: string): Promise<DrgView | null> {
    this.enter("getDrg");
    const drg = this.drgs.get(drgId);
    if (!drg || !LIVE(drg.lifecycleState)) return null;
    const { displayName: _name, ...view } = drg;
    return structuredClone(view);
  }

  async findDrg(compartmentId: string, displayName: string, owner: string): Promise<DrgView | null> {
    this.enter("findDrg");
    const drg = [...this.drgs.values()].find((candidate) => candidate.compartmentId === compartmentId && candidate.displayName === displayName && candidate.freeformTags.interlink === owner && LIVE(candidate.lifecycleState));
    if (!drg) return null;
    const { displayName: _name, ...view } = drg;
    return structuredClone(view);
  }

  async createDrg(compartmentId: string, displayName: string, tags: Tags, retryToken: string): Promise<DrgView> {
    this.enter("createDrg");
    return this.replay(retryToken, () => this.addDrg(compartmentId, displayName, tags, "PROVISIONING"));
  }

  async deleteDrg(drgId: string): Promise<{ existed: boolean }> {
    this.enter("deleteDrg");
    const drg = this.drgs.get(drgId);
    if (!drg || !LIVE(drg.lifecycleState)) return { existed: false };
    if ([...this.attachments.values()].some((attachment) => attachment.drgId === drgId && LIVE(attachment.lifecycleState))) throw ociError(409, "IncorrectState", `Drg ${drgId} still has attachments`);
    drg.lifecycleState = "TERMINATED";
    return { existed: true };
  }

  async listDrgAttachments(compartmentId: string, filter: { drgId?: string; vcnId?: string; virtualCircuitId?: string }): Promise<DrgAttachmentView[]> {
    this.enter("listDrgAttachments");
    return [...this.attachments.values()]
      .filter((attachment) => attachment.compartmentId === compartmentId && LIVE(attachment.lifecycleState))
      .filter((attachment) => (filter.drgId ? attachment.drgId === filter.drgId : true) && (filter.vcnId ? attachment.vcnId === filter.vcnId : true))
      .filter((attachment) => (filter.virtualCircuitId ? attachment.virtualCircuitId === filter.virtualCircuitId : attachment.virtualCircuitId === undefined))
      .map(({ compartmentId: _compartment, virtualCircuitId: _vc, ...view }) => structuredClone(view));
  }

  async createDrgAttachment(drgId: string, vcnId: string, _displayName: string, tags: Tags, retryToken: string): Promise<DrgAttachmentView> {
    this.enter("createDrgAttachment");
    const drg = this.drgs.get(drgId);
    if (!drg) throw ociError(404, "NotAuthorizedOrNotFound");
    if (drg.lifecycleState !== "AVAILABLE") throw ociError(409, "IncorrectState", `Drg ${drgId} is ${drg.lifecycleState}`);
    return this.answer("createDrgAttachment", () => this.replay(retryToken, () => {
      const attachment = { id: this.ocid("drgattachment"), drgId, vcnId, lifecycleState: "ATTACHING", freeformTags: { ...tags }, compartmentId: this.vcns.get(vcnId)?.compartmentId ?? drg.compartmentId };
      this.attachments.set(attachment.id, attachment);
      const { compartmentId: _compartment, ...view } = attachment;
      return view;
    }));
  }

  async deleteDrgAttachment(attachmentId: string): Promise<{ existed: boolean }> {
    this.enter("deleteDrgAttachment");
    return retire(this.attachments.get(attachmentId), "DETACHED");
  }

  async listLearnedVirtualCircuitRoutes(drgId: string): Promise<string[]> {
    this.enter("listLearnedVirtualCircuitRoutes");
    return [...(this.learnedRoutes.get(drgId) ?? [])];
  }

  async listStaticDrgRoutes(drgRouteTableId: string): Promise<StaticDrgRoute[]> {
    this.enter("listStaticDrgRoutes");
    return structuredClone(this.drgRouteTables.get(drgRouteTableId) ?? []);
  }

  async addStaticDrgRoutes(drgRouteTableId: string, routes: Array<Omit<StaticDrgRoute, "id">>): Promise<void> {
    this.enter("addStaticDrgRoutes");
    const table = this.drgRouteTables.get(drgRouteTableId) ?? [];
    this.drgRouteTables.set(drgRouteTableId, [...table, ...routes.map((route) => ({ ...route, id: this.ocid("drgrouterule") }))]);
  }

  async removeDrgRoutes(drgRouteTableId: string, ruleIds: string[]): Promise<void> {
    this.enter("removeDrgRoutes");
    this.drgRouteTables.set(drgRouteTableId, (this.drgRouteTables.get(drgRouteTableId) ?? []).filter((route) => !ruleIds.includes(route.id)));
  }

  async findAzureProviderService(_compartmentId: string): Promise<{ id: string } | null> {
    this.enter("findAzureProviderService");
    return this.providerServiceId ? { id: this.providerServiceId } : null;
  }

  async createVirtualCircuit(spec: VirtualCircuitSpec, retryToken: string): Promise<VirtualCircuitView> {
    this.enter("createVirtualCircuit");
    return this.answer("createVirtualCircuit", () => this.replay(retryToken, () => {
      const vc = {
        id: this.ocid("virtualcircuit"),
        displayName: spec.displayName,
        lifecycleState: "PROVISIONING",
        providerState: "INACTIVE",
        bgpSessionState: "DOWN",
        bandwidthShapeName: spec.bandwidthShapeName,
        drgId: spec.drgId,
        freeformTags: { ...spec.tags },
        compartmentId: spec.compartmentId,
        providerServiceKeyName: spec.providerServiceKeyName,
        crossConnectMappings: spec.crossConnectMappings,
      };
      this.virtualCircuits.set(vc.id, vc);
      return this.vcView(vc.id) as VirtualCircuitView;
    }));
  }

  private vcView(id: string): VirtualCircuitView | null {
    const vc = this.virtualCircuits.get(id);
    if (!vc) return null;
    const { compartmentId: _compartment, providerServiceKeyName: _key, crossConnectMappings: _mappings, ...view } = vc;
    return structuredClone(view);
  }

  async getVirtualCircuit(virtualCircuitId: string): Promise<VirtualCircuitView | null> {
    this.enter("getVirtualCircuit");
    return this.vcView(virtualCircuitId);
  }

  async findVirtualCircuit(compartmentId: string, displayName: string): Promise<VirtualCircuitView | null> {
    this.enter("findVirtualCircuit");
    const vc = [...this.virtualCircuits.values()].find((candidate) => candidate.compartmentId === compartmentId && candidate.displayName === displayName && LIVE(candidate.lifecycleState));
    return vc ? this.vcView(vc.id) : null;
  }

  async listVirtualCircuits(compartmentId: string): Promise<VirtualCircuitView[]> {
    this.enter("listVirtualCircuits");
    return [...this.virtualCircuits.values()].filter((vc) => vc.compartmentId === compartmentId && LIVE(vc.lifecycleState)).map((vc) => this.vcView(vc.id) as VirtualCircuitView);
  }

  async setVirtualCircuitBandwidth(virtualCircuitId: string, bandwidthShapeName: string): Promise<void> {
    this.enter("setVirtualCircuitBandwidth");
    const vc = this.virtualCircuits.get(virtualCircuitId);
    if (!vc) throw ociError(404, "NotAuthorizedOrNotFound");
    vc.bandwidthShapeName = bandwidthShapeName;
  }

  async deleteVirtualCircuit(virtualCircuitId: string): Promise<{ existed: boolean }> {
    this.enter("deleteVirtualCircuit");
    return retire(this.virtualCircuits.get(virtualCircuitId), "TERMINATING");
  }

  async getRouteTable(routeTableId: string): Promise<{ rules: OciRouteRule[]; etag: string } | null> {
    this.enter("getRouteTable");
    const table = this.routeTables.get(routeTableId);
    return table ? { rules: structuredClone(table.rules), etag: String(table.etag) } : null;
  }

  async setRouteRules(routeTableId: string, rules: OciRouteRule[], etag: string): Promise<void> {
    this.enter("setRouteRules");
    const table = this.routeTables.get(routeTableId);
    if (!table) throw ociError(404, "NotAuthorizedOrNotFound");
    if (String(table.etag) !== etag) throw ociError(412, "NoEtagMatch");
    table.rules = structuredClone(rules);
    table.etag++;
  }

  async listSecurityLists(compartmentId: string, vcnId: string) {
    this.enter("listSecurityLists");
    return [...this.securityLists.values()]
      .filter((list) => list.compartmentId === compartmentId && list.vcnId === vcnId)
      .map((list) => structuredClone({ id: list.id, name: list.name, ingressSecurityRules: list.ingressSecurityRules, egressSecurityRules: list.egressSecurityRules, etag: String(list.etag) }));
  }

  async getSecurityList(securityListId: string) {
    this.enter("getSecurityList");
    const list = this.securityLists.get(securityListId);
    return list ? structuredClone({ id: list.id, name: list.name, ingressSecurityRules: list.ingressSecurityRules, egressSecurityRules: list.egressSecurityRules, etag: String(list.etag) }) : null;
  }

  async getSubnet(subnetId: string) {
    this.enter("getSubnet");
    const subnet = this.subnets.get(subnetId);
    return subnet ? structuredClone(subnet) : null;
  }

  async getVnic(vnicId: string) {
    this.enter("getVnic");
    const vnic = this.vnics.get(vnicId);
    return vnic ? { id: vnic.id, subnetId: vnic.subnetId, nsgIds: [...vnic.nsgIds], etag: String(vnic.etag) } : null;
  }

  async setVnicNsgs(vnicId: string, nsgIds: string[], etag: string): Promise<void> {
    this.enter("setVnicNsgs");
    const vnic = this.vnics.get(vnicId);
    if (!vnic) throw ociError(404, "NotAuthorizedOrNotFound");
    if (String(vnic.etag) !== etag) throw ociError(412, "NoEtagMatch");
    if (nsgIds.length > 5) throw ociError(400, "InvalidParameter");
    vnic.nsgIds = [...nsgIds];
    vnic.etag++;
  }

  /** A subnet of a VCN on its default security list (or the lists given). */
  addSubnet(vcnId: string, securityListIds?: string[]): { id: string; name: string; vcnId: string; securityListIds: string[] } {
    const id = this.ocid("subnet");
    const subnet = { id, name: `subnet-${this.sequence}`, vcnId, securityListIds: securityListIds ?? [this.vcns.get(vcnId)?.defaultSecurityListId ?? ""] };
    this.subnets.set(id, subnet);
    return subnet;
  }

  addVnic(subnetId: string, nsgIds: string[] = []): { id: string } {
    const id = this.ocid("vnic");
    this.vnics.set(id, { id, subnetId, nsgIds, etag: 1 });
    return { id };
  }

  async setSecurityListRules(securityListId: string, rules: { ingressSecurityRules: SecurityListRule[]; egressSecurityRules: SecurityListRule[] }, etag: string): Promise<void> {
    this.enter("setSecurityListRules");
    const list = this.securityLists.get(securityListId);
    if (!list) throw ociError(404, "NotAuthorizedOrNotFound");
    if (String(list.etag) !== etag) throw ociError(412, "NoEtagMatch");
    Object.assign(list, structuredClone(rules), { etag: list.etag + 1 });
  }

  async getNetworkSecurityGroup(nsgId: string) {
    this.enter("getNetworkSecurityGroup");
    const nsg = this.nsgs.get(nsgId);
    return nsg && LIVE(nsg.lifecycleState) ? { id: nsg.id, lifecycleState: nsg.lifecycleState } : null;
  }

  async findNetworkSecurityGroup(compartmentId: string, vcnId: string, displayName: string) {
    this.enter("findNetworkSecurityGroup");
    const nsg = [...this.nsgs.values()].find((candidate) => candidate.compartmentId === compartmentId && candidate.vcnId === vcnId && candidate.name === displayName && LIVE(candidate.lifecycleState));
    return nsg ? { id: nsg.id, lifecycleState: nsg.lifecycleState } : null;
  }

  async createNetworkSecurityGroup(compartmentId: string, vcnId: string, displayName: string, _tags: Tags, retryToken: string) {
    this.enter("createNetworkSecurityGroup");
    return this.replay(retryToken, () => {
      const nsg = { id: this.ocid("networksecuritygroup"), name: displayName, compartmentId, vcnId, lifecycleState: "AVAILABLE", rules: [] };
      this.nsgs.set(nsg.id, nsg);
      return { id: nsg.id, lifecycleState: nsg.lifecycleState };
    });
  }

  async listNetworkSecurityGroupRules(nsgId: string): Promise<Array<OciSecurityRule & { id: string }>> {
    this.enter("listNetworkSecurityGroupRules");
    return structuredClone(this.nsgs.get(nsgId)?.rules ?? []);
  }

  async addNetworkSecurityGroupRules(nsgId: string, rules: OciSecurityRule[]): Promise<void> {
    this.enter("addNetworkSecurityGroupRules");
    const nsg = this.nsgs.get(nsgId);
    if (!nsg) throw ociError(404, "NotAuthorizedOrNotFound");
    nsg.rules.push(...rules.map((rule) => ({ ...structuredClone(rule), id: this.ocid("securityrule") })));
  }

  async removeNetworkSecurityGroupRules(nsgId: string, ruleIds: string[]): Promise<void> {
    this.enter("removeNetworkSecurityGroupRules");
    const nsg = this.nsgs.get(nsgId);
    if (nsg) nsg.rules = nsg.rules.filter((rule) => !ruleIds.includes(rule.id));
  }

  async deleteNetworkSecurityGroup(nsgId: string): Promise<{ existed: boolean }> {
    this.enter("deleteNetworkSecurityGroup");
    return retire(this.nsgs.get(nsgId), "TERMINATED");
  }

  async listNetworkSecurityGroups(compartmentId: string, vcnId: string) {
    this.enter("listNetworkSecurityGroups");
    return [...this.nsgs.values()].filter((nsg) => nsg.compartmentId === compartmentId && nsg.vcnId === vcnId && LIVE(nsg.lifecycleState)).map((nsg) => ({ id: nsg.id, name: nsg.name }));
  }
}

/** Both fake clouds behind the CloudPorts the activities are built over (one Azure port for every subscription). */
export function fakeClouds(): { azure: FakeAzure; oci: FakeOci; ports: CloudPorts } {
  const azure = new FakeAzure();
  const oci = new FakeOci();
  return { azure, oci, ports: { azure: () => azure, oci } };
}
