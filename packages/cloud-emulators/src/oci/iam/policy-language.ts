/**
 * The part of the OCI policy language the emulator evaluates (Oracle, "Policy Syntax" and "Advanced Policy
 * Features"; "IAM Policies for Routing Between VCNs" for Define/Endorse/Admit):
 *
 *   Define  <tenancy|group|compartment|dynamic-group> <alias> as [id] <ocid>
 *   Allow   <subject> to <verb> <resource-type> in <location> [where <condition>]
 *   Endorse <subject> to <verb> <resource-type> in <location> [where <condition>]
 *   Admit   <subject> of tenancy <alias> to <verb> <resource-type> in <location> [where <condition>]
 *
 * `associate` takes `<resource-type> in <location> with <resource-type> in <location>`.
 *   subject   = group <name> | group id <ocid> | dynamic-group <name> | dynamic-group id <ocid> | any-user | any-group
 *   location  = tenancy [<alias>] | any-tenancy | compartment <name or a:b path> | compartment id <ocid>
 *   condition = request.operation (=|!=) '<Operation>' | any {<condition>, ...} | all {<condition>, ...}
 * Keywords are case-insensitive. Anything else is refused with the reason, never silently ignored.
 */

export type DefineEntity = "tenancy" | "group" | "compartment" | "dynamic-group";

export interface DefineStatement {
  kind: "define";
  entity: DefineEntity;
  alias: string;
  ocid: string;
}

export type Subject = { kind: "group" | "dynamic-group"; name?: string; ocid?: string } | { kind: "any-user" } | { kind: "any-group" };

export type Location = { kind: "tenancy"; alias?: string } | { kind: "any-tenancy" } | { kind: "compartment"; name?: string; ocid?: string };

export interface ResourceClause {
  resourceType: string;
  location: Location;
}

export type Condition = { kind: "operation"; negated: boolean; operation: string } | { kind: "any" | "all"; conditions: Condition[] };

export interface GrantStatement {
  kind: "allow" | "endorse" | "admit";
  subject: Subject;
  /** Admit: alias of the tenancy the subject belongs to. */
  ofTenancy?: string;
  verb: "inspect" | "read" | "use" | "manage" | "associate";
  resource: ResourceClause;
  /** associate: the resource after `with`. */
  associateWith?: ResourceClause;
  condition?: Condition;
}

export type Statement = DefineStatement | GrantStatement;

export class PolicySyntaxError extends Error {}

const VERBS = ["inspect", "read", "use", "manage", "associate"] as const;
const DEFINE_ENTITIES: readonly DefineEntity[] = ["tenancy", "group", "compartment", "dynamic-group"];

class Words {
  private index = 0;
  constructor(private readonly words: readonly string[]) {}

  peek(): string | undefined {
    return this.words[this.index]?.toLowerCase();
  }

  next(what: string): string {
    const word = this.words[this.index];
    if (word === undefined) throw new PolicySyntaxError(`ends where ${what} was expected`);
    this.index += 1;
    return word;
  }

  expect(keyword: string, where: string): void {
    const word = this.next(`'${keyword}' ${where}`);
    if (word.toLowerCase() !== keyword) throw new PolicySyntaxError(`has '${word}' where '${keyword}' was expected ${where}`);
  }

  rest(): string[] {
    const rest = this.words.slice(this.index);
    this.index = this.words.length;
    return rest;
  }

  done(): boolean {
    return this.index >= this.words.length;
  }
}

/** Parses one statement; throws PolicySyntaxError saying what is wrong. */
export function parseStatement(text: string): Statement {
  const trimmed = text.trim();
  const whereAt = trimmed.search(/\swhere\s/i);
  const head = whereAt < 0 ? trimmed : trimmed.slice(0, whereAt);
  const words = new Words(head.split(/\s+/).filter((word) => word !== ""));
  const keyword = words.peek();
  if (keyword === undefined) throw new PolicySyntaxError("is empty");
  words.next("a keyword");
  if (keyword === "define") {
    if (whereAt >= 0) throw new PolicySyntaxError("is a Define statement with a where clause");
    return parseDefine(words);
  }
  if (keyword !== "allow" && keyword !== "endorse" && keyword !== "admit") throw new PolicySyntaxError(`starts with '${keyword}'; a statement starts with Define, Allow, Endorse or Admit`);
  const grant = parseGrant(keyword, words);
  if (whereAt >= 0) grant.condition = parseCondition(trimmed.slice(whereAt).trim().replace(/^where\s+/i, ""));
  return grant;
}

function parseDefine(words: Words): DefineStatement {
  const entityWord = words.next("what to define").toLowerCase();
  const entity = DEFINE_ENTITIES.find((candidate) => candidate === entityWord);
  if (!entity) throw new PolicySyntaxError(`defines '${entityWord}'; Define takes tenancy, group, compartment or dynamic-group`);
  const alias = words.next("the alias");
  words.expect("as", "after the alias");
  if (words.peek() === "id") words.next("id");
  const ocid = words.next("the OCID");
  if (!ocid.startsWith("ocid1.")) throw new PolicySyntaxError(`defines ${alias} as '${ocid}', which is not an OCID`);
  if (!words.done()) throw new PolicySyntaxError(`has '${words.rest().join(" ")}' after the OCID`);
  return { kind: "define", entity, alias, ocid };
}

function parseGrant(kind: GrantStatement["kind"], words: Words): GrantStatement {
  const subject = parseSubject(words);
  let ofTenancy: string | undefined;
  if (words.peek() === "of") {
    if (kind !== "admit") throw new PolicySyntaxError("uses 'of tenancy', which only Admit takes");
    words.next("of");
    words.expect("tenancy", "after 'of'");
    ofTenancy = words.next("the tenancy alias");
  } else if (kind === "admit") {
    throw new PolicySyntaxError("is an Admit without 'of tenancy <alias>'");
  }
  words.expect("to", "after the subject");
  const verbWord = words.next("a verb").toLowerCase();
  const verb = VERBS.find((candidate) => candidate === verbWord);
  if (!verb) throw new PolicySyntaxError(`has verb '${verbWord}'; use inspect, read, use, manage or associate`);
  const resource = parseResourceClause(words);
  const grant: GrantStatement = { kind, subject, verb, resource };
  if (ofTenancy !== undefined) grant.ofTenancy = ofTenancy;
  if (words.peek() === "with") {
    if (verb !== "associate") throw new PolicySyntaxError("has a 'with' clause, which only 'associate' takes");
    words.next("with");
    grant.associateWith = parseResourceClause(words);
  } else if (verb === "associate") {
    throw new PolicySyntaxError("uses 'associate' without 'with <resource-type> in <location>'");
  }
  if (!words.done()) throw new PolicySyntaxError(`has unexpected '${words.rest().join(" ")}' after the location`);
  return grant;
}

function parseSubject(words: Words): Subject {
  const word = words.next("a subject").toLowerCase();
  if (word === "any-user" || word === "any-group") return { kind: word };
  if (word !== "group" && word !== "dynamic-group") throw new PolicySyntaxError(`has subject '${word}'; use group, dynamic-group, any-user or any-group`);
  const idForm = words.peek() === "id";
  if (idForm) words.next("id");
  const value = words.next(idForm ? "the group OCID" : "the group name");
  if (value.includes(",")) throw new PolicySyntaxError(`lists several subjects ('${value}'); the emulator takes one subject per statement`);
  return idForm ? { kind: word, ocid: value } : { kind: word, name: value };
}

function parseResourceClause(words: Words): ResourceClause {
  const resourceType = words.next("a resource type").toLowerCase();
  if (resourceType.startsWith("{")) throw new PolicySyntaxError("grants a permission list ({...}); the emulator takes verb + resource-type statements only");
  words.expect("in", `after '${resourceType}'`);
  return { resourceType, location: parseLocation(words) };
}

function parseLocation(words: Words): Location {
  const word = words.next("a location").toLowerCase();
  if (word === "any-tenancy") return { kind: "any-tenancy" };
  if (word === "tenancy") {
    const next = words.peek();
    return next === undefined || next === "with" ? { kind: "tenancy" } : { kind: "tenancy", alias: words.next("the tenancy alias") };
  }
  if (word === "compartment") {
    if (words.peek() === "id") {
      words.next("id");
      return { kind: "compartment", ocid: words.next("the compartment OCID") };
    }
    return { kind: "compartment", name: words.next("the compartment name") };
  }
  throw new PolicySyntaxError(`has location '${word}'; use tenancy, any-tenancy or compartment`);
}

/** `request.operation = 'X'`, `!=`, and any/all groups of those; other variables are refused by name. */
export function parseCondition(text: string): Condition {
  const tokens = text.match(/'[^']*'|!=|=|\{|\}|,|[^\s{}=!,']+/g) ?? [];
  let index = 0;
  const parse = (): Condition => {
    const word = tokens[index++];
    if (word === undefined) throw new PolicySyntaxError("ends inside its where condition");
    const lower = word.toLowerCase();
    if ((lower === "any" || lower === "all") && tokens[index] === "{") {
      index += 1;
      const conditions: Condition[] = [];
      for (;;) {
        conditions.push(parse());
        const separator = tokens[index++];
        if (separator === "}") break;
        if (separator !== ",") throw new PolicySyntaxError(`has '${separator ?? "the end"}' in a where ${lower} {...} list; separate conditions with commas`);
      }
      return { kind: lower, conditions };
    }
    if (lower !== "request.operation") {
      throw new PolicySyntaxError(`has the condition variable '${word}'; the emulator evaluates only request.operation in where clauses`);
    }
    const operator = tokens[index++];
    if (operator !== "=" && operator !== "!=") throw new PolicySyntaxError(`compares request.operation with '${operator ?? "nothing"}'; use = or !=`);
    const value = tokens[index++];
    if (value === undefined || !/^'[^']+'$/.test(value)) throw new PolicySyntaxError("compares request.operation with something other than a quoted operation name");
    return { kind: "operation", negated: operator === "!=", operation: value.slice(1, -1) };
  };
  const condition = parse();
  if (index < tokens.length) throw new PolicySyntaxError(`has unexpected '${tokens.slice(index).join(" ")}' after its where condition`);
  return condition;
}

export function conditionHolds(condition: Condition | undefined, operation: string): boolean {
  if (!condition) return true;
  switch (condition.kind) {
    case "operation":
      return (condition.operation.toLowerCase() === operation.toLowerCase()) !== condition.negated;
    case "any":
      return condition.conditions.some((inner) => conditionHolds(inner, operation));
    case "all":
      return condition.conditions.every((inner) => conditionHolds(inner, operation));
  }
}
