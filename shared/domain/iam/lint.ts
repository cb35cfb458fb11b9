import { isOcid, ocidType } from "../identifiers";
import { type CrossTenancyGrant, matchEndorseAdmit } from "./cross-tenancy";
import { type LintCode, type LintFinding, type LintPolicy, type LintReport, type LintSeverity, PolicyLintRequest, type PolicyLintRequestInput } from "./lint-request";
import { type DefineEntity, type DefineStatement, type GrantStatement, type Location, parseStatement, type ParsedStatement, splitWords, type Subject } from "./statement";
import { isKnownResourceType, isKnownVerb } from "./vocabulary";

/** OCID types a Define (or an `id` reference) must carry; the root compartment's OCID is the tenancy's. */
const OCID_TYPES: Record<DefineEntity, readonly string[]> = {
  tenancy: ["tenancy"],
  group: ["group"],
  compartment: ["compartment", "tenancy"],
  "dynamic-group": ["dynamicgroup"],
};

const PLACEHOLDERS = /<[^<>\s]*>/g;
const isPlaceholder = (text: string): boolean => /<[^<>\s]*>/.test(text);

interface DefinedAlias {
  entity: DefineEntity;
  alias: string;
  ocid: string;
  index: number;
  used: boolean;
}

type StatementEmit = (code: LintCode, severity: LintSeverity, message: string) => void;

/** Parses (throws a ZodError on invalid input, so parse at the boundary first) and lints all policies together. */
export function lintPolicies(request: PolicyLintRequestInput): LintReport {
  const { policies } = PolicyLintRequest.parse(request);
  const findings: LintFinding[] = [];
  const grants: CrossTenancyGrant[] = [];
  const emit = (finding: Omit<LintFinding, "policyName">): void => {
    const name = policies[finding.policy]?.name;
    findings.push({ ...finding, ...(name === undefined ? {} : { policyName: name }) });
  };
  policies.forEach((policy, policyIndex) => {
    grants.push(...lintPolicy(policy, policyIndex, emit));
  });
  matchEndorseAdmit(policies, grants, emit);
  // Errors before warnings within a statement; the stable sort keeps the check order otherwise.
  const rank = (finding: LintFinding): number => (finding.severity === "error" ? 0 : 1);
  findings.sort((a, b) => a.policy - b.policy || a.statementIndex - b.statementIndex || rank(a) - rank(b));
  const errorCount = findings.filter((finding) => finding.severity === "error").length;
  return { errorCount, warningCount: findings.length - errorCount, findings };
}

function lintPolicy(policy: LintPolicy, policyIndex: number, emit: (finding: Omit<LintFinding, "policyName">) => void): CrossTenancyGrant[] {
  const at =
    (statementIndex: number): StatementEmit =>
    (code, severity, message) =>
      emit({ policy: policyIndex, statementIndex, code, severity, message });
  const parses = policy.statements.map((text) => parseStatement(text));
  const defines = new Map<string, DefinedAlias>();
  let firstOther: number | undefined;

  policy.statements.forEach((text, index) => {
    const report = at(index);
    for (const placeholder of new Set(text.match(PLACEHOLDERS) ?? [])) {
      report("unfilled-placeholder", "error", `contains the placeholder '${placeholder}': replace it with a real OCID or a Define alias`);
    }
    const firstWord = splitWords(text)[0]?.toLowerCase();
    if (firstWord === "define") {
      if (firstOther !== undefined) {
        report("define-not-first", "error", `Define statements must come before all other statements in a policy; move this above statement ${firstOther}`);
      }
    } else if (firstOther === undefined) {
      firstOther = index;
    }
    const parsed = parses[index];
    if (parsed === undefined) return;
    if (!parsed.ok) {
      const hint = firstWord === "with" ? " (it looks like the rest of the previous associate statement: keep a whole statement in one entry)" : "";
      report("unparseable-statement", "error", `cannot be read: the statement ${parsed.reason}${hint}`);
      return;
    }
    if (parsed.statement.kind === "define") recordDefine(parsed.statement, index, defines, report);
  });

  const grants: CrossTenancyGrant[] = [];
  parses.forEach((parsed, index) => {
    if (!parsed.ok) return;
    const report = at(index);
    checkAttachment(policy, parsed.statement, report);
    if (parsed.statement.kind === "define") return;
    const grant = lintGrant(parsed.statement, index, defines, report);
    if (grant !== undefined) grants.push({ ...grant, policy: policyIndex, statementIndex: index });
  });

  for (const alias of defines.values()) {
    if (!alias.used) {
      at(alias.index)("alias-unused", "warning", `${alias.entity} alias '${alias.alias}' is defined but no statement in this policy uses it`);
    }
  }
  return grants;
}

function aliasKey(entity: DefineEntity, alias: string): string {
  return `${entity}:${alias.toLowerCase()}`;
}

function recordDefine(statement: DefineStatement, index: number, defines: Map<string, DefinedAlias>, report: StatementEmit): void {
  checkOcid(statement.ocid, OCID_TYPES[statement.entity], `Define ${statement.entity}`, report);
  const key = aliasKey(statement.entity, statement.alias);
  const previous = defines.get(key);
  if (previous !== undefined) {
    report(
      "alias-redefined",
      previous.ocid === statement.ocid ? "warning" : "error",
      previous.ocid === statement.ocid
        ? `${statement.entity} alias '${statement.alias}' is already defined by statement ${previous.index} with the same OCID`
        : `${statement.entity} alias '${statement.alias}' is already defined by statement ${previous.index} as a different OCID`,
    );
    return;
  }
  defines.set(key, { entity: statement.entity, alias: statement.alias, ocid: statement.ocid, index, used: false });
}

function checkOcid(value: string, types: readonly string[], what: string, report: StatementEmit): void {
  if (isPlaceholder(value)) return; // already reported as a placeholder
  const type = ocidType(value);
  if (!isOcid(value) || type === undefined) {
    report("malformed-ocid", "error", `${what}: '${value}' is not an OCID (ocid1.<type>.<realm>.[region].<unique id>)`);
  } else if (!types.includes(type)) {
    report("malformed-ocid", "error", `${what} needs the OCID of a ${types.join(" or ")}, not of a ${type}`);
  }
}

function isOtherTenancy(location: Location): boolean {
  return location.kind === "any-tenancy" || (location.kind === "tenancy" && location.alias !== undefined);
}

function locations(statement: GrantStatement): Location[] {
  return statement.associateWith === undefined ? [statement.resource.location] : [statement.resource.location, statement.associateWith.location];
}

/** Cross-tenancy statements only work in the root compartment (seed 002: "must be attached to the tenancy"). */
function checkAttachment(policy: LintPolicy, statement: ParsedStatement, report: StatementEmit): void {
  if (policy.attachedTo.kind !== "compartment") return;
  const crossTenancy =
    statement.kind === "define"
      ? statement.entity === "tenancy"
      : statement.kind !== "allow" || locations(statement).some(isOtherTenancy);
  if (crossTenancy) {
    report(
      "cross-tenancy-below-root",
      "error",
      "is a cross-tenancy statement (Define tenancy, Endorse, Admit or another tenancy) in a policy attached to a compartment; policies that enable cross-tenancy access must be attached to the tenancy (root compartment)",
    );
  } else if (statement.kind === "allow" && locations(statement).some((location) => location.kind === "tenancy")) {
    report("tenancy-scope-below-root", "warning", "grants access 'in tenancy' from a policy attached to a compartment; a compartment's policy only reaches that compartment and the ones below it, so attach this policy to the tenancy");
  }
}

function lintGrant(
  statement: GrantStatement,
  index: number,
  defines: Map<string, DefinedAlias>,
  report: StatementEmit,
): Omit<CrossTenancyGrant, "policy" | "statementIndex"> | undefined {
  const definedNames = (entity: DefineEntity): string[] => [...defines.values()].filter((alias) => alias.entity === entity).map((alias) => alias.alias);
  const use = (entity: DefineEntity, name: string): DefinedAlias | undefined => {
    const alias = defines.get(aliasKey(entity, name));
    if (alias === undefined) return undefined;
    alias.used = true;
    if (alias.index > index) report("alias-undefined", "error", `uses ${entity} alias '${name}' before its Define (statement ${alias.index})`);
    return alias;
  };
  const useTenancy = (name: string, where: string): DefinedAlias | undefined => {
    const alias = use("tenancy", name);
    if (alias === undefined && !isPlaceholder(name)) {
      report("alias-undefined", "error", `${where} names tenancy '${name}', which this policy does not define; add 'Define tenancy ${name} as <tenancy OCID>' at the top`);
    }
    return alias;
  };

  const group = lintSubject(statement, definedNames, use, report);
  let subjectTenancyOcid: string | undefined;
  if (statement.ofTenancy !== undefined) subjectTenancyOcid = useTenancy(statement.ofTenancy, "'of tenancy'")?.ocid;

  if (!isKnownVerb(statement.verb)) {
    report("unknown-verb", "error", `verb '${statement.verb}' is not one of inspect, read, use, manage, associate`);
  }
  const clauses = statement.associateWith === undefined ? [statement.resource] : [statement.resource, statement.associateWith];
  let endorseTarget: CrossTenancyGrant["target"];
  for (const clause of clauses) {
    if (!isKnownResourceType(clause.resourceType)) {
      report("unknown-resource-type", "warning", `resource type '${clause.resourceType}' is not in Interlink's vocabulary (Oracle's peering and interconnect policies plus OCI's networking resource types); check the spelling`);
    }
    const location = clause.location;
    if (location.kind === "tenancy" && location.alias !== undefined) {
      const alias = useTenancy(location.alias, "'in tenancy'");
      endorseTarget ??= { any: false, ...(alias === undefined ? {} : { ocid: alias.ocid }) };
    } else if (location.kind === "any-tenancy") {
      endorseTarget = { any: true };
    } else if (location.kind === "compartment") {
      if (location.ocid !== undefined) checkOcid(location.ocid, OCID_TYPES.compartment, "'compartment id'", report);
      else lintCompartmentName(location.name, definedNames("compartment"), (name) => use("compartment", name), report);
    }
  }

  if (statement.kind === "allow") return undefined;
  if (statement.kind === "endorse" && endorseTarget === undefined) {
    report("endorse-target-missing", "error", "Endorse must name the tenancy it reaches into: 'in tenancy <alias>' (defined with Define tenancy) or 'in any-tenancy'");
    return undefined; // no partner to look for
  }
  if (group === undefined) return undefined;
  return {
    kind: statement.kind,
    group,
    verb: statement.verb.toLowerCase(),
    resourceKey: clauses.map((clause) => clause.resourceType.toLowerCase()).join("|"),
    ...(statement.kind === "endorse" && endorseTarget !== undefined ? { target: endorseTarget } : {}),
    ...(subjectTenancyOcid === undefined ? {} : { subjectTenancyOcid }),
  };
}

/** Returns the group's identity for Endorse/Admit matching, or undefined for any-user / any-group. */
function lintSubject(
  statement: GrantStatement,
  definedNames: (entity: DefineEntity) => string[],
  use: (entity: DefineEntity, name: string) => DefinedAlias | undefined,
  report: StatementEmit,
): CrossTenancyGrant["group"] | undefined {
  const subject: Subject = statement.subject;
  if (subject.kind === "any-user" || subject.kind === "any-group") return undefined;
  const entity: DefineEntity = subject.kind;
  if (subject.ocid !== undefined) {
    checkOcid(subject.ocid, OCID_TYPES[entity], `'${entity} id'`, report);
    return { ocid: subject.ocid };
  }
  const name = subject.name ?? "";
  const alias = use(entity, name);
  if (alias !== undefined) return { name, ocid: alias.ocid };
  if (isPlaceholder(name)) return { name };
  if (statement.kind === "admit") {
    // Seed 002: "A Define statement is also required in the destination tenancy to assign an alias to the source IAM group OCID for Admit statements."
    report("alias-undefined", "error", `Admit names ${entity} '${name}', which this policy does not define; add 'Define ${entity} ${name} as <the other tenancy's ${entity} OCID>' at the top`);
  } else {
    // A plain group name is valid in Allow and Endorse (a group of this tenancy), so this is only a warning:
    // for an Endorse the other tenancy must Define the same group by OCID, and for an Allow it is likely a typo.
    const known = definedNames(entity);
    const defined = known.length > 0 ? `this policy's Define aliases (${known.join(", ")})` : "defined in this policy";
    if (statement.kind === "endorse") {
      report(
        "alias-undefined",
        "warning",
        `Endorse names ${entity} '${name}', which is not ${known.length > 0 ? `one of ${defined}` : defined}; it will be read as a ${entity} name in this tenancy. Oracle's policies define it ('Define ${entity} ${name} as <OCID>') so both tenancies name the same OCID`,
      );
    } else if (known.length > 0) {
      report("alias-undefined", "warning", `${entity} '${name}' is not one of ${defined}; it will be read as the name of a ${entity} in this tenancy. A typo?`);
    }
  }
  return { name };
}

/** Compartment names without a Define are valid (name or path), so only a likely typo is reported. */
function lintCompartmentName(name: string, known: string[], use: (name: string) => DefinedAlias | undefined, report: StatementEmit): void {
  if (use(name) !== undefined || isPlaceholder(name) || name.includes(":") || known.length === 0) return;
  report(
    "alias-undefined",
    "warning",
    `compartment '${name}' is not one of this policy's Define aliases (${known.join(", ")}); it will be read as a compartment name. A typo?`,
  );
}
