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
}

export type OpenWork =
  | { kind: "activity"; id: number; name: string; input: string | null; retry?: RetryState }
  | { kind: "subOrchestration"; id: number; name: string; instanceId: string | undefined; input: string | null; version: string | undefined; retry?: RetryState }
  | { kind: "timer"; id: number; fireAt: Date; canceled: boolean }
  | { kind: "retryTimer"; id: number; retry: RetryState }
  | { kind: "unsupported"; id: number; what: string };

export interface EpisodeReading {
  work: OpenWork[];
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

function retryState(parent: SdkRetryableTask): RetryState {
  const attemptIds = parent.children.filter((_child, index) => index % 2 === 0).map((child) => child.id).filter((id): id is number => typeof id === "number");
  return {
    options: parent.retryOptions,
    attemptNumber: parent.attemptNumber,
    firstAttemptId: attemptIds[0] ?? -1,
    lastFailedAttemptId: parent.attemptNumber > 1 ? attemptIds[parent.attemptNumber - 2] : undefined,
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

export function readEpisode(context: unknown): EpisodeReading {
  const executor = executorOf(context);
  const work: OpenWork[] = [];
  for (const [key, task] of Object.entries(executor.openTasks)) {
    const id = Number(key);
    if (!Number.isInteger(id)) continue;
    if (task.action === "noOp") {
      const parent = task.parent;
      if (!isRetryable(parent)) continue;
      const retry = retryState(parent);
      if (parent.isWaitingOnTimer) work.push({ kind: "retryTimer", id, retry });
      else work.push(describe(id, parent.action, retry));
      continue;
    }
    const parent = task.parent;
    work.push(describe(id, task.action, isRetryable(parent) ? retryState(parent) : undefined));
  }
  work.sort((a, b) => a.id - b.id);
  const unmatchedCompletionIds = Object.keys(executor.deferredTasks)
    .filter((key) => /^\d+$/.test(key) && (executor.deferredTasks[key]?.length ?? 0) > 0)
    .map(Number);
  return { work, unmatchedCompletionIds };
}
