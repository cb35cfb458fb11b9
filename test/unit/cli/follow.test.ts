import { type InterlinkApi, type Read } from "../../../cli/api/client";
import { type Collection, INTERCONNECTS, VPN_LINKS } from "../../../cli/api/collections";
import { type OperatedView, type StatusDocument } from "../../../cli/api/schemas";
import { type Runtime } from "../../../cli/io";
import { type ProgressSnapshot } from "../../../cli/live/display";
import { follow, type FollowTarget, instanceIdIn } from "../../../cli/live/follow";

type Api = Pick<InterlinkApi, "record" | "statusAt">;

/** Answers in order, the last one repeated: the inventory record (null: 404) and the Location's status document. */
function scriptedApi(records: Array<unknown | null>, statuses: Array<StatusDocument | null> = []): Api & { reads: number } {
  const api = {
    reads: 0,
    async record<V extends OperatedView>(collection: Collection<V>): Promise<Read<V> | null> {
      const record = records[Math.min(api.reads++, records.length - 1)];
      return record === null || record === undefined ? null : { view: collection.view.parse(record), document: record };
    },
    async statusAt(): Promise<StatusDocument | null> {
      return statuses.shift() ?? null;
    },
  };
  return api;
}

function clockRuntime() {
  let now = 0;
  const sleeps: number[] = [];
  const runtime: Runtime = {
    stdout: { write: () => true },
    stderr: { write: () => true },
    stdin: process.stdin,
    env: {},
    fetch: () => Promise.reject(new Error("no network in unit tests")),
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  return { runtime, sleeps };
}

const frames: ProgressSnapshot[] = [];
const display = { update: (snapshot: ProgressSnapshot) => frames.push(snapshot) };
const setupTarget: FollowTarget = { collection: INTERCONNECTS, name: "erp-db-link", operation: "setup", instanceId: "erp-db-link.setup.1", location: new URL("http://127.0.0.1:7071/status") };
const failure = { cloud: "oci", code: "VirtualCircuitFailed", message: "the FastConnect virtual circuit is FAILED" };
const record = (state: string, operation: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  name: "erp-db-link",
  state,
  steps: [{ id: "provisioning", title: "Confirm", status: "failed" }],
  operations: [{ instanceId: "erp-db-link.setup.1", operation: "setup", startedAt: "2026-01-01T00:00:00Z", ...operation }],
  ...extra,
});

describe("following an operation", () => {
  it("when Durable's status ends the setup before the inventory shows it (failed setups ended Completed), then it fails with the output's step and error", async () => {
    const api = scriptedApi([null], [{ runtimeStatus: "Completed", output: { status: "failed", failedStep: "preflight", error: { ...failure, cloud: "interlink", code: "PreflightRejected" } } }]);
    const end = await follow(api, clockRuntime().runtime, display, setupTarget, { intervalMs: 2000 });
    expect(end).toMatchObject({ kind: "failed", failure: { step: "preflight", error: { code: "PreflightRejected" } } });
  });

  it("when Interlink's own status document says Failed, then it fails with the step and error it names", async () => {
    const api = scriptedApi([null], [{ status: "Failed", error: { ...failure, step: "provisioning" } }]);
    const end = await follow(api, clockRuntime().runtime, display, setupTarget, { intervalMs: 2000 });
    expect(end).toMatchObject({ kind: "failed", failure: { step: "provisioning", error: { code: "VirtualCircuitFailed" } } });
  });

  it("when Durable reports the orchestration Failed with no output, then it fails without inventing a step", async () => {
    const api = scriptedApi([null], [{ runtimeStatus: "Failed", output: null }]);
    const end = await follow(api, clockRuntime().runtime, display, setupTarget, { intervalMs: 2000 });
    expect(end).toEqual({ kind: "failed", view: null, failure: {} });
  });

  it("when the record's operation failed and only the record's lastError carries the cloud's words, then those are reported", async () => {
    const api = scriptedApi([record("Failed", { status: "Failed" }, { lastError: { ...failure, step: "provisioning" } })]);
    const end = await follow(api, clockRuntime().runtime, display, setupTarget, { intervalMs: 2000 });
    expect(end).toMatchObject({ kind: "failed", failure: { step: "provisioning", error: { message: failure.message } } });
  });

  it("when the record shows the operation running, then it polls at the interval until it ends, showing each poll", async () => {
    frames.length = 0;
    const running = record("Provisioning", { status: "Running" });
    const api = scriptedApi([null, running, running, record("Active", { status: "Succeeded" })], []);
    const { runtime, sleeps } = clockRuntime();
    const end = await follow(api, runtime, display, setupTarget, { intervalMs: 2000 });
    expect(end.kind).toBe("succeeded");
    expect(sleeps).toEqual([2000, 2000, 2000]);
    expect(frames.map((frame) => frame.state ?? frame.note)).toEqual(["waiting for the setup to start", "Provisioning", "Provisioning", "Active"]);
  });

  it("when a teardown's record is gone, then the teardown succeeded", async () => {
    const end = await follow(scriptedApi([null]), clockRuntime().runtime, display, { collection: INTERCONNECTS, name: "erp-db-link", operation: "teardown" }, { intervalMs: 2000 });
    expect(end.kind).toBe("succeeded");
  });

  it("when the timeout passes first, then it ends timed out after exactly the timeout, the last wait cut short", async () => {
    const { runtime, sleeps } = clockRuntime();
    const end = await follow(scriptedApi([record("Provisioning", { status: "Running" })]), runtime, display, setupTarget, { intervalMs: 2000, timeoutMs: 5000 });
    expect(end).toMatchObject({ kind: "timedOut", elapsedMs: 5000 });
    expect(sleeps).toEqual([2000, 2000, 1000]);
  });

  it("when interrupted, then it stops at the next poll", async () => {
    const interrupt = new AbortController();
    const { runtime } = clockRuntime();
    const api = scriptedApi([record("Provisioning", { status: "Running" })]);
    const end = await follow(api, { ...runtime, signal: interrupt.signal, sleep: async () => interrupt.abort() }, display, setupTarget, { intervalMs: 2000 });
    expect(end.kind).toBe("interrupted");
    expect(api.reads).toBe(1);
  });

  it("when without an instance id, then the running operation of the kind is followed, else the latest", async () => {
    const api = scriptedApi([record("Active", { status: "Succeeded" })]);
    const end = await follow(api, clockRuntime().runtime, display, { collection: INTERCONNECTS, name: "erp-db-link", operation: "setup" }, { intervalMs: 2000 });
    expect(end).toMatchObject({ kind: "succeeded", operation: { instanceId: "erp-db-link.setup.1" } });
  });
});

describe("the instance id in a status URL", () => {
  it.each([
    ["http://127.0.0.1:7071/runtime/webhooks/durabletask/instances/erp-db-link.setup.1?taskHub=x&connection=Storage", "erp-db-link.setup.1"],
    ["http://127.0.0.1:7071/api/interconnects/erp-db-link/operations/erp-db-link.teardown.3", "erp-db-link.teardown.3"],
    ["http://127.0.0.1:7071/api/interconnects/erp-db-link", undefined],
  ])("when the URL is %s, then the id is %s", (url, id) => {
    expect(instanceIdIn(new URL(url), "erp-db-link", INTERCONNECTS)).toBe(id);
  });

  it("when the URL is a VPN link's status route, then the id is its vpn.<name>. one, and an interconnect's id is not taken for it", () => {
    expect(instanceIdIn(new URL("http://127.0.0.1:7071/api/vpn-links/erp-db/operations/vpn.erp-db.setup.2"), "erp-db", VPN_LINKS)).toBe("vpn.erp-db.setup.2");
    expect(instanceIdIn(new URL("http://127.0.0.1:7071/api/interconnects/erp-db/operations/erp-db.setup.2"), "erp-db", VPN_LINKS)).toBeUndefined();
  });
});
