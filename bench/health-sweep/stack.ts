import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { EmulatorAdminClient } from "@interlink/cloud-emulators";
import { waitForOutput } from "@interlink/functions-host";
import { createTestHost, type TestHost } from "@interlink/functions-host/testing";
import { emulatorAppSettings } from "../../test/support/app-settings";
import { startAzurite, type TestAzurite } from "../../test/support/azurite";
import { freePort, repoRoot, startNode } from "../../test/support/processes";

export interface EmulatorEndpoints {
  azure: { endpoint: string; ca: string; caFile: string };
  oci: { endpoint: string; tenancy: string; user: string; fingerprint: string; privateKeyPem: string; configFile: string; profile: string };
}

export interface SweepStack {
  host: TestHost;
  emulators: EmulatorEndpoints;
  admin: EmulatorAdminClient;
  azurite: TestAzurite;
  /** Moves emulated time (the emulators run frozen, so only this moves them) and the host's clock. */
  advance(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/** Reads `key=value` lines of an OCI SDK config file (the emulator writes a single DEFAULT profile). */
function ociConfig(file: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, "utf8")
      .split("\n")
      .map((line) => line.split("=").map((part) => part.trim()))
      .filter((parts): parts is [string, string] => parts.length === 2 && parts[0] !== ""),
  );
}

/**
 * The app in this process (the dev host with a virtual clock) and the cloud emulators in their own process:
 * a sweep of thousands of interconnects is CPU-bound, and one Node thread cannot be both the app and two
 * clouds without the benchmark measuring the emulators instead of Interlink.
 */
export async function startSweepStack(settings: Record<string, string>): Promise<SweepStack> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "interlink-bench-"));
  const emulatorProcess = startNode("packages/cloud-emulators/dist/src/cloud/main.js", [], {
    ...process.env,
    AZURE_EMULATOR_PORT: String(await freePort()),
    OCI_EMULATOR_PORT: String(await freePort()),
    EMULATOR_TIME_SCALE: "0",
    // Frozen emulated time: ARM POST actions (route tables) must finish in zero emulated time.
    EMULATOR_DURATIONS: JSON.stringify({ armAction: 0 }),
    EMULATOR_SEED: "demo",
    INTERLINK_STATE_DIR: stateDir,
  });
  const [line = ""] = await waitForOutput(emulatorProcess.child, /\{"event":"ready".*\}/, 60_000, emulatorProcess.output);
  const ready = JSON.parse(line) as { azure: { endpoint: string; caFile: string }; oci: { endpoint: string; configFile: string; profile: string } };
  const config = ociConfig(ready.oci.configFile);
  const emulators: EmulatorEndpoints = {
    azure: { ...ready.azure, ca: readFileSync(ready.azure.caFile, "utf8") },
    oci: { ...ready.oci, tenancy: config.tenancy ?? "", user: config.user ?? "", fingerprint: config.fingerprint ?? "", privateKeyPem: readFileSync(config.key_file ?? "", "utf8") },
  };
  const admin = new EmulatorAdminClient(ready.oci.endpoint);
  const azurite = await startAzurite();
  const host = await createTestHost({
    appRoot: repoRoot,
    entry: "functions/index.ts",
    store: "memory",
    clock: "virtual",
    triggers: false,
    settings: {
      ...emulatorAppSettings(ready, azurite.connectionString),
      ...settings,
    },
  });
  return {
    host,
    emulators,
    admin,
    azurite,
    async advance(ms: number) {
      await admin.advanceClock(ms);
      await host.clock.advance(ms);
    },
    async stop() {
      await host.dispose();
      emulatorProcess.child.kill("SIGTERM");
      await emulatorProcess.exited;
      await azurite.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
