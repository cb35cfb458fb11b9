import { commandLine, CONNECTION_HELP, CONNECTION_OPTIONS, FORMAT_OPTION, formatOf, requirePositionals } from "../args";
import { type CliCommand } from "../command";
import { CliError } from "../errors";
import { EXIT } from "../exit-codes";
import { formatHealth } from "../live/view-text";
import { connect } from "./shared";

const USAGE = `usage: interlink health <name> [--now] [--format text|json] [--url <url>] [--key <key>]

The interconnect's last health report (--now: check both clouds now and record it). Exit 0 when healthy, 5 when
degraded or down.

options:
  --now             run a check now instead of showing the last report
${CONNECTION_HELP}
  --format <f>      text (default) or json (the report as Interlink sends it)`;

export const health: CliCommand = {
  summary: "the last health report of an interconnect (--now: check now); exit 5 when not healthy",
  async run(args, runtime) {
    const parsed = commandLine(USAGE, args, { ...CONNECTION_OPTIONS, ...FORMAT_OPTION, now: { type: "boolean" } }, runtime.stdout);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    const [name = ""] = requirePositionals(USAGE, positionals, ["name"]);
    const format = formatOf(values.format, "text");
    const now = values.now === true;
    const api = connect(values, runtime);
    let read;
    try {
      read = await api.health(name, now);
    } catch (error) {
      if (error instanceof CliError && error.exitCode === EXIT.notFound && !now) throw new CliError(EXIT.notFound, error.message, [`Check it now: interlink health ${name} --now`]);
      throw error;
    }
    runtime.stdout.write(`${format === "json" ? JSON.stringify(read.document, null, 2) : formatHealth(read.view)}\n`);
    // Suspended on purpose is not a fault: only degraded and down exit 5.
    return read.view.verdict === "degraded" || read.view.verdict === "down" ? EXIT.unhealthy : EXIT.ok;
  },
};
