import type { VirtualNetworkRecord } from "../azure-arm/model";
import { peeringState } from "../azure-arm/resources/vnet-peerings";
import { armRecordOf, armRecords, visible } from "../azure-arm/store";
import { contains, type Ipv4Cidr, parseIpv4Cidr } from "../core/cidr";
import type { World } from "../core/world";
import type { DrgAttachmentRecord, DrgRecord, LocalPeeringGatewayRecord, VcnRecord } from "../oci/model";
import { regionOf } from "../oci/regions";
import { isLive, ociRecordOf, ociRecords } from "../oci/store";
import { bgpUp, circuitBgpUp } from "./bgp";
import { attachmentOfNetwork, type DrgRoute, drgTableRoutes } from "./drg-routing";
import { circuitOfVirtualCircuit, prefixesAdvertisedByOracle, virtualCircuitOfCircuit, vnetsBehindCircuit } from "./links";

/**
 * Where traffic from one address (or block) to another goes, hop by hop through the route tables both clouds
 * hold: VNet -> ExpressRoute circuit (what Azure learned over BGP) -> virtual circuit -> DRG (the route table of
 * the attachment the traffic arrived on) -> VCN (subnet route table at the source, the DRG attachment's or LPG's
 * route table in transit) -> LPG / DRG / remote peering -> ... Routing only: security lists and NSGs are not
 * consulted. A destination is "covered" by a rule whose block contains the whole `to` block; the longest such
 * prefix wins, a static DRG rule before a dynamic one of the same length.
 */

export interface Hop {
  cloud: "azure" | "oci";
  kind: "virtualNetwork" | "expressRouteCircuit" | "virtualCircuit" | "drg" | "vcn" | "localPeeringGateway" | "remotePeeringConnection";
  id: string;
  name: string;
  region?: string;
  /** The route table consulted here and the rule that matched. */
  routeTableId?: string;
  rule?: { destination: string; nextHop: string };
}

export interface Reachability {
  from: string;
  to: string;
  reachable: boolean;
  hops: Hop[];
  /** Where traffic stops and why, when it does not arrive. */
  missing?: { at: Hop | null; routeTableId?: string; reason: string };
}

type Position =
  | { kind: "vnet"; vnet: VirtualNetworkRecord; source: boolean }
  | { kind: "drg"; drg: DrgRecord; via: DrgAttachmentRecord }
  | { kind: "vcn"; vcn: VcnRecord; via: "source" | DrgAttachmentRecord | LocalPeeringGatewayRecord };

class Stop extends Error {
  constructor(
    readonly at: Hop | null,
    readonly reason: string,
    readonly routeTableId?: string,
  ) {
    super(reason);
  }
}

function block(text: string): Ipv4Cidr {
  const parsed = parseIpv4Cidr(text.includes("/") ? text : `${text}/32`);
  if (!parsed.ok) throw new RangeError(`${text}: ${parsed.message}`);
  return parsed.cidr;
}

function covers(prefix: string, target: Ipv4Cidr): number | undefined {
  const parsed = parseIpv4Cidr(prefix);
  return parsed.ok && contains(parsed.cidr, target) ? parsed.cidr.prefixLength : undefined;
}

function holds(prefixes: readonly string[], target: Ipv4Cidr): boolean {
  return prefixes.some((prefix) => covers(prefix, target) !== undefined);
}

function vnetHop(vnet: VirtualNetworkRecord): Hop {
  return { cloud: "azure", kind: "virtualNetwork", id: vnet.id, name: vnet.name };
}

function ociHop(world: World, kind: Hop["kind"], record: { id: string; displayName: string; regionId?: string }): Hop {
  return { cloud: "oci", kind, id: record.id, name: record.displayName, region: regionOf(world, record) };
}

function liveVnets(world: World): VirtualNetworkRecord[] {
  return armRecords(world, "virtualNetworks").filter((vnet) => visible(world, vnet) && vnet.provisioningState !== "Deleting");
}

function start(world: World, from: Ipv4Cidr): Position | undefined {
  const vnet = liveVnets(world).find((candidate) => holds(candidate.addressPrefixes, from));
  if (vnet) return { kind: "vnet", vnet, source: true };
  const vcn = ociRecords(world, "vcn").find((candidate) => isLive(candidate) && holds(candidate.cidrBlocks, from));
  return vcn ? { kind: "vcn", vcn, via: "source" } : undefined;
}

export function reachability(world: World, fromText: string, toText: string): Reachability {
  const from = block(fromText);
  const to = block(toText);
  const result: Reachability = { from: from.text, to: to.text, reachable: false, hops: [] };
  let position = start(world, from);
  if (!position) return { ...result, missing: { at: null, reason: `no VNet or VCN contains ${from.text}` } };
  const seen = new Set<string>();
  try {
    for (let step = 0; step < 64 && position; step += 1) {
      const key = position.kind === "drg" ? `drg ${position.via.id}` : position.kind === "vnet" ? `vnet ${position.vnet.id}` : `vcn ${position.vcn.id} ${position.via === "source" ? "source" : position.via.id}`;
      if (seen.has(key)) throw new Stop(result.hops.at(-1) ?? null, "routing loop: traffic comes back to a hop it already passed");
      seen.add(key);
      position = advance(world, position, from, to, result.hops);
    }
    result.reachable = position === undefined;
    if (!result.reachable) result.missing = { at: result.hops.at(-1) ?? null, reason: "too many hops" };
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    result.missing = { at: error.at, reason: error.reason, ...(error.routeTableId ? { routeTableId: error.routeTableId } : {}) };
  }
  return result;
}

/** One hop: records it and returns the next position, or undefined once `to` is reached. Throws Stop. */
function advance(world: World, position: Position, from: Ipv4Cidr, to: Ipv4Cidr, hops: Hop[]): Position | undefined {
  switch (position.kind) {
    case "vnet":
      return fromVnet(world, position.vnet, to, hops);
    case "drg":
      return fromDrg(world, position.drg, position.via, to, hops);
    case "vcn":
      return fromVcn(world, position.vcn, position.via, from, to, hops);
  }
}

function fromVnet(world: World, vnet: VirtualNetworkRecord, to: Ipv4Cidr, hops: Hop[]): Position | undefined {
  const hop = vnetHop(vnet);
  hops.push(hop);
  if (holds(vnet.addressPrefixes, to)) return undefined;
  for (const peering of vnet.peerings) {
    const remote = armRecordOf(world, "virtualNetworks", peering.remoteVirtualNetworkId);
    if (remote && peeringState(world, vnet, peering) === "Connected" && holds(remote.addressPrefixes, to)) {
      hops.push(vnetHop(remote));
      return undefined;
    }
  }
  const circuits = armRecords(world, "expressRouteCircuits").filter((circuit) => visible(world, circuit) && vnetsBehindCircuit(world, circuit).some((behind) => behind.id === vnet.id));
  if (circuits.length === 0) throw new Stop(hop, `VNet ${vnet.name} reaches no ExpressRoute circuit (no gateway connection, no gateway transit) and no peered VNet holds ${to.text}`);
  for (const circuit of circuits) {
    const vc = virtualCircuitOfCircuit(world, circuit);
    if (!vc || !circuitBgpUp(world, circuit)) continue;
    const learned = prefixesAdvertisedByOracle(world, vc);
    const prefix = learned.find((candidate) => covers(candidate, to) !== undefined);
    if (!prefix) continue;
    hops.push({ cloud: "azure", kind: "expressRouteCircuit", id: circuit.id, name: circuit.name, rule: { destination: prefix, nextHop: vc.id } });
    hops.push(ociHop(world, "virtualCircuit", vc));
    const drg = ociRecordOf(world, "drg", vc.gatewayId);
    const attachment = attachmentOfNetwork(world, vc.id);
    if (!drg || !attachment) throw new Stop(hops.at(-1) ?? hop, `virtual circuit ${vc.displayName} is not attached to a DRG`);
    return { kind: "drg", drg, via: attachment };
  }
  const up = circuits.filter((circuit) => circuitBgpUp(world, circuit));
  if (up.length === 0) throw new Stop(hop, `the BGP session of every ExpressRoute circuit VNet ${vnet.name} uses is down`);
  const advertised = up.flatMap((circuit) => prefixesAdvertisedByOracle(world, virtualCircuitOfCircuit(world, circuit)));
  throw new Stop(hop, `Azure learned no route covering ${to.text} over ExpressRoute (Oracle advertises ${advertised.join(", ") || "nothing"}): the DRG's virtual-circuit route table needs one`);
}

function bestRoute(routes: DrgRoute[], to: Ipv4Cidr): DrgRoute | undefined {
  let best: { route: DrgRoute; length: number } | undefined;
  for (const route of routes) {
    if (route.isBlackhole) continue;
    const length = covers(route.destination, to);
    if (length === undefined) continue;
    if (!best || length > best.length || (length === best.length && route.routeType === "STATIC" && best.route.routeType !== "STATIC")) best = { route, length };
  }
  return best?.route;
}

function fromDrg(world: World, drg: DrgRecord, via: DrgAttachmentRecord, to: Ipv4Cidr, hops: Hop[]): Position | undefined {
  const table = ociRecordOf(world, "drgroutetable", via.drgRouteTableId);
  const hop: Hop = { ...ociHop(world, "drg", drg), ...(table ? { routeTableId: table.id } : {}) };
  hops.push(hop);
  const route = table ? bestRoute(drgTableRoutes(world, table), to) : undefined;
  if (!table || !route) {
    throw new Stop(hop, `DRG ${drg.displayName}: the route table of the ${via.networkType} attachment ${via.displayName} (${via.drgRouteTableId}) has no route covering ${to.text}`, via.drgRouteTableId);
  }
  hop.rule = { destination: route.destination, nextHop: route.nextHopDrgAttachmentId };
  const next = ociRecordOf(world, "drgattachment", route.nextHopDrgAttachmentId);
  if (!next || next.lifecycleState !== "ATTACHED") throw new Stop(hop, `DRG ${drg.displayName}: next hop ${route.nextHopDrgAttachmentId} is not attached`, table.id);
  if (next.id === via.id) throw new Stop(hop, `DRG ${drg.displayName}: the route for ${to.text} sends traffic back out of the attachment it came in on`, table.id);
  switch (next.networkType) {
    case "VCN": {
      const vcn = ociRecordOf(world, "vcn", next.networkId);
      if (!vcn || !isLive(vcn)) throw new Stop(hop, `the VCN of attachment ${next.id} is gone`, table.id);
      return { kind: "vcn", vcn, via: next };
    }
    case "VIRTUAL_CIRCUIT":
      return toAzure(world, next, to, hops);
    case "REMOTE_PEERING_CONNECTION": {
      const rpc = ociRecordOf(world, "remotepeeringconnection", next.networkId);
      if (!rpc) throw new Stop(hop, `remote peering connection ${next.networkId} is gone`, table.id);
      const rpcHop = ociHop(world, "remotePeeringConnection", rpc);
      hops.push(rpcHop);
      const peer = rpc.peeringStatus === "PEERED" ? ociRecordOf(world, "remotepeeringconnection", rpc.peerId) : undefined;
      const peerDrg = peer ? ociRecordOf(world, "drg", peer.drgId) : undefined;
      const peerAttachment = peer ? attachmentOfNetwork(world, peer.id) : undefined;
      if (!peer || !peerDrg || !peerAttachment) throw new Stop(rpcHop, `remote peering connection ${rpc.displayName} is ${rpc.peeringStatus}, not PEERED`);
      hops.push(ociHop(world, "remotePeeringConnection", peer));
      return { kind: "drg", drg: peerDrg, via: peerAttachment };
    }
  }
}

function toAzure(world: World, attachment: DrgAttachmentRecord, to: Ipv4Cidr, hops: Hop[]): undefined {
  const vc = ociRecordOf(world, "virtualcircuit", attachment.networkId);
  if (!vc) throw new Stop(hops.at(-1) ?? null, `virtual circuit ${attachment.networkId} is gone`);
  const vcHop = ociHop(world, "virtualCircuit", vc);
  hops.push(vcHop);
  const circuit = circuitOfVirtualCircuit(world, vc);
  if (!circuit || !bgpUp(world, vc)) throw new Stop(vcHop, `the BGP session of virtual circuit ${vc.displayName} is down`);
  hops.push({ cloud: "azure", kind: "expressRouteCircuit", id: circuit.id, name: circuit.name });
  const vnet = vnetsBehindCircuit(world, circuit).find((candidate) => holds(candidate.addressPrefixes, to));
  if (!vnet) throw new Stop(hops.at(-1) ?? vcHop, `no VNet behind ExpressRoute circuit ${circuit.name} holds ${to.text}`);
  hops.push(vnetHop(vnet));
  return undefined;
}

/** The route table traffic uses in a VCN: the source subnet's, or the one associated with the way it came in. */
function routeTableFor(world: World, vcn: VcnRecord, via: "source" | DrgAttachmentRecord | LocalPeeringGatewayRecord, from: Ipv4Cidr, hop: Hop): string {
  if (via === "source") {
    const subnet = ociRecords(world, "subnet").find((candidate) => candidate.vcnId === vcn.id && isLive(candidate) && covers(candidate.cidrBlock, from) !== undefined);
    return subnet?.routeTableId ?? vcn.defaultRouteTableId;
  }
  if (via.routeTableId) return via.routeTableId;
  const what = via.kind === "drgattachment" ? `DRG attachment ${via.displayName}` : `local peering gateway ${via.displayName}`;
  throw new Stop(hop, `traffic entering VCN ${vcn.displayName} through ${what} can only go further (transit routing) with a route table associated with it; none is`);
}

function fromVcn(world: World, vcn: VcnRecord, via: "source" | DrgAttachmentRecord | LocalPeeringGatewayRecord, from: Ipv4Cidr, to: Ipv4Cidr, hops: Hop[]): Position | undefined {
  const hop = ociHop(world, "vcn", vcn);
  hops.push(hop);
  if (holds(vcn.cidrBlocks, to)) return undefined;
  const tableId = routeTableFor(world, vcn, via, from, hop);
  hop.routeTableId = tableId;
  const table = ociRecordOf(world, "routetable", tableId);
  let best: { destination: string; target: string; length: number } | undefined;
  for (const rule of table?.routeRules ?? []) {
    const length = rule.destinationType === "CIDR_BLOCK" ? covers(rule.destination, to) : undefined;
    if (length !== undefined && (!best || length > best.length)) best = { destination: rule.destination, target: rule.networkEntityId, length };
  }
  if (!best) throw new Stop(hop, `route table ${table?.displayName ?? tableId} of VCN ${vcn.displayName} has no rule covering ${to.text}`, tableId);
  hop.rule = { destination: best.destination, nextHop: best.target };
  const targetType = best.target.split(".")[1];
  if (targetType === "drg") {
    const attachment = ociRecords(world, "drgattachment").find((candidate) => candidate.drgId === best.target && candidate.networkType === "VCN" && candidate.networkId === vcn.id && candidate.lifecycleState === "ATTACHED");
    const drg = ociRecordOf(world, "drg", best.target);
    if (!attachment || !drg) throw new Stop(hop, `VCN ${vcn.displayName} routes ${to.text} to DRG ${best.target}, which is not attached to it`, tableId);
    return { kind: "drg", drg, via: attachment };
  }
  if (targetType === "localpeeringgateway") {
    const lpg = ociRecordOf(world, "localpeeringgateway", best.target);
    if (!lpg) throw new Stop(hop, `local peering gateway ${best.target} is gone`, tableId);
    const lpgHop = ociHop(world, "localPeeringGateway", lpg);
    hops.push(lpgHop);
    const peer = lpg.peeringStatus === "PEERED" ? ociRecordOf(world, "localpeeringgateway", lpg.peerId) : undefined;
    const peerVcn = peer ? ociRecordOf(world, "vcn", peer.vcnId) : undefined;
    if (!peer || !peerVcn) throw new Stop(lpgHop, `local peering gateway ${lpg.displayName} is ${lpg.peeringStatus}, not PEERED`);
    hops.push(ociHop(world, "localPeeringGateway", peer));
    return { kind: "vcn", vcn: peerVcn, via: peer };
  }
  throw new Stop(hop, `VCN ${vcn.displayName} routes ${to.text} to ${best.target}, which leaves the private network`, tableId);
}
