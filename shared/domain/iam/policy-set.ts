import { z } from "zod";
import { POLICY_SCENARIOS } from "./scenario-request";

/** Output of `generatePolicies`; a schema too, so the HTTP API can document and check its responses. */

export const PolicySide = z.enum(["requestor", "acceptor", "single"]);
export type PolicySide = z.infer<typeof PolicySide>;

export const PolicyTenancy = z.enum(["requestor", "acceptor", "same"]);
export type PolicyTenancy = z.infer<typeof PolicyTenancy>;

export const PolicyAttachment = z.object({
  kind: z.enum(["tenancy", "compartment"]),
  /** The tenancy or compartment OCID, when the request gave it. */
  ocid: z.string().optional(),
  reason: z.string(),
});
export type PolicyAttachment = z.infer<typeof PolicyAttachment>;

export const GeneratedPolicy = z.object({
  side: PolicySide,
  title: z.string(),
  /** A suggested OCI policy name (letters, digits, hyphens). */
  name: z.string(),
  tenancy: PolicyTenancy,
  attachTo: PolicyAttachment,
  /** Define statements first, then the seed's statements in the seed's order and wording. */
  statements: z.array(z.string()),
});
export type GeneratedPolicy = z.infer<typeof GeneratedPolicy>;

export const PolicySet = z.object({
  scenario: z.enum(POLICY_SCENARIOS),
  policies: z.array(GeneratedPolicy),
  notes: z.array(z.string()),
});
export type PolicySet = z.infer<typeof PolicySet>;
