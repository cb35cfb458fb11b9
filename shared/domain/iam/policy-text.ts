import { type PolicySet } from "./policy-set";
import { type PolicyLintRequest } from "./lint-request";

const STATEMENT_START = /^(define|allow|endorse|admit)\b/i;

/**
 * Splits a policy file into statements: one per line, blank lines skipped, and a line that does not start
 * with Define/Allow/Endorse/Admit continues the statement above (the seed wraps `associate ... with ...`).
 */
export function splitPolicyText(text: string): string[] {
  const statements: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "") continue;
    const last = statements.length - 1;
    if (!STATEMENT_START.test(line) && last >= 0) statements[last] = `${statements[last] ?? ""} ${line}`;
    else statements.push(line);
  }
  return statements;
}

/** The lint request for a generated set, so a plan can show that its own policies lint clean. */
export function policySetToLintRequest(set: PolicySet): PolicyLintRequest {
  return {
    policies: set.policies.map((policy) => ({
      name: policy.name,
      tenancy: policy.tenancy,
      // A policy attached to its tenancy carries that tenancy's OCID, which lets the linter cross-check Define tenancy.
      ...(policy.attachTo.kind === "tenancy" && policy.attachTo.ocid !== undefined ? { tenancyOcid: policy.attachTo.ocid } : {}),
      attachedTo: { kind: policy.attachTo.kind },
      statements: [...policy.statements],
    })),
  };
}
