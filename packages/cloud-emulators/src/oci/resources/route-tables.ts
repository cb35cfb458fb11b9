import { z } from "zod";
import { parseIpv4Cidr } from "../../core/cidr";
import { ocid } from "../../core/ids";
import type { World } from "../../core/world";
import { applyCommonUpdate, baseRecord, baseView, CommonCreate, CommonUpdate, Ocid, parseOci } from "../body";
import { conflict, invalidParameter } from "../errors";
import type { OciCall, OciKindDef } from "../kinds";
import type { OciRouteRule, RouteTableRecord } from "../model";
import { isLive, ociRecordOf, ociRecords } from "../store";
import { availableVcn } from "./requirements";
import { requestRegionKey } from "../regions";

const RouteRuleInput = z.object({
  destination: z.string().optional(),
  cidrBlock: z.string().optional(),
  destinationType: z.enum(["CIDR_BLOCK", "SERVICE_CIDR_BLOCK"]).optional(),
  networkEntityId: Ocid,
  description: z.string().max(255).optional(),
  routeType: z.enum(["STATIC", "LOCAL"]).optional(),
});

/** A DRG is a valid route target only while it is attached to the route table's VCN. */
export function drgAttachedToVcn(world: World, drgId: string, vcnId: string): boolean {
  return ociRecords(world, "drgattachment").some(
    (attachment) => attachment.drgId === drgId && attachment.networkType === "VCN" && attachment.networkId === vcnId && (attachment.lifecycleState === "ATTACHED" || attachment.lifecycleState === "ATTACHING"),
  );
}

export function normaliseRouteRules(world: World, vcnId: string, raw: unknown): OciRouteRule[] {
  const rules = parseOci(z.array(RouteRuleInput), raw);
  const seen = new Set<string>();
  return rules.map((rule) => {
    const destination = rule.destination ?? rule.cidrBlock;
    if (!destination) throw invalidParameter("Each route rule needs a destination.");
    const destinationType = rule.destinationType ?? "CIDR_BLOCK";
    if (destinationType === "CIDR_BLOCK") {
      const parsed = parseIpv4Cidr(destination);
      if (!parsed.ok) throw invalidParameter(`Route rule destination ${destination} is invalid: ${parsed.message}`);
    }
    if (seen.has(destination)) throw invalidParameter(`Route rules contain the destination ${destination} more than once.`);
    seen.add(destination);
    const entityType = rule.networkEntityId.split(".")[1];
    if (entityType === "drg" && !drgAttachedToVcn(world, rule.networkEntityId, vcnId)) {
      throw invalidParameter(`Route rule target ${rule.networkEntityId} is a DRG that is not attached to VCN ${vcnId}.`);
    }
    if (entityType === "localpeeringgateway" && ociRecordOf(world, "localpeeringgateway", rule.networkEntityId)?.vcnId !== vcnId) {
      throw invalidParameter(`Route rule target ${rule.networkEntityId} is not a local peering gateway of VCN ${vcnId}.`);
    }
    const out: OciRouteRule = { destination, destinationType, networkEntityId: rule.networkEntityId, routeType: "STATIC" };
    if (rule.description !== undefined) out.description = rule.description;
    return out;
  });
}

export function newRouteTable(
  call: OciCall,
  common: z.infer<typeof CommonCreate>,
  vcnId: string,
  routeRules: OciRouteRule[],
  isDefault: boolean,
): RouteTableRecord {
  const base = baseRecord(call, common, ocid("routetable", requestRegionKey(call.world)), isDefault ? "AVAILABLE" : "PROVISIONING", "routetable");
  return { ...base, kind: "routetable", vcnId, routeRules, isDefault };
}

const CreateRouteTable = CommonCreate.extend({ vcnId: Ocid, routeRules: z.array(z.unknown()).optional() });
const UpdateRouteTable = CommonUpdate.extend({ routeRules: z.array(z.unknown()).optional() });

export const routeTables: OciKindDef<"routetable"> = {
  kind: "routetable",
  collection: "routeTables",
  opName: "RouteTable",
  states: { creating: "PROVISIONING", ready: "AVAILABLE", deleting: "TERMINATING", deleted: "TERMINATED" },
  create(call, raw) {
    const body = parseOci(CreateRouteTable, raw);
    const vcn = availableVcn(call.world, body.vcnId);
    return newRouteTable(call, body, vcn.id, normaliseRouteRules(call.world, vcn.id, body.routeRules ?? []), false);
  },
  update(call, record, raw) {
    const body = parseOci(UpdateRouteTable, raw);
    applyCommonUpdate(record, body);
    // PUT replaces the whole rule list when it is given.
    if (body.routeRules !== undefined) record.routeRules = normaliseRouteRules(call.world, record.vcnId, body.routeRules);
  },
  checkDelete(world, record) {
    if (record.isDefault) throw conflict(`Route table ${record.id} is the default route table of its VCN and is deleted with the VCN.`);
    const users = [
      ...ociRecords(world, "subnet").filter((subnet) => isLive(subnet) && subnet.routeTableId === record.id),
      ...ociRecords(world, "localpeeringgateway").filter((lpg) => isLive(lpg) && lpg.routeTableId === record.id),
      ...ociRecords(world, "drgattachment").filter((attachment) => isLive(attachment) && attachment.routeTableId === record.id),
    ];
    if (users.length > 0) throw conflict(`Route table ${record.id} is associated with ${users.map((user) => user.id).join(", ")}. You must remove the reference before deleting it.`);
  },
  render: (_world, record) => ({
    ...baseView(record),
    vcnId: record.vcnId,
    routeRules: record.routeRules.map((rule) => ({ ...rule, cidrBlock: null })),
  }),
  createMs: (world) => world.config.durations.ociSmallResource,
  deleteMs: (world) => world.config.durations.ociSmallDelete,
  listFilter: (record, query) => !query.get("vcnId") || record.vcnId === query.get("vcnId"),
};
