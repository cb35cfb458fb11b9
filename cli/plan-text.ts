import { type InterconnectPlan } from "../shared/domain/dry-run";
import { type PlannedResource } from "../shared/domain/plan";
import { formatPolicySetText } from "../shared/domain/iam";
import { formatSecurityPlanText } from "../shared/domain/security";

function resourceLine(resource: PlannedResource): string {
  return `      ${resource.action.padEnd(17)} ${resource.cloud.padEnd(5)} ${resource.kind} ${resource.name}`;
}

/** A readable view of a plan for `--format text`. */
export function formatPlanText(plan: InterconnectPlan): string {
  const lines = [`Plan for interconnect ${plan.name}${plan.ticketId ? ` (ticket ${plan.ticketId})` : ""}`, ""];
  lines.push("BGP", `  primary   ${plan.bgp.primary.block}: Oracle ${plan.bgp.primary.oracleBgpPeeringIp}, Azure ${plan.bgp.primary.customerBgpPeeringIp}`);
  lines.push(`  secondary ${plan.bgp.secondary.block}: Oracle ${plan.bgp.secondary.oracleBgpPeeringIp}, Azure ${plan.bgp.secondary.customerBgpPeeringIp}`, "");
  for (const [heading, steps] of [
    ["Setup", plan.setup],
    ["Teardown", plan.teardown],
  ] as const) {
    lines.push(heading);
    for (const step of steps) {
      const after = step.dependsOn.length > 0 ? ` (after ${step.dependsOn.join(", ")})` : "";
      lines.push(`  ${step.id}: ${step.title}${after}`);
      lines.push(...step.resources.map(resourceLine));
    }
    lines.push("");
  }
  lines.push("Security rules", formatSecurityPlanText(plan.securityRules), "");
  lines.push("IAM policies", formatPolicySetText(plan.iamPolicies), "");
  if (plan.warnings.length > 0) lines.push("Warnings", ...plan.warnings.map((warning) => `  - ${warning}`));
  return lines.join("\n");
}
