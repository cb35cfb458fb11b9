import { type CliCommand } from "../../command";
import { CliError } from "../../errors";
import { EXIT } from "../../exit-codes";
import { VPN_CLI } from "../../resources/vpn-links";
import { destroyCommand } from "../destroy";
import { healthCommand } from "../health";
import { statusCommand } from "../status";
import { watchCommand } from "../watch";
import { vpnApply } from "./apply";
import { clientPackage } from "./client-package";
import { rotateKey } from "./rotate-key";

/** `interlink vpn <command>`: VPN links with the interconnects' workflow (and the same follow, prompts and exit statuses). */
const VPN_COMMANDS: Record<string, CliCommand> = {
  apply: vpnApply,
  status: statusCommand(VPN_CLI),
  watch: watchCommand(VPN_CLI),
  destroy: destroyCommand(VPN_CLI),
  "rotate-key": rotateKey,
  health: healthCommand(VPN_CLI),
  "client-package": clientPackage,
};

const USAGE = `usage: interlink vpn <command> [arguments] [options]   (interlink vpn <command> --help for its options)

VPN links (POST /api/vpn-links): site-to-site IPSec between an Azure VNet and an OCI VCN (azure-oci), two Azure
VNets (vnet-to-vnet), or VPN clients to a VNet (point-to-site). The same workflow, prompts and exit statuses as the
interconnect commands.

commands:
${Object.entries(VPN_COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(14)} ${command.summary}`)
  .join("\n")}`;

export const vpn: CliCommand = {
  summary: "VPN links: apply, status, watch, destroy, rotate-key, health, client-package (interlink vpn --help)",
  label: ([name]) => (name !== undefined && Object.hasOwn(VPN_COMMANDS, name) ? `vpn ${name}` : "vpn"),
  async run(args, runtime) {
    const [name, ...rest] = args;
    if (name === "--help" || name === "-h" || name === "help") {
      runtime.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    const command = name !== undefined && Object.hasOwn(VPN_COMMANDS, name) ? VPN_COMMANDS[name] : undefined;
    if (!command) throw new CliError(EXIT.invalid, name === undefined ? "missing <command>" : `unknown command vpn ${name}`, [USAGE]);
    return command.run(rest, runtime);
  },
};
