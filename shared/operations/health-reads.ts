import { type AzureNsgView, type CircuitTableRead, type CircuitView, type CloudPorts, type OperationHandle, type ConnectionView, type TableReadStart, type OciRouteRule, type VcnView, type VirtualCircuitView, type VirtualNetworkView } from "../clouds/ports";
import { type SecurityListRule } from "../domain/security";

export type SecurityListView = { id: string; name: string; ingressSecurityRules: SecurityListRule[]; egressSecurityRules: SecurityListRule[] };

/**
 * What a health check reads about an interconnect's surroundings (everything but the deep reads: the routes
 * tables and the OCI NSG's rules). A single check reads each thing directly; a sweep reads the lists of a
 * subscription's resource group and of a compartment once, and each VNet, VCN, route table and VCN's security
 * lists once, for all the interconnects it checks.
 */
export interface HealthReads {
  circuit(subscriptionId: string, resourceGroup: string, name: string): Promise<CircuitView | null>;
  connection(subscriptionId: string, resourceGroup: string, name: string): Promise<ConnectionView | null>;
  vnet(subscriptionId: string, resourceGroup: string, name: string): Promise<VirtualNetworkView | null>;
  azureNsg(subscriptionId: string, resourceGroup: string, name: string): Promise<AzureNsgView | null>;
  vcn(vcnId: string): Promise<VcnView | null>;
  /** By id when recorded, else by display name in the compartment. */
  virtualCircuit(compartmentId: string, id: string | undefined, displayName: string): Promise<VirtualCircuitView | null>;
  routeTable(routeTableId: string): Promise<{ rules: OciRouteRule[] } | null>;
  securityLists(compartmentId: string, vcnId: string): Promise<SecurityListView[]>;
  /** The interconnect's OCI NSG (by recorded id, else by name in the VCN): whether it is there. */
  ociNsg(compartmentId: string, vcnId: string, id: string | undefined, displayName: string): Promise<{ id: string } | null>;
  /** What a gateway learned (an ARM long-running read): started, or polled once with `operation`. */
  gatewayLearnedRoutes(subscriptionId: string, resourceGroup: string, gateway: string, operation?: OperationHandle, start?: TableReadStart): Promise<CircuitTableRead>;
  /** What the security rules bind to: a subnet (its security lists), one security list, a VNIC (its NSGs). */
  subnet(subnetId: string): Promise<{ name: string; securityListIds: string[] } | null>;
  securityList(securityListId: string): Promise<SecurityListView | null>;
  vnic(vnicId: string): Promise<{ nsgIds: string[] } | null>;
}

/** One request per read: what a check asked for over HTTP does. */
export function directReads(clouds: CloudPorts): HealthReads {
  return {
    circuit: (subscriptionId, resourceGroup, name) => clouds.azure(subscriptionId).getExpressRouteCircuit(resourceGroup, name),
    connection: (subscriptionId, resourceGroup, name) => clouds.azure(subscriptionId).getConnection(resourceGroup, name),
    vnet: (subscriptionId, resourceGroup, name) => clouds.azure(subscriptionId).getVirtualNetwork(resourceGroup, name),
    azureNsg: (subscriptionId, resourceGroup, name) => clouds.azure(subscriptionId).getNetworkSecurityGroup(resourceGroup, name),
    vcn: (vcnId) => clouds.oci.getVcn(vcnId),
    virtualCircuit: (compartmentId, id, displayName) => (id ? clouds.oci.getVirtualCircuit(id) : clouds.oci.findVirtualCircuit(compartmentId, displayName)),
    routeTable: (routeTableId) => clouds.oci.getRouteTable(routeTableId),
    securityLists: (compartmentId, vcnId) => clouds.oci.listSecurityLists(compartmentId, vcnId),
    ociNsg: (compartmentId, vcnId, id, displayName) => (id ? clouds.oci.getNetworkSecurityGroup(id) : clouds.oci.findNetworkSecurityGroup(compartmentId, vcnId, displayName)),
    gatewayLearnedRoutes: (subscriptionId, resourceGroup, gateway, operation, start) =>
      operation ? clouds.azure(subscriptionId).resumeGatewayLearnedRoutesRead(operation) : clouds.azure(subscriptionId).startGatewayLearnedRoutesRead(resourceGroup, gateway, start),
    subnet: (subnetId) => clouds.oci.getSubnet(subnetId),
    securityList: (securityListId) => clouds.oci.getSecurityList(securityListId),
    vnic: (vnicId) => clouds.oci.getVnic(vnicId),
  };
}

/** Remembers each read's promise by key, so concurrent checks share one request. */
class Once {
  private readonly promises = new Map<string, Promise<unknown>>();

  get<T>(key: string, read: () => Promise<T>): Promise<T> {
    let promise = this.promises.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = read();
      this.promises.set(key, promise);
    }
    return promise;
  }
}

const byName = <T extends { name: string }>(items: T[]) => new Map(items.map((item) => [item.name.toLowerCase(), item]));

/**
 * Reads shared by every check of one sweep activity: the circuits, connections and NSGs of each resource group
 * and the virtual circuits of each compartment come from their (paged) lists, read once; each VNet, VCN, route
 * table, VCN's security lists and NSG list is read once, and each gateway's learned routes once for the deep checks
 * of its interconnects. The cost no longer grows with the interconnects but with the pages and the shared networks.
 */
export function sharedReads(clouds: CloudPorts): HealthReads {
  const once = new Once();
  const group = (subscriptionId: string, resourceGroup: string) => `${subscriptionId}/${resourceGroup.toLowerCase()}`;
  const circuits = (subscriptionId: string, resourceGroup: string) => once.get(`circuits:${group(subscriptionId, resourceGroup)}`, async () => byName(await clouds.azure(subscriptionId).listExpressRouteCircuits(resourceGroup)));
  const connections = (subscriptionId: string, resourceGroup: string) => once.get(`connections:${group(subscriptionId, resourceGroup)}`, async () => byName(await clouds.azure(subscriptionId).listConnections(resourceGroup)));
  const nsgs = (subscriptionId: string, resourceGroup: string) => once.get(`nsgs:${group(subscriptionId, resourceGroup)}`, async () => byName(await clouds.azure(subscriptionId).listNetworkSecurityGroups(resourceGroup)));
  const virtualCircuits = (compartmentId: string) => once.get(`vcs:${compartmentId}`, () => clouds.oci.listVirtualCircuits(compartmentId));
  const ociNsgs = (compartmentId: string, vcnId: string) => once.get(`ocinsgs:${compartmentId}/${vcnId}`, () => clouds.oci.listNetworkSecurityGroups(compartmentId, vcnId));
  return {
    circuit: async (subscriptionId, resourceGroup, name) => (await circuits(subscriptionId, resourceGroup)).get(name.toLowerCase()) ?? null,
    connection: async (subscriptionId, resourceGroup, name) => (await connections(subscriptionId, resourceGroup)).get(name.toLowerCase()) ?? null,
    vnet: (subscriptionId, resourceGroup, name) => once.get(`vnet:${group(subscriptionId, resourceGroup)}/${name.toLowerCase()}`, () => clouds.azure(subscriptionId).getVirtualNetwork(resourceGroup, name)),
    azureNsg: async (subscriptionId, resourceGroup, name) => (await nsgs(subscriptionId, resourceGroup)).get(name.toLowerCase()) ?? null,
    vcn: (vcnId) => once.get(`vcn:${vcnId}`, () => clouds.oci.getVcn(vcnId)),
    virtualCircuit: async (compartmentId, id, displayName) => (await virtualCircuits(compartmentId)).find((vc) => (id ? vc.id === id : vc.displayName === displayName)) ?? null,
    routeTable: (routeTableId) => once.get(`rt:${routeTableId}`, () => clouds.oci.getRouteTable(routeTableId)),
    securityLists: (compartmentId, vcnId) => once.get(`seclists:${compartmentId}/${vcnId}`, () => clouds.oci.listSecurityLists(compartmentId, vcnId)),
    ociNsg: async (compartmentId, vcnId, id, displayName) => (await ociNsgs(compartmentId, vcnId)).find((nsg) => (id ? nsg.id === id : nsg.name === displayName)) ?? null,
    // One read per gateway (started once, each of its polls once) for every interconnect the gateway serves.
    gatewayLearnedRoutes: (subscriptionId, resourceGroup, gateway, operation, start) =>
      operation
        ? once.get(`learned-poll:${operation}`, () => clouds.azure(subscriptionId).resumeGatewayLearnedRoutesRead(operation))
        : once.get(`learned:${group(subscriptionId, resourceGroup)}/${gateway.toLowerCase()}`, () => clouds.azure(subscriptionId).startGatewayLearnedRoutesRead(resourceGroup, gateway, start)),
    subnet: (subnetId) => once.get(`subnet:${subnetId}`, () => clouds.oci.getSubnet(subnetId)),
    securityList: (securityListId) => once.get(`seclist:${securityListId}`, () => clouds.oci.getSecurityList(securityListId)),
    vnic: (vnicId) => once.get(`vnic:${vnicId}`, () => clouds.oci.getVnic(vnicId)),
  };
}
