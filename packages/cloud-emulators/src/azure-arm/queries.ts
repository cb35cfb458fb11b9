import type { World } from "../core/world";
import { keyOf, parentKeyOf, sameId } from "./ids";
import type { ConnectionRecord, ExpressRouteCircuitRecord, VirtualNetworkGatewayRecord, VirtualNetworkRecord } from "./model";
import { armRecordOf, armRecords, findChild } from "./store";

/** Cross-resource lookups (who uses what) shared by the ARM kinds and the fabric. */

export function gatewayIpConfigurationsOnSubnet(world: World, subnetId: string): string[] {
  return armRecords(world, "virtualNetworkGateways").flatMap((gateway) =>
    gateway.ipConfigurations.filter((config) => sameId(config.subnetId, subnetId)).map((config) => `${gateway.id}/ipConfigurations/${config.name}`),
  );
}

export function gatewaysInVnet(world: World, vnet: VirtualNetworkRecord): VirtualNetworkGatewayRecord[] {
  const vnetKey = keyOf(vnet.id);
  return armRecords(world, "virtualNetworkGateways").filter((gateway) => gateway.ipConfigurations.some((config) => parentKeyOf(config.subnetId) === vnetKey));
}

export function vnetOfGateway(world: World, gateway: VirtualNetworkGatewayRecord): VirtualNetworkRecord | undefined {
  const subnetId = gateway.ipConfigurations[0]?.subnetId;
  const vnetKey = subnetId ? parentKeyOf(subnetId) : undefined;
  return vnetKey ? armRecordOf(world, "virtualNetworks", vnetKey) : undefined;
}

export function subnetIdsReferencing(world: World, field: "networkSecurityGroupId" | "routeTableId", id: string): string[] {
  return armRecords(world, "virtualNetworks").flatMap((vnet) =>
    vnet.subnets.filter((subnet) => sameId(subnet[field], id)).map((subnet) => `${vnet.id}/subnets/${subnet.name}`),
  );
}

/** ExpressRoute connections by the key of their circuit. */
const connectionsByCircuit = (world: World) =>
  world.lookup("connectionsByCircuit", () => {
    const index = new Map<string, ConnectionRecord[]>();
    for (const connection of armRecords(world, "connections")) {
      if (connection.connectionType !== "ExpressRoute" || connection.peerId === undefined) continue;
      const key = keyOf(connection.peerId);
      const list = index.get(key);
      if (list) list.push(connection);
      else index.set(key, [connection]);
    }
    return index;
  });

export function connectionsToCircuit(world: World, circuitId: string): ConnectionRecord[] {
  return [...(connectionsByCircuit(world).get(keyOf(circuitId)) ?? [])];
}

export function connectionsOfGateway(world: World, gatewayId: string): ConnectionRecord[] {
  return armRecords(world, "connections").filter((connection) => sameId(connection.gateway1Id, gatewayId) || sameId(connection.gateway2Id, gatewayId));
}

export function gatewayUsingPublicIp(world: World, publicIpId: string): string | undefined {
  for (const gateway of armRecords(world, "virtualNetworkGateways")) {
    const config = gateway.ipConfigurations.find((candidate) => sameId(candidate.publicIpId, publicIpId));
    if (config) return `${gateway.id}/ipConfigurations/${config.name}`;
  }
  return undefined;
}

export function privatePeering(circuit: ExpressRouteCircuitRecord): ExpressRouteCircuitRecord["peerings"][number] | undefined {
  return findChild(circuit.peerings, "AzurePrivatePeering");
}

/** The subnet record behind a subnet id, with its VNet. */
export function subnetById(world: World, subnetId: string): { vnet: VirtualNetworkRecord; subnet: VirtualNetworkRecord["subnets"][number] } | undefined {
  const vnetKey = parentKeyOf(subnetId);
  const vnet = vnetKey ? armRecordOf(world, "virtualNetworks", vnetKey) : undefined;
  const name = subnetId.split("/").pop() ?? "";
  const subnet = vnet ? findChild(vnet.subnets, name) : undefined;
  return vnet && subnet && /\/subnets\/[^/]+$/i.test(subnetId) ? { vnet, subnet } : undefined;
}
