import type { Route } from "../core/router";
import type { World } from "../core/world";
import { registerActionEvents } from "./actions";
import { type ArmRegistry, childRegistryKey, registerArmEvents } from "./events";
import { registerFailedCreateEvents } from "./failed-creates";
import { deleteChild, deleteTracked, getChild, getTracked, listChildren, listTracked, param, putChild, putTracked, updateTagsTracked } from "./generic";
import type { ArmHandler, ChildKind, TrackedKind } from "./kinds";
import { operationResultReply, operationStatusReply } from "./lro";
import type { ArmChild, ArmKind } from "./model";
import { circuitPeerings } from "./resources/circuit-peerings";
import { circuitStats, circuitTableAction, peeringStats } from "./resources/circuit-operations";
import { getSharedKey, resetSharedKey, setSharedKey } from "./resources/connection-shared-key";
import { connections } from "./resources/connections";
import { expressRouteCircuits } from "./resources/express-route-circuits";
import { getAdvertisedRoutes, getBgpPeerStatus, getLearnedRoutes, listGatewayConnections } from "./resources/gateway-operations";
import { defaultSecurityRules, networkSecurityGroups, securityRules } from "./resources/network-security-groups";
import { localNetworkGateways } from "./resources/local-network-gateways";
import { listPermissions } from "./resources/permissions";
import { publicIPAddresses } from "./resources/public-ip-addresses";
import { routes, routeTables } from "./resources/route-tables";
import { virtualNetworkGateways } from "./resources/virtual-network-gateways";
import { subnets, virtualNetworks } from "./resources/virtual-networks";
import { vnetPeerings } from "./resources/vnet-peerings";
import { generateVpnClientPackage } from "./resources/vpn-gateway-operations";

const SUB = "/subscriptions/(?<sub>[^/]+)";
const NETWORK = `${SUB}/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\\.Network`;
const NAME = "(?<name>[^/]+)";
const CHILD = "(?<child>[^/]+)";

function route(method: string, path: string, op: string, handler: ArmHandler): Route<ArmHandler> {
  return { method, pattern: new RegExp(`^${path}/?$`, "i"), op, handler };
}

type AnyTracked = TrackedKind<ArmKind>;
type AnyChild = ChildKind<ArmKind, ArmChild>;

/** Kind descriptors are generic over their record type; the registry holds them side by side. */
function tracked<K extends ArmKind>(def: TrackedKind<K>): AnyTracked {
  return def as unknown as AnyTracked;
}

function child<K extends ArmKind, C extends ArmChild>(def: ChildKind<K, C>): AnyChild {
  return def as unknown as AnyChild;
}

const TRACKED: AnyTracked[] = [
  tracked(virtualNetworks),
  tracked(networkSecurityGroups),
  tracked(routeTables),
  tracked(publicIPAddresses),
  tracked(expressRouteCircuits),
  tracked(virtualNetworkGateways),
  tracked(connections),
  tracked(localNetworkGateways),
];
const CHILDREN: [AnyTracked, AnyChild][] = [
  [tracked(virtualNetworks), child(subnets)],
  [tracked(virtualNetworks), child(vnetPeerings)],
  [tracked(networkSecurityGroups), child(securityRules)],
  [tracked(networkSecurityGroups), child(defaultSecurityRules)],
  [tracked(routeTables), child(routes)],
  [tracked(expressRouteCircuits), child(circuitPeerings)],
];

export function armRegistry(): ArmRegistry {
  const registry: ArmRegistry = { tracked: new Map(), children: new Map() };
  for (const def of TRACKED) registry.tracked.set(def.kind, def);
  for (const [, def] of CHILDREN) registry.children.set(childRegistryKey(def.parentKind, def.childType), def);
  return registry;
}

export function registerArmHandlers(world: World): void {
  registerArmEvents(world, armRegistry());
  registerFailedCreateEvents(world);
  registerActionEvents(world);
}

function operationsRoutes(): Route<ArmHandler>[] {
  const base = `${SUB}/providers/Microsoft\\.Network/locations/(?<loc>[^/]+)`;
  return [
    route("GET", `${base}/operations/(?<op>[^/]+)`, "operations.getStatus", (call) => operationStatusReply(call.world, param(call, "op"))),
    route("GET", `${base}/operationResults/(?<op>[^/]+)`, "operations.getResult", (call) => operationResultReply(call.world, param(call, "op"), call.req.url.toString())),
  ];
}

function specialRoutes(): Route<ArmHandler>[] {
  const circuit = `${NETWORK}/expressRouteCircuits/${NAME}`;
  const gateway = `${NETWORK}/virtualNetworkGateways/${NAME}`;
  const connection = `${NETWORK}/connections/${NAME}`;
  return [
    route("POST", `${circuit}/peerings/${CHILD}/arpTables/(?<device>[^/]+)`, "expressRouteCircuits.listArpTable", circuitTableAction("circuit.arpTable")),
    route("POST", `${circuit}/peerings/${CHILD}/routeTables/(?<device>[^/]+)`, "expressRouteCircuits.listRoutesTable", circuitTableAction("circuit.routesTable")),
    route("POST", `${circuit}/peerings/${CHILD}/routeTablesSummary/(?<device>[^/]+)`, "expressRouteCircuits.listRoutesTableSummary", circuitTableAction("circuit.routesTableSummary")),
    route("GET", `${circuit}/peerings/${CHILD}/stats`, "expressRouteCircuits.getPeeringStats", peeringStats),
    route("GET", `${circuit}/stats`, "expressRouteCircuits.getStats", circuitStats),
    route("GET", `${gateway}/connections`, "virtualNetworkGateways.listConnections", listGatewayConnections),
    route("POST", `${gateway}/getBgpPeerStatus`, "virtualNetworkGateways.getBgpPeerStatus", getBgpPeerStatus),
    route("POST", `${gateway}/getLearnedRoutes`, "virtualNetworkGateways.getLearnedRoutes", getLearnedRoutes),
    route("POST", `${gateway}/getAdvertisedRoutes`, "virtualNetworkGateways.getAdvertisedRoutes", getAdvertisedRoutes),
    route("POST", `${gateway}/generatevpnclientpackage`, "virtualNetworkGateways.generatevpnclientpackage", generateVpnClientPackage),
    route("GET", `${connection}/sharedkey`, "virtualNetworkGatewayConnections.getSharedKey", getSharedKey),
    route("PUT", `${connection}/sharedkey`, "virtualNetworkGatewayConnections.setSharedKey", setSharedKey),
    route("POST", `${connection}/sharedkey/reset`, "virtualNetworkGatewayConnections.resetSharedKey", resetSharedKey),
    route("GET", `${SUB}/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\\.Authorization/permissions`, "permissions.listForResourceGroup", listPermissions),
  ];
}

/** SDK operation group names differ from path segments for connections. */
function opGroupOf(type: string): string {
  return type === "connections" ? "virtualNetworkGatewayConnections" : type;
}

/** Every ARM route, with the `@azure/arm-network` operation names (`<group>.<method>`). */
export function armRoutes(): Route<ArmHandler>[] {
  const all: Route<ArmHandler>[] = [...operationsRoutes(), ...specialRoutes()];
  for (const [parent, childDef] of CHILDREN) {
    const base = `${NETWORK}/${parent.type}/${NAME}/${childDef.childType}`;
    all.push(route("GET", base, `${childDef.opGroup}.list`, listChildren(parent, childDef)));
    all.push(route("GET", `${base}/${CHILD}`, `${childDef.opGroup}.get`, getChild(parent, childDef)));
    all.push(route("PUT", `${base}/${CHILD}`, `${childDef.opGroup}.createOrUpdate`, putChild(parent, childDef)));
    all.push(route("DELETE", `${base}/${CHILD}`, `${childDef.opGroup}.delete`, deleteChild(parent, childDef)));
  }
  for (const def of TRACKED) {
    const group = opGroupOf(def.type);
    all.push(route("GET", `${SUB}/providers/Microsoft\\.Network/${def.type}`, `${group}.listAll`, listTracked(def, "subscription")));
    all.push(route("GET", `${NETWORK}/${def.type}`, `${group}.list`, listTracked(def, "resourceGroup")));
    all.push(route("GET", `${NETWORK}/${def.type}/${NAME}`, `${group}.get`, getTracked(def)));
    all.push(route("PUT", `${NETWORK}/${def.type}/${NAME}`, `${group}.createOrUpdate`, putTracked(def)));
    all.push(route("DELETE", `${NETWORK}/${def.type}/${NAME}`, `${group}.delete`, deleteTracked(def)));
    all.push(route("PATCH", `${NETWORK}/${def.type}/${NAME}`, `${group}.updateTags`, updateTagsTracked(def)));
  }
  return all;
}
