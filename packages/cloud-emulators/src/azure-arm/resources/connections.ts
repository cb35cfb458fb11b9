import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { World } from "../../core/world";
import { parseArm, propertiesOf } from "../body";
import { type ArmError, badRequest } from "../errors";
import type { TrackedKind } from "../kinds";
import type { ConnectionRecord } from "../model";
import { privatePeering } from "../queries";
import { armRecordOf } from "../store";
import { vpnConnectionStatus } from "../../fabric/vpn-links";
import { checkReference } from "./subnet-rules";
import { buildVpnConnectionSettings, checkSharedKey, connectedLocalGateway, vpnConnectionProperties } from "./vpn-connection-settings";

/** Gateway SKUs whose ExpressRoute connections may use FastPath. */
const FASTPATH_SKUS = ["UltraPerformance", "ErGw3AZ", "ErGwScale"];

const ConnectionProperties = z.object({
  connectionType: z.enum(["ExpressRoute", "Vnet2Vnet", "IPsec", "VPNClient"]),
  virtualNetworkGateway1: z.object({ id: z.string().min(1) }),
  virtualNetworkGateway2: z.object({ id: z.string().min(1) }).optional(),
  peer: z.object({ id: z.string().min(1) }).optional(),
  routingWeight: z.number().int().optional(),
  sharedKey: z.string().optional(),
  enableBgp: z.boolean().optional(),
  expressRouteGatewayBypass: z.boolean().optional(),
});

export function generateSharedKey(length = 32): string {
  return randomBytes(length).toString("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, length);
}

function notProvisioned(id: string, user: string, state: string): ArmError {
  return badRequest(
    "ReferencedResourceNotProvisioned",
    `Cannot proceed with operation because resource ${id} used by resource ${user} is not in Succeeded state. Resource is in ${state} state.`,
  );
}

/** Status an Azure connection reports; computed from both ends at read time. */
export function connectionStatus(world: World, connection: ConnectionRecord): "Unknown" | "Connecting" | "Connected" | "NotConnected" {
  if (connection.provisioningState !== "Succeeded") return "Unknown";
  if (connection.connectionType === "ExpressRoute") {
    const circuit = armRecordOf(world, "expressRouteCircuits", connection.peerId);
    const up = circuit && circuit.provisioningState !== "Failed" && circuit.serviceProviderProvisioningState === "Provisioned" && privatePeering(circuit);
    return up ? "Connected" : "NotConnected";
  }
  return vpnConnectionStatus(world, connection);
}

export const connections: TrackedKind<"connections"> = {
  kind: "connections",
  type: "connections",
  build({ world, id, body, existing }) {
    const properties = parseArm(ConnectionProperties, propertiesOf(body), "properties");
    if (properties.connectionType === "VPNClient") {
      throw badRequest("ConnectionTypeNotSupported", `Connection type ${properties.connectionType} is not supported by the emulator (ExpressRoute, IPsec and Vnet2Vnet are).`);
    }
    if (existing && existing.connectionType !== properties.connectionType) {
      throw badRequest("ConnectionTypeCannotBeChanged", `The type of connection ${existing.name} cannot change from ${existing.connectionType} to ${properties.connectionType}.`);
    }
    if (properties.sharedKey !== undefined) checkSharedKey(properties.sharedKey, "Property 'properties.sharedKey'");
    const gatewayId = properties.virtualNetworkGateway1.id;
    checkReference(world, gatewayId, "virtualNetworkGateways", id);
    const gateway = armRecordOf(world, "virtualNetworkGateways", gatewayId);
    if (!gateway) throw badRequest("InvalidResourceReference", `Resource ${gatewayId} referenced by resource ${id} was not found.`);
    if (gateway.provisioningState !== "Succeeded") throw notProvisioned(gateway.id, id, gateway.provisioningState);
    const record: Omit<ConnectionRecord, "kind" | "id" | "name" | "subscriptionId" | "resourceGroup" | "location" | "tags" | "etag" | "provisioningState" | "resourceGuid" | "createdAt" | "pendingOpId" | "hiddenUntil"> = {
      connectionType: properties.connectionType,
      gateway1Id: gateway.id,
      routingWeight: properties.routingWeight ?? 0,
      enableBgp: properties.enableBgp ?? false,
    };
    if (properties.connectionType === "ExpressRoute") {
      if (gateway.gatewayType !== "ExpressRoute") throw badRequest("InvalidGatewayTypeForConnection", `Gateway ${gateway.id} is a ${gateway.gatewayType} gateway; an ExpressRoute connection needs an ExpressRoute gateway.`);
      const peerId = properties.peer?.id;
      if (!peerId) throw badRequest("InvalidRequestFormat", "Cannot parse the request. Property 'properties.peer' is required for ExpressRoute connections.");
      checkReference(world, peerId, "expressRouteCircuits", id);
      const circuit = armRecordOf(world, "expressRouteCircuits", peerId);
      if (!circuit) throw badRequest("InvalidResourceReference", `Resource ${peerId} referenced by resource ${id} was not found.`);
      if (circuit.serviceProviderProvisioningState !== "Provisioned" || !privatePeering(circuit)) {
        throw badRequest(
          "ExpressRouteCircuitNotProvisioned",
          `ExpressRoute circuit ${circuit.id} cannot be connected: its serviceProviderProvisioningState is ${circuit.serviceProviderProvisioningState}${privatePeering(circuit) ? "" : " and it has no AzurePrivatePeering"}. The circuit must be provisioned by the service provider first.`,
        );
      }
      if (circuit.provisioningState !== "Succeeded") throw notProvisioned(circuit.id, id, circuit.provisioningState);
      record.peerId = circuit.id;
      // FastPath sends traffic past the gateway: only the gateway SKUs built for it offer it.
      if (properties.expressRouteGatewayBypass) {
        if (!FASTPATH_SKUS.includes(gateway.sku.name)) {
          throw badRequest("ExpressRouteGatewayBypassNotSupported", `FastPath (expressRouteGatewayBypass) is not supported on gateway ${gateway.id} of SKU ${gateway.sku.name}; it needs ${FASTPATH_SKUS.join(", ")}.`);
        }
        record.expressRouteGatewayBypass = true;
      }
    } else if (properties.connectionType === "IPsec") {
      if (gateway.gatewayType !== "Vpn") throw badRequest("InvalidGatewayTypeForConnection", `Gateway ${gateway.id} is a ${gateway.gatewayType} gateway; an IPsec connection needs a VPN gateway.`);
      const local = connectedLocalGateway(world, id, body);
      record.vpn = buildVpnConnectionSettings(id, body, gateway, record.enableBgp, local);
      record.sharedKey = properties.sharedKey ?? existing?.sharedKey ?? generateSharedKey();
    } else {
      const otherId = properties.virtualNetworkGateway2?.id;
      if (!otherId) throw badRequest("InvalidRequestFormat", "Cannot parse the request. Property 'properties.virtualNetworkGateway2' is required for Vnet2Vnet connections.");
      checkReference(world, otherId, "virtualNetworkGateways", id);
      const other = armRecordOf(world, "virtualNetworkGateways", otherId);
      if (!other) throw badRequest("InvalidResourceReference", `Resource ${otherId} referenced by resource ${id} was not found.`);
      for (const end of [gateway, other]) {
        if (end.gatewayType !== "Vpn" || end.vpnType !== "RouteBased") throw badRequest("InvalidGatewayTypeForConnection", `Gateway ${end.id} must be a RouteBased VPN gateway for a Vnet2Vnet connection.`);
      }
      if (other.provisioningState !== "Succeeded") throw notProvisioned(other.id, id, other.provisioningState);
      record.gateway2Id = other.id;
      if (record.enableBgp && !other.enableBgp) throw badRequest("BgpNotEnabledOnVirtualNetworkGateway", `Connection ${id} enables BGP, but gateway ${other.id} has BGP disabled.`);
      record.vpn = buildVpnConnectionSettings(id, body, gateway, record.enableBgp, undefined);
      record.sharedKey = properties.sharedKey ?? existing?.sharedKey ?? generateSharedKey();
    }
    return record;
  },
  properties(world, record) {
    return {
      virtualNetworkGateway1: { id: record.gateway1Id, properties: {} },
      ...(record.gateway2Id ? { virtualNetworkGateway2: { id: record.gateway2Id, properties: {} } } : {}),
      ...(record.peerId ? { peer: { id: record.peerId } } : {}),
      connectionType: record.connectionType,
      routingWeight: record.routingWeight,
      enableBgp: record.enableBgp,
      useLocalAzureIpAddress: false,
      usePolicyBasedTrafficSelectors: false,
      ipsecPolicies: [],
      trafficSelectorPolicies: [],
      ...vpnConnectionProperties(record),
      connectionStatus: connectionStatus(world, record),
      ingressBytesTransferred: 0,
      egressBytesTransferred: 0,
      expressRouteGatewayBypass: record.expressRouteGatewayBypass ?? false,
      ...(record.vpn ? {} : { connectionMode: "Default", dpdTimeoutSeconds: 0 }),
    };
  },
  provisioningMs: (world) => world.config.durations.gatewayConnection,
  deleteMs: (world) => world.config.durations.gatewayConnectionDelete,
};
