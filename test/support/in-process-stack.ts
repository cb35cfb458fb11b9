import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type CloudEmulatorOptions, type CloudEmulators, type Durations, seedDemoNetworks, startCloudEmulators } from "@interlink/cloud-emulators";
import { createTestHost, type TestHost } from "@interlink/functions-host/testing";
import { emulatorAppSettings } from "./app-settings";
import { startAzurite, type TestAzurite } from "./azurite";

const repoRoot = path.resolve(__dirname, "../..");

export interface InProcessStack {
  host: TestHost;
  emulators: CloudEmulators;
  azurite: TestAzurite;
  /** The stored history file of an instance (`hostStore: "file"` only). */
  historyFile(instanceId: string): string;
  stop(): Promise<void>;
}

/**
 * The whole app in this jest process: the dev host (virtual clock, in-memory store) runs the real
 * orchestrators and activities; activities talk over real HTTP(S) to the cloud emulators, whose clock
 * follows the host's, and to a real Azurite. DESIGN.md's example networks are seeded.
 */
export interface InProcessStackOptions {
  /** App settings; a function gets the started emulators (their tenancies' keys, say). */
  settings?: Record<string, string> | ((emulators: CloudEmulators) => Record<string, string>);
  /** More emulator options: regions, tenancies. */
  emulators?: Pick<CloudEmulatorOptions, "ociRegions" | "ociTenancies">;
  seed?: boolean;
  triggers?: boolean;
  /** The app to load: the TypeScript sources under jest, the compiled dist/ from a plain node script. */
  appRoot?: string;
  entry?: string;
  /** Emulator duration overrides (emulated milliseconds). */
  durations?: Partial<Durations>;
  /** Where the dev host keeps orchestration state: in memory (default) or one JSON file per instance. */
  hostStore?: "memory" | "file";
}

export async function startInProcessStack(options: InProcessStackOptions = {}): Promise<InProcessStack> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "interlink-stack-"));
  let host: TestHost | undefined;
  const start = Date.parse("2026-11-22T12:00:00Z");
  // POST /health waits in real time for the circuit's tables (ARM POST actions) while the virtual clock
  // stands still, so by default they complete in zero emulated time; a test may make them slow.
  const emulators = await startCloudEmulators({ ...options.emulators, azurePort: 0, ociPort: 0, stateDir, durations: { armAction: 0, ...options.durations }, clock: () => host?.clock.now().getTime() ?? start });
  const azurite = await startAzurite();
  try {
    if (options.seed !== false) await seedDemoNetworks(emulators);
    host = await createTestHost({
      appRoot: options.appRoot ?? repoRoot,
      entry: options.entry ?? "functions/index.ts",
      store: options.hostStore ?? "memory",
      ...(options.hostStore === "file" ? { stateDir: path.join(stateDir, "host") } : {}),
      clock: "virtual",
      startTime: new Date(start),
      triggers: options.triggers ?? false,
      settings: {
        ...emulatorAppSettings(emulators, azurite.connectionString),
        AZURE_MAX_REQUESTS_PER_SECOND: "10000",
        OCI_MAX_REQUESTS_PER_SECOND: "10000",
        ...(typeof options.settings === "function" ? options.settings(emulators) : options.settings),
      },
    });
  } catch (error) {
    await Promise.allSettled([emulators.stop(), azurite.stop()]);
    throw error;
  }
  const started = host;
  return {
    host: started,
    emulators,
    azurite,
    historyFile: (instanceId) => path.join(stateDir, "host", started.host.config.hubName, "instances", `${encodeURIComponent(instanceId)}.json`),
    async stop() {
      await started.dispose();
      await Promise.allSettled([emulators.stop(), azurite.stop()]);
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * The usual frame of a lifecycle suite: one stack for all its tests (started before the first, stopped after the
 * last), with the emulators' fault rules cleared after each test. `use` receives the stack once it runs.
 */
export function useSharedStack(use: (stack: InProcessStack) => void, options: InProcessStackOptions = {}): void {
  let started: InProcessStack | undefined;
  beforeAll(async () => {
    started = await startInProcessStack(options);
    use(started);
  });
  afterAll(async () => {
    await started?.stop();
  });
  afterEach(async () => {
    await started?.emulators.admin.clearFaults();
  });
}
