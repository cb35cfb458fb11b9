import { z } from "zod";
import { ocid } from "../../core/ids";
import type { World } from "../../core/world";
import { applyCommonUpdate, baseRecord, baseView, CommonCreate, CommonUpdate, Ocid, parseOci } from "../body";
import { conflict } from "../errors";
import type { OciCall, OciKindDef } from "../kinds";
import type { OciSecurityListRule, SecurityListRecord } from "../model";
import { isLive, ociRecords } from "../store";
import { availableVcn } from "./requirements";
import { normaliseRule } from "./security-rules";
import { requestRegionKey } from "../regions";

export function newSecurityList(
  call: OciCall,
  common: z.infer<typeof CommonCreate>,
  vcnId: string,
  ingressSecurityRules: OciSecurityListRule[],
  egressSecurityRules: OciSecurityListRule[],
  isDefault: boolean,
): SecurityListRecord {
  const base = baseRecord(call, common, ocid("securitylist", requestRegionKey(call.world)), isDefault ? "AVAILABLE" : "PROVISIONING", "securitylist");
  return { ...base, kind: "securitylist", vcnId, ingressSecurityRules, egressSecurityRules, isDefault };
}

function rules(world: World, raw: unknown[] | undefined, direction: "INGRESS" | "EGRESS"): OciSecurityListRule[] {
  return (raw ?? []).map((rule) => normaliseRule(world, rule, direction));
}

const CreateSecurityList = CommonCreate.extend({ vcnId: Ocid, ingressSecurityRules: z.array(z.unknown()).optional(), egressSecurityRules: z.array(z.unknown()).optional() });
const UpdateSecurityList = CommonUpdate.extend({ ingressSecurityRules: z.array(z.unknown()).optional(), egressSecurityRules: z.array(z.unknown()).optional() });

export const securityLists: OciKindDef<"securitylist"> = {
  kind: "securitylist",
  collection: "securityLists",
  opName: "SecurityList",
  states: { creating: "PROVISIONING", ready: "AVAILABLE", deleting: "TERMINATING", deleted: "TERMINATED" },
  create(call, raw) {
    const body = parseOci(CreateSecurityList, raw);
    const vcn = availableVcn(call.world, body.vcnId);
    return newSecurityList(call, body, vcn.id, rules(call.world, body.ingressSecurityRules, "INGRESS"), rules(call.world, body.egressSecurityRules, "EGRESS"), false);
  },
  update(call, record, raw) {
    const body = parseOci(UpdateSecurityList, raw);
    applyCommonUpdate(record, body);
    // PUT replaces a rule list when it is given.
    if (body.ingressSecurityRules !== undefined) record.ingressSecurityRules = rules(call.world, body.ingressSecurityRules, "INGRESS");
    if (body.egressSecurityRules !== undefined) record.egressSecurityRules = rules(call.world, body.egressSecurityRules, "EGRESS");
  },
  checkDelete(world, record) {
    if (record.isDefault) throw conflict(`Security list ${record.id} is the default security list of its VCN and is deleted with the VCN.`);
    const users = ociRecords(world, "subnet").filter((subnet) => isLive(subnet) && subnet.securityListIds.includes(record.id));
    if (users.length > 0) throw conflict(`Security list ${record.id} is associated with subnets ${users.map((user) => user.id).join(", ")}. You must remove the reference before deleting it.`);
  },
  render: (_world, record) => ({
    ...baseView(record),
    vcnId: record.vcnId,
    ingressSecurityRules: record.ingressSecurityRules,
    egressSecurityRules: record.egressSecurityRules,
  }),
  createMs: (world) => world.config.durations.ociSmallResource,
  deleteMs: (world) => world.config.durations.ociSmallDelete,
  listFilter: (record, query) => !query.get("vcnId") || record.vcnId === query.get("vcnId"),
};
