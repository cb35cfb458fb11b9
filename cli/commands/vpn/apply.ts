import { validationProblem, parseWith } from "../../../shared/domain/problem";
import { type Outcome } from "../../../shared/domain/dry-run";
import { VpnLinkRequest } from "../../../shared/domain/vpn-link";
import { CONNECTION_HELP, FOLLOW_HELP } from "../../args";
import { VPN_LINKS } from "../../api/collections";
import { type CliCommand } from "../../command";
import { EXIT } from "../../exit-codes";
import { changedPaths } from "../../live/spec-change";
import { formatVpnPlan } from "../../live/vpn-text";
import { applyInvocation, confirmStartFollow, differentSpecification, followToEnd, writeUnchanged } from "../shared";
import { printClientPackage } from "./client-package";

const USAGE = `usage: interlink vpn apply <request.json|-> [--yes] [--url <url>] [--key <key>] [--timeout <time>] [--format text|json]

Validates the VPN link request here (type azure-oci, vnet-to-vnet or point-to-site), asks Interlink for the plan and
prints it, asks you to confirm, starts the setup and follows it until the link is Active (exit 0) or the setup failed
(exit 1, with the failed step and the cloud's code and message). A link that already has this specification is left
as it is; one with a different specification is refused (exit 7, naming the fields): a VPN link changes only by
destroy and apply again (its keys: interlink vpn rotate-key). For a point-to-site link, where its VPN client package
can be downloaded is printed at the end (interlink vpn client-package makes a new one).

options:
  --yes, -y         do not ask (needed when standard input is not a terminal, or is the request)
${CONNECTION_HELP}
${FOLLOW_HELP}
  --format <f>      text (default) or json: the outcome as JSON on stdout, progress on stderr`;

const SETTLED = new Set(["Active", "Degraded"]);
/** States after which the name may be set up anew with any specification. */
const GONE = new Set(["Deleted", "RolledBack"]);

/** The request as POST /api/vpn-links validates it: the same schema and title. */
export function validateVpnLink(input: unknown): Outcome<VpnLinkRequest> {
  const parsed = parseWith(VpnLinkRequest, input);
  return parsed.ok ? parsed : { ok: false, problem: validationProblem(parsed.errors, "The VPN link request is not valid") };
}

export const vpnApply: CliCommand = {
  summary: "plan, confirm and set up a VPN link, following it until it is Active",
  async run(args, runtime) {
    const invocation = await applyInvocation(USAGE, args, runtime, "vpn apply", validateVpnLink);
    if (!invocation) return EXIT.ok;
    const { input, request, yes, format, options, api, out } = invocation;
    const name = request.name;

    const current = await api.record(VPN_LINKS, name);
    const existing = current && !GONE.has(current.view.state) ? current.view : null;
    const stored = existing ? VpnLinkRequest.safeParse(existing.spec) : undefined;
    // A stored spec this CLI cannot read (a newer server) is left to Interlink to compare.
    if (existing && stored?.success) {
      const paths = changedPaths(stored.data, request);
      const running = existing.currentOperation ?? undefined;
      if (paths.length > 0) {
        throw differentSpecification(name, existing.state, paths, [`A VPN link is not changed in place (its keys aside: interlink vpn rotate-key ${name}). To change it: interlink vpn destroy ${name}, then apply again.`]);
      }
      if (running) {
        out.write(`${name} has this specification and its ${running.operation} is running (${running.instanceId}); following it.\n`);
        return followToEnd(api, runtime, { collection: VPN_LINKS, name, operation: running.operation, instanceId: running.instanceId }, options, format);
      }
      if (SETTLED.has(existing.state)) {
        out.write(`No changes: ${name} is ${existing.state} with this specification.\n`);
        writeUnchanged(runtime, format, name, existing.state);
        return EXIT.ok;
      }
    }

    const plan = await api.planVpn(input);
    out.write(`${formatVpnPlan(plan.view)}\n`);
    const code = await confirmStartFollow(
      { api, runtime, yes, options, format },
      { collection: VPN_LINKS, name, operation: "setup", question: `Do you want Interlink to set up ${name}?`, declined: "Apply cancelled; nothing was started.", method: "POST", path: "/vpn-links", body: input },
    );
    if (code === EXIT.ok && request.type === "point-to-site") await printClientPackage(api, name, out);
    return code;
  },
};
