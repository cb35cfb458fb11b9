// Replay compatibility: every recorded history (test/fixtures/histories/<version>/) is replayed against the current
// orchestrator code through the dev host. An instance of that version in flight when this code deploys would replay the
// same way, so a history the code no longer follows is a breaking change for it: fail here, before it ships.
import path from "node:path";
import { compareVersions, createTestHost, type ReplayResult, type TestHost } from "@interlink/functions-host/testing";
import { HEALTH_SWEEP_ORCHESTRATOR } from "../../shared/domain/health";
import { RESIZE_ORCHESTRATOR, RESUME_ORCHESTRATOR, SETUP_ORCHESTRATOR, SUSPEND_ORCHESTRATOR, TEARDOWN_ORCHESTRATOR, UPDATE_ORCHESTRATOR } from "../../shared/domain/lifecycle";
import { VPN_SETUP_ORCHESTRATOR } from "../../shared/domain/vpn-link-record";
import { appDefaultVersion, expandEvents, readRecordings, type RecordedInstance } from "../support/histories";

const repoRoot = path.resolve(__dirname, "../..");
const recordings = readRecordings();
const defaultVersion = appDefaultVersion();
let host: TestHost;

beforeAll(async () => {
  host = await createTestHost({ appRoot: repoRoot, entry: "functions/index.ts", triggers: false });
});
afterAll(() => host?.dispose());

/** What to do about a history the code no longer follows, in the reader's words. */
function advice(instance: RecordedInstance): string {
  return [
    `Instances of ${instance.orchestrator} at version ${instance.version || "(none)"} that are in flight when this code deploys would replay this history and break (or act differently).`,
    "Either:",
    `  - keep the old path for them: branch on context.df.version (instances of ${instance.version || "(none)"} must schedule what they did), raise extensions.durableTask.defaultVersion in host.json, and run \`npm run record-histories\` to record the new version next to this one; or`,
    `  - when no instance of ${instance.version || "(none)"} can be in flight where this deploys (before the first release, or after draining: docs/deploy.md, "Upgrading Interlink"), re-record with \`npm run record-histories\`.`,
  ].join("\n");
}

/** A history that ended with the orchestrator failing replays to the same failure: that is not a change. */
function failedWith(instance: RecordedInstance, error: string): boolean {
  const last = instance.events.at(-1);
  return last?.EventType === "ExecutionCompleted" && last.OrchestrationStatus === "Failed" && typeof last.Result === "string" && last.Result.endsWith(`failed: ${error}`);
}

function verdict(file: string, instance: RecordedInstance, result: ReplayResult): string | undefined {
  const where = `${path.relative(repoRoot, file)}: orchestrator '${instance.orchestrator}' (recorded at version ${instance.version || "(none)"})`;
  const threw = result.error !== undefined && !failedWith(instance, result.error) ? result.error : undefined;
  if (result.drift) {
    const event = instance.events[result.drift.eventIndex];
    const then = threw === undefined ? "" : `\nIt then threw: ${threw}`;
    return `${where} no longer replays at event #${result.drift.eventIndex} (${event?.EventType ?? "?"}${event?.Name ? ` '${event.Name}'` : ""}): ${result.drift.message}${then}\n${advice(instance)}`;
  }
  if (threw !== undefined) return `${where} threw while replaying its history: ${threw}\n${advice(instance)}`;
  return undefined;
}

it("has recordings of every lifecycle orchestrator at the app's defaultVersion", () => {
  const current = recordings.filter((recording) => recording.version === defaultVersion);
  const orchestrators = new Set(current.flatMap((recording) => recording.recording.instances.map((instance) => instance.orchestrator)));
  const missing = [SETUP_ORCHESTRATOR, TEARDOWN_ORCHESTRATOR, RESIZE_ORCHESTRATOR, SUSPEND_ORCHESTRATOR, RESUME_ORCHESTRATOR, UPDATE_ORCHESTRATOR, HEALTH_SWEEP_ORCHESTRATOR, VPN_SETUP_ORCHESTRATOR].filter((name) => !orchestrators.has(name));
  expect(missing).toEqual([]);
  // A recording newer than the app: host.json's defaultVersion went back, or a newer recording was merged into older code.
  expect(recordings.filter((recording) => compareVersions(recording.version, defaultVersion) > 0).map((recording) => recording.file)).toEqual([]);
});

it.each(recordings.map((recording) => [`${recording.version}/${recording.recording.scenario}`, recording] as const))("when %s is replayed against the current code, then it schedules what the history holds", async (_label, recording) => {
  const failures: string[] = [];
  for (const instance of recording.recording.instances) {
    const result = await host.host.engine.replay(instance.orchestrator, instance.instanceId, expandEvents(instance.events, instance.instanceId));
    const problem = verdict(recording.file, instance, result);
    if (problem) failures.push(problem);
  }
  expect(failures).toEqual([]);
});
