// Durable conformance: the conformance app's orchestrations driven in-process through the real DurableClient
// (durable-functions' own client, talking to the host's management API) under the virtual clock.
import path from "node:path";
import { EventType } from "../src/durable/types";
import { createTestHost, type TestHost } from "../src/testing";
import { attempts, concurrency, replayDrift } from "./apps/durable/index";

const webhooks = "/runtime/webhooks/durabletask";
let host: TestHost;

beforeAll(async () => {
  host = await createTestHost({ appRoot: path.join(__dirname, "apps/durable"), entry: "index.ts", startTime: new Date("2030-01-01T00:00:00Z") });
});
afterAll(() => host.dispose());

interface HistoryEntry {
  EventType: string;
  Timestamp: string;
  FireAt?: string;
  FunctionName?: string;
  Result?: unknown;
}

async function history(instanceId: string): Promise<HistoryEntry[]> {
  const response = await host.http.request("GET", `${webhooks}/instances/${instanceId}?showHistory=true&showHistoryOutput=true`);
  return response.json<{ historyEvents: HistoryEntry[] }>().historyEvents;
}

/** Delay of each retry timer: FireAt minus the time it was created. */
const timerDelays = (events: HistoryEntry[]) => events.filter((event) => event.EventType === "TimerCreated").map((event) => Date.parse(event.FireAt as string) - Date.parse(event.Timestamp));

describe("activities and the HTTP starter", () => {
  it("when an HTTP client function starts an orchestration, then it gets the check-status response and the status URL reports the output", async () => {
    const started = await host.http.request("POST", "/api/orchestrators/sequence", { json: ["Tokyo", "Seattle", "London"] });
    expect(started.status).toBe(202);
    const payload = started.json<{ id: string; statusQueryGetUri: string; sendEventPostUri: string; terminatePostUri: string; purgeHistoryDeleteUri: string }>();
    expect(started.headers.location).toBe(payload.statusQueryGetUri);
    expect(payload.statusQueryGetUri).toBe(`http://127.0.0.1:7071${webhooks}/instances/${payload.id}?taskHub=ConformanceHub&connection=Storage`);
    expect(payload.sendEventPostUri).toContain(`/instances/${payload.id}/raiseEvent/{eventName}`);

    await host.waitForCompletion(payload.id);
    const status = await host.http.request("GET", new URL(payload.statusQueryGetUri).pathname + new URL(payload.statusQueryGetUri).search);
    expect(status.status).toBe(200);
    expect(status.json()).toMatchObject({ name: "sequence", runtimeStatus: "Completed", input: ["Tokyo", "Seattle", "London"], output: ["Hello Tokyo", "Hello Seattle", "Hello London"] });
  });

  it("when the status of a running instance is asked for, then it is 202 with Location and Retry-After", async () => {
    const id = await host.startNew("waitForever");
    await host.waitForIdle();
    const response = await host.http.request("GET", `${webhooks}/instances/${id}`);
    expect(response.status).toBe(202);
    expect(response.headers["retry-after"]).toBe("5");
    expect(response.json()).toMatchObject({ runtimeStatus: "Running", customStatus: "waiting", output: null });
    await host.client.terminate(id, "test over");
  });

  it("when Task.all fans out, then every activity runs and results keep their order", async () => {
    const id = await host.startNew("fanOut", { input: 12 });
    const status = await host.waitForCompletion(id);
    expect(status.output).toEqual(Array.from({ length: 12 }, (_unused, index) => ({ index })));
  });

  it("when activities fan out, then at most maxConcurrentActivityFunctions (host.json: 4) run at once", async () => {
    const id = await host.startNew("fanOutTracked", { input: 12 });
    expect((await host.waitForCompletion(id)).output).toHaveLength(12);
    expect(concurrency.max).toBe(4);
  });

  it("when an orchestration names an unknown orchestrator, then startNew is refused", async () => {
    await expect(host.startNew("noSuchOrchestrator")).rejects.toThrow(/400/);
  });
});

describe("retries (DTFx RetryInterceptor semantics)", () => {
  it("when an activity succeeds on attempt 3, then it ran three times with backoff delays between attempts", async () => {
    const id = await host.startNew("retrying", { input: { key: "third-time", succeedOn: 3, attempts: 5, firstMs: 1000, backoff: 2 } });
    const status = await host.waitForCompletion(id);
    expect(status.output).toEqual({ key: "third-time", attempt: 3 });
    expect(attempts.get("third-time")).toBe(3);
    const events = await history(id);
    expect(events.filter((event) => event.EventType === "TaskFailed")).toHaveLength(2);
    expect(timerDelays(events)).toEqual([1000, 2000]);
  });

  it("when every attempt fails, then the orchestrator sees the last failure after a timer that follows the last attempt", async () => {
    const id = await host.startNew("retrying", { input: { key: "never", succeedOn: 99, attempts: 3, firstMs: 1000, backoff: 10, maxMs: 5000 } });
    const status = await host.waitForCompletion(id);
    expect((status.output as { failed: string }).failed).toContain("Activity function 'flaky' failed: flaky failure 3");
    expect(attempts.get("never")).toBe(3);
    // first * backoff^(k-1), capped at maxRetryInterval; the third timer comes after the last attempt.
    expect(timerDelays(await history(id))).toEqual([1000, 5000, 5000]);
  });

  it("when retries exhaust, then the history numbers work exactly as DTFx does (a retry timer after every failure)", async () => {
    const id = await host.startNew("retrying", { input: { key: "golden", succeedOn: 99, attempts: 2, firstMs: 20 } });
    await host.waitForCompletion(id);
    const record = host.host.engine.get(id);
    const sequence = record?.history
      .filter((event) => [4, 6, 10, 11].includes(event.EventType))
      .map((event) => `${["", "", "", "", "TaskScheduled", "", "TaskFailed", "", "", "", "TimerCreated", "TimerFired"][event.EventType]} ${event.EventType === 6 ? event.TaskScheduledId : event.EventType === 11 ? event.TimerId : event.EventId}`);
    // Same shape as durable-js' GetSayHelloWithActivityRetryRetryTwo fixture.
    expect(sequence).toEqual(["TaskScheduled 0", "TaskFailed 0", "TimerCreated 1", "TimerFired 1", "TaskScheduled 2", "TaskFailed 2", "TimerCreated 3", "TimerFired 3"]);
  });

  it("when the retry timeout elapses, then, as in Azure, the task neither retries nor fails and the instance waits forever, and the host says why", async () => {
    const id = await host.startNew("retrying", { input: { key: "timeout", succeedOn: 99, attempts: 10, firstMs: 1000, timeoutMs: 2500 } });
    await host.clock.advance(60 * 60_000);
    // Failures at t=0, 1s and 2s are inside the 2.5 s window and are retried; the 4th attempt (t=3s) fails past it.
    expect(attempts.get("timeout")).toBe(4);
    const status = await host.client.getStatus(id);
    expect(status.runtimeStatus).toBe("Running");
    expect(status.output).toBeNull();
    // Nothing is scheduled after the last failure: no retry timer, no further attempt (azure-functions-durable-js#629).
    const events = await history(id);
    expect(events.at(-1)?.EventType).toBe("TaskFailed");
    expect(host.logs.filter((line) => line.includes(`(${id}): retryTimeoutInMilliseconds elapsed`))).toHaveLength(1);
    await host.client.terminate(id, "test over");
  });
});

describe("timers and external events", () => {
  it("when an orchestration waits on a durable timer, then virtual time moves to it and currentUtcDateTime follows", async () => {
    const before = host.clock.now().getTime();
    const id = await host.startNew("timer", { input: 5 * 60_000 });
    const status = await host.waitForCompletion(id);
    const output = status.output as { startedAt: string; resumedAt: string };
    expect(Date.parse(output.resumedAt) - Date.parse(output.startedAt)).toBe(5 * 60_000);
    expect(host.clock.now().getTime() - before).toBeGreaterThanOrEqual(5 * 60_000);
  });

  it("when a timer is longer than six days, then it is fired in chunks (3 days, then the rest) and resumes on time", async () => {
    const id = await host.startNew("timer", { input: 7 * 24 * 3600_000 });
    const status = await host.waitForCompletion(id);
    const output = status.output as { startedAt: string; resumedAt: string };
    expect(Date.parse(output.resumedAt) - Date.parse(output.startedAt)).toBe(7 * 24 * 3600_000);
    expect(timerDelays(await history(id))).toEqual([3 * 24 * 3600_000, 4 * 24 * 3600_000]);
  });

  it("when the event arrives before the deadline, then Task.any picks the event", async () => {
    const id = await host.startNew("approval");
    await host.waitForIdle();
    await host.raiseEvent(id, "approve", { user: "ana" });
    const status = await host.waitForCompletion(id);
    expect(status.output).toEqual({ outcome: "approved", by: { user: "ana" } });
  });

  it("when no event arrives, then Task.any picks the timer an hour later", async () => {
    const before = host.clock.now().getTime();
    const id = await host.startNew("approval");
    const status = await host.waitForCompletion(id);
    expect(status.output).toEqual({ outcome: "timedOut" });
    expect(host.clock.now().getTime() - before).toBeGreaterThanOrEqual(3600_000);
  });

  it("when an event is raised before anything waits for it, then it is buffered and delivered", async () => {
    const id = await host.startNew("waitForever");
    await host.raiseEvent(id, "never", 42);
    expect((await host.waitForCompletion(id)).output).toBe(42);
  });
});

describe("sub-orchestrations and continue-as-new", () => {
  it("when a sub-orchestration fails, then the parent catches its failure and the child is Failed", async () => {
    const id = await host.startNew("parent");
    const status = await host.waitForCompletion(id);
    const output = status.output as { ok: number; failure: string };
    expect(output.ok).toBe(10);
    expect(output.failure).toContain("Orchestrator function 'child' failed: child refused 2");
    const children = (await host.client.getStatusAll()).filter((child) => child.instanceId.startsWith(`${id}:`));
    expect(children.map((child) => child.runtimeStatus).sort()).toEqual(["Completed", "Failed"]);
  });

  it("when a sub-orchestration with retry keeps failing, then each attempt is a new child instance", async () => {
    const id = await host.startNew("parentWithRetry");
    const status = await host.waitForCompletion(id);
    expect((status.output as { failure: string }).failure).toContain("child refused 3");
    const children = (await host.client.getStatusAll()).filter((child) => child.instanceId.startsWith(`${id}:`));
    expect(children).toHaveLength(2);
  });

  it("when an orchestration continues as new, then it restarts with the new input and a fresh history", async () => {
    const id = await host.startNew("counter", { input: 0 });
    const status = await host.waitForCompletion(id);
    expect(status.output).toEqual({ final: 3 });
    expect(status.customStatus).toEqual({ count: 3 });
    expect(status.input).toBe(3);
    const events = await history(id);
    expect(events.filter((event) => event.EventType === "ExecutionStarted")).toHaveLength(1);
  });
});

describe("management API through the real DurableClient", () => {
  it("when an instance is terminated, then it is Terminated with the reason as output", async () => {
    const id = await host.startNew("waitForever");
    await host.waitForIdle();
    await host.client.terminate(id, "operator said so");
    const status = await host.client.getStatus(id);
    expect(status.runtimeStatus).toBe("Terminated");
    expect(status.output).toBe("operator said so");
  });

  it("when an instance is suspended, then events wait until it is resumed", async () => {
    const id = await host.startNew("waitForever");
    await host.waitForIdle();
    await host.client.suspend(id, "hold");
    await host.raiseEvent(id, "never", "late");
    await host.waitForIdle();
    expect((await host.client.getStatus(id)).runtimeStatus).toBe("Suspended");
    await host.client.resume(id, "go");
    expect((await host.waitForCompletion(id)).output).toBe("late");
  });

  it("when instances are listed with filters, then only matching ones come back", async () => {
    const running = await host.startNew("waitForever", { instanceId: "listing-running" });
    await host.waitForIdle();
    const byStatus = await host.client.getStatusBy({ runtimeStatus: ["Running" as never] });
    expect(byStatus.map((status) => status.instanceId)).toContain(running);
    expect(byStatus.every((status) => status.runtimeStatus === "Running")).toBe(true);
    const future = await host.client.getStatusBy({ createdTimeFrom: new Date("2099-01-01T00:00:00Z") });
    expect(future).toEqual([]);
    await host.client.terminate(running, "done");
  });

  it("when history is purged, then the instance is gone and purge-by-filter deletes only finished instances", async () => {
    const id = await host.startNew("sequence", { input: ["Oslo"] });
    await host.waitForCompletion(id);
    expect((await host.client.purgeInstanceHistory(id)).instancesDeleted).toBe(1);
    await expect(host.client.getStatus(id)).rejects.toThrow(/404/);

    const keep = await host.startNew("waitForever");
    await host.waitForIdle();
    const result = await host.client.purgeInstanceHistoryBy({ createdTimeFrom: new Date(0), runtimeStatus: ["Completed" as never, "Failed" as never, "Terminated" as never] });
    expect(result.instancesDeleted).toBeGreaterThan(0);
    expect((await host.client.getStatusAll()).map((status) => status.runtimeStatus)).not.toContain("Completed");
    expect((await host.client.getStatus(keep)).runtimeStatus).toBe("Running");
    await host.client.terminate(keep, "done");
  });

  it("when an instance id that is running is started again, then the start is refused with the extension's 500 and the instance keeps running", async () => {
    const id = await host.startNew("waitForever", { instanceId: "singleton" });
    await host.waitForIdle();
    await expect(host.startNew("waitForever", { instanceId: id })).rejects.toThrow(/unexpected status code: 500.*An Orchestration instance with the status Running already exists\./);
    const raw = await host.http.request("POST", `${webhooks}/orchestrators/waitForever/${id}`);
    expect(raw.status).toBe(500);
    expect(raw.json()).toEqual({
      Message: "Something went wrong while processing your request",
      ExceptionMessage: "An Orchestration instance with the status Running already exists.",
      ExceptionType: "System.InvalidOperationException",
    });
    expect((await host.client.getStatus(id)).runtimeStatus).toBe("Running");
    await host.client.terminate(id, "done");
    // A finished instance is replaced by a new start under the same id.
    expect(await host.startNew("sequence", { instanceId: id, input: ["Lima"] })).toBe(id);
    expect((await host.waitForCompletion(id)).output).toEqual(["Hello Lima"]);
  });

  it("when an event is sent to a finished or unknown instance, then the API answers 410 or 404", async () => {
    const id = await host.startNew("sequence", { input: [] });
    await host.waitForCompletion(id);
    expect((await host.http.request("POST", `${webhooks}/instances/${id}/raiseEvent/late`, { json: 1 })).status).toBe(410);
    expect((await host.http.request("POST", `${webhooks}/instances/nobody/raiseEvent/late`, { json: 1 })).status).toBe(404);
    expect((await host.http.request("POST", `${webhooks}/instances/${id}/raiseEvent/late`, { body: "{not json" })).status).toBe(400);
  });

  it("when showHistory is asked for, then historyEvents are summarized as the extension does", async () => {
    const id = await host.startNew("sequence", { input: ["Rome"] });
    await host.waitForCompletion(id);
    const events = await history(id);
    expect(events.map((event) => event.EventType)).toEqual(["ExecutionStarted", "TaskCompleted", "ExecutionCompleted"]);
    expect(events[1]).toMatchObject({ FunctionName: "sayHello", Result: "Hello Rome" });
  });
});

describe("failures", () => {
  it("when the orchestrator throws, then the instance is Failed with the extension's message", async () => {
    const id = await host.startNew("failing");
    const status = await host.waitForCompletion(id);
    expect(status.runtimeStatus).toBe("Failed");
    expect(status.output).toContain("Orchestrator function 'failing' failed: orchestrator gave up");
  });

  it("when a replay schedules a different activity at the same sequence id, then the instance fails as non-deterministic", async () => {
    const id = await host.startNew("drifting");
    await host.waitForIdle();
    replayDrift.rename = true;
    try {
      await host.raiseEvent(id, "go", 1);
      const status = await host.waitForCompletion(id);
      expect(status.runtimeStatus).toBe("Failed");
      expect(status.output).toContain("Non-Deterministic workflow detected");
      expect(status.output).toContain("'sayHello'");
    } finally {
      replayDrift.rename = false;
    }
  });

  it("when a replay no longer makes a call whose completion is in history, then the instance fails as non-deterministic", async () => {
    const id = await host.startNew("drifting");
    await host.waitForIdle();
    replayDrift.skip = true;
    try {
      await host.raiseEvent(id, "go", 1);
      const status = await host.waitForCompletion(id);
      expect(status.runtimeStatus).toBe("Failed");
      expect(status.output).toContain("Non-Deterministic workflow detected");
      expect(status.output).toContain("TaskScheduled with sequence ID 0 and name 'sayHello', but the current replay hasn't scheduled it");
    } finally {
      replayDrift.skip = false;
    }
  });

  it("when a completion arrives that no open task waits for (a duplicate, or an unknown task id), then it is logged and dropped and the instance carries on", async () => {
    const id = await host.startNew("drifting");
    await host.waitForIdle();
    const record = host.host.engine.get(id);
    if (!record) throw new Error("no instance");
    const at = host.clock.now().toISOString();
    // At-least-once delivery can bring a completion twice; a stray one may name a task id history never scheduled.
    record.inbox.push(
      { EventType: EventType.TaskCompleted, EventId: -1, IsPlayed: false, Timestamp: at, TaskScheduledId: 0, Result: JSON.stringify("Hello again") },
      { EventType: EventType.TaskCompleted, EventId: -1, IsPlayed: false, Timestamp: at, TaskScheduledId: 7, Result: JSON.stringify("stray") },
    );
    await host.raiseEvent(id, "go", "went");
    const status = await host.waitForCompletion(id);
    expect(status.runtimeStatus).toBe("Completed");
    expect(status.output).toBe("went");
    const dropped = host.logs.filter((line) => line.includes(`(${id}): dropped a completion for task`));
    expect(dropped.map((line) => /task (\d+)/.exec(line)?.[1])).toEqual(["0", "7"]);
  });
});
