import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isolatedStackEnv } from "@interlink/dev-stack/testing";
import { waitForOutput } from "@interlink/functions-host";
import { startNode, type StartedProcess } from "./processes";

export interface OfflineStack {
  /** The running stack (a new one after `restart`). */
  process: StartedProcess;
  /** The Functions host's API, e.g. http://127.0.0.1:40123/api (another port after `restart`). */
  api: string;
  /** The OCI emulator's endpoint (its admin API is under /__emulator). */
  oci: string;
  /** Where the stack keeps its state (the host's keys are in host/keys.json). */
  stateDir: string;
  /** Stops the stack and starts it again on the same state, as npm start does when run again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The stack `npm start` runs, as separate processes on free ports with their own state directory, sped up with
 * INTERLINK_TIME_SCALE so that emulated minutes take seconds.
 */
export async function startOfflineStack(timeScale: string, env: Record<string, string> = {}): Promise<OfflineStack> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "interlink-e2e-"));
  const stackEnv = await isolatedStackEnv(stateDir, { INTERLINK_TIME_SCALE: timeScale, CLOUD_MODE: "emulator", ...env });
  const launch = async () => {
    const started = startNode("packages/dev-stack/dist/src/main.js", [], stackEnv);
    await waitForOutput(started.child, /Press Ctrl-C to stop/, 60_000, started.output);
    const origin = /Functions host\s+(http:\/\/127\.0\.0\.1:\d+)\/api/.exec(started.output())?.[1] ?? "";
    return { process: started, api: `${origin}/api`, oci: /OCI emulator\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(started.output())?.[1] ?? "" };
  };
  const halt = async (running: StartedProcess) => {
    running.child.kill("SIGINT");
    const code = await running.exited;
    if (code !== 0) throw new Error(`the stack exited ${code} on SIGINT\n${running.output()}`);
  };
  const stack: OfflineStack = {
    ...(await launch()),
    stateDir,
    async restart() {
      await halt(stack.process);
      Object.assign(stack, await launch());
    },
    async stop() {
      await halt(stack.process).finally(() => rmSync(stateDir, { recursive: true, force: true }));
    },
  };
  return stack;
}
