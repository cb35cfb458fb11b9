import { type SecurityFinding, type SecurityRulePlan } from "./types";

export function formatSecurityPlanText(plan: SecurityRulePlan): string {
  const lines = ["Azure NSG rules"];
  for (const rule of plan.azure) {
    lines.push(`  ${String(rule.priority).padStart(4)} ${rule.direction.padEnd(8)} ${rule.access.padEnd(5)} ${rule.protocol.padEnd(4)} ${rule.sourceAddressPrefixes.join(",")} -> ${rule.destinationAddressPrefixes.join(",")}:${rule.destinationPortRange}  ${rule.name}`);
  }
  lines.push("OCI rules");
  for (const rule of plan.oci) lines.push(`  ${rule.direction.padEnd(7)} ${rule.isStateless ? "stateless" : "stateful "} ${rule.description ?? ""}`);
  for (const note of plan.notes) lines.push(`  note: ${note}`);
  return lines.join("\n");
}

export function formatFindingText(finding: SecurityFinding): string {
  return `${finding.severity} ${finding.code} ${finding.resourceName}: ${finding.rule}: ${finding.message}`;
}
