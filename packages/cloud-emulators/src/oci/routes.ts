import type { Route } from "../core/router";
import type { World } from "../core/world";
import { createHandler, deleteHandler, getHandler, listHandler, type OciRegistry, registerOciEvents, updateHandler } from "./generic";
import { IDENTITY_ROUTES, registerIdentityEvents } from "./identity/routes";
import type { OciHandler, OciKindDef } from "./kinds";
import type { OciKind } from "./model";
import { cpes } from "./resources/cpes";
import { drgAttachments } from "./resources/drg-attachments";
import { addDrgRouteRules, drgRouteTables, drgs, listDrgRouteRules, removeDrgRouteRules } from "./resources/drgs";
import { addSecurityRules, listSecurityRules, networkSecurityGroups, removeSecurityRules, updateSecurityRules } from "./resources/network-security-groups";
import { connectLocalPeeringGateways, connectRemotePeeringConnections, localPeeringGateways, registerPeeringEvents, remotePeeringConnections } from "./resources/peering-gateways";
import { getProviderService, getProviderServiceKey, listBandwidthShapes, listProviderServices, listVirtualCircuitBandwidthShapes } from "./resources/provider-services";
import { ipsecConnections } from "./resources/ipsec-connections";
import { getDeviceStatus, getSharedSecret, getTunnel, getTunnelError, listTunnelRoutes, listTunnels, registerIpsecEvents, updateSharedSecret, updateTunnel } from "./resources/ipsec-tunnels";
import { routeTables } from "./resources/route-tables";
import { securityLists } from "./resources/security-lists";
import { subnets } from "./resources/subnets";
import { vcns } from "./resources/vcns";
import { vnics } from "./resources/vnics";
import { virtualCircuits } from "./resources/virtual-circuits";

export const API_PREFIX = "/20160918";

type AnyKind = OciKindDef<OciKind>;

function kind<K extends OciKind>(def: OciKindDef<K>): AnyKind {
  return def as unknown as AnyKind;
}

/** Resource types with the standard create/get/update/delete/list operations. */
const CRUD_KINDS: AnyKind[] = [
  kind(vcns),
  kind(subnets),
  kind(routeTables),
  kind(securityLists),
  kind(networkSecurityGroups),
  kind(drgs),
  kind(drgAttachments),
  kind(virtualCircuits),
  kind(localPeeringGateways),
  kind(remotePeeringConnections),
  kind(cpes),
  kind(ipsecConnections),
];

export function ociRegistry(): OciRegistry {
  const registry: OciRegistry = new Map();
  for (const def of [...CRUD_KINDS, kind(drgRouteTables), kind(vnics)]) registry.set(def.kind, def);
  return registry;
}

export function registerOciHandlers(world: World): void {
  registerOciEvents(world, ociRegistry());
  registerPeeringEvents(world);
  registerIpsecEvents(world);
  registerIdentityEvents(world);
}

function route(method: string, path: string, op: string, handler: OciHandler): Route<OciHandler> {
  return { method, pattern: new RegExp(`^${API_PREFIX}${path}/?$`), op, handler };
}

const ID = "(?<id>[^/]+)";

/** Every OCI route with the `VirtualNetworkClient` and `IdentityClient` operation names. */
export function ociRoutes(): Route<OciHandler>[] {
  const routes: Route<OciHandler>[] = [
    route("GET", "/fastConnectProviderServices", "listFastConnectProviderServices", listProviderServices),
    route("GET", "/fastConnectProviderServices/(?<serviceId>[^/]+)", "getFastConnectProviderService", getProviderService),
    route("GET", "/fastConnectProviderServices/(?<serviceId>[^/]+)/providerServiceKeys/(?<keyName>[^/]+)", "getFastConnectProviderServiceKey", getProviderServiceKey),
    route("GET", "/fastConnectProviderServices/(?<serviceId>[^/]+)/virtualCircuitBandwidthShapes", "listFastConnectProviderVirtualCircuitBandwidthShapes", listBandwidthShapes),
    route("GET", "/virtualCircuitBandwidthShapes", "listVirtualCircuitBandwidthShapes", listVirtualCircuitBandwidthShapes),
    route("GET", "/drgRouteTables", "listDrgRouteTables", listHandler(drgRouteTables)),
    route("GET", `/drgRouteTables/${ID}`, "getDrgRouteTable", getHandler(drgRouteTables, "id")),
    route("GET", "/drgRouteTables/(?<tableId>[^/]+)/drgRouteRules", "listDrgRouteRules", listDrgRouteRules),
    route("POST", "/drgRouteTables/(?<tableId>[^/]+)/actions/addDrgRouteRules", "addDrgRouteRules", addDrgRouteRules),
    route("POST", "/drgRouteTables/(?<tableId>[^/]+)/actions/removeDrgRouteRules", "removeDrgRouteRules", removeDrgRouteRules),
    route("POST", "/networkSecurityGroups/(?<nsgId>[^/]+)/actions/addSecurityRules", "addNetworkSecurityGroupSecurityRules", addSecurityRules),
    route("POST", "/networkSecurityGroups/(?<nsgId>[^/]+)/actions/updateSecurityRules", "updateNetworkSecurityGroupSecurityRules", updateSecurityRules),
    route("POST", "/networkSecurityGroups/(?<nsgId>[^/]+)/actions/removeSecurityRules", "removeNetworkSecurityGroupSecurityRules", removeSecurityRules),
    route("GET", "/networkSecurityGroups/(?<nsgId>[^/]+)/securityRules", "listNetworkSecurityGroupSecurityRules", listSecurityRules),
    route("GET", `/vnics/${ID}`, "getVnic", getHandler(vnics, "id")),
    route("PUT", `/vnics/${ID}`, "updateVnic", updateHandler(vnics, "id")),
    route("POST", "/localPeeringGateways/(?<lpgId>[^/]+)/actions/connect", "connectLocalPeeringGateways", connectLocalPeeringGateways),
    route("POST", "/remotePeeringConnections/(?<rpcId>[^/]+)/actions/connect", "connectRemotePeeringConnections", connectRemotePeeringConnections),
    ...ipsecTunnelRoutes(),
  ];
  for (const [method, path, op, handler] of IDENTITY_ROUTES) routes.push(route(method, path, op, handler));
  for (const def of CRUD_KINDS) {
    routes.push(route("POST", `/${def.collection}`, `create${def.opName}`, createHandler(def)));
    routes.push(route("GET", `/${def.collection}`, `list${def.opName}s`, listHandler(def)));
    routes.push(route("GET", `/${def.collection}/${ID}`, `get${def.opName}`, getHandler(def, "id")));
    routes.push(route("PUT", `/${def.collection}/${ID}`, `update${def.opName}`, updateHandler(def, "id")));
    routes.push(route("DELETE", `/${def.collection}/${ID}`, `delete${def.opName}`, deleteHandler(def, "id")));
  }
  return routes;
}

/** The tunnels of an IPSec connection, with the oci-core operation names. */
function ipsecTunnelRoutes(): Route<OciHandler>[] {
  const connection = "/ipsecConnections/(?<ipscId>[^/]+)";
  const tunnel = `${connection}/tunnels/(?<tunnelId>[^/]+)`;
  return [
    route("GET", `${connection}/tunnels`, "listIPSecConnectionTunnels", listTunnels),
    route("GET", tunnel, "getIPSecConnectionTunnel", getTunnel),
    route("PUT", tunnel, "updateIPSecConnectionTunnel", updateTunnel),
    route("GET", `${tunnel}/sharedSecret`, "getIPSecConnectionTunnelSharedSecret", getSharedSecret),
    route("PUT", `${tunnel}/sharedSecret`, "updateIPSecConnectionTunnelSharedSecret", updateSharedSecret),
    route("GET", `${tunnel}/routes`, "listIPSecConnectionTunnelRoutes", listTunnelRoutes),
    route("GET", `${tunnel}/error`, "getIPSecConnectionTunnelError", getTunnelError),
    route("GET", `${connection}/deviceStatus`, "getIPSecConnectionDeviceStatus", getDeviceStatus),
  ];
}
