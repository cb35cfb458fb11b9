import { type ChangePlanView, type PlanView } from "../api/schemas";
import { table } from "./format";

const COUNTED: Array<[string, string]> = [
  ["create", "to create"],
  ["create-if-missing", "to create if missing"],
  ["update", "to change"],
  ["reuse", "to reuse"],
];

/** The plan as `apply` shows it before asking: each step and what it touches, BGP, the totals and the warnings. */
export function formatPlanSummary(plan: PlanView): string {
  const lines = [`Interlink will set up ${plan.name}${plan.ticketId ? ` (ticket ${plan.ticketId})` : ""}:`, ""];
  for (const step of plan.setup) {
    lines.push(`  ${step.id}: ${step.title}${step.dependsOn.length > 0 ? ` (after ${step.dependsOn.join(", ")})` : ""}`);
    lines.push(...table(step.resources.map((resource) => [`      ${resource.action}`, resource.cloud, resource.kind, resource.name])));
  }
  const { primary, secondary } = plan.bgp;
  lines.push("", `  BGP primary ${primary.block}: Oracle ${primary.oracleBgpPeeringIp}, Azure ${primary.customerBgpPeeringIp}`);
  lines.push(`  BGP secondary ${secondary.block}: Oracle ${secondary.oracleBgpPeeringIp}, Azure ${secondary.customerBgpPeeringIp}`, "");
  const actions = plan.setup.flatMap((step) => step.resources.map((resource) => resource.action));
  const counts = COUNTED.map(([action, label]) => `${actions.filter((candidate) => candidate === action).length} ${label}`);
  lines.push(`Plan: ${counts.join(", ")}.`);
  if (plan.warnings.length > 0) lines.push("", "Warnings:", ...plan.warnings.map((warning) => `  - ${warning}`));
  return lines.join("\n");
}

/** A topology change as `apply` shows it before asking: what each step adds and removes, and what stays untouched. */
export function formatChangePlanSummary(plan: ChangePlanView): string {
  const lines = [`Interlink will change ${plan.name} in place:`, ""];
  for (const step of plan.steps.filter((candidate) => candidate.add.length + candidate.remove.length > 0)) {
    lines.push(`  ${step.id}: ${step.title}`);
    lines.push(...table([...step.add, ...step.remove].map((resource) => [`      ${resource.action}`, resource.cloud, resource.kind, resource.name])));
  }
  const [added, removed] = [plan.steps.flatMap((step) => step.add).length, plan.steps.flatMap((step) => step.remove).length];
  lines.push("", `Change: ${added} to add, ${removed} to remove.`);
  if (plan.unchanged.length > 0) lines.push(`Untouched: ${plan.unchanged.join(", ")}.`);
  if (plan.warnings.length > 0) lines.push("", "Warnings:", ...plan.warnings.map((warning) => `  - ${warning}`));
  return lines.join("\n");
}
