import { z } from "zod";

/** One tenancy's API key in OCI_TENANCY_CREDENTIALS (a secret: values are never repeated in a message). */
export const TenancyCredential = z
  .object({
    tenancy: z.string().startsWith("ocid1.tenancy.", "must be a tenancy OCID"),
    user: z.string().startsWith("ocid1.user.", "must be a user OCID"),
    fingerprint: z.string().regex(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/, "must be an MD5 key fingerprint"),
    /** PEM text or a path to the PEM file. */
    privateKey: z.string().min(1, "must be the PEM key or the path of its file"),
    /** Where Identity writes go (OCI: the home region); default OCI_REGION. */
    homeRegion: z.string().regex(/^[a-z]{2}-[a-z]+-\d$/, "must be an OCI region identifier such as us-ashburn-1").optional(),
  })
  .strict();
export type TenancyCredential = z.infer<typeof TenancyCredential>;

export const TenancyCredentials = z.array(TenancyCredential);

/** What is wrong with the JSON text of the setting (not a file path: that is read when first used), or undefined. */
export function tenancyCredentialsProblem(text: string): string | undefined {
  if (!text.trim().startsWith("[")) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "must be a JSON array of {tenancy, user, fingerprint, privateKey, homeRegion?} or the path of a file holding one";
  }
  const parsed = TenancyCredentials.safeParse(json);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  return `[${issue?.path.join(".") ?? "?"}] ${issue?.message ?? "is not valid"}`;
}
