import { z } from "zod";

/** Words the statement grammar gives a meaning to; an alias spelled like one would be misread. */
export const POLICY_KEYWORDS = [
  "define", "allow", "endorse", "admit", "as", "id", "of", "to", "in", "with", "where",
  "tenancy", "any-tenancy", "compartment", "group", "dynamic-group", "any-user", "any-group",
] as const;

const KEYWORDS = new Set<string>(POLICY_KEYWORDS);

/**
 * A Define alias or a group name as it appears in a statement. Statements are split on whitespace,
 * so the name is one token of letters, digits, `_` and `-`.
 */
export const AliasName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, "must be 1-100 letters, digits, underscores or hyphens")
  .refine((value) => !KEYWORDS.has(value.toLowerCase()), {
    message: `must not be a policy keyword (${POLICY_KEYWORDS.join(", ")})`,
  });
export type AliasName = z.infer<typeof AliasName>;
