import { z } from "zod";
import { ocid, ociEtag } from "../../core/ids";
import type { World } from "../../core/world";
import { baseRecord, baseView, CommonUpdate, DefinedTags, FreeformTags, Ocid, parseOci, applyCommonUpdate } from "../body";
import { conflict, invalidParameter } from "../errors";
import { compartmentNode } from "../identity/store";
import type { OciKindDef } from "../kinds";
import type { DrgAttachmentRecord, DrgRecord } from "../model";
import { isLive, ociRecordOf, ociRecords } from "../store";
import { availableDrg, availableVcn } from "./requirements";
import { regionKeyOf, regionOf, requestRegionKey } from "../regions";

const CreateAttachment = z.object({
  drgId: Ocid,
  displayName: z.string().min(1).max(255).optional(),
  vcnId: Ocid.optional(),
  routeTableId: Ocid.optional(),
  drgRouteTableId: Ocid.optional(),
  networkDetails: z.object({ type: z.literal("VCN"), id: Ocid, routeTableId: Ocid.optional(), vcnRouteType: z.enum(["VCN_CIDRS", "SUBNET_CIDRS"]).optional() }).optional(),
  freeformTags: FreeformTags.optional(),
  definedTags: DefinedTags.optional(),
});
const UpdateAttachment = CommonUpdate.extend({ drgRouteTableId: Ocid.optional(), networkDetails: z.object({ type: z.literal("VCN"), routeTableId: Ocid.optional() }).optional(), routeTableId: Ocid.optional() });

export function checkVcnRouteTable(world: World, routeTableId: string | undefined, vcnId: string): void {
  if (routeTableId === undefined) return;
  const table = ociRecordOf(world, "routetable", routeTableId);
  if (!table || !isLive(table) || table.vcnId !== vcnId) throw invalidParameter(`routeTableId ${routeTableId} is not a route table of VCN ${vcnId}.`);
}

/** An attachment made by OCI itself (virtual circuits, IPSec tunnels and remote peering connections attach to their DRG). */
export function systemAttachment(world: World, drg: DrgRecord, networkType: DrgAttachmentRecord["networkType"], network: { id: string }, displayName: string): DrgAttachmentRecord {
  const tableKey = networkType === "VIRTUAL_CIRCUIT" ? "virtualCircuit" : networkType === "IPSEC_TUNNEL" ? "ipsecTunnel" : "remotePeeringConnection";
  const region = regionOf(world, drg);
  return {
    id: ocid("drgattachment", regionKeyOf(region)),
    seq: world.nextSeq(),
    compartmentId: drg.compartmentId,
    displayName,
    lifecycleState: "ATTACHED",
    timeCreated: new Date(world.now).toISOString(),
    etag: ociEtag(),
    freeformTags: {},
    definedTags: {},
    regionId: region,
    kind: "drgattachment",
    drgId: drg.id,
    networkType,
    networkId: network.id,
    routeTableId: null,
    drgRouteTableId: drg.defaultDrgRouteTables[tableKey],
    vcnRouteType: null,
  };
}

function tenancyOf(world: World, compartmentId: string): string | undefined {
  return compartmentNode(world, compartmentId)?.tenancyId;
}

function checkDrgRouteTable(world: World, drgRouteTableId: string | undefined, drgId: string): void {
  if (drgRouteTableId !== undefined && ociRecordOf(world, "drgroutetable", drgRouteTableId)?.drgId !== drgId) {
    throw invalidParameter(`drgRouteTableId ${drgRouteTableId} is not a route table of Drg ${drgId}.`);
  }
}

export const drgAttachments: OciKindDef<"drgattachment"> = {
  kind: "drgattachment",
  collection: "drgAttachments",
  opName: "DrgAttachment",
  states: { creating: "ATTACHING", ready: "ATTACHED", deleting: "DETACHING", deleted: "DETACHED" },
  create(call, raw) {
    const { world } = call;
    const body = parseOci(CreateAttachment, raw);
    const drg = availableDrg(world, body.drgId);
    const vcnId = body.networkDetails?.id ?? body.vcnId;
    if (!vcnId) throw invalidParameter("Either networkDetails (type VCN) or vcnId is required.");
    const vcn = availableVcn(world, vcnId);
    const already = ociRecords(world, "drgattachment").find((attachment) => attachment.networkType === "VCN" && attachment.networkId === vcn.id && isLive(attachment));
    if (already) throw conflict(`Vcn ${vcn.id} is already attached to Drg ${already.drgId} (attachment ${already.id}). A VCN can be attached to only one DRG.`);
    const routeTableId = body.networkDetails?.routeTableId ?? body.routeTableId;
    checkVcnRouteTable(world, routeTableId, vcn.id);
    checkDrgRouteTable(world, body.drgRouteTableId, drg.id);
    // A cross-tenancy attachment lives with the VCN, in the VCN's tenancy (OCI's `isCrossTenancy`).
    const crossTenancy = tenancyOf(world, vcn.compartmentId) !== tenancyOf(world, drg.compartmentId);
    const base = baseRecord(call, { compartmentId: crossTenancy ? vcn.compartmentId : drg.compartmentId, ...(body.displayName ? { displayName: body.displayName } : {}), ...(body.freeformTags ? { freeformTags: body.freeformTags } : {}), ...(body.definedTags ? { definedTags: body.definedTags } : {}) }, ocid("drgattachment", requestRegionKey(world)), "ATTACHING", "drgattachment");
    return {
      ...base,
      kind: "drgattachment",
      drgId: drg.id,
      networkType: "VCN",
      networkId: vcn.id,
      routeTableId: routeTableId ?? null,
      drgRouteTableId: body.drgRouteTableId ?? drg.defaultDrgRouteTables.vcn,
      vcnRouteType: body.networkDetails?.vcnRouteType ?? "SUBNET_CIDRS",
      ...(crossTenancy ? { isCrossTenancy: true } : {}),
    };
  },
  update(call, record, raw) {
    const body = parseOci(UpdateAttachment, raw);
    applyCommonUpdate(record, body);
    const routeTableId = body.networkDetails?.routeTableId ?? body.routeTableId;
    if (routeTableId !== undefined) {
      checkVcnRouteTable(call.world, routeTableId, record.networkId);
      record.routeTableId = routeTableId;
    }
    checkDrgRouteTable(call.world, body.drgRouteTableId, record.drgId);
    if (body.drgRouteTableId !== undefined) record.drgRouteTableId = body.drgRouteTableId;
  },
  checkDelete(world, record) {
    if (record.networkType !== "VCN") throw conflict(`Drg attachment ${record.id} belongs to a ${record.networkType} and is removed with it.`);
    const targeting = ociRecords(world, "routetable").filter((table) => table.vcnId === record.networkId && isLive(table) && table.routeRules.some((rule) => rule.networkEntityId === record.drgId));
    if (targeting.length > 0) {
      throw conflict(`Route tables ${targeting.map((table) => table.id).join(", ")} of Vcn ${record.networkId} have rules targeting Drg ${record.drgId}. Remove those rules before detaching.`);
    }
  },
  render(_world, record) {
    const view: Record<string, unknown> = {
      ...baseView(record),
      drgId: record.drgId,
      drgRouteTableId: record.drgRouteTableId,
      isCrossTenancy: record.isCrossTenancy ?? false,
      exportDrgRouteDistributionId: null,
    };
    if (record.networkType === "VCN") {
      Object.assign(view, {
        vcnId: record.networkId,
        routeTableId: record.routeTableId,
        networkDetails: { type: "VCN", id: record.networkId, routeTableId: record.routeTableId, vcnRouteType: record.vcnRouteType },
      });
    } else if (record.networkType === "IPSEC_TUNNEL") {
      view.networkDetails = { type: "IPSEC_TUNNEL", id: record.networkId, ipsecConnectionId: record.ipsecConnectionId ?? null, transportAttachmentId: null };
    } else {
      view.networkDetails = { type: record.networkType, id: record.networkId };
    }
    return view;
  },
  createMs: (world) => world.config.durations.drgAttachment,
  deleteMs: (world) => world.config.durations.drgAttachment,
  listFilter(record, query) {
    const type = query.get("attachmentType") ?? "VCN";
    return (
      (type === "ALL" || record.networkType === type) &&
      (!query.get("vcnId") || (record.networkType === "VCN" && record.networkId === query.get("vcnId"))) &&
      (!query.get("drgId") || record.drgId === query.get("drgId")) &&
      (!query.get("networkId") || record.networkId === query.get("networkId"))
    );
  },
};
