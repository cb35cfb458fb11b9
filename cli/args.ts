import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";
import { CliError } from "./errors";
import { EXIT } from "./exit-codes";
import { type OutputStream } from "./io";
import { type FollowOptions } from "./live/follow";

/** Options every command that talks to a running Interlink accepts. */
export const CONNECTION_OPTIONS = {
  url: { type: "string" },
  key: { type: "string" },
} as const;

/** Options of the commands that follow an operation to its end. */
export const FOLLOW_OPTIONS = {
  timeout: { type: "string" },
  interval: { type: "string" },
} as const;

export const FORMAT_OPTION = { format: { type: "string" } } as const;
export const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;

export const CONNECTION_HELP = `  --url <url>       Interlink's API (default: INTERLINK_URL, else http://127.0.0.1:$FUNCTIONS_PORT/api, port 7071)
  --key <key>       function key, sent as x-functions-key (default: INTERLINK_KEY)`;
export const FOLLOW_HELP = `  --timeout <time>  stop waiting after e.g. 90s, 45m or 2h (exit 4; the operation carries on); default: no limit
  --interval <sec>  seconds between two polls (default 2)`;

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;
type Parsed<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O & typeof HELP_OPTION; allowPositionals: true }>>;

/**
 * A command's arguments by node:util parseArgs (strict: an unknown option is a usage error naming it). With --help,
 * prints the usage and returns undefined: the command then exits 0.
 */
export function commandLine<O extends OptionsConfig>(usage: string, args: string[], options: O, stdout: OutputStream): Parsed<O> | undefined {
  const parsed = parseOrExplain(usage, () => parseArgs({ args, allowPositionals: true, options: { ...options, ...HELP_OPTION } })) as Parsed<O>;
  if ((parsed.values as { help?: boolean }).help !== true) return parsed;
  stdout.write(`${usage}\n`);
  return undefined;
}

/** Runs node:util parseArgs and turns its errors (unknown option, missing value) into a usage error. */
export function parseOrExplain<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(EXIT.invalid, message, [usage]);
  }
}

export function requirePositionals(usage: string, positionals: string[], names: string[], optional = 0): string[] {
  const min = names.length - optional;
  if (positionals.length < min) throw new CliError(EXIT.invalid, `missing ${names.slice(positionals.length, min).map((name) => `<${name}>`).join(" ")}`, [usage]);
  if (positionals.length > names.length) throw new CliError(EXIT.invalid, `unexpected argument ${positionals[names.length]}`, [usage]);
  return positionals;
}

const Format = z.enum(["json", "text"], { error: "must be json or text" });

export function formatOf(value: string | undefined, fallback: "json" | "text"): "json" | "text" {
  const parsed = Format.safeParse(value ?? fallback);
  if (!parsed.success) throw new CliError(EXIT.invalid, `--format ${String(value)}: must be json or text`);
  return parsed.data;
}

const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** `90s`, `45m`, `2h`, `1h30m` or a number of seconds, in milliseconds. */
export function parseDuration(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = /^\d+$/.test(value) ? Number(value) : undefined;
  const match = DURATION.exec(value);
  const total = seconds ?? (match && value !== "" ? Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0) : undefined);
  if (total === undefined || total <= 0) throw new CliError(EXIT.invalid, `--${option} ${value}: must be a positive duration such as 90s, 45m, 2h or 1h30m`);
  return total * 1000;
}

/** The poll interval in milliseconds (seconds on the command line, fractions allowed). */
export function parseInterval(value: string | undefined): number {
  if (value === undefined) return 2000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0.1 || seconds > 3600) throw new CliError(EXIT.invalid, `--interval ${value}: must be a number of seconds between 0.1 and 3600`);
  return Math.round(seconds * 1000);
}

export function followOptionsOf(values: { interval?: string | undefined; timeout?: string | undefined }): FollowOptions {
  const timeoutMs = parseDuration("timeout", values.timeout);
  return { intervalMs: parseInterval(values.interval), ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
}
