// A host killed with SIGKILL in the middle of a setup, then started again on the same state, finishes the
// setup without creating anything twice (activities are idempotent; the host replays from its store).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { waitForOutput } from "@interlink/functions-host";
import { type SpawnedHost, spawnHost } from "@interlink/functions-host/testing";
import { emulatorAppSettings } from "../support/app-settings";
import { startAzurite, type TestAzurite } from "../support/azurite";
import { freePort, repoRoot, startNode, type StartedProcess } from "../support/processes";

jest.setTimeout(180_000);

const TIME_SCALE = "0.004";
const example = JSON.parse(readFileSync(path.join(repoRoot, "test/fixtures/design-example.json"), "utf8")) as { name: string };

interface Status {
  runtimeStatus: string;
  output: { status: string } | null;
  customStatus: { step: string | null; steps: Array<{ id: string; status: string }> } | null;
}

const status = async (url: string) => (await (await fetch(url)).json()) as Status;

async function until(url: string, done: (value: Status) => boolean, timeoutMs: number): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await status(url);
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${JSON.stringify(value.customStatus?.steps.map((step) => `${step.id}:${step.status}`))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("restart in the middle of a setup", () => {
  let stateDir: string;
  let azurite: TestAzurite;
  let emulators: StartedProcess;
  let env: Record<string, string>;
  let ociAdmin: string;

  beforeAll(async () => {
    stateDir = mkdtempSync(path.join(os.tmpdir(), "interlink-restart-"));
    azurite = await startAzurite();
    const [azurePort, ociPort] = [await freePort(), await freePort()];
    emulators = startNode("packages/cloud-emulators/dist/src/cloud/main.js", [], { ...process.env, AZURE_EMULATOR_PORT: String(azurePort), OCI_EMULATOR_PORT: String(ociPort), EMULATOR_TIME_SCALE: TIME_SCALE, INTERLINK_STATE_DIR: stateDir });
    const [line = ""] = await waitForOutput(emulators.child, /\{"event":"ready".*\}/, 30_000, emulators.output);
    const ready = JSON.parse(line) as { azure: { endpoint: string; caFile: string }; oci: { endpoint: string; configFile: string; profile: string } };
    ociAdmin = `${ready.oci.endpoint}/__emulator`;
    env = {
      ...emulatorAppSettings(ready, azurite.connectionString),
      INTERLINK_TIME_SCALE: TIME_SCALE,
      HEALTH_CHECK_SCHEDULE: "0 0 0 1 1 *",
    };
  });

  afterAll(async () => {
    emulators?.child.kill("SIGTERM");
    await emulators?.exited;
    await azurite?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("when the host is SIGKILLed mid-setup and mid-teardown and restarted, then each completes with one of each resource and nothing left", async () => {
    const hostState = path.join(stateDir, "host");
    let host: SpawnedHost = await spawnHost({ appRoot: repoRoot, stateDir: hostState, env });
    const post = await fetch(`${host.baseUrl}/api/interconnects`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(example) });
    const { instanceId } = (await post.json()) as { instanceId: string };
    const statusUrl = (base: string) => `${base}/runtime/webhooks/durabletask/instances/${instanceId}`;
    const midway = await until(statusUrl(host.baseUrl), (value) => value.customStatus?.steps.some((step) => step.id === "virtual-circuit" && step.status === "succeeded") ?? false, 60_000);
    expect(midway.runtimeStatus).toBe("Running");

    expect(await host.stop("SIGKILL")).toBe("SIGKILL");
    host = await spawnHost({ appRoot: repoRoot, stateDir: hostState, env });
    try {
      const done = await until(statusUrl(host.baseUrl), (value) => ["Completed", "Failed"].includes(value.runtimeStatus), 120_000);
      expect(done).toMatchObject({ runtimeStatus: "Completed", output: { status: "succeeded" } });
      const snapshot = (await (await fetch(`${ociAdmin}/snapshot`)).json()) as { azure: Array<{ kind: string; resource: { tags?: Record<string, string> } }>; oci: Array<{ kind: string; resource: { freeformTags?: Record<string, string>; lifecycleState?: string } }> };
      const kinds = [
        ...snapshot.azure.filter((entry) => entry.resource.tags?.interlink === example.name).map((entry) => `azure ${entry.kind}`),
        ...snapshot.oci.filter((entry) => entry.resource.freeformTags?.interlink === example.name && entry.resource.lifecycleState !== "TERMINATED").map((entry) => `oci ${entry.kind}`),
      ].sort();
      expect(kinds.filter((kind, index) => kinds.indexOf(kind) !== index)).toEqual([]); // nothing made twice
      expect(kinds).toEqual(expect.arrayContaining(["azure expressRouteCircuits", "azure connections", "oci virtualcircuit", "oci drgattachment"]));
      expect(await (await fetch(`${ociAdmin}/orphans`)).json()).toEqual({ orphans: [] });

      // Same again for the teardown: killed while the virtual circuit terminates, it resumes and converges.
      const remove = await fetch(`${host.baseUrl}/api/interconnects/${example.name}`, { method: "DELETE" });
      const teardownId = ((await remove.json()) as { instanceId: string }).instanceId;
      const teardownUrl = (base: string) => `${base}/runtime/webhooks/durabletask/instances/${teardownId}`;
      await until(teardownUrl(host.baseUrl), (value) => value.customStatus?.steps.some((step) => step.id === "connection" && step.status === "succeeded") ?? false, 60_000);
      expect(await host.stop("SIGKILL")).toBe("SIGKILL");
      host = await spawnHost({ appRoot: repoRoot, stateDir: hostState, env });
      const removed = await until(teardownUrl(host.baseUrl), (value) => ["Completed", "Failed"].includes(value.runtimeStatus), 120_000);
      expect(removed).toMatchObject({ runtimeStatus: "Completed", output: { status: "succeeded" } });
      const after = (await (await fetch(`${ociAdmin}/snapshot`)).json()) as { azure: Array<{ resource: { tags?: Record<string, string>; properties?: { provisioningState?: string } } }> };
      expect(after.azure.filter((entry) => entry.resource.tags?.interlink === example.name && entry.resource.properties?.provisioningState !== "Deleting")).toEqual([]);
    } finally {
      await host.stop();
    }
  });
});
