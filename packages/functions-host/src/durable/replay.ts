// Replaying a recorded history through the app's orchestrator handler, as the engine does at every episode, and the
// determinism check DTFx makes on it. The engine uses both; `replayHistory` also serves upgrade checks: an old history
// replayed against new code shows whether instances in flight at deploy time would carry on or break.
import type { RpcTypedData } from "../core/coreTypes";
import type { InvocationOutcome } from "../core/invoker";
import { prepareEpisode, readEpisode, type EpisodeReading, type OpenWork } from "./sdkBridge";
import { EventType, type HistoryEvent, type OrchestratorState } from "./types";

const outOfProcLabel = "$OutOfProcData$:";

export interface OrchestratorRunner {
  run(functionName: string, triggerData: RpcTypedData | undefined, prepare?: (context: unknown) => void): Promise<InvocationOutcome>;
}

/** The orchestration trigger's binding data, as the extension sends it (the SDK requires these keys). */
export function orchestrationBinding(spec: { instanceId: string; parentInstanceId: string | null; input: string | null; history: HistoryEvent[]; replaying: boolean }): RpcTypedData {
  return {
    string: JSON.stringify({
      history: spec.history,
      input: spec.input === null ? null : (JSON.parse(spec.input) as unknown),
      instanceId: spec.instanceId,
      isReplaying: spec.replaying,
      parentInstanceId: spec.parentInstanceId,
      upperSchemaVersion: 1,
      upperSchemaVersionNew: 2,
      longRunningTimerIntervalDuration: "3.00:00:00",
      maximumShortTimerDuration: "6.00:00:00",
      defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
    }),
  };
}

export function parseOrchestratorState(outcome: InvocationOutcome): OrchestratorState {
  if (outcome.ok) {
    const value = outcome.response.returnValue;
    const text = value?.json ?? value?.string;
    if (typeof text !== "string") throw new Error("The orchestrator handler returned no OrchestratorState");
    return JSON.parse(text) as OrchestratorState;
  }
  const message = outcome.error.message;
  const index = message.indexOf(outOfProcLabel);
  if (index < 0) return { isDone: false, actions: [[]], error: message };
  return JSON.parse(message.slice(index + outOfProcLabel.length)) as OrchestratorState;
}

export interface ReplayDrift {
  /** Position in the history of the scheduling event the replay no longer matches. */
  eventIndex: number;
  message: string;
}

const schedulingEvents = new Set([EventType.TaskScheduled, EventType.TimerCreated, EventType.SubOrchestrationInstanceCreated]);
const expectedEvent: Record<OpenWork["kind"], EventType | undefined> = {
  activity: EventType.TaskScheduled,
  subOrchestration: EventType.SubOrchestrationInstanceCreated,
  timer: EventType.TimerCreated,
  retryTimer: EventType.TimerCreated,
  unsupported: undefined,
};

const workName = (item: OpenWork) => (item.kind === "activity" || item.kind === "subOrchestration" ? item.name : undefined);

/**
 * Compares what the replay numbered with what history says was scheduled, as DTFx's TaskOrchestrationContext does:
 * a scheduled task, timer or sub-orchestration the replay no longer makes (or makes differently) is non-deterministic.
 */
export function findDrift(history: HistoryEvent[], reading: EpisodeReading): ReplayDrift | undefined {
  for (const [eventIndex, event] of history.entries()) {
    if (!schedulingEvents.has(event.EventType)) continue;
    const replayed = reading.tracked.get(event.EventId);
    if (!replayed) {
      return {
        eventIndex,
        message: `a previous execution scheduled ${EventType[event.EventType]} with sequence ID ${event.EventId}${event.Name ? ` and name '${event.Name}'` : ""}, but the current replay hasn't scheduled it. Was the orchestrator code changed while this instance was running?`,
      };
    }
    const name = workName(replayed);
    if (event.EventType === expectedEvent[replayed.kind] && (name === undefined || event.Name === name)) continue;
    return {
      eventIndex,
      message: `a previous execution scheduled ${EventType[event.EventType]}${event.Name ? ` '${event.Name}'` : ""} with sequence ID ${replayed.id}, but the current replay scheduled ${replayed.kind}${name ? ` '${name}'` : ""} there. Was the orchestrator code changed while this instance was running?`,
    };
  }
  return undefined;
}

export interface ReplayResult {
  /** The first scheduling event the code no longer matches. */
  drift?: ReplayDrift;
  /** The orchestrator threw during the replay (an input it no longer accepts, say). */
  error?: string;
  done: boolean;
  /** Work the code would schedule next that the history does not hold. */
  next: OpenWork[];
}

/** Runs the orchestrator once over the whole of `history` (every event played) and checks it against the history. */
export async function replayHistory(runner: OrchestratorRunner, spec: { name: string; instanceId: string; parentInstanceId?: string | null; history: HistoryEvent[] }): Promise<ReplayResult> {
  const started = spec.history.find((event) => event.EventType === EventType.ExecutionStarted);
  if (!started) throw new Error(`The history of ${spec.name} (${spec.instanceId}) has no ExecutionStarted event`);
  const history = spec.history.map((event) => ({ ...event, IsPlayed: true }));
  const binding = orchestrationBinding({ instanceId: spec.instanceId, parentInstanceId: spec.parentInstanceId ?? null, input: started.Input ?? null, history, replaying: true });
  const outcome = await runner.run(spec.name, binding, prepareEpisode);
  const state = parseOrchestratorState(outcome);
  // Also when the code threw: what it scheduled before (a result it now reads as another type, say) shows where it left the history.
  const reading = readEpisode(outcome.context);
  const drift = findDrift(spec.history, reading);
  const scheduled = new Set(spec.history.filter((event) => schedulingEvents.has(event.EventType)).map((event) => event.EventId));
  const next = state.error !== undefined ? [] : reading.work.filter((item) => !scheduled.has(item.id) && !(item.kind === "timer" && item.canceled));
  return { ...(drift ? { drift } : {}), ...(state.error !== undefined ? { error: state.error } : {}), done: state.isDone, next };
}
