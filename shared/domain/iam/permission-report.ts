import { z } from "zod";

/** What the permission preflight and the policy apply answer; schemas so the HTTP API documents and checks them. */

export const MissingStatements = z.object({
  tenancyId: z.string().describe("The tenancy the statements belong in."),
  compartmentId: z.string().describe("Where the policy holding them is attached (the tenancy OCID for the root compartment)."),
  policyName: z.string().describe("The policy POST /api/policies/apply creates or completes with them."),
  purpose: z.string(),
  statements: z.array(z.string()).describe("The missing statements, with the Define statements they refer to."),
});
export type MissingStatements = z.infer<typeof MissingStatements>;

export const PlanProblem = z.object({ path: z.string(), message: z.string() });
export type PlanProblem = z.infer<typeof PlanProblem>;

export const PermissionReport = z.object({
  allowed: z.boolean().describe("true when every statement the plan needs is granted (or could not be read: see warnings) and nothing else stands in the way."),
  identity: z.object({ tenancyId: z.string(), userId: z.string(), groups: z.array(z.string()) }).optional().describe("Who Interlink acts as in its own tenancy."),
  checked: z.number().int().describe("How many statements were checked."),
  missing: z.array(MissingStatements),
  problems: z.array(PlanProblem).describe("What stops the plan besides policies: no credentials for a tenancy, a peered VCN not found, a region the tenancy is not subscribed to."),
  warnings: z.array(z.string()),
});
export type PermissionReport = z.infer<typeof PermissionReport>;

export const PolicyChange = z.object({
  tenancyId: z.string(),
  compartmentId: z.string(),
  policyName: z.string(),
  purpose: z.string(),
  action: z.enum(["create", "update", "unchanged"]),
  add: z.array(z.string()).describe("Statements to add (create: all of them)."),
  keep: z.number().int().describe("Statements already in the policy that stay, Interlink's or not: apply never removes a statement."),
});
export type PolicyChange = z.infer<typeof PolicyChange>;

export const PolicyPlan = z.object({
  applied: z.boolean().describe("false for /plan (nothing written), true once /apply wrote the changes."),
  changes: z.array(PolicyChange),
  problems: z.array(PlanProblem),
});
export type PolicyPlan = z.infer<typeof PolicyPlan>;

/** The missing statements as lines a person can act on. */
export function describeMissing(missing: readonly MissingStatements[]): string {
  return missing.map((entry) => `in tenancy ${entry.tenancyId}, policy ${entry.policyName} attached to ${entry.compartmentId === entry.tenancyId ? "the tenancy" : `compartment ${entry.compartmentId}`}: ${entry.statements.join(" | ")}`).join("; ");
}
