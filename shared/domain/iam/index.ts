import { parseWith, type Result } from "../problem";
import { generatePolicies } from "./generate";
import { lintPolicies } from "./lint";
import { PolicyLintRequest, type LintReport } from "./lint-request";
import { type PolicySet } from "./policy-set";
import { PolicyScenarioRequest } from "./scenario-request";

export * from "./scenario-request";
export * from "./policy-set";
export * from "./lint-request";
export * from "./vocabulary";
export { AliasName, POLICY_KEYWORDS } from "./names";
export { parseStatement, splitWords, DEFINE_ENTITIES } from "./statement";
export type { DefineEntity, DefineStatement, GrantStatement, Location, ParsedStatement, ResourceClause, StatementParse, Subject } from "./statement";
export { generatePolicies } from "./generate";
export { lintPolicies } from "./lint";
export { splitPolicyText, policySetToLintRequest } from "./policy-text";
export { formatPolicySetText, formatFindingsText } from "./format";

/** JSON in, JSON out for `POST /api/policies` and `interlink policies`: field errors instead of throwing. */
export function tryGeneratePolicies(input: unknown): Result<PolicySet> {
  const parsed = parseWith(PolicyScenarioRequest, input);
  return parsed.ok ? { ok: true, value: generatePolicies(parsed.value) } : parsed;
}

/** JSON in, JSON out for `POST /api/policies/lint` and `interlink lint-policy`. */
export function tryLintPolicies(input: unknown): Result<LintReport> {
  const parsed = parseWith(PolicyLintRequest, input);
  return parsed.ok ? { ok: true, value: lintPolicies(parsed.value) } : parsed;
}
