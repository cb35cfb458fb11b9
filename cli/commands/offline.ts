import { formatFindingsText, formatPolicySetText, tryGeneratePolicies, tryLintPolicies } from "../../shared/domain/iam";
import { type ProblemDetails, validationProblem } from "../../shared/domain/problem";
import { planSetup, validateSetup } from "../../shared/domain/dry-run";
import { commandLine, FORMAT_OPTION, formatOf, requirePositionals } from "../args";
import { type CliCommand } from "../command";
import { EXIT } from "../exit-codes";
import { parseJson, readText } from "./shared";
import { formatPlanText } from "../plan-text";

type CommandOutcome = { ok: true; value: unknown; text: () => string } | { ok: false; problem: ProblemDetails };

/** A command that needs no running Interlink: the same validation, planning and policy functions as the API. */
interface OfflineDefinition {
  summary: string;
  run(input: unknown): CommandOutcome;
}

const OFFLINE = {
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
} satisfies Record<string, OfflineDefinition>;

export function formatProblemText(problem: ProblemDetails): string {
  return [`${problem.title} (${problem.status})`, ...problem.errors.map((error) => `  ${error.path || "(input)"}: ${error.message}`)].join("\n");
}

/**
 * Reads JSON from a file or `-`, writes JSON (or text) to stdout: exit 0, or 2 with the problem document on stdout
 * when the input is refused.
 */
function offlineCommand(name: string, definition: OfflineDefinition): CliCommand {
  const usage = `usage: interlink ${name} <file|-> [--format json|text]`;
  return {
    summary: definition.summary,
    async run(args, runtime) {
      const parsed = commandLine(usage, args, FORMAT_OPTION, runtime.stdout);
      if (!parsed) return EXIT.ok;
      const { values, positionals } = parsed;
      const [file = "-"] = requirePositionals(usage, positionals, ["file|-"]);
      const format = formatOf(values.format, "json");
      const json = parseJson(await readText(file, runtime));
      const outcome: CommandOutcome = json.ok ? definition.run(json.value) : { ok: false, problem: validationProblem([{ path: "", message: `is not valid JSON: ${json.reason}` }], "The input is not JSON") };
      const print = (value: unknown, text: () => string) => runtime.stdout.write(`${format === "text" ? text() : JSON.stringify(value, null, 2)}\n`);
      if (outcome.ok) print(outcome.value, outcome.text);
      else print(outcome.problem, () => formatProblemText(outcome.problem));
      return outcome.ok ? EXIT.ok : EXIT.invalid;
    },
  };
}

export const OFFLINE_COMMANDS: Record<string, CliCommand> = Object.fromEntries(Object.entries(OFFLINE).map(([name, definition]) => [name, offlineCommand(name, definition)]));
