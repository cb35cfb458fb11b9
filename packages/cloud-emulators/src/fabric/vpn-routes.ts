import { sameId } from "../azure-arm/ids";
import type { VirtualNetworkGatewayRecord } from "../azure-arm/model";
import { vnetOfGateway } from "../azure-arm/queries";
import { gatewayInstances } from "../azure-arm/resources/vpn-gateway-settings";
import { ORACLE_ASN } from "../core/interconnect-facts";
import type { World } from "../core/world";
import { ociRecords } from "../oci/store";
import { prefixesAdvertisedOverAttachment, withSpokes } from "./links";
import { type TunnelLink, tunnelLinks, type Vnet2VnetLink, vnet2vnetLinks } from "./vpn-links";
import { vpnState } from "./vpn-state";

/**
 * Routes over VPN tunnels that are UP. With BGP each side learns what the other advertises: Oracle the prefixes of
 * the VNet behind the Azure gateway (and its gateway-transit spokes), Azure what the DRG advertises over the tunnel's
 * attachment (its VCNs and the static rules of the attachment's route table). With static routing Azure routes the
 * local network gateway's prefixes and Oracle the IPSec connection's static routes.
 */

export interface LearnedRoute {
  network: string;
  nextHop: string;
  sourcePeer: string;
  /** `EBgp` (learned over BGP) or `Network` (configured: a local network gateway's prefixes). */
  origin: "EBgp" | "Network";
  asPath: number[];
  localAddress: string;
}

/** The Azure VNets (hub and gateway-transit spokes) a VPN gateway routes for. */
export function azurePrefixesBehindGateway(world: World, gateway: VirtualNetworkGatewayRecord): string[] {
  const hub = vnetOfGateway(world, gateway);
  return hub ? [...new Set(withSpokes(world, [hub]).flatMap((vnet) => vnet.addressPrefixes))] : [];
}

/** What Oracle advertises over a tunnel (its BGP session must be UP). */
export function oracleAdvertisedOverTunnel(world: World, link: TunnelLink): string[] {
  return link.bgp === "UP" ? prefixesAdvertisedOverAttachment(world, link.ipsec.drgId, "IPSEC_TUNNEL", link.tunnel.id) : [];
}

/** What Oracle learns over a tunnel: the Azure VNets over BGP, or the IPSec connection's static routes. */
export function oracleLearnedOverTunnel(world: World, link: TunnelLink): { prefix: string; asPath: number[] }[] {
  if (link.status !== "UP") return [];
  if (link.tunnel.routing === "BGP") {
    if (link.bgp !== "UP" || !link.gateway) return [];
    const asn = link.gateway.bgpAsn;
    return azurePrefixesBehindGateway(world, link.gateway).map((prefix) => ({ prefix, asPath: [asn] }));
  }
  return link.ipsec.staticRoutes.map((prefix) => ({ prefix, asPath: [] }));
}

function tunnelRoutesForGateway(world: World, gateway: VirtualNetworkGatewayRecord, link: TunnelLink): LearnedRoute[] {
  if (link.status !== "UP" || !link.gateway || !sameId(link.gateway.id, gateway.id) || !link.local) return [];
  if (link.tunnel.routing === "BGP") {
    const oracle = link.oracleBgpAddress ?? "";
    return oracleAdvertisedOverTunnel(world, link).map((network) => ({ network, nextHop: oracle, sourcePeer: oracle, origin: "EBgp", asPath: [ORACLE_ASN], localAddress: link.azureBgpAddress ?? "" }));
  }
  const headend = link.local.gatewayIpAddress ?? "";
  return link.local.addressPrefixes.map((network) => ({ network, nextHop: headend, sourcePeer: link.instance?.defaultBgpAddress ?? "", origin: "Network", asPath: [], localAddress: link.instance?.defaultBgpAddress ?? "" }));
}

function vnet2vnetRoutesForGateway(world: World, gateway: VirtualNetworkGatewayRecord, link: Vnet2VnetLink): LearnedRoute[] {
  if (link.status !== "UP") return [];
  const self = link.gateways.find((candidate) => sameId(candidate.id, gateway.id));
  const other = link.gateways.find((candidate) => !sameId(candidate.id, gateway.id));
  if (!self || !other) return [];
  const local = gatewayInstances(world, self)[0]?.defaultBgpAddress ?? "";
  const peer = gatewayInstances(world, other)[0]?.defaultBgpAddress ?? "";
  const viaBgp = link.bgp === "UP";
  return azurePrefixesBehindGateway(world, other).map((network) => ({ network, nextHop: peer, sourcePeer: viaBgp ? peer : local, origin: viaBgp ? "EBgp" : "Network", asPath: viaBgp ? [other.bgpAsn] : [], localAddress: local }));
}

/** `getLearnedRoutes` of a VPN gateway. */
export function vpnGatewayLearnedRoutes(world: World, gateway: VirtualNetworkGatewayRecord): LearnedRoute[] {
  if (gateway.gatewayType !== "Vpn") return [];
  return [...tunnelLinks(world).flatMap((link) => tunnelRoutesForGateway(world, gateway, link)), ...vnet2vnetLinks(world).flatMap((link) => vnet2vnetRoutesForGateway(world, gateway, link))];
}

export interface VpnBgpPeer {
  localAddress: string;
  neighbor: string;
  asn: number;
  up: boolean;
  routesReceived: number;
  advertised: string[];
  since?: number;
}

/** `getBgpPeerStatus` of a VPN gateway: one entry per BGP-enabled tunnel end it pairs with. */
export function vpnGatewayBgpPeers(world: World, gateway: VirtualNetworkGatewayRecord): VpnBgpPeer[] {
  if (gateway.gatewayType !== "Vpn" || !gateway.enableBgp) return [];
  const own = azurePrefixesBehindGateway(world, gateway);
  const peers: VpnBgpPeer[] = [];
  for (const link of tunnelLinks(world)) {
    if (!link.gateway || !sameId(link.gateway.id, gateway.id) || !link.connection?.enableBgp || !link.local?.bgp) continue;
    const up = link.bgp === "UP";
    const since = vpnState(world).links[link.ref.key]?.since;
    peers.push({
      localAddress: link.azureBgpAddress ?? "",
      neighbor: link.local.bgp.bgpPeeringAddress,
      asn: link.local.bgp.asn,
      up,
      routesReceived: up ? oracleAdvertisedOverTunnel(world, link).length : 0,
      advertised: up ? own : [],
      ...(since !== undefined ? { since } : {}),
    });
  }
  for (const link of vnet2vnetLinks(world)) {
    const other = link.gateways.find((candidate) => !sameId(candidate.id, gateway.id));
    if (!other || !link.gateways.some((candidate) => sameId(candidate.id, gateway.id)) || link.bgp === null) continue;
    const up = link.bgp === "UP";
    const neighbor = gatewayInstances(world, other)[0]?.defaultBgpAddress ?? "";
    const since = vpnState(world).links[link.ref.key]?.since;
    peers.push({
      localAddress: gatewayInstances(world, gateway)[0]?.defaultBgpAddress ?? "",
      neighbor,
      asn: other.bgpAsn,
      up,
      routesReceived: up ? azurePrefixesBehindGateway(world, other).length : 0,
      advertised: up ? own : [],
      ...(since !== undefined ? { since } : {}),
    });
  }
  return peers;
}

/** A route a DRG learned over one of its IPSEC_TUNNEL attachments. */
export interface TunnelDrgRoute {
  destination: string;
  attachmentId: string;
  asPath: number[];
  /** Learned with BGP (AS path compared) or from the IPSec connection's static routes. */
  viaBgp: boolean;
}

/** Routes the DRG learned over its tunnels (for its VCN route table). */
export function drgRoutesOverTunnels(world: World, drgId: string): TunnelDrgRoute[] {
  const attachments = ociRecords(world, "drgattachment").filter((attachment) => attachment.drgId === drgId && attachment.networkType === "IPSEC_TUNNEL" && attachment.lifecycleState === "ATTACHED");
  if (attachments.length === 0) return [];
  const routes: TunnelDrgRoute[] = [];
  for (const link of tunnelLinks(world)) {
    const attachment = attachments.find((candidate) => candidate.networkId === link.tunnel.id);
    if (!attachment) continue;
    for (const learned of oracleLearnedOverTunnel(world, link)) routes.push({ destination: learned.prefix, attachmentId: attachment.id, asPath: learned.asPath, viaBgp: link.tunnel.routing === "BGP" });
  }
  return routes;
}

