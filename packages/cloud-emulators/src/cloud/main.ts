import { z } from "zod";
import { isKnownRegion } from "../oci/regions";
import { seedDemoNetworks } from "./demo-seed";
import { PortInUseError, startCloudEmulators } from "./start";

/** `npm run emulators`: both cloud emulators in one process; prints one JSON "ready" line on stdout. */
const Settings = z.object({
  AZURE_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(8443),
  OCI_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(8444),
  EMULATOR_TIME_SCALE: z.coerce.number().min(0).default(1),
  EMULATOR_PERSIST: z.enum(["0", "1", "true", "false"]).optional(),
  EMULATOR_ARM_PAGE_SIZE: z.coerce.number().int().positive().optional(),
  INTERLINK_STATE_DIR: z.string().min(1).optional(),
  /** JSON object of duration overrides in emulated ms, e.g. {"armAction":0} (see src/core/durations.ts). */
  EMULATOR_DURATIONS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (!text) return undefined;
      try {
        return z.record(z.string(), z.number().nonnegative()).parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: "custom", message: "must be a JSON object of durations in milliseconds, e.g. {\"armAction\":0}" });
        return z.NEVER;
      }
    }),
  /** Where ExpressRoute gateways need their own public IP: `all`, or comma-separated regions (e.g. `eastus,westeurope`). */
  EMULATOR_GATEWAY_PUBLIC_IP_REQUIRED: z
    .string()
    .optional()
    .transform((text) => (text === undefined || text === "" ? undefined : text === "all" ? true : text.split(",").map((region) => region.trim()).filter(Boolean))),
  /** Regions besides us-ashburn-1 the default tenancy is subscribed to, comma-separated (e.g. us-phoenix-1). */
  EMULATOR_OCI_REGIONS: z
    .string()
    .optional()
    .transform((text) => (text ? text.split(",").map((region) => region.trim()).filter(Boolean) : []))
    .refine((regions) => regions.every(isKnownRegion), "must list OCI regions the emulator serves, e.g. us-phoenix-1,eu-frankfurt-1"),
  /** `1`: charge every call its turn (EMULATOR_REQUESTS_PER_SECOND per cloud) and its latency in emulated time. */
  EMULATOR_CHARGE_CALLS: z.enum(["0", "1", "true", "false"]).optional(),
  EMULATOR_REQUESTS_PER_SECOND: z.coerce.number().positive().optional(),
  /** `demo` (default) creates the networks DESIGN.md's example request refers to; `none` starts empty. */
  EMULATOR_SEED: z.enum(["demo", "none"]).default("demo"),
});

async function main(): Promise<void> {
  const parsed = Settings.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    process.stderr.write(`emulators: invalid setting ${issue?.path.join(".")}: ${issue?.message}\n`);
    process.exit(2);
  }
  const settings = parsed.data;
  const persist = process.argv.includes("--persist") || settings.EMULATOR_PERSIST === "1" || settings.EMULATOR_PERSIST === "true";
  try {
    const emulators = await startCloudEmulators({
      azurePort: settings.AZURE_EMULATOR_PORT,
      ociPort: settings.OCI_EMULATOR_PORT,
      timeScale: settings.EMULATOR_TIME_SCALE,
      persist,
      ociRegions: settings.EMULATOR_OCI_REGIONS,
      ...(settings.EMULATOR_CHARGE_CALLS === "1" || settings.EMULATOR_CHARGE_CALLS === "true"
        ? { chargeCalls: settings.EMULATOR_REQUESTS_PER_SECOND ? { requestsPerSecond: { azure: settings.EMULATOR_REQUESTS_PER_SECOND, oci: settings.EMULATOR_REQUESTS_PER_SECOND } } : true }
        : {}),
      ...(settings.EMULATOR_ARM_PAGE_SIZE ? { armPageSize: settings.EMULATOR_ARM_PAGE_SIZE } : {}),
      ...(settings.EMULATOR_DURATIONS ? { durations: settings.EMULATOR_DURATIONS } : {}),
      ...(settings.INTERLINK_STATE_DIR ? { stateDir: settings.INTERLINK_STATE_DIR } : {}),
      ...(settings.EMULATOR_GATEWAY_PUBLIC_IP_REQUIRED !== undefined ? { gatewayPublicIpRequired: settings.EMULATOR_GATEWAY_PUBLIC_IP_REQUIRED } : {}),
    });
    if (settings.EMULATOR_SEED === "demo") await seedDemoNetworks(emulators);
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`emulators: ${signal}, stopping\n`);
      emulators.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
    process.stdout.write(
      `${JSON.stringify({
        event: "ready",
        azure: { endpoint: emulators.azure.endpoint, caFile: emulators.azure.caFile },
        oci: { endpoint: emulators.oci.endpoint, configFile: emulators.oci.configFile, profile: emulators.oci.profile },
      })}\n`,
    );
  } catch (error) {
    if (error instanceof PortInUseError) {
      process.stderr.write(`emulators: port ${error.port} is already in use; set ${error.envVar} to a free port\n`);
      process.exit(1);
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`emulators: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
