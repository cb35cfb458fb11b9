// Recorded orchestration histories for the replay-compatibility check: a compact, deterministic form of the dev
// host's history events (one file per scenario under test/fixtures/histories/<version>/), and its expansion back
// into the events the orchestrator handler replays.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { EventType, type HistoryEvent } from "@interlink/functions-host/testing";

export const HISTORIES_DIR = path.resolve(__dirname, "../fixtures/histories");
export const HOST_JSON = path.resolve(__dirname, "../../host.json");

/** The app's extensions.durableTask.defaultVersion: the version new instances get, and recordings are filed under. */
export function appDefaultVersion(): string {
  const hostJson = z.object({ extensions: z.object({ durableTask: z.object({ defaultVersion: z.string().min(1) }) }) }).parse(JSON.parse(readFileSync(HOST_JSON, "utf8")));
  return hostJson.extensions.durableTask.defaultVersion;
}

const eventTypeNames = Object.keys(EventType).filter((key) => Number.isNaN(Number(key))) as Array<keyof typeof EventType>;

/** One event: its type by name, JSON texts (Input, Result) as values, no IsPlayed, Timestamp only where the code reads it. */
const CompactEvent = z
  .object({
    EventType: z.enum(eventTypeNames as [keyof typeof EventType, ...Array<keyof typeof EventType>]),
    EventId: z.number().int().optional(),
    Timestamp: z.string().optional(),
    Name: z.string().optional(),
    Input: z.unknown().optional(),
    Result: z.unknown().optional(),
    Reason: z.string().optional(),
    Details: z.string().optional(),
    TaskScheduledId: z.number().int().optional(),
    TimerId: z.number().int().optional(),
    FireAt: z.string().optional(),
    InstanceId: z.string().optional(),
    Version: z.string().optional(),
    OrchestrationStatus: z.string().optional(),
  })
  .strict();
type CompactEvent = z.infer<typeof CompactEvent>;

export const RecordedInstance = z.object({ orchestrator: z.string().min(1), instanceId: z.string().min(1), version: z.string(), events: z.array(CompactEvent).min(1) }).strict();
export type RecordedInstance = z.infer<typeof RecordedInstance>;

export const RecordedScenario = z.object({ scenario: z.string().min(1), description: z.string().min(1), instances: z.array(RecordedInstance).min(1) }).strict();
export type RecordedScenario = z.infer<typeof RecordedScenario>;

/** JSON text fields are kept as values so fixtures read as JSON (and diff as such). */
function jsonValue(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function compactEvents(history: HistoryEvent[]): CompactEvent[] {
  return history.map((event) => {
    const compact: Record<string, unknown> = { EventType: EventType[event.EventType] };
    if (event.EventId >= 0) compact.EventId = event.EventId;
    // The orchestrator's clock (currentUtcDateTime) is OrchestratorStarted's Timestamp; the others are not read.
    if (event.EventType === EventType.OrchestratorStarted) compact.Timestamp = event.Timestamp;
    for (const field of ["Name", "Reason", "Details", "TaskScheduledId", "TimerId", "FireAt", "InstanceId", "Version", "OrchestrationStatus"] as const) {
      const value = event[field];
      if (value !== undefined && value !== null && value !== "") compact[field] = value;
    }
    const input = jsonValue(event.Input);
    const result = jsonValue(event.Result);
    if (input !== undefined) compact.Input = input;
    if (result !== undefined) compact.Result = result;
    return CompactEvent.parse(compact);
  });
}

export function expandEvents(events: CompactEvent[], instanceId: string): HistoryEvent[] {
  let clock = "";
  return events.map((compact) => {
    const type = EventType[compact.EventType];
    if (compact.Timestamp) clock = compact.Timestamp;
    const { EventType: _name, EventId, Timestamp: _time, Input, Result, ...rest } = compact;
    const event: HistoryEvent = { ...rest, EventType: type, EventId: EventId ?? -1, IsPlayed: true, Timestamp: clock };
    if (Input !== undefined) event.Input = JSON.stringify(Input);
    if (Result !== undefined) event.Result = JSON.stringify(Result);
    if (type === EventType.ExecutionStarted) {
      event.Input = Input === undefined ? null : JSON.stringify(Input);
      event.Version = compact.Version ?? "";
      event.OrchestrationInstance = { InstanceId: instanceId, ExecutionId: "recorded" };
    }
    return event;
  });
}

/**
 * The emulators make fresh OCIDs, GUIDs and ports on every run: numbered here by first appearance (their shape kept),
 * so that recording twice gives the same files.
 */
export function stableIds(text: string): string {
  const seen = new Map<string, string>();
  const number = (whole: string, make: (count: number) => string) => {
    const known = seen.get(whole) ?? make(seen.size + 1);
    seen.set(whole, known);
    return known;
  };
  return text
    .replace(/(ocid1\.[a-z0-9]+\.[a-z0-9]+\.[a-z0-9-]*(?:\.[a-z0-9-]+)?\.)[a-z0-9]{20,}/g, (whole, prefix: string) => number(whole, (count) => `${prefix}aaaaaaaarecorded${String(count).padStart(6, "0")}`))
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, (whole) => number(whole.toLowerCase(), (count) => `00000000-0000-4000-8000-${String(count).padStart(12, "0")}`))
    .replace(/(https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):)(\d+)/g, (whole, origin: string) => number(whole, (count) => `${origin}${40000 + count}`));
}

/** One event a line: small files whose diffs show which events changed. */
export function formatRecording(recording: RecordedScenario): string {
  const { instances, ...head } = recording;
  const lines = instances.map((entry) => {
    const { events, ...rest } = entry;
    return `${JSON.stringify(rest).slice(0, -1)},"events":[\n${events.map((event) => JSON.stringify(event)).join(",\n")}\n]}`;
  });
  return `${JSON.stringify(head).slice(0, -1)},"instances":[\n${lines.join(",\n")}\n]}\n`;
}

export interface RecordedFile {
  version: string;
  file: string;
  recording: RecordedScenario;
}

/** Every recording, of every version still kept. */
export function readRecordings(): RecordedFile[] {
  if (!existsSync(HISTORIES_DIR)) return [];
  const files: RecordedFile[] = [];
  for (const version of readdirSync(HISTORIES_DIR).sort()) {
    const directory = path.join(HISTORIES_DIR, version);
    for (const name of readdirSync(directory).filter((file) => file.endsWith(".json")).sort()) {
      const file = path.join(directory, name);
      files.push({ version, file, recording: RecordedScenario.parse(JSON.parse(readFileSync(file, "utf8"))) });
    }
  }
  return files;
}
