import { z } from "zod";
import { overlaps, parseIpv4Cidr } from "../../core/cidr";
import { ocid } from "../../core/ids";
import type { World } from "../../core/world";
import { applyCommonUpdate, baseRecord, baseView, CommonCreate, CommonUpdate, objectBody, Ocid, parseOci } from "../body";
import { conflict, incorrectState, invalidParameter, notFound } from "../errors";
import { param, retire, touch, visibleRecord } from "../generic";
import { compartmentNode, subscribedTo } from "../identity/store";
import { checkRetryToken } from "../idempotency";
import type { OciHandler, OciKindDef } from "../kinds";
import type { LocalPeeringGatewayRecord, RemotePeeringConnectionRecord } from "../model";
import { isLive, ociRecordOf, ociRecords, storeOci } from "../store";
import { inRequestRegion, isKnownRegion, regionOf } from "../regions";
import { availableDrg, availableVcn } from "./requirements";
import { checkVcnRouteTable, systemAttachment } from "./drg-attachments";
import { requestRegionKey } from "../regions";

const CreateLpg = CommonCreate.extend({ vcnId: Ocid, routeTableId: Ocid.optional() });
const UpdateLpg = CommonUpdate.extend({ routeTableId: Ocid.optional() });

function tenancyOf(world: World, compartmentId: string): string | undefined {
  return compartmentNode(world, compartmentId)?.tenancyId;
}

function sameTenancy(world: World, a: string, b: string): boolean {
  return tenancyOf(world, a) === tenancyOf(world, b);
}

function revokePeer(world: World, peerId: string | undefined, kind: "localpeeringgateway" | "remotepeeringconnection"): void {
  const peer = ociRecordOf(world, kind, peerId);
  if (peer && isLive(peer) && peer.peeringStatus !== "NEW") {
    peer.peeringStatus = "REVOKED";
    touch(world, peer);
  }
}

export const localPeeringGateways: OciKindDef<"localpeeringgateway"> = {
  kind: "localpeeringgateway",
  collection: "localPeeringGateways",
  opName: "LocalPeeringGateway",
  states: { creating: "PROVISIONING", ready: "AVAILABLE", deleting: "TERMINATING", deleted: "TERMINATED" },
  create(call, raw) {
    const body = parseOci(CreateLpg, raw);
    const vcn = availableVcn(call.world, body.vcnId);
    if (body.routeTableId !== undefined) checkVcnRouteTable(call.world, body.routeTableId, vcn.id);
    const lpg: LocalPeeringGatewayRecord = {
      ...baseRecord(call, body, ocid("localpeeringgateway", requestRegionKey(call.world)), "PROVISIONING", "lpg"),
      kind: "localpeeringgateway",
      vcnId: vcn.id,
      peeringStatus: "NEW",
    };
    if (body.routeTableId) lpg.routeTableId = body.routeTableId;
    return lpg;
  },
  update(call, record, raw) {
    const body = parseOci(UpdateLpg, raw);
    if (body.routeTableId !== undefined) checkVcnRouteTable(call.world, body.routeTableId, record.vcnId);
    applyCommonUpdate(record, body);
    if (body.routeTableId !== undefined) record.routeTableId = body.routeTableId;
  },
  onDeleting(world, record) {
    revokePeer(world, record.peerId, "localpeeringgateway");
  },
  render(world, record) {
    const peer = ociRecordOf(world, "localpeeringgateway", record.peerId);
    const peerVcn = record.peeringStatus === "PEERED" ? ociRecordOf(world, "vcn", peer?.vcnId) : undefined;
    return {
      ...baseView(record),
      vcnId: record.vcnId,
      routeTableId: record.routeTableId ?? null,
      peeringStatus: record.peeringStatus,
      peeringStatusDetails: record.peeringStatusDetails ?? null,
      peerId: record.peerId ?? null,
      peerAdvertisedCidr: peerVcn?.cidrBlocks[0] ?? null,
      peerAdvertisedCidrDetails: peerVcn?.cidrBlocks ?? [],
      isCrossTenancyPeering: peer !== undefined && !sameTenancy(world, record.compartmentId, peer.compartmentId),
    };
  },
  createMs: (world) => world.config.durations.localPeeringGateway,
  deleteMs: (world) => world.config.durations.localPeeringGateway,
  listFilter: (record, query) => !query.get("vcnId") || record.vcnId === query.get("vcnId"),
};

function vcnsOverlap(world: World, a: string, b: string): boolean {
  const first = ociRecordOf(world, "vcn", a)?.cidrBlocks ?? [];
  const second = ociRecordOf(world, "vcn", b)?.cidrBlocks ?? [];
  return first.some((x) => second.some((y) => {
    const p = parseIpv4Cidr(x);
    const q = parseIpv4Cidr(y);
    return p.ok && q.ok && overlaps(p.cidr, q.cidr);
  }));
}

/** POST `/localPeeringGateways/{id}/actions/connect {peerId}`: both sides become PEERED. */
export const connectLocalPeeringGateways: OciHandler = (call) => {
  const body = parseOci(z.object({ peerId: Ocid }), objectBody(call));
  const token = checkRetryToken(call, "connectLocalPeeringGateways", body);
  if (token.previous) return { status: token.previous.status };
  const lpg = visibleRecord(call, "localpeeringgateway", param(call, "lpgId"));
  const peer = ociRecordOf(call.world, "localpeeringgateway", body.peerId);
  // Local peering stays in one region; a gateway of another region is not found from here.
  if (!peer || !isLive(peer) || !inRequestRegion(call.world, peer)) throw notFound();
  if (peer.id === lpg.id || peer.vcnId === lpg.vcnId) throw invalidParameter("A local peering gateway must be connected to a gateway of another VCN.");
  for (const side of [lpg, peer]) {
    if (side.lifecycleState !== "AVAILABLE") throw incorrectState(`Local peering gateway ${side.id} is ${side.lifecycleState}.`);
    if (side.peeringStatus !== "NEW") throw conflict(`Local peering gateway ${side.id} is already ${side.peeringStatus}; it can be connected only once.`);
  }
  if (vcnsOverlap(call.world, lpg.vcnId, peer.vcnId)) throw invalidParameter("The VCNs of the two local peering gateways have overlapping CIDRs.");
  for (const [side, other] of [
    [lpg, peer],
    [peer, lpg],
  ] as const) {
    side.peeringStatus = "PEERED";
    side.peerId = other.id;
    side.peeringStatusDetails = "Connected to a peer.";
    touch(call.world, side);
  }
  token.remember({ status: 200 });
  return { status: 200 };
};

const CreateRpc = CommonCreate.extend({ drgId: Ocid });

export const remotePeeringConnections: OciKindDef<"remotepeeringconnection"> = {
  kind: "remotepeeringconnection",
  collection: "remotePeeringConnections",
  opName: "RemotePeeringConnection",
  states: { creating: "PROVISIONING", ready: "AVAILABLE", deleting: "TERMINATING", deleted: "TERMINATED" },
  create(call, raw) {
    const body = parseOci(CreateRpc, raw);
    const drg = availableDrg(call.world, body.drgId);
    const rpc: RemotePeeringConnectionRecord = {
      ...baseRecord(call, body, ocid("remotepeeringconnection", requestRegionKey(call.world)), "PROVISIONING", "rpc"),
      kind: "remotepeeringconnection",
      drgId: drg.id,
      peeringStatus: "NEW",
    };
    return rpc;
  },
  update(_call, record, raw) {
    applyCommonUpdate(record, parseOci(CommonUpdate, raw));
  },
  /** OCI attaches every remote peering connection to its DRG (a REMOTE_PEERING_CONNECTION attachment). */
  onReady(world, record) {
    record.lifecycleState = "AVAILABLE";
    const drg = ociRecordOf(world, "drg", record.drgId);
    if (drg && isLive(drg)) storeOci(world, systemAttachment(world, drg, "REMOTE_PEERING_CONNECTION", record, `${record.displayName} attachment`));
  },
  onDeleting(world, record) {
    revokePeer(world, record.peerId, "remotepeeringconnection");
    for (const attachment of ociRecords(world, "drgattachment")) if (attachment.networkId === record.id && isLive(attachment)) attachment.lifecycleState = "DETACHING";
  },
  onDeleted(world, record) {
    for (const attachment of ociRecords(world, "drgattachment")) if (attachment.networkId === record.id && attachment.lifecycleState === "DETACHING") retire(world, attachment, "DETACHED");
  },
  render: (world, record) => ({
    ...baseView(record),
    drgId: record.drgId,
    peeringStatus: record.peeringStatus,
    peerId: record.peerId ?? null,
    peerRegionName: record.peerRegionName ?? null,
    peerTenancyId: record.peerTenancyId ?? null,
    isCrossTenancyPeering: record.peerTenancyId !== undefined && record.peerTenancyId !== tenancyOf(world, record.compartmentId),
  }),
  createMs: (world) => world.config.durations.remotePeeringConnection,
  deleteMs: (world) => world.config.durations.remotePeeringConnection,
  listFilter: (record, query) => !query.get("drgId") || record.drgId === query.get("drgId"),
};

const ConnectRpc = z.object({ peerId: Ocid, peerRegionName: z.string().refine(isKnownRegion, "is not an OCI region name such as us-phoenix-1") });

/**
 * POST `/remotePeeringConnections/{id}/actions/connect {peerId, peerRegionName}`: connects to an RPC in another
 * region (another tenancy too, when its policies admit the caller): both PENDING, then PEERED. The caller's
 * tenancy must be subscribed to the peer's region; otherwise the peer is not found.
 */
export const connectRemotePeeringConnections: OciHandler = (call) => {
  const { world } = call;
  const raw = objectBody(call);
  if (raw.peerRegionName === undefined || raw.peerRegionName === null) throw invalidParameter("peerRegionName may not be null.");
  const body = parseOci(ConnectRpc, raw);
  const token = checkRetryToken(call, "connectRemotePeeringConnections", body);
  if (token.previous) return { status: token.previous.status };
  const rpc = visibleRecord(call, "remotepeeringconnection", param(call, "rpcId"));
  const caller = world.ociRequest?.principal;
  if (caller && !subscribedTo(world, caller.tenancyId, body.peerRegionName)) throw notFound(`tenancy ${caller.tenancyId} is not subscribed to the peer region ${body.peerRegionName}`);
  const peer = ociRecordOf(world, "remotepeeringconnection", body.peerId);
  if (!peer || !isLive(peer) || regionOf(world, peer) !== body.peerRegionName) throw notFound(`no remote peering connection ${body.peerId} in ${body.peerRegionName}`);
  if (regionOf(world, peer) === regionOf(world, rpc)) throw invalidParameter("A remote peering connection connects to one in another region; DRGs in the same region peer through attachments.");
  for (const side of [rpc, peer]) {
    if (side.lifecycleState !== "AVAILABLE") throw incorrectState(`Remote peering connection ${side.id} is ${side.lifecycleState}.`);
    if (side.peeringStatus !== "NEW") throw conflict(`Remote peering connection ${side.id} is already ${side.peeringStatus}; it can be connected only once.`);
  }
  for (const [side, other] of [
    [rpc, peer],
    [peer, rpc],
  ] as const) {
    side.peeringStatus = "PENDING";
    side.peerId = other.id;
    side.peerRegionName = regionOf(world, other);
    const otherTenancy = tenancyOf(world, other.compartmentId);
    if (otherTenancy) side.peerTenancyId = otherTenancy;
    touch(world, side);
  }
  world.scheduleProvisioning(world.config.durations.remotePeering, "oci.rpc.peered", { a: rpc.id, b: peer.id });
  token.remember({ status: 200 });
  return { status: 200 };
};

export function registerPeeringEvents(world: World): void {
  world.on("oci.rpc.peered", (w, event) => {
    for (const id of [event.data.a, event.data.b]) {
      const side = ociRecordOf(w, "remotepeeringconnection", String(id));
      if (side && side.peeringStatus === "PENDING") {
        side.peeringStatus = "PEERED";
        touch(w, side);
      }
    }
  });
}
