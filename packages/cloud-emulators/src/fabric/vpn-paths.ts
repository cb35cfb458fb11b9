import { sameId } from "../azure-arm/ids";
import type { VirtualNetworkGatewayRecord, VirtualNetworkRecord } from "../azure-arm/model";
import { connectionsOfGateway, gatewaysInVnet } from "../azure-arm/queries";
import { connectionStatus } from "../azure-arm/resources/connections";
import { armRecordOf, armRecords } from "../azure-arm/store";
import { contains, parseIpv4Cidr } from "../core/cidr";
import { MICROSOFT_ASN } from "../core/interconnect-facts";
import type { World } from "../core/world";
import { ociRecordOf, ociRecords } from "../oci/store";
import { bgpUp, prefixesLearnedByOracle } from "./bgp";
import { prefixesAdvertisedByOracle, virtualCircuitOfCircuit, withSpokes } from "./links";
import { tunnelLinks } from "./vpn-links";
import { drgRoutesOverTunnels, vpnGatewayLearnedRoutes } from "./vpn-routes";

/**
 * Which path carries traffic when a VNet and a VCN are joined both by the interconnect (ExpressRoute + FastConnect)
 * and by a VPN, decided as each cloud documents it:
 * - Azure: the longest prefix wins; for the same prefix ExpressRoute is preferred over a site-to-site VPN
 *   (Microsoft Learn, "Configure a site-to-site VPN as a backup for ExpressRoute private peering").
 * - OCI: in a DRG route table the longest prefix wins, then static rules over dynamic ones, then the shorter AS
 *   path (between BGP routes), then the attachment type: VCN, VIRTUAL_CIRCUIT, IPSEC_TUNNEL,
 *   REMOTE_PEERING_CONNECTION (Oracle, "Dynamic Routing Gateways": route conflicts). The losers are listed with
 *   `isConflict: true`.
 */

export type PathKind = "ExpressRoute" | "VPN";

const ATTACHMENT_RANK: Record<string, number> = { VCN: 0, VIRTUAL_CIRCUIT: 1, IPSEC_TUNNEL: 2, REMOTE_PEERING_CONNECTION: 3, STATIC: -1 };

/** A DRG route rule as listed, with the AS path length of BGP routes (undefined for static and VCN routes). */
export interface DrgRuleCandidate {
  rule: Record<string, unknown>;
  asPathLength?: number;
}

function prefixLength(destination: unknown): number {
  const parsed = typeof destination === "string" ? parseIpv4Cidr(destination) : undefined;
  return parsed?.ok ? parsed.cidr.prefixLength : -1;
}

/** Negative when `a` is preferred over `b` (same destination). */
function compareDrgRules(a: DrgRuleCandidate, b: DrgRuleCandidate): number {
  const staticA = a.rule.routeType === "STATIC" ? 0 : 1;
  const staticB = b.rule.routeType === "STATIC" ? 0 : 1;
  if (staticA !== staticB) return staticA - staticB;
  if (a.asPathLength !== undefined && b.asPathLength !== undefined && a.asPathLength !== b.asPathLength) return a.asPathLength - b.asPathLength;
  return (ATTACHMENT_RANK[String(a.rule.routeProvenance)] ?? 9) - (ATTACHMENT_RANK[String(b.rule.routeProvenance)] ?? 9);
}

/**
 * Marks every rule that loses to another rule for the same destination with `isConflict: true`. Equal virtual
 * circuit or IPSec tunnel routes are all kept with ECMP on; with it off (the default) the DRG keeps one, "an
 * arbitrary but stable selection" (here: the first listed).
 */
export function markDrgConflicts(candidates: DrgRuleCandidate[], ecmp = false): void {
  const byDestination = new Map<string, DrgRuleCandidate[]>();
  for (const candidate of candidates) {
    const key = String(candidate.rule.destination);
    byDestination.set(key, [...(byDestination.get(key) ?? []), candidate]);
  }
  for (const group of byDestination.values()) {
    if (group.length < 2) continue;
    const [winner] = [...group].sort(compareDrgRules);
    if (!winner) continue;
    const multipath = ecmp && (winner.rule.routeProvenance === "VIRTUAL_CIRCUIT" || winner.rule.routeProvenance === "IPSEC_TUNNEL");
    for (const candidate of group) candidate.rule.isConflict = candidate !== winner && !(multipath && compareDrgRules(candidate, winner) === 0);
  }
}

interface Candidate {
  via: PathKind;
  prefix: string;
  /** What carries it: a connection or tunnel name. */
  through: string;
  static?: boolean;
  asPathLength?: number;
  attachmentType?: string;
}

export interface PathChoice {
  destination: string;
  carriedBy: PathKind | null;
  prefix: string | null;
  rule: string | null;
  candidates: Candidate[];
}

export interface PairPaths {
  vnetId: string;
  vcnId: string;
  drgId: string;
  azureToOci: PathChoice[];
  ociToAzure: PathChoice[];
  carriedBy: PathKind | "mixed" | "none";
}

function covering(candidates: Candidate[], destination: string): Candidate[] {
  const target = parseIpv4Cidr(destination);
  if (!target.ok) return [];
  return candidates.filter((candidate) => {
    const block = parseIpv4Cidr(candidate.prefix);
    return block.ok && contains(block.cidr, target.cidr);
  });
}

function chooseAzure(destination: string, all: Candidate[]): PathChoice {
  const candidates = covering(all, destination);
  const longest = Math.max(-1, ...candidates.map((candidate) => prefixLength(candidate.prefix)));
  const best = candidates.filter((candidate) => prefixLength(candidate.prefix) === longest);
  const winner = best.find((candidate) => candidate.via === "ExpressRoute") ?? best[0];
  const kinds = new Set(candidates.map((candidate) => candidate.via));
  const rule = !winner ? null : kinds.size < 2 ? "only path" : best.length > 1 && new Set(best.map((candidate) => candidate.via)).size > 1 ? "ExpressRoute is preferred over VPN for the same prefix" : "longest prefix match";
  return { destination, carriedBy: winner?.via ?? null, prefix: winner?.prefix ?? null, rule, candidates };
}

function chooseOci(destination: string, all: Candidate[]): PathChoice {
  const candidates = covering(all, destination);
  const longest = Math.max(-1, ...candidates.map((candidate) => prefixLength(candidate.prefix)));
  const best = candidates.filter((candidate) => prefixLength(candidate.prefix) === longest);
  const ordered = [...best].sort((a, b) =>
    compareDrgRules(
      { rule: { routeType: a.static ? "STATIC" : "DYNAMIC", routeProvenance: a.attachmentType }, ...(a.asPathLength !== undefined ? { asPathLength: a.asPathLength } : {}) },
      { rule: { routeType: b.static ? "STATIC" : "DYNAMIC", routeProvenance: b.attachmentType }, ...(b.asPathLength !== undefined ? { asPathLength: b.asPathLength } : {}) },
    ),
  );
  const winner = ordered[0];
  const kinds = new Set(candidates.map((candidate) => candidate.via));
  let rule: string | null = null;
  if (winner) {
    const runnerUp = ordered[1];
    if (kinds.size < 2) rule = "only path";
    else if (!runnerUp || runnerUp.via === winner.via) rule = "longest prefix match";
    else if (!!winner.static !== !!runnerUp.static) rule = "static routes are preferred over dynamic routes";
    else if (winner.asPathLength !== undefined && runnerUp.asPathLength !== undefined && winner.asPathLength !== runnerUp.asPathLength) rule = "shorter AS path";
    else rule = "VIRTUAL_CIRCUIT attachments are preferred over IPSEC_TUNNEL attachments";
  }
  return { destination, carriedBy: winner?.via ?? null, prefix: winner?.prefix ?? null, rule, candidates };
}

/** The gateways that serve a VNet: its own and those of hubs it uses as remote gateways. */
function gatewaysServing(world: World, vnet: VirtualNetworkRecord): VirtualNetworkGatewayRecord[] {
  const hubs = armRecords(world, "virtualNetworks").filter((hub) => withSpokes(world, [hub]).some((member) => sameId(member.id, vnet.id)));
  return hubs.flatMap((hub) => gatewaysInVnet(world, hub));
}

function azureCandidates(world: World, gateways: VirtualNetworkGatewayRecord[]): { candidates: Candidate[]; drgIds: Set<string> } {
  const candidates: Candidate[] = [];
  const drgIds = new Set<string>();
  for (const gateway of gateways) {
    if (gateway.gatewayType === "ExpressRoute") {
      for (const connection of connectionsOfGateway(world, gateway.id)) {
        const circuit = connection.connectionType === "ExpressRoute" ? armRecordOf(world, "expressRouteCircuits", connection.peerId) : undefined;
        const vc = circuit ? virtualCircuitOfCircuit(world, circuit) : undefined;
        if (!vc?.gatewayId) continue;
        drgIds.add(vc.gatewayId);
        if (connectionStatus(world, connection) !== "Connected" || !bgpUp(world, vc)) continue;
        for (const prefix of prefixesAdvertisedByOracle(world, vc)) candidates.push({ via: "ExpressRoute", prefix, through: connection.name, asPathLength: 1 });
      }
    } else {
      for (const link of tunnelLinks(world)) if (link.gateway && sameId(link.gateway.id, gateway.id)) drgIds.add(link.ipsec.drgId);
      for (const route of vpnGatewayLearnedRoutes(world, gateway)) {
        candidates.push({ via: "VPN", prefix: route.network, through: route.sourcePeer || route.nextHop, static: route.origin === "Network", asPathLength: route.asPath.length });
      }
    }
  }
  return { candidates, drgIds };
}

function ociCandidates(world: World, drgId: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const attachment of ociRecords(world, "drgattachment")) {
    if (attachment.drgId !== drgId || attachment.networkType !== "VIRTUAL_CIRCUIT" || attachment.lifecycleState !== "ATTACHED") continue;
    const vc = ociRecordOf(world, "virtualcircuit", attachment.networkId);
    for (const prefix of vc ? prefixesLearnedByOracle(world, vc) : []) {
      candidates.push({ via: "ExpressRoute", prefix, through: vc?.displayName ?? attachment.id, asPathLength: [MICROSOFT_ASN].length, attachmentType: "VIRTUAL_CIRCUIT" });
    }
  }
  for (const route of drgRoutesOverTunnels(world, drgId)) {
    const candidate: Candidate = { via: "VPN", prefix: route.destination, through: route.attachmentId, attachmentType: "IPSEC_TUNNEL" };
    if (route.viaBgp) candidate.asPathLength = route.asPath.length;
    candidates.push(candidate);
  }
  return candidates;
}

function summary(choices: PathChoice[]): PairPaths["carriedBy"] {
  const kinds = new Set(choices.map((choice) => choice.carriedBy));
  if (kinds.size === 1 && !kinds.has(null)) return [...kinds][0] as PathKind;
  if (kinds.size === 1) return "none";
  return "mixed";
}

/** Every VNet/VCN pair joined by an interconnect or a VPN (whether or not it is up), with the path each direction takes. */
export function reachability(world: World): PairPaths[] {
  const pairs: PairPaths[] = [];
  for (const vnet of armRecords(world, "virtualNetworks")) {
    const gateways = gatewaysServing(world, vnet);
    if (gateways.length === 0) continue;
    const azure = azureCandidates(world, gateways);
    for (const drgId of azure.drgIds) {
      const oci = ociCandidates(world, drgId);
      for (const attachment of ociRecords(world, "drgattachment")) {
        if (attachment.drgId !== drgId || attachment.networkType !== "VCN" || attachment.lifecycleState !== "ATTACHED") continue;
        const vcn = ociRecordOf(world, "vcn", attachment.networkId);
        if (!vcn) continue;
        const azureToOci = vcn.cidrBlocks.map((cidr) => chooseAzure(cidr, azure.candidates));
        const ociToAzure = vnet.addressPrefixes.map((prefix) => chooseOci(prefix, oci));
        pairs.push({ vnetId: vnet.id, vcnId: vcn.id, drgId, azureToOci, ociToAzure, carriedBy: summary([...azureToOci, ...ociToAzure]) });
      }
    }
  }
  return pairs;
}

