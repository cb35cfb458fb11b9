import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { waitForOutput } from "@interlink/functions-host";
import { freePort, startNode, type StartedProcess } from "./processes";

export interface OfflineStack {
  process: StartedProcess;
  /** The Functions host's API, e.g. http://127.0.0.1:40123/api. */
  api: string;
  /** The OCI emulator's endpoint (its admin API is under /__emulator). */
  oci: string;
  /** Where the stack keeps its state (the host's keys are in host/keys.json). */
  stateDir: string;
  stop(): Promise<void>;
}

/**
 * The stack `npm start` runs, as separate processes on free ports with their own state directory, sped up with
 * INTERLINK_TIME_SCALE so that emulated minutes take seconds.
 */
export async function startOfflineStack(timeScale: string, env: Record<string, string> = {}): Promise<OfflineStack> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "interlink-e2e-"));
  const stack = startNode("packages/dev-stack/dist/src/main.js", [], {
    ...process.env,
    FUNCTIONS_PORT: "0",
    AZURITE_BLOB_PORT: "0",
    AZURITE_QUEUE_PORT: "0",
    AZURITE_TABLE_PORT: "0",
    AZURE_EMULATOR_PORT: String(await freePort()),
    OCI_EMULATOR_PORT: String(await freePort()),
    INTERLINK_STATE_DIR: stateDir,
    INTERLINK_TIME_SCALE: timeScale,
    CLOUD_MODE: "emulator",
    ...env,
  });
  const [, origin] = await waitForOutput(stack.child, /Functions host\s+(http:\/\/127\.0\.0\.1:\d+)\/api/, 60_000, stack.output);
  const oci = /OCI emulator\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(stack.output())?.[1] ?? "";
  return {
    process: stack,
    api: `${origin}/api`,
    oci,
    stateDir,
    async stop() {
      stack.child.kill("SIGINT");
      await stack.exited;
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
