// host.json and app settings, read the way `func start` reads them.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { VersionFailureStrategy, VersionMatchStrategy, type VersioningOptions } from "./durable/versioning";

/** .NET TimeSpan text ("hh:mm:ss", "d.hh:mm:ss", "hh:mm:ss.fff") to milliseconds. */
export function parseTimeSpan(text: string): number {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a TimeSpan (expected [d.]hh:mm:ss[.fff])`);
  const [, days, hours, minutes, seconds, fraction] = match;
  const fractionMs = fraction ? Number(`0.${fraction}`) * 1000 : 0;
  return ((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000 + fractionMs;
}

const TimeSpan = z.string().transform((text, ctx) => {
  try {
    return parseTimeSpan(text);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

const HostJson = z.object({
  version: z.string().optional(),
  functionTimeout: TimeSpan.optional(),
  extensions: z
    .object({
      http: z.object({ routePrefix: z.string().optional() }).loose().optional(),
      durableTask: z
        .object({
          hubName: z.string().optional(),
          maxConcurrentActivityFunctions: z.number().int().positive().optional(),
          maxConcurrentOrchestratorFunctions: z.number().int().positive().optional(),
          defaultVersion: z.string().optional(),
          versionMatchStrategy: VersionMatchStrategy.optional(),
          versionFailureStrategy: VersionFailureStrategy.optional(),
        })
        .loose()
        .optional(),
      queues: z
        .object({
          batchSize: z.number().int().min(1).max(32).optional(),
          newBatchThreshold: z.number().int().min(0).optional(),
          maxDequeueCount: z.number().int().min(1).optional(),
          visibilityTimeout: TimeSpan.optional(),
          maxPollingInterval: TimeSpan.optional(),
          messageEncoding: z.enum(["base64", "none"]).optional(),
        })
        .loose()
        .optional(),
    })
    .loose()
    .optional(),
}).loose();

export interface QueueOptions {
  batchSize: number;
  newBatchThreshold: number;
  maxDequeueCount: number;
  visibilityTimeoutMs: number;
  maxPollingIntervalMs: number;
  messageEncoding: "base64" | "none";
}

export interface HostConfig {
  appRoot: string;
  routePrefix: string;
  hubName: string;
  functionTimeoutMs: number;
  maxConcurrentActivityFunctions: number;
  maxConcurrentOrchestratorFunctions: number;
  versioning: VersioningOptions;
  queues: QueueOptions;
}

export function readHostConfig(appRoot: string): HostConfig {
  const file = path.join(appRoot, "host.json");
  const raw: unknown = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const parsed = HostJson.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  const extensions = parsed.data.extensions ?? {};
  const queues = extensions.queues ?? {};
  const batchSize = queues.batchSize ?? 16;
  return {
    appRoot,
    routePrefix: (extensions.http?.routePrefix ?? "api").replace(/^\/+|\/+$/g, ""),
    hubName: extensions.durableTask?.hubName ?? "TestHubName",
    functionTimeoutMs: parsed.data.functionTimeout ?? 30 * 60_000,
    maxConcurrentActivityFunctions: extensions.durableTask?.maxConcurrentActivityFunctions ?? 10,
    maxConcurrentOrchestratorFunctions: extensions.durableTask?.maxConcurrentOrchestratorFunctions ?? 10,
    // The extension's defaults: no version, CurrentOrOlder, Reject.
    versioning: {
      defaultVersion: extensions.durableTask?.defaultVersion ?? "",
      matchStrategy: extensions.durableTask?.versionMatchStrategy ?? "CurrentOrOlder",
      failureStrategy: extensions.durableTask?.versionFailureStrategy ?? "Reject",
    },
    queues: {
      batchSize,
      newBatchThreshold: queues.newBatchThreshold ?? Math.floor(batchSize / 2),
      maxDequeueCount: queues.maxDequeueCount ?? 5,
      visibilityTimeoutMs: queues.visibilityTimeout ?? 0,
      // Azure's default is one minute; a dev host should notice new messages sooner.
      maxPollingIntervalMs: queues.maxPollingInterval ?? 2_000,
      messageEncoding: queues.messageEncoding ?? "base64",
    },
  };
}

const LocalSettings = z.object({ Values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() }).loose();

/** `local.settings.json` Values under the process environment: as with `func`, the environment wins. */
export function readAppSettings(appRoot: string, environment: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const file = path.join(appRoot, "local.settings.json");
  const values: Record<string, string> = {};
  if (existsSync(file)) {
    const parsed = LocalSettings.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (!parsed.success) throw new Error(`${file}: "Values" must map names to strings`);
    for (const [name, value] of Object.entries(parsed.data.Values ?? {})) values[name] = String(value);
  }
  for (const [name, value] of Object.entries(environment)) if (value !== undefined) values[name] = value;
  return values;
}

/** Replaces `%NAME%` with the app setting NAME, as binding expressions in schedules and queue names allow. */
export function resolveSettingReferences(text: string, settings: Record<string, string | undefined>): string {
  return text.replace(/%([^%]+)%/g, (_whole, name: string) => {
    const value = settings[name];
    if (value === undefined) throw new Error(`App setting "${name}" referenced by "${text}" is not defined`);
    return value;
  });
}
