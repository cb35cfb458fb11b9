// Benchmark: how many bytes one setup leaves in orchestration history. Runs DESIGN.md's example request
// (test/fixtures/design-example.json) on the in-process stack with the dev host keeping one JSON file per
// instance, then measures that file and what the activity inputs and outputs in it weigh.
// Run: npm run bench:history (writes bench/results/history-size.json).
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import designExample from "../../test/fixtures/design-example.json";
import { startInProcessStack } from "../../test/support/in-process-stack";

interface StoredEvent {
  EventType: number;
  EventId: number;
  Name?: string;
  Input?: string | null;
  Result?: string | null;
  TaskScheduledId?: number;
}

const TASK_SCHEDULED = 4;
const TASK_COMPLETED = 5;
const bytes = (text: string | null | undefined) => Buffer.byteLength(text ?? "");

/** Per activity: calls, and the bytes of their inputs and results as stored in history. */
function breakdown(history: StoredEvent[]) {
  const scheduled = history.filter((event) => event.EventType === TASK_SCHEDULED);
  const names = new Map(scheduled.map((event) => [event.EventId, event.Name ?? "?"]));
  const activities: Record<string, { calls: number; inputBytes: number; resultBytes: number; largestInputBytes: number }> = {};
  for (const event of scheduled) {
    const entry = (activities[event.Name ?? "?"] ??= { calls: 0, inputBytes: 0, resultBytes: 0, largestInputBytes: 0 });
    entry.calls++;
    entry.inputBytes += bytes(event.Input);
    entry.largestInputBytes = Math.max(entry.largestInputBytes, bytes(event.Input));
  }
  for (const event of history.filter((candidate) => candidate.EventType === TASK_COMPLETED)) {
    const entry = activities[names.get(event.TaskScheduledId ?? -1) ?? "?"];
    if (entry) entry.resultBytes += bytes(event.Result);
  }
  const sorted = Object.fromEntries(Object.entries(activities).sort(([, a], [, b]) => b.inputBytes - a.inputBytes));
  return {
    events: history.length,
    activityCalls: scheduled.length,
    activityInputBytes: scheduled.reduce((sum, event) => sum + bytes(event.Input), 0),
    activityResultBytes: history.filter((event) => event.EventType === TASK_COMPLETED).reduce((sum, event) => sum + bytes(event.Result), 0),
    activities: sorted,
  };
}

it("history size of one setup of DESIGN.md's example", async () => {
  const stack = await startInProcessStack({ hostStore: "file" });
  try {
    const posted = await stack.host.http.request("POST", "/api/interconnects", { json: designExample });
    if (posted.status !== 202) throw new Error(`setup was not accepted: ${posted.status} ${posted.text}`);
    const { instanceId } = posted.json<{ instanceId: string }>();
    const status = await stack.host.waitForCompletion(instanceId, { timeoutMs: 120_000 });
    expect((status.output as { status?: string }).status).toBe("succeeded");
    const file = stack.historyFile(instanceId);
    const stored = JSON.parse(readFileSync(file, "utf8")) as { history: StoredEvent[] };
    const result = { instanceId, requestBytes: Buffer.byteLength(JSON.stringify(designExample)), historyFileBytes: statSync(file).size, ...breakdown(stored.history) };
    const directory = path.resolve(__dirname, "../results");
    mkdirSync(directory, { recursive: true });
    writeFileSync(path.join(directory, "history-size.json"), `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, result }, null, 2)}\n`);
    console.log(`setup history: ${result.historyFileBytes} bytes in ${result.events} events; ${result.activityCalls} activity calls, inputs ${result.activityInputBytes} bytes, results ${result.activityResultBytes} bytes`);
  } finally {
    await stack.stop();
  }
});
