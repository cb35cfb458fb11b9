import { commandLine, CONNECTION_HELP, CONNECTION_OPTIONS, FOLLOW_HELP, FOLLOW_OPTIONS, FORMAT_OPTION, followOptionsOf, formatOf, requirePositionals } from "../args";
import { type Collection, COLLECTIONS } from "../api/collections";
import { type OperatedView, Problem, StartedView } from "../api/schemas";
import { type CliCommand } from "../command";
import { CliError } from "../errors";
import { EXIT, type ExitCode } from "../exit-codes";
import { type Runtime } from "../io";
import { type FollowTarget } from "../live/follow";
import { INTERCONNECT_CLI } from "../resources/interconnects";
import { type ResourceCli } from "../resources/resource-cli";
import { connect, followToEnd, humanOutput, parseJson, readText } from "./shared";

const PROBLEM_EXIT: Record<number, ExitCode> = { 400: EXIT.invalid, 404: EXIT.notFound, 409: EXIT.conflict };

/** The operation a 202 answer piped into `watch -` started, on whichever collection its instance id belongs to. */
async function startedOnStdin(runtime: Runtime, fallback: Collection): Promise<FollowTarget> {
  const text = await readText("-", runtime);
  const json = parseJson(text);
  const nothing = "standard input holds no answer of Interlink: pipe the answer of a POST, PATCH or DELETE into it (curl -s ... | interlink watch -)";
  if (!json.ok) throw new CliError(EXIT.invalid, text.trim() === "" ? nothing : `standard input is not JSON: ${json.reason}`);
  const problem = Problem.safeParse(json.value);
  if (problem.success && problem.data.status >= 400) {
    const fields = problem.data.errors.map((error) => `${error.path || "(input)"}: ${error.message}`);
    throw new CliError(PROBLEM_EXIT[problem.data.status] ?? EXIT.unreachable, `Interlink refused the request (${problem.data.status}): ${problem.data.detail ?? problem.data.title}`, fields);
  }
  const started = StartedView.required({ name: true, instanceId: true }).safeParse(json.value);
  if (!started.success) throw new CliError(EXIT.invalid, `${nothing}; it holds no name and instanceId`);
  const { name, instanceId, operation } = started.data;
  const collection = COLLECTIONS.find((candidate) => candidate.ownsInstance(instanceId, name)) ?? fallback;
  return { collection, name, instanceId, operation: operation ?? "operation" };
}

/** `watch <name>|-` over one kind of record: follows its running (or last) operation, a ticket's, or a piped 202's. */
export function watchCommand<V extends OperatedView, S extends { name: string; state: string }, H extends { verdict: string }>(resource: ResourceCli<V, S, H>): CliCommand {
  const collection: Collection = resource.collection;
  const command = collection.command;
  const usage = `usage: ${command} watch <name> [--ticket <id>] [--timeout <time>] [--format text|json] [--url <url>] [--key <key>]
       curl -s -X POST .../${collection.path}/... | ${command} watch -

Follows an operation until it ends: exit 0 when it succeeded, 1 when it failed (with the failed step and the cloud's
code and message). Ctrl-C stops watching, not the operation.
  <name>            the ${collection.noun}'s running operation, or its last one
  --ticket <id>     the operation started for that ticket (e.g. from the request queue): waits for it to start
  -                 the operation a 202 answer names, read from standard input (pipe curl into it); a problem
                    answer (409, 404, 400) is reported with its exit status

options:
${CONNECTION_HELP}
${FOLLOW_HELP}
  --format <f>      text (default) or json: the outcome as JSON on stdout, progress on stderr`;
  return {
    summary: `follow ${collection.one}'s running (or last) operation, a ticket's, or a piped 202's, until it ends`,
    async run(args, runtime) {
      const parsed = commandLine(usage, args, { ...CONNECTION_OPTIONS, ...FOLLOW_OPTIONS, ...FORMAT_OPTION, ticket: { type: "string" } }, runtime.stdout);
      if (!parsed) return EXIT.ok;
      const { values, positionals } = parsed;
      const [name = ""] = requirePositionals(usage, positionals, ["name|-"]);
      const format = formatOf(values.format, "text");
      const options = followOptionsOf(values);
      if (name === "-" && values.ticket !== undefined) throw new CliError(EXIT.invalid, `--ticket names ${collection.one}'s operation: give its name, not -`, [usage]);
      const api = connect(values, runtime);
      const out = humanOutput(runtime, format);

      if (name === "-") {
        const target = await startedOnStdin(runtime, collection);
        out.write(`Following ${target.operation} of ${target.name} (${target.instanceId}).\n`);
        return followToEnd(api, runtime, target, options, format);
      }
      if (values.ticket !== undefined) {
        out.write(`Following the operation for ticket ${values.ticket} on ${name}.\n`);
        return followToEnd(api, runtime, { collection, name, operation: "operation", ticketId: values.ticket }, options, format);
      }
      const read = await api.record(collection, name);
      if (!read) throw new CliError(EXIT.notFound, `no ${collection.noun} named ${name}`);
      const { view } = read;
      const operation = view.operations.find((candidate) => candidate.status === "Running") ?? view.operations.at(-1);
      if (!operation) throw new CliError(EXIT.notFound, `${name} has no operation to follow (it is ${view.state})`);
      const verb = operation.status === "Running" ? "Following" : "Last operation:";
      out.write(`${verb} ${operation.operation} of ${name} (${operation.instanceId}).\n`);
      return followToEnd(api, runtime, { collection, name, operation: operation.operation, instanceId: operation.instanceId }, options, format);
    },
  };
}

export const watch = watchCommand(INTERCONNECT_CLI);
