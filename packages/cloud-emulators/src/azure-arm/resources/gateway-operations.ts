import { addressAt, parseIpv4Cidr } from "../../core/cidr";
import { MICROSOFT_ASN, ORACLE_ASN } from "../../core/interconnect-facts";
import type { World } from "../../core/world";
import { circuitBgpUp } from "../../fabric/bgp";
import { azurePrefixesBehindCircuit, prefixesAdvertisedByOracle, virtualCircuitOfCircuit } from "../../fabric/links";
import { defineAction, startAction } from "../actions";
import { badRequest } from "../errors";
import { param, visibleTracked } from "../generic";
import { failedCreateOf } from "../failed-creates";
import { armId, keyOf } from "../ids";
import type { ArmHandler } from "../kinds";
import type { VirtualNetworkGatewayRecord } from "../model";
import { connectionsOfGateway, subnetById } from "../queries";
import { armRecordOf } from "../store";
import { connectionStatus } from "./connections";
import { gatewayBgpAddress, virtualNetworkGateways } from "./virtual-network-gateways";
import { vpnAdvertisedRoutes, vpnBgpPeerStatus, vpnLearnedRoutes } from "./vpn-gateway-operations";

interface MseePeer {
  neighbor: string;
  up: boolean;
  routes: string[];
  advertised: string[];
}

/**
 * An ExpressRoute gateway peers with the two MSEEs (addresses 4 and 5 of the GatewaySubnet) of each circuit a
 * provisioned connection links it to. That session is up while the connection is Connected; the routes it brings
 * are what the MSEEs learned from Oracle, so they need Oracle's BGP on the private peering too.
 */
function mseePeers(world: World, gateway: VirtualNetworkGatewayRecord): MseePeer[] {
  if (gateway.gatewayType !== "ExpressRoute") return [];
  const subnet = subnetById(world, gateway.ipConfigurations[0]?.subnetId ?? "");
  const prefix = subnet ? parseIpv4Cidr(subnet.subnet.addressPrefix) : undefined;
  if (!prefix?.ok) return [];
  const peers: MseePeer[] = [];
  for (const connection of connectionsOfGateway(world, gateway.id)) {
    const circuit = connection.connectionType === "ExpressRoute" ? armRecordOf(world, "expressRouteCircuits", connection.peerId) : undefined;
    if (!circuit || connection.provisioningState !== "Succeeded") continue;
    const up = connectionStatus(world, connection) === "Connected";
    const routes = up && circuitBgpUp(world, circuit) ? prefixesAdvertisedByOracle(world, virtualCircuitOfCircuit(world, circuit)) : [];
    const advertised = up ? azurePrefixesBehindCircuit(world, circuit) : [];
    for (const offset of [4, 5]) peers.push({ neighbor: addressAt(prefix.cidr, offset), up, routes, advertised });
  }
  return peers;
}

defineAction("gateway.bgpPeerStatus", (world, data) => {
  const gateway = armRecordOf(world, "virtualNetworkGateways", String(data.gatewayKey));
  if (!gateway) return { value: [] };
  const local = gatewayBgpAddress(world, gateway);
  const peer = typeof data.peer === "string" ? data.peer : undefined;
  return {
    value: [
      ...mseePeers(world, gateway)
        .filter((candidate) => !peer || candidate.neighbor === peer)
        .map((candidate) => ({
          localAddress: local,
          neighbor: candidate.neighbor,
          asn: MICROSOFT_ASN,
          state: candidate.up ? "Connected" : "Connecting",
          connectedDuration: candidate.up ? "00:10:00" : "",
          routesReceived: candidate.routes.length,
          messagesSent: candidate.up ? 42 : 0,
          messagesReceived: candidate.up ? 42 : 0,
        })),
      ...vpnBgpPeerStatus(world, gateway, peer),
    ],
  };
});

defineAction("gateway.learnedRoutes", (world, data) => {
  const gateway = armRecordOf(world, "virtualNetworkGateways", String(data.gatewayKey));
  if (!gateway) return { value: [] };
  const local = gatewayBgpAddress(world, gateway);
  return {
    value: [
      ...mseePeers(world, gateway).flatMap((peer) =>
        peer.routes.map((network) => ({ localAddress: local, network, nextHop: peer.neighbor, sourcePeer: peer.neighbor, origin: "EBgp", asPath: `${MICROSOFT_ASN}-${ORACLE_ASN}`, weight: 32769 })),
      ),
      ...vpnLearnedRoutes(world, gateway),
    ],
  };
});

defineAction("gateway.advertisedRoutes", (world, data) => {
  const gateway = armRecordOf(world, "virtualNetworkGateways", String(data.gatewayKey));
  if (!gateway) return { value: [] };
  const local = gatewayBgpAddress(world, gateway);
  const peer = String(data.peer);
  return {
    value: [
      ...mseePeers(world, gateway)
        .filter((candidate) => candidate.neighbor === peer)
        .flatMap((candidate) => candidate.advertised.map((network) => ({ localAddress: local, network, nextHop: local, sourcePeer: local, origin: "Igp", asPath: String(gateway.bgpAsn), weight: 0 }))),
      ...vpnAdvertisedRoutes(world, gateway, peer),
    ],
  };
});

function gatewayAction(action: string, requirePeer: boolean): ArmHandler {
  return (call) => {
    const gateway = visibleTracked(call, virtualNetworkGateways, param(call, "name"));
    const peer = call.req.url.searchParams.get("peer");
    if (requirePeer && !peer) throw badRequest("MissingRequiredParameter", "The query parameter 'peer' is required.");
    return startAction(call, action, keyOf(gateway.id), gateway.location, { gatewayKey: keyOf(gateway.id), ...(peer ? { peer } : {}) });
  };
}

export const getBgpPeerStatus = gatewayAction("gateway.bgpPeerStatus", false);
export const getLearnedRoutes = gatewayAction("gateway.learnedRoutes", false);
export const getAdvertisedRoutes = gatewayAction("gateway.advertisedRoutes", true);

/** GET `virtualNetworkGateways/{gw}/connections`. */
export const listGatewayConnections: ArmHandler = (call) => {
  // A gateway kept Failed after a refused create has no connections.
  if (failedCreateOf(call.world, "virtualNetworkGateways", armId(param(call, "sub"), param(call, "rg"), "virtualNetworkGateways", param(call, "name")))) return { status: 200, json: { value: [] } };
  const gateway = visibleTracked(call, virtualNetworkGateways, param(call, "name"));
  const value = connectionsOfGateway(call.world, gateway.id).map((connection) => ({
    id: connection.id,
    name: connection.name,
    type: "Microsoft.Network/connections",
    location: connection.location,
    etag: connection.etag,
    properties: {
      provisioningState: connection.provisioningState,
      resourceGuid: connection.resourceGuid,
      virtualNetworkGateway1: { id: connection.gateway1Id },
      ...(connection.gateway2Id ? { virtualNetworkGateway2: { id: connection.gateway2Id } } : {}),
      ...(connection.peerId ? { peer: { id: connection.peerId } } : {}),
      connectionType: connection.connectionType,
      routingWeight: connection.routingWeight,
      connectionStatus: connectionStatus(call.world, connection),
      enableBgp: connection.enableBgp,
    },
  }));
  return { status: 200, json: { value } };
};
