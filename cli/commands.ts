import { formatFindingsText, formatPolicySetText, tryGeneratePolicies, tryLintPolicies } from "../shared/domain/iam";
import { type ProblemDetails, validationProblem } from "../shared/domain/problem";
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
  policies: {
    summary: "OCI IAM statements for a peering or interconnect scenario, and where to attach them",
    run(input) {
      const result = tryGeneratePolicies(input);
      return result.ok ? { ok: true, value: result.value, text: () => formatPolicySetText(result.value) } : { ok: false, problem: validationProblem(result.errors, "The policy scenario is not valid") };
    },
  },
  "lint-policy": {
    summary: "findings for a set of IAM statements (one or both tenancies); exit 2 when any is an error",
    run(input) {
      const result = tryLintPolicies(input);
      if (!result.ok) return { ok: false, problem: validationProblem(result.errors, "The lint request is not valid") };
      const report = result.value;
      if (report.errorCount === 0) return { ok: true, value: report, text: () => formatFindingsText(report.findings) };
      const errors = report.findings
        .filter((finding) => finding.severity === "error")
        .map((finding) => ({ path: `policies[${finding.policy}].statements[${finding.statementIndex}]`, message: `${finding.code}: ${finding.message}` }));
      return { ok: false, problem: { ...validationProblem(errors, "The policies have errors", 422), report } };
    },
  },
} satisfies Record<string, Command>;

export type CommandName = keyof typeof COMMANDS;
