import { type CliCommand } from "./command";
import { apply } from "./commands/apply";
import { destroy } from "./commands/destroy";
import { health } from "./commands/health";
import { OFFLINE_COMMANDS } from "./commands/offline";
import { checkPermissions } from "./commands/permissions";
import { status } from "./commands/status";
import { vpn } from "./commands/vpn";
import { watch } from "./commands/watch";
import { doctor, DOCTOR_SUMMARY } from "./doctor";
import { CliError, describeError } from "./errors";
import { EXIT, EXIT_TABLE } from "./exit-codes";
import { type CliIo, runtimeOf } from "./io";

/** Every command by name. The ones that work on files alone come first; the others drive a running Interlink. */
const COMMANDS: Record<string, CliCommand> = {
  ...OFFLINE_COMMANDS,
  apply,
  status,
  watch,
  destroy,
  health,
  vpn,
  "check-permissions": checkPermissions,
  doctor: { summary: DOCTOR_SUMMARY, run: (args, runtime) => doctor(args, runtime) },
};

const USAGE = `usage: interlink <command> [arguments] [options]   (interlink <command> --help for its options)

commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(17)} ${command.summary}`)
  .join("\n")}

validate, plan, policies and lint-policy read JSON from a file (or - for standard input) and need no running
Interlink. The others talk to its API: --url (or INTERLINK_URL; default http://127.0.0.1:7071/api, or the port in
FUNCTIONS_PORT) and --key (or INTERLINK_KEY) when function keys are enforced. doctor talks to the clouds themselves,
with the app's settings from the environment. interlink vpn <command> drives VPN links the same way.

${EXIT_TABLE}`;

export type { CliIo } from "./io";
export { EXIT } from "./exit-codes";

/** Runs one CLI invocation and returns the exit status. Never throws. */
export async function main(argv: string[], io: CliIo = process): Promise<number> {
  const runtime = runtimeOf(io);
  const [name, ...args] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    runtime.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    runtime.stderr.write(`${name === undefined ? "" : `interlink: unknown command ${name}\n`}${USAGE}\n`);
    return EXIT.invalid;
  }
  const label = command.label?.(args) ?? name;
  try {
    return await command.run(args, runtime);
  } catch (error) {
    if (error instanceof CliError) {
      runtime.stderr.write(`interlink ${label}: ${error.message}\n${error.details.map((line) => `${line.replace(/^/gm, "  ")}\n`).join("")}`);
      return error.exitCode;
    }
    runtime.stderr.write(`interlink ${label}: unexpected error: ${describeError(error)}\n`);
    return EXIT.failed;
  }
}
