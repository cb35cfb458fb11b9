import { parseStatement, type GrantStatement, type Location, type Subject } from "./statement";

/**
 * Decides whether a tenancy's live policies already give a group what one statement gives it: how the permission
 * preflight knows, before any write, which of the statements a plan needs are missing. OCI's rules, kept small:
 * - Allow: a policy of the group's tenancy attached to the target compartment or an ancestor, subject the group (by
 *   name, Define alias or OCID, or any-user/any-group), a verb at least as strong, a resource type covering the
 *   wanted one (families expand), a location containing the compartment (children inherit).
 * - Endorse: a policy of the group's tenancy endorsing it for the type in that tenancy (`tenancy <alias>`) or any-tenancy.
 * - Admit: a policy of the target tenancy admitting the group (`group <alias Defined as its OCID> of tenancy <alias
 *   Defined as its tenancy>`) for the type in a location containing the compartment.
 * Endorse and Admit are checked apart, so a missing half is named on its own. Statements with a `where` condition
 * are not counted (a condition narrows a grant; the preflight cannot tell which requests it lets through).
 */

export interface LivePolicy {
  name: string;
  tenancyId: string;
  compartmentId: string;
  statements: readonly string[];
}

export interface CompartmentNode {
  id: string;
  name: string;
  /** Absent for the root compartment (the tenancy). */
  parentId?: string | undefined;
}

/** What the preflight read of one tenancy: its compartment tree, groups and policies. */
export interface TenancyView {
  tenancyId: string;
  compartments: readonly CompartmentNode[];
  groups: ReadonlyArray<{ id: string; name: string }>;
  policies: readonly LivePolicy[];
}

/** A group of a tenancy, the subject of a grant. */
export interface GroupRef {
  tenancyId: string;
  groupId: string;
}

/** The effect of one Allow/Endorse/Admit statement, with every alias resolved to an OCID. */
export type GrantEffect =
  | { kind: "allow"; group: GroupRef; verb: string; resourceType: string; compartmentId: string }
  | { kind: "endorse"; group: GroupRef; verb: string; resourceType: string; targetTenancyId: string | "any" }
  | { kind: "admit"; group: GroupRef; tenancyId: string; verb: string; resourceType: string; compartmentId: string }
  | { kind: "endorse-associate"; group: GroupRef; resourceType: string; compartmentId: string; withTenancyId: string | "any" }
  | { kind: "admit-associate"; group: GroupRef; tenancyId: string; resourceType: string; fromTenancyId: string; compartmentId: string };

const VERBS = ["inspect", "read", "use", "manage"];

/** Aggregate types: a statement on a family is one statement per member (OCI's Core Services reference). */
const FAMILIES: Record<string, readonly string[]> = {
  drgs: ["drg-object", "drg-attachments", "drg-route-tables", "drg-route-distributions"],
  "local-peering-gateways": ["local-peering-from", "local-peering-to"],
  "remote-peering-connections": ["remote-peering-from", "remote-peering-to"],
  "virtual-network-family": [
    "vcns", "subnets", "route-tables", "security-lists", "network-security-groups", "dhcp-options", "drgs", "local-peering-gateways",
    "remote-peering-connections", "virtual-circuits", "cpes", "ipsec-connections", "cross-connects", "cross-connect-groups", "internet-gateways",
    "nat-gateways", "service-gateways", "private-ips", "public-ips", "vnics", "vnic-attachments", "vlans",
  ],
  "all-resources": ["virtual-network-family", "compartments", "users", "groups", "dynamic-groups", "policies", "tenancies"],
};
/** Oracle's singular spellings in its cross-tenancy examples: `drg` is the DRG object, not the whole family. */
const SINGULAR: Record<string, string> = { drg: "drg-object", "drg-attachment": "drg-attachments", "drg-route-table": "drg-route-tables", "drg-route-distribution": "drg-route-distributions" };

const canonical = (type: string) => SINGULAR[type.toLowerCase()] ?? type.toLowerCase();

function expand(type: string): Set<string> {
  const out = new Set<string>();
  const visit = (name: string) => {
    if (out.has(name)) return;
    out.add(name);
    for (const member of FAMILIES[name] ?? []) visit(member);
  };
  visit(canonical(type));
  return out;
}

/** Every individual type `wanted` stands for is covered by `granted`. */
export function typeCovers(granted: string, wanted: string): boolean {
  const have = expand(granted);
  return [...expand(wanted)].every((type) => have.has(type) || FAMILIES[type] !== undefined);
}

export function verbCovers(granted: string, wanted: string): boolean {
  const have = VERBS.indexOf(granted.toLowerCase());
  const need = VERBS.indexOf(wanted.toLowerCase());
  return have >= 0 && need >= 0 && have >= need;
}

interface Parsed {
  policy: LivePolicy;
  defines: { tenancy: Map<string, string>; group: Map<string, string>; compartment: Map<string, string> };
  grants: GrantStatement[];
}

/** Defines are read per policy, as OCI scopes them. Statements that do not parse grant nothing. */
export function parsePolicy(policy: LivePolicy): Parsed {
  const parsed: Parsed = { policy, defines: { tenancy: new Map(), group: new Map(), compartment: new Map() }, grants: [] };
  for (const text of policy.statements) {
    const result = parseStatement(text);
    if (!result.ok) continue;
    const statement = result.statement;
    if (statement.kind === "define") {
      if (statement.entity !== "dynamic-group") parsed.defines[statement.entity].set(statement.alias.toLowerCase(), statement.ocid);
    } else {
      parsed.grants.push(statement);
    }
  }
  return parsed;
}

class Tree {
  private readonly byId: Map<string, CompartmentNode>;
  constructor(private readonly view: TenancyView) {
    this.byId = new Map(view.compartments.map((node) => [node.id, node]));
  }

  /** `inner` is `outer` or below it. */
  within(inner: string, outer: string): boolean {
    let id: string | undefined = inner;
    for (let depth = 0; id !== undefined && depth < 64; depth++) {
      if (id === outer) return true;
      if (id === this.view.tenancyId) return false;
      const node = this.byId.get(id);
      id = node ? (node.parentId ?? this.view.tenancyId) : undefined;
    }
    return false;
  }

  /** A compartment named by a `a:b` path below `from`. */
  byPath(from: string, path: string): string | undefined {
    let current: string | undefined = from;
    for (const name of path.split(":")) {
      const parent: string = current ?? "";
      current = this.view.compartments.find((node) => (node.parentId ?? this.view.tenancyId) === parent && node.name.toLowerCase() === name.toLowerCase() && node.id !== parent)?.id;
      if (current === undefined) return undefined;
    }
    return current;
  }

  groupId(name: string): string | undefined {
    return this.view.groups.find((group) => group.name.toLowerCase() === name.toLowerCase())?.id;
  }
}

/** The compartment a location names, seen from the policy; undefined for another tenancy or an unknown name. */
function locationCompartment(tree: Tree, parsed: Parsed, location: Location): string | undefined {
  if (location.kind === "tenancy") return location.alias === undefined ? parsed.policy.tenancyId : undefined;
  if (location.kind === "any-tenancy") return undefined;
  if (location.ocid !== undefined) return location.ocid;
  return parsed.defines.compartment.get(location.name.toLowerCase()) ?? tree.byPath(parsed.policy.compartmentId, location.name);
}

function contains(tree: Tree, parsed: Parsed, location: Location, compartmentId: string): boolean {
  const scope = locationCompartment(tree, parsed, location);
  return scope !== undefined && tree.within(compartmentId, scope) && tree.within(compartmentId, parsed.policy.compartmentId);
}

function reaches(parsed: Parsed, location: Location, tenancyId: string | "any"): boolean {
  if (location.kind === "any-tenancy") return true;
  return tenancyId !== "any" && location.kind === "tenancy" && location.alias !== undefined && parsed.defines.tenancy.get(location.alias.toLowerCase()) === tenancyId;
}

function subjectIs(tree: Tree | undefined, parsed: Parsed, subject: Subject, group: GroupRef): boolean {
  switch (subject.kind) {
    case "any-user":
    case "any-group":
      return tree !== undefined;
    case "dynamic-group":
      return false;
    case "group": {
      if (subject.ocid !== undefined) return subject.ocid === group.groupId;
      const name = (subject.name ?? "").toLowerCase();
      const defined = parsed.defines.group.get(name);
      if (defined !== undefined) return defined === group.groupId;
      return tree?.groupId(name) === group.groupId;
    }
  }
}

function admitsFrom(parsed: Parsed, statement: GrantStatement, group: GroupRef): boolean {
  const from = statement.ofTenancy === undefined ? undefined : parsed.defines.tenancy.get(statement.ofTenancy.toLowerCase());
  return from === group.tenancyId && subjectIs(undefined, parsed, statement.subject, group);
}

const associates = (statement: GrantStatement, type: string) =>
  statement.verb.toLowerCase() === "associate" && statement.associateWith !== undefined && typeCovers(statement.resource.resourceType, type) && typeCovers(statement.associateWith.resourceType, type);
const grantsVerb = (statement: GrantStatement, verb: string, type: string) =>
  statement.verb.toLowerCase() !== "associate" && verbCovers(statement.verb, verb) && typeCovers(statement.resource.resourceType, type);

/** The live statement that gives the effect, if one does (`policy name: statement`). */
export function grantedBy(effect: GrantEffect, views: ReadonlyMap<string, TenancyView>): string | undefined {
  const home = effect.kind === "admit" || effect.kind === "admit-associate" ? effect.tenancyId : effect.group.tenancyId;
  const view = views.get(home);
  if (!view) return undefined;
  const tree = new Tree(view);
  for (const policy of view.policies) {
    const parsed = parsePolicy(policy);
    for (const statement of parsed.grants) {
      if (statement.condition !== undefined) continue;
      if (matches(tree, parsed, statement, effect)) return `${policy.name}: ${describeGrant(statement)}`;
    }
  }
  return undefined;
}

function matches(tree: Tree, parsed: Parsed, statement: GrantStatement, effect: GrantEffect): boolean {
  switch (effect.kind) {
    case "allow":
      return statement.kind === "allow" && grantsVerb(statement, effect.verb, effect.resourceType) && subjectIs(tree, parsed, statement.subject, effect.group) && contains(tree, parsed, statement.resource.location, effect.compartmentId);
    case "endorse":
      return statement.kind === "endorse" && grantsVerb(statement, effect.verb, effect.resourceType) && subjectIs(tree, parsed, statement.subject, effect.group) && reaches(parsed, statement.resource.location, effect.targetTenancyId);
    case "admit":
      return statement.kind === "admit" && grantsVerb(statement, effect.verb, effect.resourceType) && admitsFrom(parsed, statement, effect.group) && contains(tree, parsed, statement.resource.location, effect.compartmentId);
    case "endorse-associate":
      return (
        statement.kind === "endorse" &&
        associates(statement, effect.resourceType) &&
        subjectIs(tree, parsed, statement.subject, effect.group) &&
        contains(tree, parsed, statement.resource.location, effect.compartmentId) &&
        statement.associateWith !== undefined &&
        reaches(parsed, statement.associateWith.location, effect.withTenancyId)
      );
    case "admit-associate":
      return (
        statement.kind === "admit" &&
        associates(statement, effect.resourceType) &&
        admitsFrom(parsed, statement, effect.group) &&
        reaches(parsed, statement.resource.location, effect.fromTenancyId) &&
        statement.associateWith !== undefined &&
        contains(tree, parsed, statement.associateWith.location, effect.compartmentId)
      );
  }
}

function describeGrant(statement: GrantStatement): string {
  const where = (location: Location) =>
    location.kind === "tenancy" ? `tenancy${location.alias ? ` ${location.alias}` : ""}` : location.kind === "any-tenancy" ? "any-tenancy" : `compartment ${location.ocid !== undefined ? `id ${location.ocid}` : location.name}`;
  const subject = statement.subject.kind === "group" || statement.subject.kind === "dynamic-group" ? `${statement.subject.kind} ${statement.subject.name ?? `id ${statement.subject.ocid ?? ""}`}` : statement.subject.kind;
  const of = statement.ofTenancy ? ` of tenancy ${statement.ofTenancy}` : "";
  const withClause = statement.associateWith ? ` with ${statement.associateWith.resourceType} in ${where(statement.associateWith.location)}` : "";
  return `${statement.kind[0]?.toUpperCase() ?? ""}${statement.kind.slice(1)} ${subject}${of} to ${statement.verb} ${statement.resource.resourceType} in ${where(statement.resource.location)}${withClause}`;
}

/**
 * What a statement of a policy to be written would give, its aliases resolved with the policy's own Defines and
 * `tenancy` read as the policy's tenancy. Undefined for Define statements and for what cannot be resolved.
 */
export function effectOf(statementText: string, policy: { tenancyId: string; statements: readonly string[] }, groupIdByName: (tenancyId: string, name: string) => string | undefined): GrantEffect | undefined {
  const result = parseStatement(statementText);
  if (!result.ok || result.statement.kind === "define") return undefined;
  const statement = result.statement;
  const parsed = parsePolicy({ name: "", tenancyId: policy.tenancyId, compartmentId: policy.tenancyId, statements: policy.statements });
  const tenancyOf = (alias: string | undefined) => (alias === undefined ? undefined : parsed.defines.tenancy.get(alias.toLowerCase()));
  const subjectTenancy = statement.kind === "admit" ? tenancyOf(statement.ofTenancy) : policy.tenancyId;
  if (subjectTenancy === undefined || statement.subject.kind !== "group") return undefined;
  const groupId = statement.subject.ocid ?? parsed.defines.group.get((statement.subject.name ?? "").toLowerCase()) ?? groupIdByName(subjectTenancy, statement.subject.name ?? "");
  if (groupId === undefined) return undefined;
  const group = { tenancyId: subjectTenancy, groupId };
  const compartmentOf = (location: Location) =>
    location.kind === "tenancy" && location.alias === undefined ? policy.tenancyId : location.kind === "compartment" ? (location.ocid ?? parsed.defines.compartment.get(location.name.toLowerCase())) : undefined;
  const tenancyTarget = (location: Location): string | "any" | undefined => (location.kind === "any-tenancy" ? "any" : location.kind === "tenancy" ? tenancyOf(location.alias) : undefined);
  const type = statement.resource.resourceType;
  if (statement.verb.toLowerCase() === "associate") {
    const second = statement.associateWith;
    if (!second) return undefined;
    if (statement.kind === "endorse") {
      const compartmentId = compartmentOf(statement.resource.location);
      const withTenancyId = tenancyTarget(second.location);
      return compartmentId && withTenancyId ? { kind: "endorse-associate", group, resourceType: type, compartmentId, withTenancyId } : undefined;
    }
    const fromTenancyId = tenancyTarget(statement.resource.location);
    const compartmentId = compartmentOf(second.location);
    return statement.kind === "admit" && fromTenancyId && fromTenancyId !== "any" && compartmentId ? { kind: "admit-associate", group, tenancyId: policy.tenancyId, resourceType: type, fromTenancyId, compartmentId } : undefined;
  }
  if (statement.kind === "endorse") {
    const targetTenancyId = tenancyTarget(statement.resource.location);
    return targetTenancyId ? { kind: "endorse", group, verb: statement.verb, resourceType: type, targetTenancyId } : undefined;
  }
  const compartmentId = compartmentOf(statement.resource.location);
  if (compartmentId === undefined) return undefined;
  return statement.kind === "admit" ? { kind: "admit", group, tenancyId: policy.tenancyId, verb: statement.verb, resourceType: type, compartmentId } : { kind: "allow", group, verb: statement.verb, resourceType: type, compartmentId };
}
