// Orchestration versioning (host.json defaultVersion, versionMatchStrategy, versionFailureStrategy): new instances
// carry the app's version, context.df.version reads it, and a deployment whose defaultVersion is older than an
// instance's leaves it alone (Reject) or fails it (Fail). Deployments are played by hosts sharing one state dir.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { compareVersions, versionRefusal } from "../src/durable/versioning";
import { createTestHost, type TestHost } from "../src/testing";
import { replayDrift } from "./apps/durable/index";

const appRoot = path.join(__dirname, "apps/durable");
const webhooks = "/runtime/webhooks/durabletask";
let stateDir: string;
let host: TestHost | undefined;

beforeEach(() => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), "dev-host-versions-"));
});
afterEach(async () => {
  await host?.dispose();
  host = undefined;
  rmSync(stateDir, { recursive: true, force: true });
});

/** A deployment of the conformance app with this versioning, on the shared state dir; the previous one stops. */
async function deploy(versioning: { defaultVersion: string; matchStrategy?: "None" | "Strict" | "CurrentOrOlder"; failureStrategy?: "Reject" | "Fail" }): Promise<TestHost> {
  await host?.dispose();
  host = await createTestHost({ appRoot, entry: "index.ts", store: "file", stateDir, versioning, startTime: new Date("2030-01-01T00:00:00Z") });
  return host;
}

async function statusOf(running: TestHost, instanceId: string): Promise<{ runtimeStatus: string; version: string; output: unknown }> {
  return (await running.http.request("GET", `${webhooks}/instances/${instanceId}`)).json();
}

describe("version comparison (the extension's rules)", () => {
  it("when versions are System.Version texts, then they compare by component, a missing component being older", () => {
    expect(compareVersions("1.0", "1.0.0")).toBeLessThan(0);
    expect(compareVersions("1.9", "1.10")).toBeLessThan(0);
    expect(compareVersions("10.0", "9.0")).toBeGreaterThan(0);
    expect(compareVersions("2.0", "2.0")).toBe(0);
  });

  it("when a version is empty or not a System.Version, then empty is oldest and other text compares ignoring case", () => {
    expect(compareVersions("", null)).toBe(0);
    expect(compareVersions("", "0.1")).toBeLessThan(0);
    expect(compareVersions("release-B", "RELEASE-b")).toBe(0);
    expect(compareVersions("9", "10")).toBeGreaterThan(0);
  });

  it("when the strategy is None, then any version runs; Strict refuses older and newer; CurrentOrOlder only newer", () => {
    expect(versionRefusal("9.0", { defaultVersion: "1.0", matchStrategy: "None", failureStrategy: "Fail" })).toBeUndefined();
    expect(versionRefusal("0.9", { defaultVersion: "1.0", matchStrategy: "Strict", failureStrategy: "Reject" })).toContain("does not match");
    expect(versionRefusal("0.9", { defaultVersion: "1.0", matchStrategy: "CurrentOrOlder", failureStrategy: "Reject" })).toBeUndefined();
    expect(versionRefusal(null, { defaultVersion: "1.0", matchStrategy: "CurrentOrOlder", failureStrategy: "Reject" })).toBeUndefined();
    expect(versionRefusal("1.1", { defaultVersion: "1.0", matchStrategy: "CurrentOrOlder", failureStrategy: "Reject" })).toContain("'1.1' is newer than this app's defaultVersion '1.0'");
  });
});

describe("instances carry a version", () => {
  it("when an instance starts without a version, then it gets defaultVersion, which context.df.version and the status report", async () => {
    const running = await deploy({ defaultVersion: "2.0" });
    const id = await running.startNew("versioned");
    await running.waitForIdle();
    expect(await statusOf(running, id)).toMatchObject({ runtimeStatus: "Running", version: "2.0" });
    await running.raiseEvent(id, "go");
    expect((await running.waitForCompletion(id)).output).toBe("2.0");
  });

  it("when the client passes a version, then the instance has that one", async () => {
    const running = await deploy({ defaultVersion: "2.0" });
    const id = await running.client.startNew("versioned", { version: "1.5" });
    await running.raiseEvent(id, "go");
    expect((await running.waitForCompletion(id)).output).toBe("1.5");
    expect(await statusOf(running, id)).toMatchObject({ version: "1.5" });
  });

  it("when an orchestrator starts a sub-orchestration without a version, then the child gets defaultVersion; with one, that one", async () => {
    const running = await deploy({ defaultVersion: "2.0" });
    const id = await running.startNew("versionedParent");
    expect((await running.waitForCompletion(id)).output).toEqual({ own: "2.0", inherited: "2.0", pinned: "0.9" });
  });
});

describe("a deployment older than an instance's version", () => {
  it("when the strategy is Reject, then the older deployment leaves the instance as it is and the newer one finishes it", async () => {
    const id = await (await deploy({ defaultVersion: "2.0" })).startNew("versioned");
    await host?.waitForIdle();

    const older = await deploy({ defaultVersion: "1.0", failureStrategy: "Reject" });
    await older.raiseEvent(id, "go");
    await older.waitForIdle();
    expect(await statusOf(older, id)).toMatchObject({ runtimeStatus: "Running", version: "2.0", output: null });
    expect(older.logs.join("\n")).toContain(`versioned (${id}) left for a newer worker: The orchestration version '2.0' is newer than this app's defaultVersion '1.0'`);
    const pinned = await older.client.startNew("versioned", { version: "3.0" });
    await older.waitForIdle();
    expect(await statusOf(older, pinned)).toMatchObject({ runtimeStatus: "Pending", version: "3.0" });

    const newer = await deploy({ defaultVersion: "2.0" });
    expect((await newer.waitForCompletion(id)).output).toBe("2.0");
  });

  it("when the strategy is Fail, then the older deployment fails the instance and says why", async () => {
    const id = await (await deploy({ defaultVersion: "2.0" })).startNew("versioned");
    await host?.waitForIdle();
    const older = await deploy({ defaultVersion: "1.0", failureStrategy: "Fail" });
    await older.raiseEvent(id, "go");
    const status = await older.waitForCompletion(id);
    expect(status.runtimeStatus).toBe("Failed");
    expect(status.output).toContain("The orchestration version '2.0' is newer than this app's defaultVersion '1.0' (versionMatchStrategy CurrentOrOlder). versionFailureStrategy is Fail.");
  });

  it("when the strategy is Strict, then an older instance is refused too, and None runs anything", async () => {
    const id = await (await deploy({ defaultVersion: "1.0" })).startNew("versioned");
    await host?.waitForIdle();
    const strict = await deploy({ defaultVersion: "2.0", matchStrategy: "Strict", failureStrategy: "Reject" });
    await strict.raiseEvent(id, "go");
    await strict.waitForIdle();
    expect(await statusOf(strict, id)).toMatchObject({ runtimeStatus: "Running", version: "1.0" });
    const lenient = await deploy({ defaultVersion: "0.1", matchStrategy: "None" });
    expect((await lenient.waitForCompletion(id)).output).toBe("1.0");
  });
});

describe("replaying a recorded history against the current code", () => {
  it("when the code still schedules what the history holds, then there is no drift; when it renames a call, the drift names the event", async () => {
    const running = await deploy({ defaultVersion: "1.0" });
    const id = await running.startNew("drifting");
    await running.waitForIdle();
    const history = running.host.engine.get(id)?.history ?? [];
    expect(await running.host.engine.replay("drifting", id, history)).toEqual({ done: false, next: [] });

    replayDrift.rename = true;
    try {
      const drifted = await running.host.engine.replay("drifting", id, history);
      const scheduledAt = history.findIndex((event) => event.Name === "sayHello");
      expect(drifted.drift).toEqual({ eventIndex: scheduledAt, message: expect.stringContaining("scheduled TaskScheduled 'sayHello' with sequence ID 0, but the current replay scheduled activity 'echo' there") });
    } finally {
      replayDrift.rename = false;
    }
    await running.client.terminate(id, "test over");
  });
});
