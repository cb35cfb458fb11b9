import type { World } from "../core/world";
import type { DrgAttachmentRecord, DrgRouteTableRecord, StaticDrgRouteRule } from "../oci/model";
import { nextHopAttached, ociRecordOf, ociRecords } from "../oci/store";
import { prefixesLearnedByOracle } from "./bgp";
import { drgRoutesOverTunnels } from "./vpn-routes";

/**
 * The routes a DRG route table holds, after OCI's default route distributions: the table for VCN attachments
 * imports every attachment type (VCN CIDRs, what virtual circuits learned over BGP, what IPSec tunnels that are UP
 * learned (BGP) or were given (static routes), what peered DRGs export over remote peering connections); the tables
 * for virtual circuits, IPSec tunnels and remote peering connections import
 * the VCN attachments only. Static rules come first. A peered DRG exports, over its remote peering connection's
 * attachment, the routes of that attachment's table (so a static rule there is how a prefix crosses regions).
 */

export type Provenance = "STATIC" | "VCN" | "VIRTUAL_CIRCUIT" | "IPSEC_TUNNEL" | "REMOTE_PEERING_CONNECTION";

export interface DrgRoute {
  destination: string;
  nextHopDrgAttachmentId: string;
  routeType: "STATIC" | "DYNAMIC";
  provenance: Provenance;
  /** Static rules only. */
  ruleId?: string;
  /** A static rule whose next hop is no longer ATTACHED forwards nothing. */
  isBlackhole: boolean;
  /** BGP routes: the AS path's length, which decides between a virtual circuit and a tunnel (fabric/vpn-paths.ts). */
  asPathLength?: number;
}

function attachedTo(world: World, drgId: string): DrgAttachmentRecord[] {
  return ociRecords(world, "drgattachment").filter((attachment) => attachment.drgId === drgId && attachment.lifecycleState === "ATTACHED");
}

function vcnRoutes(world: World, drgId: string): DrgRoute[] {
  return attachedTo(world, drgId)
    .filter((attachment) => attachment.networkType === "VCN")
    .flatMap((attachment) => {
      const vcn = ociRecordOf(world, "vcn", attachment.networkId);
      return vcn?.lifecycleState === "AVAILABLE" ? vcn.cidrBlocks.map((destination) => dynamic(destination, attachment.id, "VCN")) : [];
    });
}

function virtualCircuitRoutes(world: World, drgId: string): DrgRoute[] {
  return attachedTo(world, drgId)
    .filter((attachment) => attachment.networkType === "VIRTUAL_CIRCUIT")
    .flatMap((attachment) => {
      const vc = ociRecordOf(world, "virtualcircuit", attachment.networkId);
      // Microsoft advertises the VNets with its own ASN only.
      return (vc ? prefixesLearnedByOracle(world, vc) : []).map((destination) => ({ ...dynamic(destination, attachment.id, "VIRTUAL_CIRCUIT"), asPathLength: 1 }));
    });
}

function tunnelRoutes(world: World, drgId: string): DrgRoute[] {
  return drgRoutesOverTunnels(world, drgId).map((route) => ({ ...dynamic(route.destination, route.attachmentId, "IPSEC_TUNNEL"), ...(route.viaBgp ? { asPathLength: route.asPath.length } : {}) }));
}

/** The DRG attachment OCI made for a remote peering connection. */
export function attachmentOfNetwork(world: World, networkId: string): DrgAttachmentRecord | undefined {
  return ociRecords(world, "drgattachment").find((attachment) => attachment.networkId === networkId && attachment.lifecycleState === "ATTACHED");
}

function tableOf(world: World, attachment: DrgAttachmentRecord): DrgRouteTableRecord | undefined {
  return ociRecordOf(world, "drgroutetable", attachment.drgRouteTableId);
}

/** What the DRGs peered through this DRG's remote peering connections export to it. */
function remotePeeringRoutes(world: World, drgId: string, visited: Set<string>): DrgRoute[] {
  return attachedTo(world, drgId)
    .filter((attachment) => attachment.networkType === "REMOTE_PEERING_CONNECTION")
    .flatMap((attachment) => {
      const rpc = ociRecordOf(world, "remotepeeringconnection", attachment.networkId);
      const peer = rpc?.peeringStatus === "PEERED" ? ociRecordOf(world, "remotepeeringconnection", rpc.peerId) : undefined;
      const peerAttachment = peer?.peeringStatus === "PEERED" ? attachmentOfNetwork(world, peer.id) : undefined;
      const peerTable = peerAttachment ? tableOf(world, peerAttachment) : undefined;
      // A DRG already on the way (a table importing peered routes back) adds nothing new and would never end.
      if (!peerAttachment || !peerTable || visited.has(peerTable.drgId)) return [];
      return drgTableRoutes(world, peerTable, visited)
        .filter((route) => !route.isBlackhole && route.nextHopDrgAttachmentId !== peerAttachment.id)
        .map((route) => dynamic(route.destination, attachment.id, "REMOTE_PEERING_CONNECTION"));
    });
}

function dynamic(destination: string, nextHopDrgAttachmentId: string, provenance: Provenance): DrgRoute {
  return { destination, nextHopDrgAttachmentId, routeType: "DYNAMIC", provenance, isBlackhole: false };
}

export function staticRoute(world: World, rule: StaticDrgRouteRule): DrgRoute {
  return {
    destination: rule.destination,
    nextHopDrgAttachmentId: rule.nextHopDrgAttachmentId,
    routeType: "STATIC",
    provenance: "STATIC",
    ruleId: rule.id,
    isBlackhole: !nextHopAttached(world, rule.nextHopDrgAttachmentId),
  };
}

/** Every route of a DRG route table: static rules (oldest first), then the imported (dynamic) ones. */
export function drgTableRoutes(world: World, table: DrgRouteTableRecord, visited: Set<string> = new Set()): DrgRoute[] {
  const statics = (table.staticRules ?? []).map((rule) => staticRoute(world, rule));
  const seen = new Set([...visited, table.drgId]);
  const imported = table.role === "VCN"
      ? [...virtualCircuitRoutes(world, table.drgId), ...tunnelRoutes(world, table.drgId), ...vcnRoutes(world, table.drgId), ...remotePeeringRoutes(world, table.drgId, seen)]
      : vcnRoutes(world, table.drgId);
  return [...statics, ...imported];
}
