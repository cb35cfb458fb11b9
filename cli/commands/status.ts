import { commandLine, CONNECTION_HELP, CONNECTION_OPTIONS, FORMAT_OPTION, formatOf, requirePositionals } from "../args";
import { type CliCommand } from "../command";
import { CliError } from "../errors";
import { EXIT } from "../exit-codes";
import { formatInterconnect, formatSummaryTable } from "../live/view-text";
import { connect } from "./shared";

const USAGE = `usage: interlink status [name] [--format text|json] [--url <url>] [--key <key>]

Without a name: every interconnect (Deleted ones aside) as a table. With a name: its state, the last operation and
its steps, the last error, health and warnings. --format json prints Interlink's document as it is.

options:
${CONNECTION_HELP}
  --format <f>      text (default) or json`;

export const status: CliCommand = {
  summary: "one interconnect (state, steps, last error, health) or all of them",
  async run(args, runtime) {
    const parsed = commandLine(USAGE, args, { ...CONNECTION_OPTIONS, ...FORMAT_OPTION }, runtime.stdout);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    const [name] = requirePositionals(USAGE, positionals, ["name"], 1);
    const format = formatOf(values.format, "text");
    const api = connect(values, runtime);
    if (name === undefined) {
      const list = await api.list();
      runtime.stdout.write(`${format === "json" ? JSON.stringify(list.document, null, 2) : formatSummaryTable(list.view.value)}\n`);
      return EXIT.ok;
    }
    const read = await api.interconnect(name);
    if (!read) throw new CliError(EXIT.notFound, `no interconnect named ${name}`);
    runtime.stdout.write(`${format === "json" ? JSON.stringify(read.document, null, 2) : formatInterconnect(read.view)}\n`);
    return EXIT.ok;
  },
};
