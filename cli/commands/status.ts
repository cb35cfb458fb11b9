import { commandLine, CONNECTION_HELP, CONNECTION_OPTIONS, FORMAT_OPTION, formatOf, requirePositionals } from "../args";
import { type OperatedView } from "../api/schemas";
import { type CliCommand } from "../command";
import { CliError } from "../errors";
import { EXIT } from "../exit-codes";
import { INTERCONNECT_CLI } from "../resources/interconnects";
import { type ResourceCli } from "../resources/resource-cli";
import { connect } from "./shared";

/** `status [name]` over one kind of record: the list as a table, or one in detail. */
export function statusCommand<V extends OperatedView, S extends { name: string; state: string }, H extends { verdict: string }>(resource: ResourceCli<V, S, H>): CliCommand {
  const { collection } = resource;
  const usage = `usage: ${collection.command} status [name] [--format text|json] [--url <url>] [--key <key>]

Without a name: every ${collection.noun} (Deleted ones aside) as a table. With a name: its state, the last operation and
its steps, the last error, health and warnings. --format json prints Interlink's document as it is.

options:
${CONNECTION_HELP}
  --format <f>      text (default) or json`;
  return {
    summary: `one ${collection.noun} (state, steps, last error, health) or all of them`,
    async run(args, runtime) {
      const parsed = commandLine(usage, args, { ...CONNECTION_OPTIONS, ...FORMAT_OPTION }, runtime.stdout);
      if (!parsed) return EXIT.ok;
      const { values, positionals } = parsed;
      const [name] = requirePositionals(usage, positionals, ["name"], 1);
      const format = formatOf(values.format, "text");
      const api = connect(values, runtime);
      if (name === undefined) {
        const list = await api.list(collection);
        runtime.stdout.write(`${format === "json" ? JSON.stringify(list.document, null, 2) : resource.listText(list.view.value)}\n`);
        return EXIT.ok;
      }
      const read = await api.record(collection, name);
      if (!read) throw new CliError(EXIT.notFound, `no ${collection.noun} named ${name}`);
      runtime.stdout.write(`${format === "json" ? JSON.stringify(read.document, null, 2) : resource.detailText(read.view)}\n`);
      return EXIT.ok;
    },
  };
}

export const status = statusCommand(INTERCONNECT_CLI);
