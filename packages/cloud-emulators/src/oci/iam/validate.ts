import type { World } from "../../core/world";
import { compartmentByPath, groupByName, isWithin } from "../identity/store";
import { type GrantStatement, type Location, parseStatement, PolicySyntaxError, type Statement } from "./policy-language";
import { isKnownType } from "./vocabulary";

/**
 * What OCI checks when a policy is written, as 400 InvalidParameter messages: syntax, known resource types,
 * groups and compartments that exist (OCI's own wording), aliases that are defined, and cross-tenancy
 * statements only in a policy attached to the tenancy. Returns the first problem, or undefined.
 */
export function policyProblem(world: World, policy: { compartmentId: string; tenancyId: string; statements: readonly string[] }): string | undefined {
  const parsed: Statement[] = [];
  for (const [index, text] of policy.statements.entries()) {
    try {
      parsed.push(parseStatement(text));
    } catch (error) {
      if (error instanceof PolicySyntaxError) return `Statement ${index + 1} ('${text.trim()}') ${error.message}.`;
      throw error;
    }
  }
  const defined = { tenancy: new Set<string>(), group: new Set<string>(), compartment: new Set<string>() };
  for (const statement of parsed) if (statement.kind === "define" && statement.entity !== "dynamic-group") defined[statement.entity].add(statement.alias.toLowerCase());
  const atRoot = policy.compartmentId === policy.tenancyId;
  for (const [index, statement] of parsed.entries()) {
    const where = `Statement ${index + 1} ('${policy.statements[index]?.trim() ?? ""}')`;
    if (statement.kind === "define") {
      if (statement.entity === "tenancy" && !atRoot) return `${where}: policies that enable cross-tenancy access (Define tenancy, Endorse, Admit) must be attached to the tenancy (root compartment).`;
      continue;
    }
    const problem = grantProblem(world, policy, statement, defined, atRoot);
    if (problem) return `${where}: ${problem}`;
  }
  return undefined;
}

type Defined = { tenancy: Set<string>; group: Set<string>; compartment: Set<string> };

function grantProblem(world: World, policy: { compartmentId: string; tenancyId: string }, statement: GrantStatement, defined: Defined, atRoot: boolean): string | undefined {
  if (statement.kind !== "allow" && !atRoot) return "policies that enable cross-tenancy access (Define tenancy, Endorse, Admit) must be attached to the tenancy (root compartment).";
  for (const clause of [statement.resource, statement.associateWith]) {
    if (clause && !isKnownType(clause.resourceType)) return `'${clause.resourceType}' is not a resource type or family.`;
  }
  const subject = statement.subject;
  if (subject.kind === "group" && subject.name !== undefined && !defined.group.has(subject.name.toLowerCase())) {
    if (statement.kind === "admit") return `Admit names the other tenancy's group by an alias; define it first (Define group ${subject.name} as <group OCID>).`;
    if (!groupByName(world, policy.tenancyId, subject.name)) return `The group ${subject.name} specified in the policy statement does not exist under current compartment hierarchy.`;
  }
  if (statement.ofTenancy !== undefined && !defined.tenancy.has(statement.ofTenancy.toLowerCase())) return `the tenancy alias ${statement.ofTenancy} is not defined (Define tenancy ${statement.ofTenancy} as <tenancy OCID>).`;
  for (const clause of [statement.resource, statement.associateWith]) {
    const problem = clause ? locationProblem(world, policy, clause.location, defined, atRoot) : undefined;
    if (problem) return problem;
  }
  return undefined;
}

function locationProblem(world: World, policy: { compartmentId: string; tenancyId: string }, location: Location, defined: Defined, atRoot: boolean): string | undefined {
  if (location.kind === "any-tenancy") return atRoot ? undefined : "any-tenancy needs a policy attached to the tenancy (root compartment).";
  if (location.kind === "tenancy") {
    if (!atRoot) return "'in tenancy' needs a policy attached to the tenancy (root compartment); a compartment's policy grants only in that compartment and below.";
    if (location.alias !== undefined && !defined.tenancy.has(location.alias.toLowerCase())) return `the tenancy alias ${location.alias} is not defined (Define tenancy ${location.alias} as <tenancy OCID>).`;
    return undefined;
  }
  if (location.ocid !== undefined) {
    return isWithin(world, location.ocid, policy.compartmentId) ? undefined : `Compartment {${location.ocid}} does not exist or is not part of the policy compartment subtree.`;
  }
  const name = location.name ?? "";
  if (defined.compartment.has(name.toLowerCase())) return undefined;
  return compartmentByPath(world, policy.compartmentId, name) ? undefined : `The compartment ${name} specified in the policy statement does not exist under current compartment hierarchy.`;
}
