import { CronExpressionParser } from "cron-parser";
import { z } from "zod";
import "../domain/zod-messages";

const loopbackUrl = (value: string) => {
  try {
    const host = new URL(value).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
  } catch {
    return false;
  }
};

const Url = z.string().refine((value) => URL.canParse(value), "must be an absolute URL such as https://127.0.0.1:8443");
const PositiveNumber = z.coerce.number().positive("must be a positive number");

/**
 * App settings (environment / local.settings.json Values), parsed once at start-up. One schema, one type.
 * In `emulator` mode every endpoint must be loopback: the offline stack never reaches a real cloud.
 */
export const Settings = z
  .object({
    CLOUD_MODE: z.enum(["emulator", "live"]).default("emulator"),
    AZURE_ARM_ENDPOINT: Url.optional(),
    AZURE_ARM_CA_FILE: z.string().min(1).optional(),
    OCI_ENDPOINT: Url.optional(),
    OCI_REGION: z.string().regex(/^[a-z]{2}-[a-z]+-\d$/, "must be an OCI region such as us-ashburn-1").optional(),
    OCI_AUTH: z.enum(["api_key", "instance_principal", "resource_principal"]).default("api_key"),
    OCI_CONFIG_FILE: z.string().min(1).optional(),
    OCI_PROFILE: z.string().min(1).default("DEFAULT"),
    OCI_TENANCY_OCID: z.string().startsWith("ocid1.tenancy.", "must be a tenancy OCID").optional(),
    OCI_USER_OCID: z.string().startsWith("ocid1.user.", "must be a user OCID").optional(),
    OCI_FINGERPRINT: z.string().regex(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/, "must be an MD5 key fingerprint such as 12:34:...:ef").optional(),
    /** PEM text or a path to the PEM file. A secret: never printed. */
    OCI_PRIVATE_KEY: z.string().min(1).optional(),
    AzureWebJobsStorage: z.string().min(1, "must be a storage connection string (UseDevelopmentStorage=true for Azurite)").default("UseDevelopmentStorage=true"),
    HEALTH_CHECK_SCHEDULE: z
      .string()
      .default("0 */5 * * * *")
      .refine((value) => {
        if (value.trim().split(/\s+/).length !== 6) return false;
        try {
          CronExpressionParser.parse(value);
          return true;
        } catch {
          return false;
        }
      }, "must be a 6-field NCRONTAB expression such as 0 */5 * * * * (second minute hour day month weekday)"),
    HEALTH_CHECK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    HEALTH_CHECK_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(1000),
    /** Every interconnect gets a deep check (learned routes, the OCI NSG's rules) at least this often: `90m`, `1h`, `3600s`. */
    HEALTH_DEEP_CHECK_INTERVAL: z
      .string()
      .default("1h")
      .transform((value, ctx) => {
        const match = /^\s*(\d+)\s*(s|m|h)\s*$/.exec(value);
        const ms = match ? Number(match[1]) * { s: 1_000, m: 60_000, h: 3_600_000 }[match[2] as "s" | "m" | "h"] : NaN;
        if (!(ms >= 60_000)) {
          ctx.addIssue({ code: "custom", message: "must be a duration of at least one minute such as 90m, 1h or 3600s" });
          return z.NEVER;
        }
        return ms;
      }),
    AZURE_MAX_REQUESTS_PER_SECOND: PositiveNumber.default(20),
    OCI_MAX_REQUESTS_PER_SECOND: PositiveNumber.default(20),
    ALERT_WEBHOOK_URL: Url.optional(),
    /** Read routes need a function key like the others; `anonymous` opens them on a trusted network only. */
    INTERLINK_READ_AUTH: z.enum(["function", "anonymous"]).default("function"),
  })
  .superRefine((settings, ctx) => {
    if (settings.CLOUD_MODE === "emulator") {
      for (const key of ["AZURE_ARM_ENDPOINT", "OCI_ENDPOINT", "ALERT_WEBHOOK_URL"] as const) {
        const value = settings[key];
        if (value && !loopbackUrl(value)) ctx.addIssue({ code: "custom", path: [key], message: "must be a loopback URL (127.0.0.1 or localhost) when CLOUD_MODE=emulator" });
      }
    }
    if (settings.OCI_AUTH === "api_key" && !settings.OCI_CONFIG_FILE) {
      const direct = ["OCI_TENANCY_OCID", "OCI_USER_OCID", "OCI_FINGERPRINT", "OCI_PRIVATE_KEY"] as const;
      const missing = direct.filter((key) => !settings[key]);
      if (missing.length > 0 && missing.length < direct.length) {
        ctx.addIssue({ code: "custom", path: [missing[0] ?? ""], message: `is required with the other OCI_* key settings (missing: ${missing.join(", ")}); or set OCI_CONFIG_FILE instead` });
      }
      if (missing.length === direct.length && settings.CLOUD_MODE === "live") {
        ctx.addIssue({ code: "custom", path: ["OCI_CONFIG_FILE"], message: "is required in live mode unless OCI_TENANCY_OCID, OCI_USER_OCID, OCI_FINGERPRINT and OCI_PRIVATE_KEY are set, or OCI_AUTH is a principal" });
      }
    }
  });
export type Settings = z.infer<typeof Settings>;

export class SettingsError extends Error {
  override readonly name = "SettingsError";
}

/** Parses the environment; a bad setting becomes one line naming the setting and the rule. */
export function parseSettings(environment: NodeJS.ProcessEnv): Settings {
  const known = Object.fromEntries(Object.keys(Settings.shape ?? {}).map((key) => [key, environment[key] === "" ? undefined : environment[key]]));
  const parsed = Settings.safeParse(known);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new SettingsError(`invalid setting ${String(issue?.path[0] ?? "?")}: ${issue?.message ?? "invalid"}`);
}

let cached: Settings | undefined;

/** The process's settings, parsed on first use. */
export function settings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}

/** For diagnostics: every setting with secrets masked. */
export function redactedSettings(value: Settings): Record<string, unknown> {
  return { ...value, OCI_PRIVATE_KEY: value.OCI_PRIVATE_KEY ? "[redacted]" : undefined, AzureWebJobsStorage: value.AzureWebJobsStorage.replace(/AccountKey=[^;]+/i, "AccountKey=[redacted]") };
}
