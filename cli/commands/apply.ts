import { CONNECTION_HELP, FOLLOW_HELP } from "../args";
import { type CliCommand } from "../command";
import { validateSetup } from "../../shared/domain/dry-run";
import { INTERCONNECTS } from "../api/collections";
import { EXIT } from "../exit-codes";
import { formatChangePlanSummary, formatPlanSummary } from "../live/plan-summary";
import { specChange, topologyPaths } from "../live/spec-change";
import { applyInvocation, confirmStartFollow, differentSpecification, followToEnd, writeUnchanged } from "./shared";

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
    const invocation = await applyInvocation(USAGE, args, runtime, "apply", validateSetup);
    if (!invocation) return EXIT.ok;
    const { input, request, yes, format, options, api, out } = invocation;
    const name = request.name;
    const context = { api, runtime, yes, options, format };
    const launch = { collection: INTERCONNECTS, name, declined: "Apply cancelled; nothing was started.", path: `/interconnects/${encodeURIComponent(name)}` };

    const current = await api.record(INTERCONNECTS, name);
    const existing = current && current.view.state !== "Deleted" ? current.view : null;
    if (existing) {
      const change = specChange(existing.spec, request);
      const running = existing.currentOperation ?? undefined;
      if (change.kind === "same" && running) {
        out.write(`${name} has this specification and its ${running.operation} is running (${running.instanceId}); following it.\n`);
        return followToEnd(api, runtime, { collection: INTERCONNECTS, name, operation: running.operation, instanceId: running.instanceId }, options, format);
      }
      if (change.kind === "same" && SETTLED.has(existing.state)) {
        out.write(`No changes: ${name} is ${existing.state} with this specification.\n`);
        writeUnchanged(runtime, format, name, existing.state);
        return EXIT.ok;
      }
      if (change.kind === "different") {
        throw differentSpecification(name, existing.state, change.paths, [
          `The bandwidth, or the topology (${topologyPaths().join(", ")}), changes in place, one at a time. To change anything else: interlink destroy ${name}, then apply again.`,
        ]);
      }
      const ticket = request.ticketId ? { ticketId: request.ticketId } : {};
      if (change.kind === "topology") {
        const plan = await api.planChange(name, change.edit);
        out.write(`${formatChangePlanSummary(plan.view)}\n`);
        return confirmStartFollow(context, { ...launch, operation: "update", question: `Do you want Interlink to change ${name}?`, method: "PATCH", body: { ...change.edit, ...ticket } });
      }
      if (change.kind === "bandwidth") {
        out.write(`Interlink will resize ${name} in place: both circuits from ${change.from} to ${change.to} Mbps.\n`);
        return confirmStartFollow(context, { ...launch, operation: "resize", question: `Do you want to resize ${name}?`, method: "PATCH", body: { bandwidthMbps: change.to, ...ticket } });
      }
    }

    const plan = await api.plan(input);
    out.write(`${formatPlanSummary(plan.view)}\n`);
    return confirmStartFollow(context, { ...launch, operation: "setup", question: `Do you want Interlink to set up ${name}?`, method: "POST", path: "/interconnects", body: input });
  },
};
