import { parseArgs } from "node:util";
import { CONNECTION_HELP, CONNECTION_OPTIONS, FOLLOW_HELP, FOLLOW_OPTIONS, FORMAT_OPTION, followOptionsOf, formatOf, HELP_OPTION, parseOrExplain, requirePositionals } from "../args";
import { type CliCommand } from "../command";
import { CliError } from "../errors";
import { EXIT } from "../exit-codes";
import { connect, followToEnd, humanOutput } from "./shared";

const USAGE = `usage: interlink watch <name> [--timeout <time>] [--format text|json] [--url <url>] [--key <key>]

Follows the interconnect's running operation (or shows its last one) until it ends: exit 0 when it succeeded, 1 when
it failed (with the failed step and the cloud's code and message). Ctrl-C stops watching, not the operation.

options:
${CONNECTION_HELP}
${FOLLOW_HELP}
  --format <f>      text (default) or json: the outcome as JSON on stdout, progress on stderr`;

export const watch: CliCommand = {
  summary: "follow the running (or last) operation of an interconnect until it ends",
  async run(args, runtime) {
    const { values, positionals } = parseOrExplain(USAGE, () => parseArgs({ args, allowPositionals: true, options: { ...CONNECTION_OPTIONS, ...FOLLOW_OPTIONS, ...FORMAT_OPTION, ...HELP_OPTION } }));
    if (values.help) {
      runtime.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    const [name = ""] = requirePositionals(USAGE, positionals, ["name"]);
    const format = formatOf(values.format, "text");
    const options = followOptionsOf(values);
    const api = connect(values, runtime);
    const read = await api.interconnect(name);
    if (!read) throw new CliError(EXIT.notFound, `no interconnect named ${name}`);
    const { view } = read;
    const operation = view.operations.find((candidate) => candidate.status === "Running") ?? view.operations.at(-1);
    if (!operation) throw new CliError(EXIT.notFound, `${name} has no operation to follow (it is ${view.state})`);
    const verb = operation.status === "Running" ? "Following" : "Last operation:";
    humanOutput(runtime, format).write(`${verb} ${operation.operation} of ${name} (${operation.instanceId}).\n`);
    return followToEnd(api, runtime, { name, operation: operation.operation, instanceId: operation.instanceId }, options, format);
  },
};
