import { z } from "zod";
import { ocid } from "../../core/ids";
import type { World } from "../../core/world";
import { baseRecord, baseView, CommonUpdate, DefinedTags, FreeformTags, Ocid, parseOci, applyCommonUpdate } from "../body";
import { conflict, invalidParameter } from "../errors";
import type { OciCall, OciKindDef } from "../kinds";
import type { DrgAttachmentRecord, DrgRecord } from "../model";
import { isLive, ociRecordOf, ociRecords } from "../store";
import { availableDrg, availableVcn } from "./requirements";

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

function checkVcnRouteTable(world: World, routeTableId: string | undefined, vcnId: string): void {
  if (routeTableId === undefined) return;
  const table = ociRecordOf(world, "routetable", routeTableId);
  if (!table || !isLive(table) || table.vcnId !== vcnId) throw invalidParameter(`routeTableId ${routeTableId} is not a route table of VCN ${vcnId}.`);
}

/** An attachment made by OCI itself (virtual circuits attach to their DRG automatically). */
export function systemAttachment(call: Pick<OciCall, "world">, drg: DrgRecord, networkType: DrgAttachmentRecord["networkType"], networkId: string, displayName: string): DrgAttachmentRecord {
  const tableKey = networkType === "VIRTUAL_CIRCUIT" ? "virtualCircuit" : networkType === "IPSEC_TUNNEL" ? "ipsecTunnel" : "remotePeeringConnection";
  return {
    ...baseRecord(call, { compartmentId: drg.compartmentId, displayName }, ocid("drgattachment", call.world.config.ociRegionKey), "ATTACHED", "drgattachment"),
    kind: "drgattachment",
    drgId: drg.id,
    networkType,
    networkId,
    routeTableId: null,
    drgRouteTableId: drg.defaultDrgRouteTables[tableKey],
    vcnRouteType: null,
  };
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
    if (body.drgRouteTableId !== undefined && ociRecordOf(world, "drgroutetable", body.drgRouteTableId)?.drgId !== drg.id) {
      throw invalidParameter(`drgRouteTableId ${body.drgRouteTableId} is not a route table of Drg ${drg.id}.`);
    }
    const base = baseRecord(call, { compartmentId: drg.compartmentId, ...(body.displayName ? { displayName: body.displayName } : {}), ...(body.freeformTags ? { freeformTags: body.freeformTags } : {}), ...(body.definedTags ? { definedTags: body.definedTags } : {}) }, ocid("drgattachment", world.config.ociRegionKey), "ATTACHING", "drgattachment");
    return {
      ...base,
      kind: "drgattachment",
      drgId: drg.id,
      networkType: "VCN",
      networkId: vcn.id,
      routeTableId: routeTableId ?? null,
      drgRouteTableId: body.drgRouteTableId ?? drg.defaultDrgRouteTables.vcn,
      vcnRouteType: body.networkDetails?.vcnRouteType ?? "SUBNET_CIDRS",
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
      isCrossTenancy: false,
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
