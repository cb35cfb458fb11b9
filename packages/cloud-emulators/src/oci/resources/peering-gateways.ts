import { z } from "zod";
import { overlaps, parseIpv4Cidr } from "../../core/cidr";
import { ocid } from "../../core/ids";
import type { World } from "../../core/world";
import { applyCommonUpdate, baseRecord, baseView, CommonCreate, CommonUpdate, objectBody, Ocid, parseOci } from "../body";
import { conflict, incorrectState, invalidParameter, notFound } from "../errors";
import { param, touch, visibleRecord } from "../generic";
import { checkRetryToken } from "../idempotency";
import type { OciHandler, OciKindDef } from "../kinds";
import type { LocalPeeringGatewayRecord, RemotePeeringConnectionRecord } from "../model";
import { isLive, ociRecordOf } from "../store";
import { availableDrg, availableVcn } from "./requirements";

const CreateLpg = CommonCreate.extend({ vcnId: Ocid, routeTableId: Ocid.optional() });
const UpdateLpg = CommonUpdate.extend({ routeTableId: Ocid.optional() });

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
    if (body.routeTableId !== undefined && ociRecordOf(call.world, "routetable", body.routeTableId)?.vcnId !== vcn.id) {
      throw invalidParameter(`routeTableId ${body.routeTableId} is not a route table of VCN ${vcn.id}.`);
    }
    const lpg: LocalPeeringGatewayRecord = {
      ...baseRecord(call, body, ocid("localpeeringgateway", call.world.config.ociRegionKey), "PROVISIONING", "lpg"),
      kind: "localpeeringgateway",
      vcnId: vcn.id,
      peeringStatus: "NEW",
    };
    if (body.routeTableId) lpg.routeTableId = body.routeTableId;
    return lpg;
  },
  update(_call, record, raw) {
    const body = parseOci(UpdateLpg, raw);
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
      isCrossTenancyPeering: false,
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
  if (!peer || !isLive(peer)) throw notFound();
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
      ...baseRecord(call, body, ocid("remotepeeringconnection", call.world.config.ociRegionKey), "PROVISIONING", "rpc"),
      kind: "remotepeeringconnection",
      drgId: drg.id,
      peeringStatus: "NEW",
    };
    return rpc;
  },
  update(_call, record, raw) {
    applyCommonUpdate(record, parseOci(CommonUpdate, raw));
  },
  onDeleting(world, record) {
    revokePeer(world, record.peerId, "remotepeeringconnection");
  },
  render: (_world, record) => ({
    ...baseView(record),
    drgId: record.drgId,
    peeringStatus: record.peeringStatus,
    peerId: record.peerId ?? null,
    peerRegionName: record.peerRegionName ?? null,
    peerTenancyId: record.peerTenancyId ?? null,
    isCrossTenancyPeering: false,
  }),
  createMs: (world) => world.config.durations.remotePeeringConnection,
  deleteMs: (world) => world.config.durations.remotePeeringConnection,
  listFilter: (record, query) => !query.get("drgId") || record.drgId === query.get("drgId"),
};

/** POST `/remotePeeringConnections/{id}/actions/connect {peerId, peerRegionName}`: PENDING, then PEERED on both sides. */
export const connectRemotePeeringConnections: OciHandler = (call) => {
  const body = parseOci(z.object({ peerId: Ocid, peerRegionName: z.string().regex(/^[a-z]+-[a-z]+-\d+$/, "must be a region name such as us-phoenix-1"), peerTenancyId: Ocid.optional() }), objectBody(call));
  const token = checkRetryToken(call, "connectRemotePeeringConnections", body);
  if (token.previous) return { status: token.previous.status };
  const rpc = visibleRecord(call, "remotepeeringconnection", param(call, "rpcId"));
  const peer = ociRecordOf(call.world, "remotepeeringconnection", body.peerId);
  if (!peer || !isLive(peer)) throw notFound();
  if (peer.id === rpc.id || peer.drgId === rpc.drgId) throw invalidParameter("A remote peering connection must be connected to one on another DRG.");
  for (const side of [rpc, peer]) {
    if (side.lifecycleState !== "AVAILABLE") throw incorrectState(`Remote peering connection ${side.id} is ${side.lifecycleState}.`);
    if (side.peeringStatus !== "NEW") throw conflict(`Remote peering connection ${side.id} is already ${side.peeringStatus}; it can be connected only once.`);
  }
  rpc.peerRegionName = body.peerRegionName;
  peer.peerRegionName = call.world.config.ociRegion;
  for (const [side, other] of [
    [rpc, peer],
    [peer, rpc],
  ] as const) {
    side.peeringStatus = "PENDING";
    side.peerId = other.id;
    touch(call.world, side);
  }
  call.world.scheduleProvisioning(call.world.config.durations.remotePeering, "oci.rpc.peered", { a: rpc.id, b: peer.id });
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
