/**
 * A parser for the subset of OCI policy syntax the seeds use:
 *   Define <tenancy|group|compartment|dynamic-group> <alias> as [id] <ocid>
 *   Allow   <subject> to <verb> <resource-type> in <location> [where ...]
 *   Endorse <subject> to <verb> <resource-type> in <location> [where ...]
 *   Admit   <subject> of tenancy <alias> to <verb> <resource-type> in <location> [where ...]
 * where a grant with the verb `associate` adds `with <resource-type> in <location>`, and
 *   subject  = group <name> | group id <ocid> | dynamic-group <name> | dynamic-group id <ocid> | any-user | any-group
 *   location = tenancy [<alias>] | any-tenancy | compartment <name> | compartment id <ocid>
 * Keywords are case-insensitive and any run of whitespace (including line breaks) separates words.
 * The parser checks shape only; names and vocabulary are the linter's job.
 */

export const DEFINE_ENTITIES = ["tenancy", "group", "compartment", "dynamic-group"] as const;
export type DefineEntity = (typeof DEFINE_ENTITIES)[number];

export interface DefineStatement {
  kind: "define";
  entity: DefineEntity;
  alias: string;
  ocid: string;
  /** `as id <ocid>` (true) or `as <ocid>` (false); OCI accepts both. */
  asId: boolean;
}

/** A group or dynamic group named either by `name` or by `id <ocid>` (exactly one is set), or everyone. */
export type Subject =
  | { kind: "group"; name?: string; ocid?: string }
  | { kind: "dynamic-group"; name?: string; ocid?: string }
  | { kind: "any-user" }
  | { kind: "any-group" };

export type Location =
  /** Without an alias: the tenancy the policy lives in. */
  | { kind: "tenancy"; alias?: string }
  | { kind: "any-tenancy" }
  | { kind: "compartment"; name: string; ocid?: undefined }
  | { kind: "compartment"; ocid: string; name?: undefined };

export interface ResourceClause {
  resourceType: string;
  location: Location;
}

export interface GrantStatement {
  kind: "allow" | "endorse" | "admit";
  subject: Subject;
  /** Admit only: the alias of the tenancy the subject belongs to. */
  ofTenancy?: string;
  verb: string;
  resource: ResourceClause;
  /** `associate` only: the second resource, after `with`. */
  associateWith?: ResourceClause;
  condition?: string;
}

export type ParsedStatement = DefineStatement | GrantStatement;

export type StatementParse = { ok: true; statement: ParsedStatement } | { ok: false; reason: string };

class SyntaxProblem extends Error {}

class Words {
  private index = 0;
  constructor(private readonly words: readonly string[]) {}

  peek(): string | undefined {
    return this.words[this.index];
  }

  peekKeyword(): string | undefined {
    return this.peek()?.toLowerCase();
  }

  next(what: string): string {
    const word = this.words[this.index];
    if (word === undefined) throw new SyntaxProblem(`ends where ${what} was expected`);
    this.index += 1;
    return word;
  }

  expect(keyword: string, context: string): void {
    const word = this.peek();
    if (word?.toLowerCase() !== keyword) {
      throw new SyntaxProblem(word === undefined ? `ends where '${keyword}' was expected ${context}` : `expected '${keyword}' ${context}, found '${word}'`);
    }
    this.index += 1;
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

export function splitWords(text: string): string[] {
  return text.trim().split(/\s+/).filter((word) => word !== "");
}

export function parseStatement(text: string): StatementParse {
  const words = splitWords(text);
  if (words.length === 0) return { ok: false, reason: "is empty" };
  try {
    const keyword = words[0]?.toLowerCase();
    const statement =
      keyword === "define"
        ? parseDefine(new Words(words.slice(1)))
        : keyword === "allow" || keyword === "endorse" || keyword === "admit"
          ? parseGrant(keyword, new Words(words.slice(1)))
          : undefined;
    if (statement === undefined) return { ok: false, reason: `starts with '${words[0] ?? ""}'; a statement starts with Define, Allow, Endorse or Admit` };
    return { ok: true, statement };
  } catch (error) {
    if (error instanceof SyntaxProblem) return { ok: false, reason: error.message };
    throw error;
  }
}

function parseDefine(words: Words): DefineStatement {
  const entityWord = words.next("what to define (tenancy, group, compartment or dynamic-group)");
  const entity = DEFINE_ENTITIES.find((candidate) => candidate === entityWord.toLowerCase());
  if (entity === undefined) throw new SyntaxProblem(`defines '${entityWord}'; Define takes tenancy, group, compartment or dynamic-group`);
  const alias = words.next("the alias");
  words.expect("as", "after the alias");
  let asId = false;
  if (words.peekKeyword() === "id") {
    words.next("id");
    asId = true;
  }
  const ocid = words.next("the OCID");
  if (!words.done()) throw new SyntaxProblem(`has '${words.rest().join(" ")}' after the OCID`);
  return { kind: "define", entity, alias, ocid, asId };
}

function parseGrant(kind: GrantStatement["kind"], words: Words): GrantStatement {
  const subject = parseSubject(words);
  let ofTenancy: string | undefined;
  if (words.peekKeyword() === "of") {
    if (kind !== "admit") throw new SyntaxProblem("uses 'of tenancy', which only an Admit statement takes (the subject's tenancy)");
    words.next("of");
    words.expect("tenancy", "after 'of'");
    ofTenancy = words.next("the tenancy alias after 'of tenancy'");
  } else if (kind === "admit") {
    throw new SyntaxProblem("is an Admit without 'of tenancy <alias>' naming the subject's tenancy");
  }
  words.expect("to", "after the subject");
  const verb = words.next("a verb");
  const resource = parseResourceClause(words);
  let associateWith: ResourceClause | undefined;
  if (words.peekKeyword() === "with") {
    if (verb.toLowerCase() !== "associate") throw new SyntaxProblem(`has a 'with' clause, which only the verb 'associate' takes (verb is '${verb}')`);
    words.next("with");
    associateWith = parseResourceClause(words);
  } else if (verb.toLowerCase() === "associate") {
    throw new SyntaxProblem("uses 'associate' without 'with <resource-type> in <location>'");
  }
  let condition: string | undefined;
  if (words.peekKeyword() === "where") {
    words.next("where");
    condition = words.rest().join(" ");
    if (condition === "") throw new SyntaxProblem("ends where a condition was expected after 'where'");
  }
  if (!words.done()) throw new SyntaxProblem(`has unexpected '${words.rest().join(" ")}' after the location`);
  return {
    kind,
    subject,
    ...(ofTenancy === undefined ? {} : { ofTenancy }),
    verb,
    resource,
    ...(associateWith === undefined ? {} : { associateWith }),
    ...(condition === undefined ? {} : { condition }),
  };
}

function parseSubject(words: Words): Subject {
  const word = words.next("a subject (group, dynamic-group, any-user or any-group)");
  const kind = word.toLowerCase();
  if (kind === "any-user" || kind === "any-group") return { kind };
  if (kind !== "group" && kind !== "dynamic-group") {
    throw new SyntaxProblem(`has subject '${word}'; expected group, dynamic-group, any-user or any-group`);
  }
  if (words.peekKeyword() === "id") {
    words.next("id");
    return { kind, ocid: stripListComma(words.next("the group OCID")) };
  }
  return { kind, name: stripListComma(words.next("the group name")) };
}

/** Subject lists (`group A, group B`) are valid OCI but outside the seeds; say so rather than misparse. */
function stripListComma(word: string): string {
  if (word.includes(",")) throw new SyntaxProblem(`lists several subjects ('${word}'); write one statement per group`);
  return word;
}

function parseResourceClause(words: Words): ResourceClause {
  const resourceType = words.next("a resource type");
  words.expect("in", `after '${resourceType}'`);
  return { resourceType, location: parseLocation(words) };
}

function parseLocation(words: Words): Location {
  const word = words.next("a location (tenancy, any-tenancy or compartment)");
  switch (word.toLowerCase()) {
    case "any-tenancy":
      return { kind: "any-tenancy" };
    case "tenancy": {
      const next = words.peekKeyword();
      if (next === undefined || next === "with" || next === "where") return { kind: "tenancy" };
      return { kind: "tenancy", alias: words.next("the tenancy alias") };
    }
    case "compartment":
      if (words.peekKeyword() === "id") {
        words.next("id");
        return { kind: "compartment", ocid: words.next("the compartment OCID") };
      }
      return { kind: "compartment", name: words.next("the compartment name") };
    default:
      throw new SyntaxProblem(`has location '${word}'; expected tenancy, any-tenancy or compartment`);
  }
}
