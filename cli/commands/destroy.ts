import { TEARDOWN_STEPS } from "../../shared/domain/steps";
import { commandLine, CONNECTION_HELP, CONNECTION_OPTIONS, FOLLOW_HELP, FOLLOW_OPTIONS, FORMAT_OPTION, followOptionsOf, formatOf, requirePositionals } from "../args";
import { type InterconnectView } from "../api/schemas";
import { type CliCommand } from "../command";
import { CliError } from "../errors";
import { EXIT } from "../exit-codes";
import { confirm, requireTerminal } from "../live/confirm";
import { table } from "../live/format";
import { announce, connect, followToEnd, humanOutput, targetOf } from "./shared";

const USAGE = `usage: interlink destroy <name> [--yes] [--url <url>] [--key <key>] [--timeout <time>] [--format text|json]

Shows what the teardown removes, asks you to confirm, starts it and follows it until the interconnect is Deleted
(exit 0) or the teardown failed (exit 1). An interconnect already Deleted is left alone (exit 0).

options:
  --yes, -y         do not ask (needed when standard input is not a terminal)
${CONNECTION_HELP}
${FOLLOW_HELP}
  --format <f>      text (default) or json: the outcome as JSON on stdout, progress on stderr`;

function teardownSummary(view: InterconnectView): string {
  const resources = Object.entries(view.resources).filter(([, value]) => typeof value === "string");
  return [
    `Interlink will tear down ${view.name} (${view.state}), in this order:`,
    ...TEARDOWN_STEPS.map((step) => `  ${step.id}: ${step.title}`),
    ...(resources.length > 0 ? ["", "Resources on record:", ...table(resources.map(([key, value]) => [`  ${key}`, String(value)]))] : []),
  ].join("\n");
}

export const destroy: CliCommand = {
  summary: "tear an interconnect down in the documented order, following it until it is Deleted",
  async run(args, runtime) {
    const parsed = commandLine(USAGE, args, { ...CONNECTION_OPTIONS, ...FOLLOW_OPTIONS, ...FORMAT_OPTION, yes: { type: "boolean", short: "y" } }, runtime.stdout);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    const [name = ""] = requirePositionals(USAGE, positionals, ["name"]);
    const format = formatOf(values.format, "text");
    const options = followOptionsOf(values);
    const yes = values.yes === true;
    requireTerminal(runtime, "destroy", yes);
    const api = connect(values, runtime);
    const out = humanOutput(runtime, format);

    const current = await api.interconnect(name);
    if (!current) throw new CliError(EXIT.notFound, `no interconnect named ${name}`);
    const view = current.view;
    if (view.state === "Deleted") {
      out.write(`${name} is already Deleted; nothing to do.\n`);
      if (format === "json") runtime.stdout.write(`${JSON.stringify({ name, operation: null, instanceId: null, result: "unchanged", state: view.state }, null, 2)}\n`);
      return EXIT.ok;
    }
    const running = view.currentOperation ?? undefined;
    if (running?.operation === "teardown") {
      out.write(`The teardown of ${name} is already running (${running.instanceId}); following it.\n`);
      return followToEnd(api, runtime, { name, operation: "teardown", instanceId: running.instanceId }, options, format);
    }
    out.write(`${teardownSummary(view)}\n`);
    if (!yes && !(await confirm(runtime, `Do you really want to destroy ${name}? Traffic stops and both circuits are deleted; there is no undo.`))) {
      out.write("Destroy cancelled; nothing was started.\n");
      return EXIT.failed;
    }
    const started = await api.start("DELETE", `/interconnects/${encodeURIComponent(name)}`);
    const target = targetOf(started, name, "teardown");
    announce(runtime, format, started, target);
    return followToEnd(api, runtime, target, options, format);
  },
};
