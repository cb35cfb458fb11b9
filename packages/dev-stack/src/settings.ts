// The stack's own settings and the app settings it needs to decide what to start, parsed once before anything
// starts: a bad one stops `npm start` with one line naming it and the rule.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const port = (fallback: number) =>
  z
    .string()
    .refine((text) => /^\d+$/.test(text.trim()) && Number(text) <= 65535, "must be a port number from 0 to 65535 (0 picks a free port)")
    .transform(Number)
    .default(fallback);

/** Environment only (like `func`'s own port): where each process listens, where state lives, what runs. */
const StackEnvironment = z.object({
  FUNCTIONS_PORT: port(7071),
  AZURITE_BLOB_PORT: port(10000),
  AZURITE_QUEUE_PORT: port(10001),
  AZURITE_TABLE_PORT: port(10002),
  AZURE_EMULATOR_PORT: port(8443),
  OCI_EMULATOR_PORT: port(8444),
  INTERLINK_STATE_DIR: z.string().min(1).optional(),
  INTERLINK_APP_ROOT: z.string().min(1).optional(),
  INTERLINK_CLOUD_EMULATOR: z.string().min(1).optional(),
});

/** App settings the stack acts on (from local.settings.json or its example, the environment winning). */
const StackAppSettings = z.object({
  CLOUD_MODE: z.enum(["emulator", "live"], { error: 'must be "emulator" or "live"' }).default("emulator"),
  INTERLINK_TIME_SCALE: z
    .string()
    .refine((text) => /^\d*\.?\d+$/.test(text.trim()) && Number(text) > 0 && Number(text) <= 1, "must be a number greater than 0 and at most 1, such as 0.02 (50 times faster)")
    .transform(Number)
    .default(1),
});

export type StackEnvironment = z.infer<typeof StackEnvironment>;
export type StackAppSettings = z.infer<typeof StackAppSettings>;

export class StackSettingsError extends Error {}

function parse<T extends z.ZodObject>(schema: T, values: Record<string, string | undefined>): z.infer<T> {
  const known = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, values[key] === "" ? undefined : values[key]]));
  const parsed = schema.safeParse(known);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? "?");
  const value = known[name];
  throw new StackSettingsError(`invalid setting ${name}${value === undefined ? "" : `=${/\s/.test(value) ? JSON.stringify(value) : value}`}: ${issue?.message ?? "is invalid"}`);
}

export function stackEnvironment(environment: NodeJS.ProcessEnv): StackEnvironment {
  return parse(StackEnvironment, environment);
}

const LocalSettings = z.object({ Values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}) });

/** Where the app's settings come from: its local.settings.json, or (a fresh clone) the example's Values. */
export interface AppSettingsFile {
  file: string | undefined;
  /** True when only local.settings.example.json exists: the stack hands its Values to the host. */
  example: boolean;
  values: Record<string, string>;
}

export function appSettingsFile(app: string): AppSettingsFile {
  for (const [name, example] of [["local.settings.json", false], ["local.settings.example.json", true]] as const) {
    const file = path.join(app, name);
    if (!existsSync(file)) continue;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new StackSettingsError(`${file} is not JSON: ${(error as Error).message}`);
    }
    const parsed = LocalSettings.safeParse(json);
    if (!parsed.success) throw new StackSettingsError(`${file}: "Values" must map setting names to strings`);
    return { file, example, values: Object.fromEntries(Object.entries(parsed.data.Values).map(([key, value]) => [key, String(value)])) };
  }
  return { file: undefined, example: false, values: {} };
}

/** The app settings the stack acts on, as the host will see them (the environment wins over the file). */
export function stackAppSettings(file: AppSettingsFile, environment: NodeJS.ProcessEnv): StackAppSettings {
  return parse(StackAppSettings, { ...file.values, ...environment });
}
