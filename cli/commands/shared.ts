import { type Outcome } from "../../shared/domain/dry-run";
import { commandLine, CONNECTION_OPTIONS, FOLLOW_OPTIONS, FORMAT_OPTION, followOptionsOf, formatOf, requirePositionals } from "../args";
import { InterlinkApi, type Started } from "../api/client";
import { type Collection } from "../api/collections";
import { resolveConnection } from "../api/connection";
import { CliError, describeError } from "../errors";
import { EXIT } from "../exit-codes";
import { type OutputStream, readInput, type Runtime } from "../io";
import { confirm, requireTerminal } from "../live/confirm";
import { createDisplay } from "../live/display";
import { follow, type FollowOptions, type FollowTarget, instanceIdIn } from "../live/follow";
import { reportEnd } from "../live/outcome";

export function connect(flags: { url?: string | undefined; key?: string | undefined }, runtime: Runtime): InterlinkApi {
  return new InterlinkApi(resolveConnection(flags, runtime.env), runtime);
}

/** Where text for people goes: stdout, or stderr when stdout carries the JSON result. */
export function humanOutput(runtime: Runtime, format: "json" | "text"): OutputStream {
  return format === "json" ? runtime.stderr : runtime.stdout;
}

/** The text of a file or of standard input (`-`); one that cannot be read is invalid input naming it. */
export async function readText(file: string, runtime: Runtime): Promise<string> {
  try {
    return await readInput(file, runtime.stdin);
  } catch (error) {
    throw new CliError(EXIT.invalid, `cannot read ${file}: ${describeError(error)}`);
  }
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: describeError(error) };
  }
}

/**
 * A request read and validated here with the API's own schema, before anything is sent: the field and the rule when
 * it is not valid. `input` is sent as read, so Interlink fills in its defaults itself.
 */
export async function readRequest<T>(file: string, runtime: Runtime, validate: (input: unknown) => Outcome<T>): Promise<{ input: unknown; request: T }> {
  const json = parseJson(await readText(file, runtime));
  if (!json.ok) throw new CliError(EXIT.invalid, `${file === "-" ? "the request" : file} is not valid JSON: ${json.reason}`);
  const input = json.value;
  const valid = validate(input);
  if (!valid.ok) throw new CliError(EXIT.invalid, `${file === "-" ? "the request" : file}: ${valid.problem.title}`, valid.problem.errors.map((error) => `${error.path || "(request)"}: ${error.message}`));
  return { input, request: valid.value };
}

/** Follows an operation with the progress display and reports how it ended. */
export async function followToEnd(api: InterlinkApi, runtime: Runtime, target: FollowTarget, options: FollowOptions, format: "json" | "text"): Promise<number> {
  const display = createDisplay(humanOutput(runtime, format), runtime.now);
  const end = await follow(api, runtime, display, target, options);
  return reportEnd(end, target, runtime, format);
}

/** The operation a 202 started (or replayed), as the follow needs it. */
export function targetOf(started: Started, collection: Collection, name: string, operation: string): FollowTarget {
  const instanceId = started.view.instanceId ?? instanceIdIn(started.location, name, collection);
  return { collection, name, operation: started.view.operation ?? operation, ...(instanceId ? { instanceId } : {}), ...(started.location ? { location: started.location } : {}) };
}

export function announce(runtime: Runtime, format: "json" | "text", started: Started, target: FollowTarget): void {
  const verb = started.view.replayed ? "Already started" : "Started";
  humanOutput(runtime, format).write(`${verb}: ${target.operation} of ${target.name}${target.instanceId ? ` (${target.instanceId})` : ""}. Ctrl-C stops following; the operation carries on.\n`);
}

/** One operation to start once the user agrees: the question, the request that starts it, and how a refusal reads. */
export interface Launch {
  collection: Collection;
  name: string;
  operation: string;
  question: string;
  /** e.g. "Apply cancelled; nothing was started." */
  declined: string;
  method: string;
  path: string;
  body?: unknown;
}

export interface LaunchContext {
  api: InterlinkApi;
  runtime: Runtime;
  yes: boolean;
  options: FollowOptions;
  format: "json" | "text";
}

/** Asks (unless --yes), starts the operation and follows it to its end: what apply, destroy and rotate-key do once they have shown their plan. */
export async function confirmStartFollow(context: LaunchContext, launch: Launch): Promise<number> {
  const { api, runtime, yes, options, format } = context;
  if (!yes && !(await confirm(runtime, launch.question))) {
    humanOutput(runtime, format).write(`${launch.declined}\n`);
    return EXIT.failed;
  }
  const started = await api.start(launch.method, launch.path, launch.body);
  const target = targetOf(started, launch.collection, launch.name, launch.operation);
  announce(runtime, format, started, target);
  return followToEnd(api, runtime, target, options, format);
}

/** `{name, operation: null, ..., result: "unchanged"}` for --format json when there was nothing to do. */
export function writeUnchanged(runtime: Runtime, format: "json" | "text", name: string, state: string): void {
  if (format === "json") runtime.stdout.write(`${JSON.stringify({ name, operation: null, instanceId: null, result: "unchanged", state }, null, 2)}\n`);
}

/** A request read from standard input leaves no terminal to ask on. */
function requireYesForStdin(file: string, yes: boolean, command: string): void {
  if (file === "-" && !yes) throw new CliError(EXIT.invalid, `the request comes from standard input, so ${command} cannot ask for confirmation there; pass --yes`);
}

/** Exit 7: the name is taken by a record with another specification; the paths that differ, and what to do. */
export function differentSpecification(name: string, state: string, paths: string[], hints: string[]): CliError {
  return new CliError(EXIT.conflict, `${name} exists (${state}) with a different specification: ${paths.slice(0, 6).join(", ")}${paths.length > 6 ? ", ..." : ""}`, hints);
}

/**
 * What every apply command starts with: its options parsed, the request file read and validated here, the refusals
 * that need no server (stdin without --yes, no terminal to ask on), and the connection. null after --help.
 */
export async function applyInvocation<T>(usage: string, args: string[], runtime: Runtime, command: string, validate: (input: unknown) => Outcome<T>) {
  const parsed = commandLine(usage, args, { ...CONNECTION_OPTIONS, ...FOLLOW_OPTIONS, ...FORMAT_OPTION, yes: { type: "boolean", short: "y" } }, runtime.stdout);
  if (!parsed) return null;
  const { values, positionals } = parsed;
  const [file = "-"] = requirePositionals(usage, positionals, ["request.json|-"]);
  const format = formatOf(values.format, "text");
  const yes = values.yes === true;
  requireYesForStdin(file, yes, `interlink ${command}`);
  requireTerminal(runtime, command, yes);
  const { input, request } = await readRequest(file, runtime, validate);
  return { input, request, yes, format, options: followOptionsOf(values), api: connect(values, runtime), out: humanOutput(runtime, format) };
}
