import { type Runtime } from "./io";

/** One `interlink <command>`: parses its own arguments and returns the exit status (throws CliError to refuse). */
export interface CliCommand {
  summary: string;
  /** How errors name the command, when not by its name alone (`vpn apply`). */
  label?(args: string[]): string;
  run(args: string[], runtime: Runtime): Promise<number>;
}
