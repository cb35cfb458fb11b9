import { z } from "zod";
import { Ocid } from "../identifiers";

/** Input and output of `lintPolicies`: one or both tenancies' policies, linted together. */

export const LintPolicy = z
  .object({
    name: z.string().min(1, "must not be empty").max(100, "must be at most 100 characters").optional().meta({ description: "The policy's name, shown in findings.", examples: ["Policy-R"] }),
    tenancy: z
      .string()
      .min(1, "must not be empty")
      .max(64, "must be at most 64 characters")
      .optional()
      .meta({
        description:
          "Which tenancy the policy lives in, as any label (requestor, acceptor, prod...). Policies with the same label are never paired as Endorse/Admit partners; unlabelled policies pair with any other.",
        examples: ["requestor"],
      }),
    tenancyOcid: Ocid("tenancy").optional().meta({
      description: "The tenancy's OCID, when known: Endorse/Admit pairs are then also checked against the Define statements' tenancy OCIDs.",
      examples: ["ocid1.tenancy.oc1..aaaa"],
    }),
    attachedTo: z
      .object({
        kind: z.enum(["tenancy", "compartment"]).describe("Attached to the tenancy (root compartment) or to a compartment; cross-tenancy statements only work at the root."),
        ocid: Ocid("tenancy", "compartment").optional().meta({ description: "The tenancy or compartment OCID.", examples: ["ocid1.compartment.oc1..dddd"] }),
      })
      .strict()
      .describe("Where the policy is (or will be) attached."),
    statements: z
      .array(z.string().max(4000, "must be at most 4000 characters"))
      .min(1, "must list at least one statement")
      .max(100, "must list at most 100 statements")
      .meta({ description: "The policy's statements, one per item (1-100, each at most 4000 characters).", examples: [["Allow group NetworkAdmins to manage virtual-network-family in tenancy"]] }),
  })
  .strict()
  .describe("One OCI IAM policy to lint.");
export type LintPolicy = z.infer<typeof LintPolicy>;

export const PolicyLintRequest = z
  .object({ policies: z.array(LintPolicy).min(1, "must list at least one policy").max(20, "must list at most 20 policies").describe("The policies of one or both tenancies, linted together (1-20).") })
  .strict()
  .describe("POST /api/policies/lint: statements to check for syntax, unknown words, missing Define/Endorse/Admit partners and misplaced cross-tenancy statements.");
export type PolicyLintRequest = z.infer<typeof PolicyLintRequest>;
export type PolicyLintRequestInput = z.input<typeof PolicyLintRequest>;

export const LINT_CODES = [
  "unparseable-statement",
  "unfilled-placeholder",
  "define-not-first",
  "alias-undefined",
  "alias-redefined",
  "alias-unused",
  "malformed-ocid",
  "unknown-verb",
  "unknown-resource-type",
  "endorse-target-missing",
  "endorse-without-admit",
  "admit-without-endorse",
  "cross-tenancy-below-root",
  "tenancy-scope-below-root",
] as const;
export const LintCode = z.enum(LINT_CODES);
export type LintCode = z.infer<typeof LintCode>;

export const LintSeverity = z.enum(["error", "warning"]);
export type LintSeverity = z.infer<typeof LintSeverity>;

export const LintFinding = z.object({
  /** Index into the request's `policies`. */
  policy: z.number().int(),
  policyName: z.string().optional(),
  /** Index into that policy's `statements`. */
  statementIndex: z.number().int(),
  code: LintCode,
  severity: LintSeverity,
  message: z.string(),
});
export type LintFinding = z.infer<typeof LintFinding>;

export const LintReport = z.object({
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  /** Ordered by policy, then statement. */
  findings: z.array(LintFinding),
});
export type LintReport = z.infer<typeof LintReport>;
