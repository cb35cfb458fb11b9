import { commandLine, CONNECTION_HELP, CONNECTION_OPTIONS, FORMAT_OPTION, formatOf, requirePositionals } from "../args";
import { type OperatedView } from "../api/schemas";
import { type CliCommand } from "../command";
import { CliError } from "../errors";
import { EXIT } from "../exit-codes";
import { INTERCONNECT_CLI } from "../resources/interconnects";
import { type ResourceCli } from "../resources/resource-cli";
import { connect } from "./shared";

/** `health <name> [--now]` over one kind of record: exit 5 when the verdict is degraded or down. */
export function healthCommand<V extends OperatedView, S extends { name: string; state: string }, H extends { verdict: string }>(resource: ResourceCli<V, S, H>): CliCommand {
  const { collection } = resource;
  const usage = `usage: ${collection.command} health <name> [--now] [--format text|json] [--url <url>] [--key <key>]

The ${collection.noun}'s last health report (--now: ${resource.healthNow}). Exit 0 when healthy, 5 when
degraded or down.

options:
  --now             run a check now instead of showing the last report
${CONNECTION_HELP}
  --format <f>      text (default) or json (the report as Interlink sends it)`;
  return {
    summary: `the last health report of ${collection.one} (--now: check now); exit 5 when not healthy`,
    async run(args, runtime) {
      const parsed = commandLine(usage, args, { ...CONNECTION_OPTIONS, ...FORMAT_OPTION, now: { type: "boolean" } }, runtime.stdout);
      if (!parsed) return EXIT.ok;
      const { values, positionals } = parsed;
      const [name = ""] = requirePositionals(usage, positionals, ["name"]);
      const format = formatOf(values.format, "text");
      const now = values.now === true;
      const api = connect(values, runtime);
      let read;
      try {
        read = await api.health(collection, name, now);
      } catch (error) {
        if (error instanceof CliError && error.exitCode === EXIT.notFound && !now) throw new CliError(EXIT.notFound, error.message, [`Check it now: ${collection.command} health ${name} --now`]);
        throw error;
      }
      runtime.stdout.write(`${format === "json" ? JSON.stringify(read.document, null, 2) : resource.healthText(read.view, name)}\n`);
      // Suspended on purpose is not a fault: only degraded and down exit 5.
      return read.view.verdict === "degraded" || read.view.verdict === "down" ? EXIT.unhealthy : EXIT.ok;
    },
  };
}

export const health = healthCommand(INTERCONNECT_CLI);
