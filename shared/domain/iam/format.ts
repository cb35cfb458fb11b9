import { type LintFinding } from "./lint-request";
import { type PolicySet } from "./policy-set";

/** Plain-text renderings for the CLI's `--format text`; JSON stays the primary output. */

export function formatPolicySetText(set: PolicySet): string {
  const lines: string[] = [`Scenario: ${set.scenario}`];
  for (const policy of set.policies) {
    const target = policy.attachTo.kind === "tenancy" ? "the tenancy (root compartment)" : "a compartment";
    lines.push(
      "",
      `== ${policy.title} ==`,
      `Policy name: ${policy.name}`,
      `Tenancy: ${policy.tenancy}`,
      `Attach to: ${target}${policy.attachTo.ocid === undefined ? "" : ` ${policy.attachTo.ocid}`}`,
      `  ${policy.attachTo.reason}`,
      "Statements:",
      ...policy.statements.map((statement) => `  ${statement}`),
    );
  }
  if (set.notes.length > 0) lines.push("", "Notes:", ...set.notes.map((note) => `  - ${note}`));
  return `${lines.join("\n")}\n`;
}

export function formatFindingsText(findings: readonly LintFinding[]): string {
  if (findings.length === 0) return "No findings.\n";
  const lines = findings.map((finding) => {
    const policy = finding.policyName === undefined ? `policy ${finding.policy}` : `policy ${finding.policy} (${finding.policyName})`;
    return `${policy}, statement ${finding.statementIndex}: ${finding.severity} ${finding.code}: ${finding.message}`;
  });
  const errors = findings.filter((finding) => finding.severity === "error").length;
  const warnings = findings.length - errors;
  lines.push(`${plural(errors, "error")}, ${plural(warnings, "warning")}`);
  return `${lines.join("\n")}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
