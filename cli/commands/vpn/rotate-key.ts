import { VpnLinkRequest } from "../../../shared/domain/vpn-link";
import { VPN_ROTATE_STEPS } from "../../../shared/domain/vpn-link-record";
import { commandLine, CONNECTION_HELP, CONNECTION_OPTIONS, FOLLOW_HELP, FOLLOW_OPTIONS, FORMAT_OPTION, followOptionsOf, formatOf, requirePositionals } from "../../args";
import { VPN_LINKS } from "../../api/collections";
import { type CliCommand } from "../../command";
import { CliError } from "../../errors";
import { EXIT } from "../../exit-codes";
import { requireTerminal } from "../../live/confirm";
import { confirmStartFollow, connect, followToEnd, humanOutput } from "../shared";

const USAGE = `usage: interlink vpn rotate-key <name> [--yes] [--ticket <id>] [--url <url>] [--key <key>] [--timeout <time>] [--format text|json]

Gives each tunnel of an azure-oci VPN link a new pre-shared key, one tunnel at a time so the other carries the
traffic: shows the steps, asks you to confirm, starts the rotation and follows it until it ends (exit 0, or 1 with
the failed step and the cloud's code and message). The keys are made and kept by the clouds; neither Interlink nor
this command ever shows one. Point-to-site links have no shared key (clients use certificates), and a VNet-to-VNet
link's one tunnel would be down while its key changed: both are refused (exit 7).

options:
  --yes, -y         do not ask (needed when standard input is not a terminal)
  --ticket <id>     your change ticket, carried on the rotation's events
${CONNECTION_HELP}
${FOLLOW_HELP}
  --format <f>      text (default) or json: the outcome as JSON on stdout, progress on stderr`;

export const rotateKey: CliCommand = {
  summary: "new pre-shared keys on an azure-oci link's tunnels, one at a time, following it to its end",
  async run(args, runtime) {
    const parsed = commandLine(USAGE, args, { ...CONNECTION_OPTIONS, ...FOLLOW_OPTIONS, ...FORMAT_OPTION, yes: { type: "boolean", short: "y" }, ticket: { type: "string" } }, runtime.stdout);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    const [name = ""] = requirePositionals(USAGE, positionals, ["name"]);
    const format = formatOf(values.format, "text");
    const options = followOptionsOf(values);
    const yes = values.yes === true;
    requireTerminal(runtime, "vpn rotate-key", yes);
    const api = connect(values, runtime);
    const out = humanOutput(runtime, format);

    const current = await api.record(VPN_LINKS, name);
    if (!current) throw new CliError(EXIT.notFound, `no VPN link named ${name}`);
    const view = current.view;
    const running = view.currentOperation ?? undefined;
    if (running?.operation === "rotate-key") {
      out.write(`A key rotation of ${name} is already running (${running.instanceId}); following it.\n`);
      return followToEnd(api, runtime, { collection: VPN_LINKS, name, operation: "rotate-key", instanceId: running.instanceId }, options, format);
    }
    // Said before the prompt rather than after it; Interlink refuses these all the same.
    const type = VpnLinkRequest.safeParse(view.spec).data?.type;
    if (type === "point-to-site") throw new CliError(EXIT.conflict, `${name} is a point-to-site link: it has no shared key (clients use certificates)`);
    if (type === "vnet-to-vnet") throw new CliError(EXIT.conflict, `${name} is a VNet-to-VNet link: its one tunnel would be down while its key changed, so keys are rotated on azure-oci links only`);

    out.write(
      [`Interlink will give ${name} (${view.state}) new pre-shared keys, one tunnel at a time:`, ...VPN_ROTATE_STEPS.map((step) => `  ${step.id}: ${step.title}`), "The new keys stay with the clouds; none is shown."].join("\n") + "\n",
    );
    return confirmStartFollow(
      { api, runtime, yes, options, format },
      {
        collection: VPN_LINKS,
        name,
        operation: "rotate-key",
        question: `Do you want Interlink to rotate the keys of ${name}?`,
        declined: "Rotation cancelled; nothing was started.",
        method: "POST",
        path: `/vpn-links/${encodeURIComponent(name)}/rotate-key`,
        ...(values.ticket !== undefined ? { body: { ticketId: values.ticket } } : {}),
      },
    );
  },
};
