import { createInterface } from "node:readline";
import { CliError } from "../errors";
import { EXIT } from "../exit-codes";
import { type Runtime } from "../io";

/** Refuses up front, before anything is read or sent, when a prompt would be needed and nobody can answer it. */
export function requireTerminal(runtime: Runtime, command: string, yes: boolean): void {
  if (yes || runtime.stdin.isTTY) return;
  throw new CliError(EXIT.invalid, `standard input is not a terminal, so interlink ${command} cannot ask for confirmation; pass --yes to ${command} without asking`);
}

/** Asks on the terminal; only `yes` approves (as Terraform does). End of input or Ctrl-C is a no. */
export async function confirm(runtime: Runtime, question: string): Promise<boolean> {
  runtime.stdout.write(`\n${question}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `);
  const lines = createInterface({ input: runtime.stdin, terminal: false });
  try {
    const answer = await new Promise<string | null>((resolve) => {
      lines.once("line", (line) => resolve(line));
      lines.once("close", () => resolve(null));
      lines.once("SIGINT", () => resolve(null));
      runtime.signal?.addEventListener("abort", () => resolve(null), { once: true });
    });
    runtime.stdout.write("\n");
    return answer?.trim() === "yes";
  } finally {
    lines.close();
  }
}
