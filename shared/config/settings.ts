import { CronExpressionParser } from "cron-parser";
import { z } from "zod";
import "../domain/zod-messages";
import { isLoopbackUrl, settingsError } from "./setting-rules";
import { tenancyCredentialsProblem } from "./tenancy-credentials";

export { SettingsError } from "./setting-rules";

const Url = z.string().refine((value) => URL.canParse(value), "must be an absolute URL such as https://127.0.0.1:8443");

/** Settings are text: a number must be written as one (zod's coercion would turn "abc" into NaN and " " into 0). */
const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .string()
    .refine((text) => /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .default(fallback);

const positiveNumber = (fallback: number) =>
  z
    .string()
    .refine((text) => /^\d+(\.\d+)?$/.test(text.trim()) && Number(text) > 0, "must be a number greater than 0, such as 20 or 2.5")
    .transform(Number)
    .default(fallback);

/** The six fields Azure Functions' timer trigger reads (NCRONTAB), checked with the project's cron library. */
const ncrontab = z.string().refine((value) => {
  if (value.trim().split(/\s+/).length !== 6) return false;
  try {
    CronExpressionParser.parse(value);
    return true;
  } catch {
    return false;
  }
}, "must be a 6-field NCRONTAB expression such as 0 */5 * * * * (second minute hour day month weekday)");

const ENDPOINTS = ["AZURE_ARM_ENDPOINT", "OCI_ENDPOINT"] as const;

/**
 * App settings (environment / local.settings.json Values), parsed and cross-checked once at start-up
 * (functions/startup.ts). One schema, one type. `emulator` mode reaches only loopback endpoints (the offline
 * stack never touches a real cloud); `live` mode refuses them (a live app pointed at an emulator would report
 * success for clouds it never reached) and runs on real time.
 */
export const Settings = z
  .object({
    CLOUD_MODE: z.enum(["emulator", "live"]).default("emulator"),
    AZURE_ARM_ENDPOINT: Url.optional(),
    AZURE_ARM_CA_FILE: z.string().min(1).optional(),
    OCI_ENDPOINT: Url.optional(),
    OCI_REGION: z.string().regex(/^[a-z]{2}-[a-z]+-\d$/, "must be an OCI region identifier such as us-ashburn-1").optional(),
    OCI_AUTH: z.enum(["api_key", "instance_principal", "resource_principal"]).default("api_key"),
    OCI_CONFIG_FILE: z.string().min(1).optional(),
    OCI_PROFILE: z.string().min(1).default("DEFAULT"),
    OCI_TENANCY_OCID: z.string().startsWith("ocid1.tenancy.", "must be a tenancy OCID (ocid1.tenancy.…)").optional(),
    OCI_USER_OCID: z.string().startsWith("ocid1.user.", "must be a user OCID (ocid1.user.…)").optional(),
    OCI_FINGERPRINT: z.string().regex(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/, "must be an MD5 key fingerprint such as 12:34:...:ef").optional(),
    /** PEM text or a path to the PEM file. A secret: never printed. */
    OCI_PRIVATE_KEY: z.string().min(1).optional(),
    /**
     * API keys for other tenancies (peered VCNs there, their policies): a JSON array, or the path of a JSON file, of
     * { tenancy, user, fingerprint, privateKey }. A secret (a Key Vault reference in Azure): never printed.
     */
    OCI_TENANCY_CREDENTIALS: z.string().min(1).optional(),
    AzureWebJobsStorage: z.string().min(1).default("UseDevelopmentStorage=true"),
    HEALTH_CHECK_SCHEDULE: ncrontab.default("0 */5 * * * *"),
    HEALTH_CHECK_CONCURRENCY: wholeNumber(1, 64, 4),
    HEALTH_CHECK_BATCH_SIZE: wholeNumber(1, 5000, 1000),
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
    AZURE_MAX_REQUESTS_PER_SECOND: positiveNumber(20),
    OCI_MAX_REQUESTS_PER_SECOND: positiveNumber(20),
    ALERT_WEBHOOK_URL: Url.optional(),
    /** The dev host's clock speed (read by the host; checked here against the cloud mode). */
    INTERLINK_TIME_SCALE: z
      .string()
      .refine((text) => /^\d*\.?\d+$/.test(text.trim()) && Number(text) > 0 && Number(text) <= 1, "must be a number greater than 0 and at most 1, such as 0.02 (50 times faster) or 1 (real time)")
      .transform(Number)
      .default(1),
    /**
     * Where secrets Interlink must read again (a point-to-site root certificate's private key) are kept: `table`, sealed
     * with AES-256-GCM in the AzureWebJobsStorage account. In Azure, put SECRET_STORE_KEY in Key Vault (an app setting
     * Key Vault reference); a Key Vault implementation of the same store is the intended next option.
     */
    SECRET_STORE: z.enum(["table"]).default("table"),
    /** 32 random bytes, base64 (`openssl rand -base64 32`). A secret: never printed. Emulator mode without it: one per process. */
    SECRET_STORE_KEY: z
      .string()
      .refine((text) => Buffer.from(text, "base64").length === 32, "must be 32 random bytes, base64-encoded (openssl rand -base64 32)")
      .optional(),
    /** Read routes need a function key like the others; `anonymous` opens them on a trusted network only. */
    INTERLINK_READ_AUTH: z.enum(["function", "anonymous"]).default("function"),
  })
  .superRefine((settings, ctx) => {
    if (settings.CLOUD_MODE === "emulator") {
      for (const key of [...ENDPOINTS, "ALERT_WEBHOOK_URL"] as const) {
        const value = settings[key];
        if (value && !isLoopbackUrl(value)) ctx.addIssue({ code: "custom", path: [key], message: "must be a loopback URL (127.0.0.1 or localhost) when CLOUD_MODE=emulator" });
      }
    } else {
      for (const key of ENDPOINTS) {
        const value = settings[key];
        if (value && isLoopbackUrl(value)) ctx.addIssue({ code: "custom", path: [key], message: "is a loopback address, and CLOUD_MODE=live refuses loopback endpoints (they are the offline emulators); remove it to use the cloud's own endpoint" });
      }
      if (settings.AZURE_ARM_CA_FILE) ctx.addIssue({ code: "custom", path: ["AZURE_ARM_CA_FILE"], message: "is the offline ARM emulator's certificate authority; remove it when CLOUD_MODE=live" });
      if (settings.INTERLINK_TIME_SCALE !== 1) ctx.addIssue({ code: "custom", path: ["INTERLINK_TIME_SCALE"], message: "must be 1 when CLOUD_MODE=live: real clouds provision in real time" });
    }
    const credentials = settings.OCI_TENANCY_CREDENTIALS ? tenancyCredentialsProblem(settings.OCI_TENANCY_CREDENTIALS) : undefined;
    if (credentials) ctx.addIssue({ code: "custom", path: ["OCI_TENANCY_CREDENTIALS"], message: credentials });
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

/** Settings whose value is never repeated in an error (keys, connection strings, URLs that carry tokens). */
const SECRET_SETTINGS = ["OCI_PRIVATE_KEY", "OCI_TENANCY_CREDENTIALS", "AzureWebJobsStorage", "ALERT_WEBHOOK_URL", "SECRET_STORE_KEY"];

/** Parses the environment; bad or inconsistent settings become one line naming the setting, its value and the rule. */
export function parseSettings(environment: NodeJS.ProcessEnv): Settings {
  const known = Object.fromEntries(Object.keys(Settings.shape).map((key) => [key, environment[key] === "" ? undefined : environment[key]]));
  const parsed = Settings.safeParse(known);
  if (parsed.success) return parsed.data;
  throw settingsError(parsed.error.issues, known, SECRET_SETTINGS);
}

let cached: Settings | undefined;

/** The process's settings, parsed on first use (the app's entry point uses them first, at start-up). */
export function settings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}

/** For diagnostics: every setting with secrets masked. */
export function redactedSettings(value: Settings): Record<string, unknown> {
  return { ...value, SECRET_STORE_KEY: value.SECRET_STORE_KEY ? "[redacted]" : undefined, OCI_PRIVATE_KEY: value.OCI_PRIVATE_KEY ? "[redacted]" : undefined, OCI_TENANCY_CREDENTIALS: value.OCI_TENANCY_CREDENTIALS ? "[redacted]" : undefined, AzureWebJobsStorage: value.AzureWebJobsStorage.replace(/AccountKey=[^;]+/i, "AccountKey=[redacted]") };
}
