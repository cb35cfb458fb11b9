// Durability across a crash: the compiled CLI runs the conformance app out of process with a FileStore, is killed
// with SIGKILL in the middle of an orchestration, started again on the same state dir, and finishes the work.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { spawnHost, type SpawnedHost } from "../src/testing";

const appRoot = path.join(__dirname, "apps/durable");
let stateDir: string;
let running: SpawnedHost | undefined;

beforeAll(() => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), "dev-host-restart-"));
});
afterAll(async () => {
  await running?.stop("SIGKILL");
  rmSync(stateDir, { recursive: true, force: true });
});

interface Status {
  runtimeStatus: string;
  customStatus: unknown;
  output: unknown;
}

/** Another process owns the state, so its status URL is polled (as any HTTP client of the host would). */
async function pollStatus(statusUrl: string, accept: (status: Status) => boolean, timeoutMs = 15_000): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await (await fetch(statusUrl)).json()) as Status;
    if (accept(status)) return status;
    if (Date.now() > deadline) throw new Error(`status not reached: ${JSON.stringify(status)}`);
    await delay(50);
  }
}

it("when the host is killed with SIGKILL during an orchestration, then after a restart it resumes from history and completes", async () => {
  running = await spawnHost({ appRoot, stateDir });
  const started = await fetch(`${running.baseUrl}/api/orchestrators/restartable`, { method: "POST", body: "1500", headers: { "content-type": "application/json" } });
  expect(started.status).toBe(202);
  const { id } = (await started.json()) as { id: string };
  const statusPath = `/runtime/webhooks/durabletask/instances/${id}`;
  await pollStatus(`${running.baseUrl}${statusPath}`, (status) => status.customStatus === "sleeping");

  expect(await running.stop("SIGKILL")).toBe("SIGKILL");
  running = await spawnHost({ appRoot, stateDir });
  const finished = await pollStatus(`${running.baseUrl}${statusPath}`, (status) => ["Completed", "Failed", "Terminated"].includes(status.runtimeStatus));

  expect(finished).toMatchObject({ runtimeStatus: "Completed", output: [10, 20, 30] });
  // The step that finished before the crash is not run again; the rest ran in the second process.
  expect(running.output()).toContain("step 2");
  expect(running.output()).toContain("step 3");
  expect(running.output()).not.toContain("step 1");
}, 30_000);

it("when the host gets SIGTERM, then it stops cleanly with exit code 0", async () => {
  const host = running as SpawnedHost;
  running = undefined;
  expect(await host.stop("SIGTERM")).toBe(0);
});
