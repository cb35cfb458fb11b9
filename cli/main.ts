import { parseArgs } from "node:util";
import { validationProblem, type ProblemDetails } from "../shared/domain/problem";
import { COMMANDS, type CommandName, type CommandOutcome } from "./commands";
import { doctor, DOCTOR_SUMMARY } from "./doctor";
import { readInput } from "./io";

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INVALID = 2;

const USAGE = `usage: interlink <command> <file|-> [--format json|text]

commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`)
  .join("\n")}
  ${"doctor".padEnd(12)} ${DOCTOR_SUMMARY}

Reads JSON from the file (or standard input for -) and writes JSON to standard output.
Exit status: 0 success, 2 invalid input (problem details on stdout), 1 internal error.`;

export interface CliStreams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin?: NodeJS.ReadableStream;
  env?: NodeJS.ProcessEnv;
}

function isCommand(name: string | undefined): name is CommandName {
  return name !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, name);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: ProblemDetails } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: validationProblem([{ path: "", message: `is not valid JSON: ${reason}` }], "The input is not JSON") };
  }
}

/** Runs one CLI invocation; returns the exit status. Never throws. */
export async function main(argv: string[], streams: CliStreams = process): Promise<number> {
  if (argv[0] === "doctor") return doctor(argv.slice(1), streams);
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: "string", default: "json" }, help: { type: "boolean", short: "h" } },
    });
    const [name, file] = positionals;
    if (values.help) {
      streams.stdout.write(`${USAGE}\n`);
      return EXIT_OK;
    }
    if (!isCommand(name) || file === undefined || positionals.length !== 2 || (values.format !== "json" && values.format !== "text")) {
      streams.stderr.write(`${USAGE}\n`);
      return EXIT_INVALID;
    }
    const text = await readInput(file, streams.stdin ?? process.stdin);
    const json = parseJson(text);
    const outcome: CommandOutcome = json.ok ? COMMANDS[name].run(json.value) : { ok: false, problem: json.problem };
    if (outcome.ok) {
      streams.stdout.write(values.format === "text" ? `${outcome.text()}\n` : `${JSON.stringify(outcome.value, null, 2)}\n`);
      return EXIT_OK;
    }
    streams.stdout.write(values.format === "text" ? `${formatProblemText(outcome.problem)}\n` : `${JSON.stringify(outcome.problem, null, 2)}\n`);
    return EXIT_INVALID;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    streams.stderr.write(`interlink: ${message}\n`);
    return EXIT_INTERNAL;
  }
}

export function formatProblemText(problem: ProblemDetails): string {
  return [`${problem.title} (${problem.status})`, ...problem.errors.map((error) => `  ${error.path || "(input)"}: ${error.message}`)].join("\n");
}
