import { commandLine, CONNECTION_HELP, CONNECTION_OPTIONS, FOLLOW_HELP, FOLLOW_OPTIONS, FORMAT_OPTION, followOptionsOf, formatOf, requirePositionals } from "../../args";
import { type InterlinkApi } from "../../api/client";
import { VPN_LINKS } from "../../api/collections";
import { type CliCommand } from "../../command";
import { EXIT } from "../../exit-codes";
import { type OutputStream } from "../../io";
import { clientPackageOf } from "../../live/vpn-text";
import { announce, connect, followToEnd, humanOutput, targetOf } from "../shared";

const USAGE = `usage: interlink vpn client-package <name> [--ticket <id>] [--url <url>] [--key <key>] [--timeout <time>] [--format text|json]

Has Azure generate a new VPN client package for a point-to-site link (its download link expires about an hour after
it is made), follows the operation to its end and prints where the package is. The link's state is left as it was;
the package holds no private key (client certificates are issued separately).

options:
  --ticket <id>     your change ticket, carried on the operation's events
${CONNECTION_HELP}
${FOLLOW_HELP}
  --format <f>      text (default) or json: the outcome as JSON on stdout, progress on stderr`;

/** Where clients get their configuration, and where their certificates are issued, as the link's record says. */
export async function printClientPackage(api: InterlinkApi, name: string, out: OutputStream): Promise<void> {
  const read = await api.record(VPN_LINKS, name);
  const url = read ? clientPackageOf(read.view) : undefined;
  if (url) out.write(`VPN client package: ${url}\n  (Azure's download link expires about an hour after it was made: interlink vpn client-package ${name} makes a new one.)\n`);
  const certificates = read?.view.links.clientCertificates;
  if (certificates) out.write(`Client certificates: POST ${certificates}\n`);
}

export const clientPackage: CliCommand = {
  summary: "a new VPN client package for a point-to-site link, and where to download it",
  async run(args, runtime) {
    const parsed = commandLine(USAGE, args, { ...CONNECTION_OPTIONS, ...FOLLOW_OPTIONS, ...FORMAT_OPTION, ticket: { type: "string" } }, runtime.stdout);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    const [name = ""] = requirePositionals(USAGE, positionals, ["name"]);
    const format = formatOf(values.format, "text");
    const options = followOptionsOf(values);
    const api = connect(values, runtime);
    // Nothing is removed or replaced that a client relies on, so there is nothing to confirm.
    const started = await api.start("POST", `/vpn-links/${encodeURIComponent(name)}/client-package`, values.ticket !== undefined ? { ticketId: values.ticket } : undefined);
    const target = targetOf(started, VPN_LINKS, name, "client-package");
    announce(runtime, format, started, target);
    const code = await followToEnd(api, runtime, target, options, format);
    if (code === EXIT.ok) await printClientPackage(api, name, humanOutput(runtime, format));
    return code;
  },
};
