import type { World } from "../../core/world";
import type { PolicyRecord, Principal } from "../identity/model";
import { activeCompartment, compartmentByPath, compartmentNode, groupByName, identityOf, isWithin } from "../identity/store";
import { conditionHolds, type GrantStatement, type Location, parseStatement, PolicySyntaxError, type Statement, type Subject } from "./policy-language";
import { expandType, grantingPhrases, grants } from "./vocabulary";

/**
 * Decides whether stored policies let a caller do something: OCI's rules, kept small.
 * - Same tenancy: an Allow statement of a policy attached to the target compartment or an ancestor whose subject
 *   is the caller (a group it belongs to, by name, Define alias or OCID, or any-user), whose verb and resource type
 *   grant the permission, whose location contains the target compartment, and whose condition holds.
 * - Another tenancy: an Endorse in the caller's tenancy (location `tenancy <alias>` of the target tenancy or
 *   any-tenancy) and an Admit in the target's tenancy (`of tenancy <alias>` of the caller's tenancy, subject a
 *   Define'd group OCID of the caller, location containing the target). Either alone grants nothing.
 * - `associate` pairs (cross-tenancy local peering): an Endorse associate in the caller's tenancy covering both
 *   sides and an Admit associate in the other tenancy covering both sides.
 */

export type Need =
  | { kind: "permission"; permission: string; compartmentId: string }
  | { kind: "associate"; resourceType: string; firstCompartmentId: string; secondCompartmentId: string };

export interface GrantedBy {
  policyId: string;
  policyName: string;
  tenancyId: string;
  statement: string;
}

export interface Decision {
  allowed: boolean;
  grantedBy: GrantedBy[];
  /** Why not, in the words of someone fixing the policies. */
  reason?: string;
}

interface ParsedPolicy {
  record: PolicyRecord;
  defines: { tenancy: Map<string, string>; group: Map<string, string>; compartment: Map<string, string> };
  grants: { text: string; statement: GrantStatement }[];
}

const cache = new WeakMap<PolicyRecord, { etag: string; parsed: ParsedPolicy }>();

/** Statements are checked when a policy is written; one that no longer parses here grants nothing. */
export function parsePolicy(record: PolicyRecord): ParsedPolicy {
  const cached = cache.get(record);
  if (cached && cached.etag === record.etag) return cached.parsed;
  const parsed: ParsedPolicy = { record, defines: { tenancy: new Map(), group: new Map(), compartment: new Map() }, grants: [] };
  for (const text of record.statements) {
    let statement: Statement;
    try {
      statement = parseStatement(text);
    } catch (error) {
      if (error instanceof PolicySyntaxError) continue;
      throw error;
    }
    if (statement.kind === "define") {
      if (statement.entity !== "dynamic-group") parsed.defines[statement.entity].set(statement.alias.toLowerCase(), statement.ocid);
    } else {
      parsed.grants.push({ text, statement });
    }
  }
  cache.set(record, { etag: record.etag, parsed });
  return parsed;
}

function policiesOf(world: World, tenancyId: string): ParsedPolicy[] {
  return Object.values(identityOf(world).policies)
    .filter((policy) => policy.tenancyId === tenancyId && policy.lifecycleState === "ACTIVE")
    .sort((a, b) => a.seq - b.seq)
    .map(parsePolicy);
}

/** The compartment a location names, seen from the policy (in the policy's own tenancy). */
export function locationCompartment(world: World, policy: ParsedPolicy, location: Location): string | undefined {
  const { record } = policy;
  if (location.kind === "tenancy") return location.alias === undefined ? record.tenancyId : undefined;
  if (location.kind === "any-tenancy") return undefined;
  if (location.ocid !== undefined) return location.ocid;
  const name = location.name ?? "";
  return policy.defines.compartment.get(name.toLowerCase()) ?? compartmentByPath(world, record.compartmentId, name)?.id;
}

function locationContains(world: World, policy: ParsedPolicy, location: Location, compartmentId: string): boolean {
  const scope = locationCompartment(world, policy, location);
  return scope !== undefined && isWithin(world, compartmentId, scope) && isWithin(world, compartmentId, policy.record.compartmentId);
}

/** Another tenancy a location names: `tenancy <alias>` (Define'd) or any-tenancy. */
function locationReaches(policy: ParsedPolicy, location: Location, tenancyId: string): boolean {
  if (location.kind === "any-tenancy") return true;
  return location.kind === "tenancy" && location.alias !== undefined && policy.defines.tenancy.get(location.alias.toLowerCase()) === tenancyId;
}

function subjectIsCaller(world: World, policy: ParsedPolicy, subject: Subject, principal: Principal, local: boolean): boolean {
  switch (subject.kind) {
    case "any-user":
    case "any-group":
      return true;
    case "dynamic-group":
      return false;
    case "group": {
      if (subject.ocid !== undefined) return principal.groupIds.includes(subject.ocid);
      const name = (subject.name ?? "").toLowerCase();
      const defined = policy.defines.group.get(name);
      if (defined !== undefined) return principal.groupIds.includes(defined);
      // A bare group name means a group of the policy's own tenancy.
      const group = local ? groupByName(world, policy.record.tenancyId, name) : undefined;
      return group !== undefined && principal.groupIds.includes(group.id);
    }
  }
}

function verbGrants(statement: GrantStatement, permission: string): boolean {
  return statement.verb !== "associate" && grants(statement.verb, statement.resource.resourceType, permission);
}

function granted(policy: ParsedPolicy, text: string): GrantedBy {
  return { policyId: policy.record.id, policyName: policy.record.name, tenancyId: policy.record.tenancyId, statement: text };
}

export function evaluate(world: World, principal: Principal, need: Need, operation: string): Decision {
  return need.kind === "permission" ? evaluatePermission(world, principal, need, operation) : evaluateAssociate(world, principal, need, operation);
}

function evaluatePermission(world: World, principal: Principal, need: Extract<Need, { kind: "permission" }>, operation: string): Decision {
  const target = compartmentNode(world, need.compartmentId);
  if (!target) return { allowed: false, grantedBy: [], reason: `compartment ${need.compartmentId} does not exist` };
  // A compartment being deleted (or deleted) can still be read, but takes nothing new.
  if (target.lifecycleState !== "ACTIVE" && need.permission.endsWith("_CREATE")) return { allowed: false, grantedBy: [], reason: `compartment ${target.id} is ${target.lifecycleState}` };
  if (target.tenancyId === principal.tenancyId) {
    for (const policy of policiesOf(world, target.tenancyId)) {
      for (const { text, statement } of policy.grants) {
        if (statement.kind !== "allow" || !verbGrants(statement, need.permission) || !conditionHolds(statement.condition, operation)) continue;
        if (!subjectIsCaller(world, policy, statement.subject, principal, true)) continue;
        if (locationContains(world, policy, statement.resource.location, target.id)) return { allowed: true, grantedBy: [granted(policy, text)] };
      }
    }
    return { allowed: false, grantedBy: [], reason: `no Allow statement in tenancy ${target.tenancyId} grants ${need.permission} in compartment ${target.id} to the caller's groups (${grantingPhrases(need.permission).join(" or ")} would)` };
  }
  const endorse = findGrant(policiesOf(world, principal.tenancyId), (policy, statement) => statement.kind === "endorse" && verbGrants(statement, need.permission) && conditionHolds(statement.condition, operation) && subjectIsCaller(world, policy, statement.subject, principal, true) && locationReaches(policy, statement.resource.location, target.tenancyId));
  const admit = findGrant(policiesOf(world, target.tenancyId), (policy, statement) => statement.kind === "admit" && verbGrants(statement, need.permission) && conditionHolds(statement.condition, operation) && admits(world, policy, statement, principal) && locationContains(world, policy, statement.resource.location, target.id));
  if (endorse && admit) return { allowed: true, grantedBy: [endorse, admit] };
  const phrases = grantingPhrases(need.permission).join(" or ");
  const missing = [
    endorse ? undefined : `an Endorse in the caller's tenancy ${principal.tenancyId} reaching tenancy ${target.tenancyId} (${phrases})`,
    admit ? undefined : `an Admit in tenancy ${target.tenancyId} of the caller's group from tenancy ${principal.tenancyId} in compartment ${target.id} (${phrases})`,
  ].filter((part) => part !== undefined);
  return { allowed: false, grantedBy: [endorse, admit].filter((grant) => grant !== undefined), reason: `${need.permission} across tenancies needs ${missing.join(" and ")}` };
}

/** An Admit's subject: a group (by Define'd OCID) of the tenancy its `of tenancy` alias names. */
function admits(world: World, policy: ParsedPolicy, statement: GrantStatement, principal: Principal): boolean {
  const from = statement.ofTenancy === undefined ? undefined : policy.defines.tenancy.get(statement.ofTenancy.toLowerCase());
  return from === principal.tenancyId && subjectIsCaller(world, policy, statement.subject, principal, false);
}

function findGrant(policies: ParsedPolicy[], test: (policy: ParsedPolicy, statement: GrantStatement) => boolean): GrantedBy | undefined {
  for (const policy of policies) {
    for (const { text, statement } of policy.grants) if (test(policy, statement)) return granted(policy, text);
  }
  return undefined;
}

function coversType(statementType: string, resourceType: string): boolean {
  return expandType(statementType).has(resourceType);
}

function evaluateAssociate(world: World, principal: Principal, need: Extract<Need, { kind: "associate" }>, operation: string): Decision {
  const first = activeCompartment(world, need.firstCompartmentId);
  const second = activeCompartment(world, need.secondCompartmentId);
  if (!first || !second) return { allowed: false, grantedBy: [], reason: "a compartment of the association does not exist" };
  const types = (statement: GrantStatement) =>
    statement.verb === "associate" && coversType(statement.resource.resourceType, need.resourceType) && statement.associateWith !== undefined && coversType(statement.associateWith.resourceType, need.resourceType);
  const endorse = findGrant(
    policiesOf(world, principal.tenancyId),
    (policy, statement) =>
      statement.kind === "endorse" &&
      types(statement) &&
      conditionHolds(statement.condition, operation) &&
      subjectIsCaller(world, policy, statement.subject, principal, true) &&
      locationContains(world, policy, statement.resource.location, first.id) &&
      statement.associateWith !== undefined &&
      locationReaches(policy, statement.associateWith.location, second.tenancyId),
  );
  const admit = findGrant(
    policiesOf(world, second.tenancyId),
    (policy, statement) =>
      statement.kind === "admit" &&
      types(statement) &&
      conditionHolds(statement.condition, operation) &&
      admits(world, policy, statement, principal) &&
      locationReaches(policy, statement.resource.location, first.tenancyId) &&
      statement.associateWith !== undefined &&
      locationContains(world, policy, statement.associateWith.location, second.id),
  );
  if (endorse && admit) return { allowed: true, grantedBy: [endorse, admit] };
  const missing = [
    endorse ? undefined : `an Endorse in tenancy ${principal.tenancyId}: associate ${need.resourceType} in compartment ${first.id} with ${need.resourceType} in tenancy ${second.tenancyId}`,
    admit ? undefined : `an Admit in tenancy ${second.tenancyId}: associate ${need.resourceType} in tenancy ${first.tenancyId} with ${need.resourceType} in compartment ${second.id}`,
  ].filter((part) => part !== undefined);
  return { allowed: false, grantedBy: [endorse, admit].filter((grant) => grant !== undefined), reason: `the cross-tenancy association needs ${missing.join(" and ")}` };
}
