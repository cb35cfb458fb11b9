import { type ProblemDetails } from "../shared/domain/problem";
import { planSetup, validateSetup } from "../shared/domain/dry-run";
import { formatPlanText } from "./plan-text";

export type CommandOutcome = { ok: true; value: unknown; text: () => string } | { ok: false; problem: ProblemDetails };

export interface Command {
  summary: string;
  run(input: unknown): CommandOutcome;
}

export const COMMANDS = {
  validate: {
    summary: "check a setup request; prints the normalised request",
    run(input) {
      const result = validateSetup(input);
      return result.ok ? { ok: true, value: result.value, text: () => `valid: ${result.value.name}` } : result;
    },
  },
  plan: {
    summary: "dry run: steps, resources, rules, IAM policies and warnings of a setup request",
    run(input) {
      const result = planSetup(input);
      return result.ok ? { ok: true, value: result.value, text: () => formatPlanText(result.value) } : result;
    },
  },
} satisfies Record<string, Command>;

export type CommandName = keyof typeof COMMANDS;
