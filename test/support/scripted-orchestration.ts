import type * as df from "durable-functions";
import { type Flow } from "../../orchestrations/flow/steps";

/**
 * A scripted orchestration context for unit tests of orchestrator code, without a host: every task the code
 * yields is logged and answered at once by the script. The orchestration clock moves only when a timer is
 * yielded (to its fire time), as in Durable, where an episode sees the time of the event that woke it.
 */
export type Scheduled = { kind: "activity"; name: string; input: unknown; atMs: number } | { kind: "timer"; fireAtMs: number; atMs: number } | { kind: "all"; tasks: Scheduled[]; atMs: number };

/** Answers one activity call with its output; throwing fails it (as Durable does when its retries ran out). */
export type ActivityScript = (name: string, input: unknown, nowMs: number) => unknown;

export interface ScriptOptions {
  activity: ActivityScript;
  input?: unknown;
  instanceId?: string;
  startMs?: number;
}

export interface ScriptedRun<T> {
  result?: T;
  error?: unknown;
  /** What the code scheduled, in order: the sequence its Durable history would hold. */
  log: Scheduled[];
  /** Custom status as a watcher would see it at each yield (null until first set). */
  statuses: unknown[];
  /** What the orchestrator wrote to its log ("info: ...", "warn: ...", "error: ..."); a scripted run never replays. */
  lines: string[];
  nowMs: number;
}

export const START_MS = Date.parse("2026-11-22T12:00:00Z");
const MAX_YIELDS = 10_000;

class ScriptedTask implements df.TimerTask {
  isCompleted = false;
  isFaulted = false;
  isCanceled = false;
  result?: unknown;
  constructor(readonly scheduled: Scheduled) {}
  cancel = () => {
    this.isCanceled = true;
  };
}

function answer(scheduled: Scheduled, clock: { nowMs: number }, activity: ActivityScript): unknown {
  switch (scheduled.kind) {
    case "activity":
      return activity(scheduled.name, scheduled.input, clock.nowMs);
    case "timer":
      if (scheduled.fireAtMs < clock.nowMs) throw new Error(`timer set in the past: ${new Date(scheduled.fireAtMs).toISOString()}`);
      clock.nowMs = scheduled.fireAtMs;
      return undefined;
    case "all":
      return scheduled.tasks.map((task) => answer(task, clock, activity));
  }
}

/** Runs an orchestrator function to its end against the script. */
export function runScripted<T>(orchestrator: (context: df.OrchestrationContext) => Generator<df.Task, T, unknown>, options: ScriptOptions): ScriptedRun<T> {
  const clock = { nowMs: options.startMs ?? START_MS };
  let customStatus: unknown = null;
  const log: Scheduled[] = [];
  const statuses: unknown[] = [];
  const lines: string[] = [];
  const task = (scheduled: Scheduled) => new ScriptedTask(scheduled);
  const context = {
    info: (message: string) => lines.push(`info: ${message}`),
    warn: (message: string) => lines.push(`warn: ${message}`),
    error: (message: string) => lines.push(`error: ${message}`),
    df: {
      instanceId: options.instanceId ?? "scripted",
      isReplaying: false,
      get currentUtcDateTime() {
        return new Date(clock.nowMs);
      },
      getInput: () => options.input,
      setCustomStatus: (status: unknown) => {
        customStatus = structuredClone(status);
      },
      callActivityWithRetry: (name: string, _retry: unknown, input?: unknown) => task({ kind: "activity", name, input, atMs: clock.nowMs }),
      callActivity: (name: string, input?: unknown) => task({ kind: "activity", name, input, atMs: clock.nowMs }),
      createTimer: (fireAt: Date) => task({ kind: "timer", fireAtMs: fireAt.getTime(), atMs: clock.nowMs }),
      Task: { all: (tasks: ScriptedTask[]) => task({ kind: "all", tasks: tasks.map((child) => child.scheduled), atMs: clock.nowMs }) },
    },
  } as unknown as df.OrchestrationContext;

  const run: ScriptedRun<T> = { log, statuses, lines, nowMs: clock.nowMs };
  const generator = orchestrator(context);
  try {
    let next = generator.next();
    while (!next.done) {
      if (log.length >= MAX_YIELDS) throw new Error(`more than ${MAX_YIELDS} tasks: the orchestration does not end`);
      if (!(next.value instanceof ScriptedTask)) throw new Error("the orchestration yielded something that is not a task of this context");
      const scheduled = next.value.scheduled;
      log.push(scheduled);
      statuses.push(customStatus);
      let output: unknown;
      try {
        output = answer(scheduled, clock, options.activity);
      } catch (error) {
        next = generator.throw(error);
        continue;
      }
      next = generator.next(output);
    }
    run.result = next.value;
  } catch (error) {
    run.error = error;
  }
  run.nowMs = clock.nowMs;
  return run;
}

/** Runs a flow (not an orchestrator) on its own: calls are answered by the script, sleeps move the clock. */
export function runFlowScripted<T>(flow: (nowMs: () => number) => Flow<T>, activity: ActivityScript, startMs = START_MS) {
  const clock = { nowMs: startMs };
  const requests: Array<{ kind: "call"; name: string; input: unknown; atMs: number } | { kind: "sleep"; untilMs: number; atMs: number }> = [];
  const generator = flow(() => clock.nowMs);
  let result: T | undefined;
  let error: unknown;
  try {
    let next = generator.next();
    while (!next.done) {
      if (requests.length >= MAX_YIELDS) throw new Error(`more than ${MAX_YIELDS} requests: the flow does not end`);
      const request = next.value;
      if (request.kind === "sleep") {
        requests.push({ kind: "sleep", untilMs: request.untilMs, atMs: clock.nowMs });
        clock.nowMs = Math.max(clock.nowMs, request.untilMs);
        next = generator.next();
        continue;
      }
      if (request.kind === "calls") throw new Error("runFlowScripted answers single calls only");
      requests.push({ kind: "call", name: request.contract.name, input: request.input, atMs: clock.nowMs });
      let output: unknown;
      try {
        output = activity(request.contract.name, request.input, clock.nowMs);
      } catch (thrown) {
        next = generator.throw(thrown);
        continue;
      }
      next = generator.next(output);
    }
    result = next.value;
  } catch (thrown) {
    error = thrown;
  }
  return { result, error, requests, nowMs: clock.nowMs };
}

/** The log as short text lines ("activity Name", "timer +30s", "all Name x3"), for readable sequence assertions. */
export function describeLog(log: Scheduled[], startMs = START_MS): string[] {
  const line = (entry: Scheduled): string => {
    switch (entry.kind) {
      case "activity":
        return `activity ${entry.name}`;
      case "timer":
        return `timer +${(entry.fireAtMs - startMs) / 1000}s`;
      case "all":
        return `all [${entry.tasks.map(line).join(", ")}]`;
    }
  };
  return log.map(line);
}
