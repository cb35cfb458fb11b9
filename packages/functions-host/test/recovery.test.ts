// recover(): a FileStore left by a crashed host (work scheduled, never answered) is finished by the next host:
// activities run again (at-least-once), missing children are created, pending timers are re-armed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestHost, type TestHost } from "../src/testing";
import { EventType, type HistoryEvent, type InstanceRecord } from "../src/durable/types";

let stateDir: string;
let host: TestHost | undefined;
const at = "2030-01-01T00:00:00.000Z";

function ev(type: EventType, fields: Partial<HistoryEvent> = {}): HistoryEvent {
  return { EventType: type, EventId: -1, IsPlayed: false, Timestamp: at, ...fields };
}

/** An instance as a host would have saved it right after an episode that scheduled `scheduled`. */
function crashed(instanceId: string, name: string, input: unknown, scheduled: HistoryEvent[]): InstanceRecord {
  return {
    instanceId,
    executionId: "exec1",
    name,
    version: null,
    runtimeStatus: "Running",
    input: JSON.stringify(input),
    output: null,
    customStatus: null,
    createdTime: at,
    lastUpdatedTime: at,
    parent: null,
    history: [
      ev(EventType.OrchestratorStarted),
      ev(EventType.ExecutionStarted, { Name: name, Input: JSON.stringify(input), OrchestrationInstance: { InstanceId: instanceId, ExecutionId: "exec1" }, ParentInstance: null }),
      ...scheduled,
      ev(EventType.OrchestratorCompleted),
    ],
    inbox: [],
  };
}

beforeAll(async () => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), "dev-host-recover-"));
  const instances = path.join(stateDir, "ConformanceHub", "instances");
  mkdirSync(instances, { recursive: true });
  const records = [
    crashed("crashed-activity", "sequence", ["A", "B"], [ev(EventType.TaskScheduled, { EventId: 0, Name: "sayHello", Input: '"A"' })]),
    crashed("crashed-parent", "parent", null, [ev(EventType.SubOrchestrationInstanceCreated, { EventId: 0, Name: "child", InstanceId: "crashed-parent:0", Input: '{"value":1}' })]),
    crashed("crashed-timer", "timer", 60_000, [ev(EventType.TimerCreated, { EventId: 0, FireAt: "2030-01-01T00:01:00.000Z" })]),
  ];
  for (const record of records) writeFileSync(path.join(instances, `${record.instanceId}.json`), JSON.stringify(record));
  host = await createTestHost({ appRoot: path.join(__dirname, "apps/durable"), entry: "index.ts", store: "file", stateDir, startTime: new Date(at) });
});

afterAll(async () => {
  await host?.dispose();
  rmSync(stateDir, { recursive: true, force: true });
});

it("when an activity was scheduled but never answered, then it runs again and the orchestration completes", async () => {
  expect((await host!.waitForCompletion("crashed-activity")).output).toEqual(["Hello A", "Hello B"]);
});

it("when a sub-orchestration was recorded but its child never created, then the child is created and the parent completes", async () => {
  const status = await host!.waitForCompletion("crashed-parent");
  expect((status.output as { ok: number }).ok).toBe(10);
  expect((await host!.client.getStatus("crashed-parent:0")).runtimeStatus).toBe("Completed");
});

it("when a timer was pending, then it is re-armed and fires at its original time", async () => {
  const status = await host!.waitForCompletion("crashed-timer");
  expect(status.output).toEqual({ startedAt: at, resumedAt: "2030-01-01T00:01:00.000Z" });
});
