import { commandLine, CONNECTION_HELP, CONNECTION_OPTIONS, FOLLOW_HELP, FOLLOW_OPTIONS, FORMAT_OPTION, followOptionsOf, formatOf, requirePositionals } from "../args";
import { type CliCommand } from "../command";
import { CliError } from "../errors";
import { EXIT } from "../exit-codes";
import { confirm, requireTerminal } from "../live/confirm";
import { formatChangePlanSummary, formatPlanSummary } from "../live/plan-summary";
import { specChange, topologyPaths } from "../live/spec-change";
import { announce, connect, followToEnd, humanOutput, readSetupRequest, targetOf } from "./shared";

const USAGE = `usage: interlink apply <request.json|-> [--yes] [--url <url>] [--key <key>] [--timeout <time>] [--format text|json]

Validates the setup request here, asks Interlink for the plan and prints it, asks you to confirm, starts the setup
and follows it until the interconnect is Active (exit 0) or the setup failed (exit 1, with the failed step and the
cloud's code and message). An interconnect that already has this specification is left as it is; one whose
bandwidth alone differs is resized in place; one whose topology alone differs (what PATCH takes: spokes, traffic
rules, ...) is changed in place after its change plan is shown, never touching the circuits.

options:
  --yes, -y         do not ask (needed when standard input is not a terminal, or is the request)
${CONNECTION_HELP}
${FOLLOW_HELP}
  --format <f>      text (default) or json: the outcome as JSON on stdout, progress on stderr`;

const SETTLED = new Set(["Active", "Degraded", "Suspended"]);

export const apply: CliCommand = {
  summary: "plan, confirm and set up an interconnect, following it until it is Active",
  async run(args, runtime) {
    const parsed = commandLine(USAGE, args, { ...CONNECTION_OPTIONS, ...FOLLOW_OPTIONS, ...FORMAT_OPTION, yes: { type: "boolean", short: "y" } }, runtime.stdout);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    const [file = "-"] = requirePositionals(USAGE, positionals, ["request.json|-"]);
    const format = formatOf(values.format, "text");
    const options = followOptionsOf(values);
    const yes = values.yes === true;
    if (file === "-" && !yes) throw new CliError(EXIT.invalid, "the request comes from standard input, so interlink apply cannot ask for confirmation there; pass --yes");
    requireTerminal(runtime, "apply", yes);
    const { input, request } = await readSetupRequest(file, runtime);
    const api = connect(values, runtime);
    const out = humanOutput(runtime, format);
    const name = request.name;

    const current = await api.interconnect(name);
    const existing = current && current.view.state !== "Deleted" ? current.view : null;
    if (existing) {
      const change = specChange(existing.spec, request);
      const running = existing.currentOperation ?? undefined;
      if (change.kind === "same" && running) {
        out.write(`${name} has this specification and its ${running.operation} is running (${running.instanceId}); following it.\n`);
        return followToEnd(api, runtime, { name, operation: running.operation, instanceId: running.instanceId }, options, format);
      }
      if (change.kind === "same" && SETTLED.has(existing.state)) {
        out.write(`No changes: ${name} is ${existing.state} with this specification.\n`);
        if (format === "json") runtime.stdout.write(`${JSON.stringify({ name, operation: null, instanceId: null, result: "unchanged", state: existing.state }, null, 2)}\n`);
        return EXIT.ok;
      }
      if (change.kind === "different") {
        throw new CliError(EXIT.conflict, `${name} exists (${existing.state}) with a different specification: ${change.paths.slice(0, 6).join(", ")}${change.paths.length > 6 ? ", ..." : ""}`, [
          `The bandwidth, or the topology (${topologyPaths().join(", ")}), changes in place, one at a time. To change anything else: interlink destroy ${name}, then apply again.`,
        ]);
      }
      if (change.kind === "topology") {
        const plan = await api.planChange(name, change.edit);
        out.write(`${formatChangePlanSummary(plan.view)}\n`);
        if (!yes && !(await confirm(runtime, `Do you want Interlink to change ${name}?`))) {
          out.write("Apply cancelled; nothing was started.\n");
          return EXIT.failed;
        }
        const body = { ...change.edit, ...(request.ticketId ? { ticketId: request.ticketId } : {}) };
        const started = await api.start("PATCH", `/interconnects/${encodeURIComponent(name)}`, body);
        const target = targetOf(started, name, "update");
        announce(runtime, format, started, target);
        return followToEnd(api, runtime, target, options, format);
      }
      if (change.kind === "bandwidth") {
        out.write(`Interlink will resize ${name} in place: both circuits from ${change.from} to ${change.to} Mbps.\n`);
        if (!yes && !(await confirm(runtime, `Do you want to resize ${name}?`))) {
          out.write("Apply cancelled; nothing was started.\n");
          return EXIT.failed;
        }
        const body = { bandwidthMbps: change.to, ...(request.ticketId ? { ticketId: request.ticketId } : {}) };
        const started = await api.start("PATCH", `/interconnects/${encodeURIComponent(name)}`, body);
        const target = targetOf(started, name, "resize");
        announce(runtime, format, started, target);
        return followToEnd(api, runtime, target, options, format);
      }
    }

    const plan = await api.plan(input);
    out.write(`${formatPlanSummary(plan.view)}\n`);
    if (!yes && !(await confirm(runtime, `Do you want Interlink to set up ${name}?`))) {
      out.write("Apply cancelled; nothing was started.\n");
      return EXIT.failed;
    }
    const started = await api.start("POST", "/interconnects", input);
    const target = targetOf(started, name, "setup");
    announce(runtime, format, started, target);
    return followToEnd(api, runtime, target, options, format);
  },
};
