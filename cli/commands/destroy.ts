import { commandLine, CONNECTION_HELP, CONNECTION_OPTIONS, FOLLOW_HELP, FOLLOW_OPTIONS, FORMAT_OPTION, followOptionsOf, formatOf, requirePositionals } from "../args";
import { type OperatedView } from "../api/schemas";
import { type CliCommand } from "../command";
import { CliError } from "../errors";
import { EXIT } from "../exit-codes";
import { requireTerminal } from "../live/confirm";
import { labelled } from "../live/format";
import { INTERCONNECT_CLI } from "../resources/interconnects";
import { type ResourceCli } from "../resources/resource-cli";
import { confirmStartFollow, connect, followToEnd, humanOutput, writeUnchanged } from "./shared";

/** The ids on record (a string, or a list of them), which the teardown removes or leaves as they were found. */
function resourcesOnRecord(resources: Record<string, unknown>): string[][] {
  const text = (value: unknown) => (typeof value === "string" ? value : Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string") ? value.join(", ") : undefined);
  return Object.entries(resources).flatMap(([key, value]) => {
    const shown = text(value);
    return shown === undefined ? [] : [[key, shown]];
  });
}

export function teardownSummary(view: OperatedView, steps: ReadonlyArray<{ id: string; title: string }>): string {
  const resources = resourcesOnRecord(view.resources);
  return [
    `Interlink will tear down ${view.name} (${view.state}), in this order:`,
    ...steps.map((step) => `  ${step.id}: ${step.title}`),
    ...(resources.length > 0 ? ["", "Resources on record:", ...labelled(resources)] : []),
  ].join("\n");
}

/** `destroy <name>` over one kind of record: shows the teardown, asks, starts it and follows it to Deleted. */
export function destroyCommand<V extends OperatedView, S extends { name: string; state: string }, H extends { verdict: string }>(resource: ResourceCli<V, S, H>): CliCommand {
  const { collection } = resource;
  const usage = `usage: ${collection.command} destroy <name> [--yes] [--url <url>] [--key <key>] [--timeout <time>] [--format text|json]

Shows what the teardown removes, asks you to confirm, starts it and follows it until the ${collection.noun} is Deleted
(exit 0) or the teardown failed (exit 1). One already Deleted is left alone (exit 0).

options:
  --yes, -y         do not ask (needed when standard input is not a terminal)
${CONNECTION_HELP}
${FOLLOW_HELP}
  --format <f>      text (default) or json: the outcome as JSON on stdout, progress on stderr`;
  return {
    summary: `tear ${collection.one} down in the documented order, following it until it is Deleted`,
    async run(args, runtime) {
      const parsed = commandLine(usage, args, { ...CONNECTION_OPTIONS, ...FOLLOW_OPTIONS, ...FORMAT_OPTION, yes: { type: "boolean", short: "y" } }, runtime.stdout);
      if (!parsed) return EXIT.ok;
      const { values, positionals } = parsed;
      const [name = ""] = requirePositionals(usage, positionals, ["name"]);
      const format = formatOf(values.format, "text");
      const options = followOptionsOf(values);
      const yes = values.yes === true;
      requireTerminal(runtime, "destroy", yes);
      const api = connect(values, runtime);
      const out = humanOutput(runtime, format);

      const current = await api.record(collection, name);
      if (!current) throw new CliError(EXIT.notFound, `no ${collection.noun} named ${name}`);
      const view = current.view;
      if (view.state === "Deleted") {
        out.write(`${name} is already Deleted; nothing to do.\n`);
        writeUnchanged(runtime, format, name, view.state);
        return EXIT.ok;
      }
      const running = view.currentOperation ?? undefined;
      if (running?.operation === "teardown") {
        out.write(`The teardown of ${name} is already running (${running.instanceId}); following it.\n`);
        return followToEnd(api, runtime, { collection, name, operation: "teardown", instanceId: running.instanceId }, options, format);
      }
      out.write(`${teardownSummary(view, resource.teardownSteps(view))}\n`);
      return confirmStartFollow(
        { api, runtime, yes, options, format },
        {
          collection,
          name,
          operation: "teardown",
          question: `Do you really want to destroy ${name}? ${resource.destroyWarning}`,
          declined: "Destroy cancelled; nothing was started.",
          method: "DELETE",
          path: `/${collection.path}/${encodeURIComponent(name)}`,
        },
      );
    },
  };
}

export const destroy = destroyCommand(INTERCONNECT_CLI);
