import { validateSetup } from "../../shared/domain/dry-run";
import { type SetupRequest } from "../../shared/domain/setup-request";
import { InterlinkApi, type Started } from "../api/client";
import { resolveConnection } from "../api/connection";
import { CliError, describeError } from "../errors";
import { EXIT } from "../exit-codes";
import { type OutputStream, readInput, type Runtime } from "../io";
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

/** A setup request read and validated here, before anything is sent: the field and the rule when it is not valid. */
export async function readSetupRequest(file: string, runtime: Runtime): Promise<{ input: unknown; request: SetupRequest }> {
  const json = parseJson(await readText(file, runtime));
  if (!json.ok) throw new CliError(EXIT.invalid, `${file === "-" ? "the request" : file} is not valid JSON: ${json.reason}`);
  const input = json.value;
  const valid = validateSetup(input);
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
export function targetOf(started: Started, name: string, operation: string): FollowTarget {
  const instanceId = started.view.instanceId ?? instanceIdIn(started.location, name);
  return { name, operation: started.view.operation ?? operation, ...(instanceId ? { instanceId } : {}), ...(started.location ? { location: started.location } : {}) };
}

export function announce(runtime: Runtime, format: "json" | "text", started: Started, target: FollowTarget): void {
  const verb = started.view.replayed ? "Already started" : "Started";
  humanOutput(runtime, format).write(`${verb}: ${target.operation} of ${target.name}${target.instanceId ? ` (${target.instanceId})` : ""}. Ctrl-C stops following; the operation carries on.\n`);
}
