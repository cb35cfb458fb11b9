import { z } from "zod";
import { CliError, describeError } from "../errors";
import { EXIT } from "../exit-codes";
import { type Runtime } from "../io";
import { type Connection } from "./connection";
import { type Collection } from "./collections";
import { ChangePlanView, type OperatedView, PlanView, Problem, StartedView, StatusDocument } from "./schemas";
import { VpnPlanView } from "./vpn-schemas";

/** One HTTP exchange, body parsed as JSON when there is one. */
interface Answer {
  url: URL;
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** A parsed answer and the server's document as sent (what `--format json` prints). */
export interface Read<T> {
  view: T;
  document: unknown;
}

export interface Started extends Read<z.infer<typeof StartedView>> {
  /** Where the 202 says the operation's status is, when it says so. */
  location?: URL;
}

const REQUEST_TIMEOUT_MS = 30_000;
/** A fleet of 100,000 records at the default page size; more pages means the API keeps answering the same one. */
const MAX_LIST_PAGES = 1_000;

function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function firstLine(text: string): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 200)}...` : line;
}

/** Interlink's HTTP API as the CLI uses it: every answer parsed with zod, every refusal a CliError with its exit status. */
export class InterlinkApi {
  constructor(
    private readonly connection: Connection,
    private readonly runtime: Runtime,
  ) {}

  get baseUrl(): URL {
    return this.connection.baseUrl;
  }

  private url(path: string): URL {
    return new URL(`${this.connection.baseUrl.pathname}${path}`, this.connection.baseUrl);
  }

  private async send(method: string, url: URL, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { accept: "application/json, application/problem+json", "user-agent": "interlink-cli" };
    // The key goes only to Interlink itself, never to another origin a Location header might name.
    if (this.connection.key && url.origin === this.connection.baseUrl.origin) headers["x-functions-key"] = this.connection.key;
    if (body !== undefined) headers["content-type"] = "application/json";
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const signal = this.runtime.signal ? AbortSignal.any([timeout, this.runtime.signal]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await this.runtime.fetch(url, { method, headers, signal, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      text = await response.text();
    } catch (error) {
      if (this.runtime.signal?.aborted) throw new CliError(EXIT.interrupted, "interrupted");
      const reason = timeout.aborted ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` : describeError(error);
      throw new CliError(EXIT.unreachable, `cannot reach Interlink at ${this.connection.baseUrl.href}: ${reason}`, [
        "Is it running (npm start)? Point --url or INTERLINK_URL at its API, e.g. http://127.0.0.1:7071/api.",
      ]);
    }
    return { url, status: response.status, headers: response.headers, text, body: parseBody(text) };
  }

  /** The CliError that explains a refusal: which exit status, and the server's words. */
  private refusal(answer: Answer): CliError {
    const problem = Problem.safeParse(answer.body);
    const detail = problem.success ? (problem.data.detail ?? problem.data.title) : firstLine(answer.text);
    const fieldErrors = problem.success ? problem.data.errors.map((error) => `${error.path || "(input)"}: ${error.message}`) : [];
    if (answer.status === 401 || answer.status === 403) {
      return new CliError(
        EXIT.unreachable,
        this.connection.key
          ? `Interlink refused the key (${answer.status} on ${answer.url.pathname}): check --key or INTERLINK_KEY`
          : `Interlink needs a function key for ${answer.url.pathname} (${answer.status}): pass --key or set INTERLINK_KEY`,
      );
    }
    if (answer.status === 404 && problem.success) return new CliError(EXIT.notFound, detail);
    if (answer.status === 404) return new CliError(EXIT.unreachable, `no Interlink API at ${answer.url.href} (404): check --url (it ends with /api)`);
    if (answer.status === 409) return new CliError(EXIT.conflict, detail);
    if (answer.status >= 400 && answer.status < 500) return new CliError(EXIT.invalid, problem.success ? `${problem.data.title}${fieldErrors.length === 0 && problem.data.detail ? `: ${problem.data.detail}` : ""}` : `${answer.status}: ${detail}`, fieldErrors);
    return new CliError(EXIT.unreachable, `Interlink answered ${answer.status} on ${answer.url.pathname}${detail ? `: ${detail}` : ""}`);
  }

  private read<S extends z.ZodType>(answer: Answer, schema: S): Read<z.infer<S>> {
    const parsed = schema.safeParse(answer.body);
    if (parsed.success) return { view: parsed.data, document: answer.body };
    const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`);
    throw new CliError(EXIT.unreachable, `unexpected answer from ${answer.url.href} (${answer.status}); is --url Interlink's API?`, issues);
  }

  private async call<S extends z.ZodType>(method: string, path: string, ok: number[], schema: S, body?: unknown): Promise<Read<z.infer<S>> & { answer: Answer }> {
    const answer = await this.send(method, this.url(path), body);
    if (!ok.includes(answer.status)) throw this.refusal(answer);
    return { ...this.read(answer, schema), answer };
  }

  /** `POST /policies/check|plan|apply` for a setup request: the permission report or the policy changes. */
  async policies<S extends z.ZodType>(action: "check" | "plan" | "apply", request: unknown, schema: S): Promise<Read<z.infer<S>>> {
    return this.call("POST", `/policies/${action}`, [200], schema, request);
  }

  async plan(request: unknown): Promise<Read<PlanView>> {
    return this.call("POST", "/interconnects/plan", [200], PlanView, request);
  }

  /** The plan of a topology change to an existing interconnect: nothing is written. */
  async planChange(name: string, edit: unknown): Promise<Read<ChangePlanView>> {
    return this.call("POST", `/interconnects/${encodeURIComponent(name)}/plan`, [200], ChangePlanView, edit);
  }

  /** Starts an operation (POST setup, PATCH resize, DELETE teardown, ...); 202 expected. */
  async start(method: string, path: string, body?: unknown): Promise<Started> {
    const { view, document, answer } = await this.call(method, path, [202], StartedView, body);
    const location = answer.headers.get("location");
    return { view, document, ...(location && URL.canParse(location, answer.url.href) ? { location: new URL(location, answer.url) } : {}) };
  }

  /** The plan of a VPN link setup: nothing is written. */
  async planVpn(request: unknown): Promise<Read<VpnPlanView>> {
    return this.call("POST", "/vpn-links/plan", [200], VpnPlanView, request);
  }

  /** One record of the collection, or null when Interlink has none of that name. */
  async record<V extends OperatedView>(collection: Collection<V, { name: string; state: string }, { verdict: string }>, name: string): Promise<Read<V> | null> {
    const answer = await this.send("GET", this.url(`/${collection.path}/${encodeURIComponent(name)}`));
    if (answer.status === 404 && Problem.safeParse(answer.body).success) return null;
    if (answer.status !== 200) throw this.refusal(answer);
    return this.read(answer, collection.view);
  }

  /** Every record of the collection (Deleted ones aside): a paged list is read until no continuation token is left. */
  async list<S extends { name: string; state: string }>(collection: Collection<OperatedView, S, { verdict: string }>): Promise<Read<{ value: S[] }>> {
    const page = z.looseObject({ value: z.array(collection.summary), continuationToken: z.string().optional() });
    const first = await this.call("GET", `/${collection.path}`, [200], page);
    const value = [...first.view.value];
    let token = first.view.continuationToken;
    for (let pages = 1; token !== undefined; pages++) {
      if (pages >= MAX_LIST_PAGES) throw new CliError(EXIT.unreachable, `the ${collection.noun} list did not end after ${MAX_LIST_PAGES} pages`);
      const next = await this.call("GET", `/${collection.path}?${new URLSearchParams({ continuationToken: token }).toString()}`, [200], page);
      value.push(...next.view.value);
      token = next.view.continuationToken;
    }
    return { view: { value }, document: { value } };
  }

  /** The last health report, or (now) a check run on the spot. */
  async health<H extends { verdict: string }>(collection: Collection<OperatedView, { name: string; state: string }, H>, name: string, now: boolean): Promise<Read<H>> {
    return this.call(now ? "POST" : "GET", `/${collection.path}/${encodeURIComponent(name)}/health`, [200], collection.health);
  }

  /**
   * The status document a 202's Location names, or null when it has none to give (the inventory still can).
   * Durable answers 202 while running and 400 or 500 once failed, each with the status document.
   */
  async statusAt(url: URL): Promise<StatusDocument | null> {
    const answer = await this.send("GET", url);
    if (answer.status === 401 || answer.status === 403) throw this.refusal(answer);
    const parsed = StatusDocument.safeParse(answer.body);
    return parsed.success && (parsed.data.runtimeStatus !== undefined || parsed.data.status !== undefined) ? parsed.data : null;
  }
}
