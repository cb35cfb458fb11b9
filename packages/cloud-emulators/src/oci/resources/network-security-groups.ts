import { z } from "zod";
import { ocid, shortId } from "../../core/ids";
import { applyCommonUpdate, baseRecord, baseView, CommonCreate, CommonUpdate, objectBody, Ocid, parseOci } from "../body";
import { conflict, invalidParameter } from "../errors";
import { checkIfMatch, param, touch, visibleRecord } from "../generic";
import type { OciHandler, OciKindDef } from "../kinds";
import type { NetworkSecurityGroupRecord, NsgRule } from "../model";
import { pageReply } from "../paging";
import { availableVcn } from "./requirements";
import { normaliseRule } from "./security-rules";
import { vnicsInNsg } from "./vnics";
import { requestRegionKey } from "../regions";

const CreateNsg = CommonCreate.extend({ vcnId: Ocid });

export const networkSecurityGroups: OciKindDef<"networksecuritygroup"> = {
  kind: "networksecuritygroup",
  collection: "networkSecurityGroups",
  opName: "NetworkSecurityGroup",
  states: { creating: "PROVISIONING", ready: "AVAILABLE", deleting: "TERMINATING", deleted: "TERMINATED" },
  create(call, raw) {
    const body = parseOci(CreateNsg, raw);
    const vcn = availableVcn(call.world, body.vcnId);
    const base = baseRecord(call, body, ocid("networksecuritygroup", requestRegionKey(call.world)), "PROVISIONING", "nsg");
    return { ...base, kind: "networksecuritygroup", vcnId: vcn.id, rules: [] };
  },
  update(_call, record, raw) {
    applyCommonUpdate(record, parseOci(CommonUpdate, raw));
  },
  checkDelete(world, record) {
    const members = vnicsInNsg(world, record.id);
    if (members.length > 0) throw conflict(`Network security group ${record.id} has VNICs ${members.map((vnic) => vnic.id).join(", ")}. Remove them from the group before deleting it.`);
  },
  render: (_world, record) => ({ ...baseView(record), vcnId: record.vcnId }),
  createMs: (world) => world.config.durations.ociSmallResource,
  deleteMs: (world) => world.config.durations.ociSmallDelete,
  listFilter: (record, query) => !query.get("vcnId") || record.vcnId === query.get("vcnId"),
};

const Direction = z.enum(["INGRESS", "EGRESS"]);
const AddRules = z.object({ securityRules: z.array(z.object({ direction: Direction }).loose()).max(25).optional() });
const UpdateRules = z.object({ securityRules: z.array(z.object({ id: z.string().min(1), direction: Direction }).loose()).max(25).optional() });
const RemoveRules = z.object({ securityRuleIds: z.array(z.string().min(1)).optional() });

function nsgFor(call: Parameters<OciHandler>[0]): NetworkSecurityGroupRecord {
  const nsg = visibleRecord(call, "networksecuritygroup", param(call, "nsgId"));
  checkIfMatch(call, nsg);
  return nsg;
}

function ruleView(rule: NsgRule): Record<string, unknown> {
  return { ...rule, isValid: true };
}

/** Adds a rule "as another admin would" (out-of-band) or through the API. */
export function addNsgRule(world: Parameters<typeof normaliseRule>[0], nsg: NetworkSecurityGroupRecord, raw: Record<string, unknown>, direction: "INGRESS" | "EGRESS"): NsgRule {
  const { direction: _ignored, ...rest } = raw;
  const rule: NsgRule = { ...normaliseRule(world, rest, direction), id: shortId(), direction, protocol: String(rest.protocol), timeCreated: new Date(world.now).toISOString() };
  nsg.rules.push(rule);
  touch(world, nsg);
  return rule;
}

/** POST `/networkSecurityGroups/{id}/actions/addSecurityRules`. */
export const addSecurityRules: OciHandler = (call) => {
  const nsg = nsgFor(call);
  const body = parseOci(AddRules, objectBody(call));
  const normalised = (body.securityRules ?? []).map((raw) => ({ raw, direction: raw.direction }));
  // Validate everything before changing anything.
  for (const { raw, direction } of normalised) normaliseRule(call.world, { ...raw, direction: undefined }, direction);
  const added = normalised.map(({ raw, direction }) => addNsgRule(call.world, nsg, raw, direction));
  return { status: 200, json: { securityRules: added.map(ruleView) } };
};

/** POST `/networkSecurityGroups/{id}/actions/updateSecurityRules`. */
export const updateSecurityRules: OciHandler = (call) => {
  const nsg = nsgFor(call);
  const body = parseOci(UpdateRules, objectBody(call));
  const updates = (body.securityRules ?? []).map((raw) => {
    const index = nsg.rules.findIndex((rule) => rule.id === raw.id);
    if (index < 0) throw invalidParameter(`Security rule ${raw.id} does not exist in network security group ${nsg.id}.`);
    const { id, direction, ...rest } = raw;
    const rule: NsgRule = { ...normaliseRule(call.world, rest, direction), id, direction, protocol: String(rest.protocol), timeCreated: nsg.rules[index]?.timeCreated ?? new Date(call.world.now).toISOString() };
    return { index, rule };
  });
  for (const { index, rule } of updates) nsg.rules[index] = rule;
  touch(call.world, nsg);
  return { status: 200, json: { securityRules: updates.map(({ rule }) => ruleView(rule)) } };
};

/** POST `/networkSecurityGroups/{id}/actions/removeSecurityRules`. */
export const removeSecurityRules: OciHandler = (call) => {
  const nsg = nsgFor(call);
  const body = parseOci(RemoveRules, objectBody(call));
  const ids = new Set(body.securityRuleIds ?? []);
  for (const id of ids) if (!nsg.rules.some((rule) => rule.id === id)) throw invalidParameter(`Security rule ${id} does not exist in network security group ${nsg.id}.`);
  nsg.rules = nsg.rules.filter((rule) => !ids.has(rule.id));
  touch(call.world, nsg);
  return { status: 200 };
};

/** GET `/networkSecurityGroups/{id}/securityRules?direction=&sortBy=&sortOrder=&limit=&page=`. */
export const listSecurityRules: OciHandler = (call) => {
  const nsg = visibleRecord(call, "networksecuritygroup", param(call, "nsgId"));
  const direction = call.query.get("direction");
  if (direction !== null && direction !== "INGRESS" && direction !== "EGRESS") throw invalidParameter(`Invalid direction ${direction}.`);
  const order = (call.query.get("sortOrder") ?? "ASC").toUpperCase() === "DESC" ? -1 : 1;
  const rules = nsg.rules.filter((rule) => !direction || rule.direction === direction).map((rule, index) => ({ rule, index }));
  rules.sort((a, b) => (a.rule.timeCreated.localeCompare(b.rule.timeCreated) || a.index - b.index) * order);
  return pageReply(
    rules.map(({ rule }) => ruleView(rule)),
    call.query,
  );
};
