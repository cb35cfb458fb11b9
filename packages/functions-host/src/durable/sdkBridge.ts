// The ONLY place that reads durable-functions internals. After an episode the SDK's TaskOrchestrationExecutor holds
// every open task under the sequence id it assigned (openTasks), and completions it could not match (deferredTasks).
// Reading them gives the host DTFx's exact numbering, including retry timers and long-timer chunks, without
// re-implementing it. Verified against durable-functions 3.5.x (package.json pins ~3.5.0).
import { ActionType, type RetryOptionsLike } from "./types";

interface SdkAction {
  actionType: number;
  functionName?: string;
  input?: unknown;
  instanceId?: string;
  version?: string;
  fireAt?: Date;
  isCanceled?: boolean;
  retryOptions?: RetryOptionsLike;
}

interface SdkTask {
  id: number | string | false;
  action: SdkAction | "noOp";
  parent?: SdkRetryableTask | object;
}

interface SdkRetryableTask {
  retryOptions: RetryOptionsLike;
  isWaitingOnTimer: boolean;
  attemptNumber: number;
  children: SdkTask[];
  action: SdkAction;
}

interface SdkExecutor {
  openTasks: Record<string, SdkTask>;
  deferredTasks: Record<string, unknown[]>;
}

export interface RetryState {
  options: RetryOptionsLike;
  /** 1-based number of the attempt this work item belongs to (for a retry timer: the attempt that follows it). */
  attemptNumber: number;
  /** Sequence id of the first attempt: its scheduling time starts the retry timeout. */
  firstAttemptId: number;
  /** Sequence id of the attempt that failed last (for timers and later attempts). */
  lastFailedAttemptId: number | undefined;
  /** For a later attempt: sequence id of the retry timer that preceded it. */
  previousTimerId: number | undefined;
}

export type OpenWork =
  | { kind: "activity"; id: number; name: string; input: string | null; retry?: RetryState }
  | { kind: "subOrchestration"; id: number; name: string; instanceId: string | undefined; input: string | null; version: string | undefined; retry?: RetryState }
  | { kind: "timer"; id: number; fireAt: Date; canceled: boolean }
  | { kind: "retryTimer"; id: number; retry: RetryState }
  | { kind: "unsupported"; id: number; what: string };

export interface EpisodeReading {
  /** Tasks still open after the episode, in sequence-id order: what the host may have to schedule. */
  work: OpenWork[];
  /** Every task the SDK numbered during the replay (open or already completed), to check against history. */
  tracked: Map<number, OpenWork>;
  /** Numeric ids whose completion arrived but no task with that id exists: a non-deterministic replay. */
  unmatchedCompletionIds: number[];
}

function isRetryable(value: unknown): value is SdkRetryableTask {
  return typeof value === "object" && value !== null && "retryOptions" in value && "isWaitingOnTimer" in value && "attemptNumber" in value && Array.isArray((value as { children?: unknown }).children);
}

function executorOf(context: unknown): SdkExecutor {
  const df = (context as { df?: { taskOrchestratorExecutor?: unknown } } | undefined)?.df;
  const executor = df?.taskOrchestratorExecutor as Partial<SdkExecutor> | undefined;
  if (!executor || typeof executor.openTasks !== "object" || typeof executor.deferredTasks !== "object") {
    throw new Error("durable-functions internals changed: context.df.taskOrchestratorExecutor.openTasks is missing (the dev host supports durable-functions ~3.5)");
  }
  return executor as SdkExecutor;
}

/** Activity inputs are pre-encoded by the SDK when they are strings (Utils.processInput); others are raw values. */
function activityInputText(input: unknown): string | null {
  if (input === undefined) return null;
  return typeof input === "string" ? input : JSON.stringify(input);
}

/** Sub-orchestration inputs are never pre-encoded. */
function jsonText(input: unknown): string | null {
  return input === undefined ? null : JSON.stringify(input);
}

function numericId(task: SdkTask | undefined): number | undefined {
  return typeof task?.id === "number" ? task.id : undefined;
}

function retryState(parent: SdkRetryableTask, child: SdkTask): RetryState {
  // children = [first attempt, timer, attempt, timer, ...]: even positions are attempts, odd ones retry timers.
  const position = parent.children.indexOf(child);
  const attemptIds = parent.children.filter((_task, index) => index % 2 === 0).map(numericId);
  const attemptNumber = Math.floor(position / 2) + 1 + (position % 2);
  return {
    options: parent.retryOptions,
    attemptNumber,
    firstAttemptId: attemptIds[0] ?? -1,
    lastFailedAttemptId: position > 0 ? numericId(parent.children[position % 2 === 1 ? position - 1 : position - 2]) : undefined,
    previousTimerId: position > 0 && position % 2 === 0 ? numericId(parent.children[position - 1]) : undefined,
  };
}

function describe(id: number, action: SdkAction, retry: RetryState | undefined): OpenWork {
  switch (action.actionType) {
    case ActionType.CallActivity:
    case ActionType.CallActivityWithRetry:
      return { kind: "activity", id, name: action.functionName ?? "", input: activityInputText(action.input), retry };
    case ActionType.CallSubOrchestrator:
    case ActionType.CallSubOrchestratorWithRetry:
      return { kind: "subOrchestration", id, name: action.functionName ?? "", instanceId: action.instanceId || undefined, input: jsonText(action.input), version: action.version, retry };
    case ActionType.CreateTimer:
      return { kind: "timer", id, fireAt: new Date(action.fireAt ?? 0), canceled: action.isCanceled === true };
    case ActionType.CallHttp:
      return { kind: "unsupported", id, what: "callHttp" };
    case ActionType.CallEntity:
    case ActionType.SignalEntity:
    case ActionType.LockEntities:
    case ActionType.ReleaseEntities:
      return { kind: "unsupported", id, what: "durable entities" };
    default:
      return { kind: "unsupported", id, what: `action type ${action.actionType}` };
  }
}

function workOf(id: number, task: SdkTask): OpenWork | undefined {
  const parent = task.parent;
  if (task.action === "noOp") {
    if (!isRetryable(parent)) return undefined;
    const retry = retryState(parent, task);
    return parent.children.indexOf(task) % 2 === 1 ? { kind: "retryTimer", id, retry } : describe(id, parent.action, retry);
  }
  return describe(id, task.action, isRetryable(parent) ? retryState(parent, task) : undefined);
}

const tracked = new WeakMap<object, Map<number, SdkTask>>();

/**
 * Call on the InvocationContext before the orchestrator runs. The SDK sets `context.df` once per episode; the
 * accessor installed here wraps the executor's openTasks so every id the SDK assigns is remembered, including tasks
 * that complete within the same replay (needed to catch a renamed call whose completion is already in history).
 */
export function prepareEpisode(context: unknown): void {
  if (typeof context !== "object" || context === null) return;
  const seen = new Map<number, SdkTask>();
  tracked.set(context, seen);
  let df: unknown;
  Object.defineProperty(context, "df", {
    configurable: true,
    enumerable: true,
    get: () => df,
    set: (value: unknown) => {
      df = value;
      const executor = (value as { taskOrchestratorExecutor?: Partial<SdkExecutor> } | undefined)?.taskOrchestratorExecutor;
      if (!executor || typeof executor.openTasks !== "object") return;
      executor.openTasks = new Proxy(executor.openTasks, {
        set(target, key, task: SdkTask) {
          if (typeof key === "string" && /^\d+$/.test(key)) seen.set(Number(key), task);
          return Reflect.set(target, key, task);
        },
      });
    },
  });
}

export function readEpisode(context: unknown): EpisodeReading {
  const executor = executorOf(context);
  const work: OpenWork[] = [];
  for (const [key, task] of Object.entries(executor.openTasks)) {
    const id = Number(key);
    if (!Number.isInteger(id)) continue;
    const item = workOf(id, task);
    if (item) work.push(item);
  }
  work.sort((a, b) => a.id - b.id);
  const trackedWork = new Map<number, OpenWork>();
  for (const [id, task] of (typeof context === "object" && context !== null ? tracked.get(context) : undefined) ?? []) {
    const item = workOf(id, task);
    if (item) trackedWork.set(id, item);
  }
  for (const item of work) trackedWork.set(item.id, item);
  const unmatchedCompletionIds = Object.keys(executor.deferredTasks)
    .filter((key) => /^\d+$/.test(key) && (executor.deferredTasks[key]?.length ?? 0) > 0)
    .map(Number);
  return { work, tracked: trackedWork, unmatchedCompletionIds };
}
