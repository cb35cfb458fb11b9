import { validateSetup } from "../../shared/domain/dry-run";
import { PermissionReport, PolicyPlan } from "../../shared/domain/iam/permission-report";
import { commandLine, CONNECTION_HELP, CONNECTION_OPTIONS, FORMAT_OPTION, formatOf, requirePositionals } from "../args";
import { type CliCommand } from "../command";
import { EXIT } from "../exit-codes";
import { connect, readRequest } from "./shared";

const USAGE = `usage: interlink check-permissions <request.json|-> [--plan | --apply] [--format text|json] [--url <url>] [--key <key>]

Asks a running Interlink whether its OCI identity may do everything the setup request needs, reading the IAM
policies of every tenancy involved (Interlink's own, and those of peered VCNs with their keys in
OCI_TENANCY_CREDENTIALS). Nothing is written unless --apply. Exit 0 when everything is granted, 1 when statements
are missing (each is printed with the tenancy and compartment it belongs in) or something else stands in the way.

options:
  --plan            show the policies POST /api/policies/apply would create or complete, and write nothing
  --apply           create or complete those policies (idempotent by name; never removes a statement), then check
${CONNECTION_HELP}
  --format <f>      text (default) or json (the report as Interlink sends it)`;

function reportText(report: PermissionReport): string {
  const lines = [report.allowed ? `granted: ${report.checked} statement(s) checked` : "NOT granted"];
  if (report.identity) lines.push(`identity: ${report.identity.userId} (tenancy ${report.identity.tenancyId}; groups ${report.identity.groups.join(", ") || "none"})`);
  for (const problem of report.problems) lines.push(`problem: ${problem.path}: ${problem.message}`);
  for (const missing of report.missing) {
    lines.push(`missing in tenancy ${missing.tenancyId}, policy ${missing.policyName} (attach to ${missing.compartmentId === missing.tenancyId ? "the tenancy" : `compartment ${missing.compartmentId}`}): ${missing.purpose}`);
    for (const statement of missing.statements) lines.push(`  ${statement}`);
  }
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  return lines.join("\n");
}

function planText(plan: PolicyPlan): string {
  const lines = plan.changes.map((change) => `${change.action.padEnd(9)} ${change.policyName} in tenancy ${change.tenancyId}${change.add.length > 0 ? `: +${change.add.length} statement(s)` : ""}`);
  for (const change of plan.changes) for (const statement of change.add) lines.push(`  + [${change.policyName}] ${statement}`);
  for (const problem of plan.problems) lines.push(`problem: ${problem.path}: ${problem.message}`);
  return [plan.applied ? "applied:" : "would change:", ...lines].join("\n");
}

export const checkPermissions: CliCommand = {
  summary: "may Interlink's OCI identity do what a setup request needs? (--plan/--apply: its IAM policies)",
  async run(args, runtime) {
    const parsed = commandLine(USAGE, args, { ...CONNECTION_OPTIONS, ...FORMAT_OPTION, plan: { type: "boolean" }, apply: { type: "boolean" } }, runtime.stdout);
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    const [file = "-"] = requirePositionals(USAGE, positionals, ["request"]);
    const format = formatOf(values.format, "text");
    const { input } = await readRequest(file, runtime, validateSetup);
    const api = connect(values, runtime);
    if (values.plan === true || values.apply === true) {
      const plan = await api.policies(values.apply === true ? "apply" : "plan", input, PolicyPlan);
      runtime.stdout.write(`${format === "json" ? JSON.stringify(plan.document, null, 2) : planText(plan.view)}\n`);
      if (values.apply !== true) return plan.view.problems.length === 0 ? EXIT.ok : EXIT.failed;
    }
    const report = await api.policies("check", input, PermissionReport);
    runtime.stdout.write(`${format === "json" ? JSON.stringify(report.document, null, 2) : reportText(report.view)}\n`);
    return report.view.allowed ? EXIT.ok : EXIT.failed;
  },
};
