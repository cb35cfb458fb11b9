import "./zod-messages";
import { z } from "zod";

/** Interconnect names become Azure and OCI resource names, so they are kept short and DNS-like. */
export const InterconnectName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/, "must be 3-40 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen");

export const TicketId = z
  .string()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9._:#-]+$/, "may contain only letters, digits and . _ : # -");

/** Azure subscription ids are GUIDs (any version, including the all-zero example). */
export const SubscriptionId = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "must be a subscription GUID such as 00000000-0000-0000-0000-000000000000");

export const ResourceGroupName = z
  .string()
  .regex(/^[-\w.()]{1,90}$/, "must be 1-90 letters, digits, underscores, hyphens, periods or parentheses")
  .refine((value) => !value.endsWith("."), "must not end with a period");

/** Azure resource names used here (VNet, NSG, ...): 1-80 chars, alphanumeric first, no trailing period or hyphen. */
export const AzureResourceName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,78}[A-Za-z0-9_]$|^[A-Za-z0-9]$/, "must be 1-80 letters, digits, underscores, periods or hyphens, starting with a letter or digit and ending with a letter, digit or underscore");

export const AzureRegion = z
  .string()
  .regex(/^[a-z][a-z0-9]+$/, "must be an Azure region name such as eastus (lowercase, no spaces)");

export const OciRegion = z
  .string()
  .regex(/^[a-z]{2}-[a-z]+-\d$/, "must be an OCI region identifier such as us-ashburn-1");

const OCID_SHAPE = /^ocid1\.([a-z0-9]+)\.([a-z0-9]+)\.([a-z0-9-]*)(\.[a-z0-9-]+)?\.([a-z0-9]+)$/;

export function ocidType(value: string): string | undefined {
  return OCID_SHAPE.exec(value)?.[1];
}

export function isOcid(value: string): boolean {
  return OCID_SHAPE.test(value);
}

/** An OCID of one of the given resource types, e.g. `ocid1.vcn.oc1.iad.aaaa`. */
export function Ocid(...types: [string, ...string[]]) {
  const expected = types.join(" or ");
  return z.string().superRefine((value, ctx) => {
    const type = ocidType(value);
    if (type === undefined) {
      ctx.addIssue({ code: "custom", message: `'${value}' is not an OCID (ocid1.<type>.<realm>.[region].<unique id>)` });
    } else if (!types.includes(type)) {
      ctx.addIssue({ code: "custom", message: `must be the OCID of a ${expected}, not of a ${type}` });
    }
  });
}
