// The Durable Task engine: instances, episodes (replay through the app's own orchestrator handler), activities,
// timers, sub-orchestrations, retries, continue-as-new, terminate/suspend/resume, purge and restart recovery.
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Clock } from "../clock";
import type { RpcTypedData } from "../core/coreTypes";
import type { InvocationOutcome } from "../core/invoker";
import type { WorkTracker } from "../work";
import { findDrift, orchestrationBinding, parseOrchestratorState, replayHistory, type ReplayResult } from "./replay";
import { prepareEpisode, readEpisode, type EpisodeReading, type OpenWork, type RetryState } from "./sdkBridge";
import type { Store } from "./store";
import { noVersioning, versionRefusal, type VersioningOptions } from "./versioning";
import { ActionType, EventType, terminalStatuses, type HistoryEvent, type InstanceRecord, type ParentLink, type RuntimeStatus } from "./types";

/** What the engine needs from the host: which functions exist and a way to invoke them with their bindings. */
export interface FunctionRunner {
  triggerType(functionName: string): string | undefined;
  run(functionName: string, triggerData: RpcTypedData | undefined, prepare?: (context: unknown) => void): Promise<InvocationOutcome>;
}

export interface EngineOptions {
  store: Store;
  clock: Clock;
  runner: FunctionRunner;
  work: WorkTracker;
  maxConcurrentActivityFunctions: number;
  maxConcurrentOrchestratorFunctions: number;
  /** host.json orchestration versioning (none when absent). */
  versioning?: VersioningOptions;
  log?: (message: string) => void;
}

export class DurableError extends Error {
  constructor(
    readonly code: "unknownFunction" | "alreadyRunning" | "notFound" | "gone" | "badRequest",
    message: string,
  ) {
    super(message);
  }
}

interface ActivityJob {
  instanceId: string;
  executionId: string;
  taskId: number;
  name: string;
  input: string | null;
  end: () => void;
}

const sixDaysMs = 6 * 24 * 3600 * 1000;
/** The Durable extension refuses longer instance ids (DurableClient.StartNewAsync). */
export const MAX_INSTANCE_ID_LENGTH = 256;

export const isTerminal = (status: RuntimeStatus) => terminalStatuses.has(status);

function nonDeterministic(detail: string): string {
  return `Non-Deterministic workflow detected: ${detail}`;
}

/** TaskCompleted.Result is JSON text built from the activity's returned RpcTypedData. */
function resultText(data: RpcTypedData | null | undefined): string | null {
  if (!data) return null;
  if (typeof data.json === "string") return data.json;
  if (typeof data.string === "string") return JSON.stringify(data.string);
  if (typeof data.int === "number") return String(data.int);
  if (typeof data.double === "number") return String(data.double);
  if (data.bytes) return JSON.stringify(Buffer.from(data.bytes).toString("base64"));
  return null;
}

function flattenActions(actions: unknown[][]): Array<{ actionType: number; input?: unknown }> {
  const flat: Array<{ actionType: number; input?: unknown; compoundActions?: unknown[] }> = [];
  const visit = (action: unknown) => {
    if (Array.isArray(action)) action.forEach(visit);
    else if (typeof action === "object" && action !== null) {
      const typed = action as { actionType: number; compoundActions?: unknown[] };
      flat.push(typed);
      typed.compoundActions?.forEach(visit);
    }
  };
  visit(actions);
  return flat;
}

export class DurableEngine {
  readonly events = new EventEmitter();
  private readonly orchestrationQueue: string[] = [];
  private readonly queuedEpisodes = new Map<string, () => void>();
  private readonly runningEpisodes = new Set<string>();
  private readonly rerun = new Set<string>();
  private readonly activityQueue: ActivityJob[] = [];
  private runningActivities = 0;
  private readonly timers = new Map<string, () => void>();
  private readonly retryTimeoutsReported = new Set<string>();
  private readonly rejectionsReported = new Set<string>();
  private disposed = false;

  constructor(private readonly options: EngineOptions) {
    this.events.setMaxListeners(0);
  }

  private get store(): Store {
    return this.options.store;
  }

  get versioning(): VersioningOptions {
    return this.options.versioning ?? noVersioning;
  }

  private now(): string {
    return new Date(this.options.clock.now()).toISOString();
  }

  private event(type: EventType, fields: Partial<HistoryEvent> = {}): HistoryEvent {
    return { EventType: type, EventId: -1, IsPlayed: false, Timestamp: this.now(), ...fields };
  }

  private save(record: InstanceRecord): void {
    record.lastUpdatedTime = this.now();
    this.store.save(record);
    this.events.emit("changed", record.instanceId);
  }

  get(instanceId: string): InstanceRecord | undefined {
    return this.store.get(instanceId);
  }

  list(): InstanceRecord[] {
    return this.store.list();
  }

  // ---- client operations -------------------------------------------------------------------------------------

  startNew(name: string, options: { instanceId?: string; input?: string | null; version?: string | null } = {}): string {
    if (this.options.runner.triggerType(name)?.toLowerCase() !== "orchestrationtrigger") {
      throw new DurableError("unknownFunction", `The function '${name}' doesn't exist, is disabled, or is not an orchestrator function.`);
    }
    const instanceId = options.instanceId ?? randomUUID().replace(/-/g, "");
    if (instanceId.length > MAX_INSTANCE_ID_LENGTH) throw new DurableError("badRequest", `Instance ID lengths must not exceed ${MAX_INSTANCE_ID_LENGTH} characters.`);
    if (instanceId.startsWith("@") || /[/\\#?]/.test(instanceId) || [...instanceId].some((char) => char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127)) throw new DurableError("badRequest", `Instance ID '${instanceId}' is invalid.`);
    const existing = this.store.get(instanceId);
    // DTFx's default dedupe (OverridableExistingInstanceStates = NonRunningStates): only a finished instance is replaced.
    if (existing && !isTerminal(existing.runtimeStatus)) throw new DurableError("alreadyRunning", `An Orchestration instance with the status ${existing.runtimeStatus} already exists.`);
    this.createInstance({ instanceId, name, input: options.input ?? null, version: options.version ?? this.versioning.defaultVersion, parent: null });
    return instanceId;
  }

  raiseEvent(instanceId: string, eventName: string, input: string | null): void {
    const record = this.requireInstance(instanceId);
    if (isTerminal(record.runtimeStatus)) throw new DurableError("gone", `Instance ${instanceId} is in the ${record.runtimeStatus} state.`);
    this.deliver(instanceId, undefined, this.event(EventType.EventRaised, { Name: eventName, Input: input }));
  }

  terminate(instanceId: string, reason: string): void {
    const record = this.requireInstance(instanceId);
    if (isTerminal(record.runtimeStatus)) throw new DurableError("gone", `Instance ${instanceId} is in the ${record.runtimeStatus} state.`);
    record.inbox = [];
    record.history.push(this.event(EventType.ExecutionTerminated, { Input: JSON.stringify(reason) }));
    this.finish(record, "Terminated", JSON.stringify(reason));
  }

  suspend(instanceId: string, _reason: string): void {
    const record = this.requireInstance(instanceId);
    if (isTerminal(record.runtimeStatus)) throw new DurableError("gone", `Instance ${instanceId} is in the ${record.runtimeStatus} state.`);
    if (record.runtimeStatus === "Suspended") return;
    record.runtimeStatus = "Suspended";
    this.save(record);
  }

  resume(instanceId: string, _reason: string): void {
    const record = this.requireInstance(instanceId);
    if (isTerminal(record.runtimeStatus)) throw new DurableError("gone", `Instance ${instanceId} is in the ${record.runtimeStatus} state.`);
    if (record.runtimeStatus !== "Suspended") return;
    record.runtimeStatus = record.history.length > 0 ? "Running" : "Pending";
    this.save(record);
    this.markDirty(instanceId);
  }

  /** Deletes terminal instances' state. Returns how many were deleted. */
  purge(instanceIds: string[]): number {
    let deleted = 0;
    for (const instanceId of instanceIds) {
      const record = this.store.get(instanceId);
      if (!record || !isTerminal(record.runtimeStatus)) continue;
      this.store.delete(instanceId);
      deleted++;
    }
    return deleted;
  }

  private requireInstance(instanceId: string): InstanceRecord {
    const record = this.store.get(instanceId);
    if (!record) throw new DurableError("notFound", `No instance with ID '${instanceId}' found.`);
    return record;
  }

  // ---- instance lifecycle -------------------------------------------------------------------------------------

  private createInstance(spec: { instanceId: string; name: string; input: string | null; version: string | null; parent: ParentLink | null }): void {
    const executionId = randomUUID().replace(/-/g, "");
    const now = this.now();
    const started = this.event(EventType.ExecutionStarted, {
      Name: spec.name,
      Input: spec.input,
      Version: spec.version ?? "",
      OrchestrationInstance: { InstanceId: spec.instanceId, ExecutionId: executionId },
      ParentInstance: spec.parent
        ? { Name: spec.parent.name, OrchestrationInstance: { InstanceId: spec.parent.instanceId, ExecutionId: spec.parent.executionId }, TaskScheduleId: spec.parent.taskScheduledId }
        : null,
    });
    const record: InstanceRecord = {
      instanceId: spec.instanceId,
      executionId,
      name: spec.name,
      version: spec.version,
      runtimeStatus: "Pending",
      input: spec.input,
      output: null,
      customStatus: null,
      createdTime: now,
      lastUpdatedTime: now,
      parent: spec.parent,
      history: [],
      inbox: [started],
    };
    this.save(record);
    this.markDirty(spec.instanceId);
  }

  /** Appends an event to an instance's inbox (dropped when the instance is gone, finished or on another execution). */
  private deliver(instanceId: string, executionId: string | undefined, event: HistoryEvent): void {
    const record = this.store.get(instanceId);
    if (!record || isTerminal(record.runtimeStatus)) return;
    if (executionId !== undefined && record.executionId !== executionId) return;
    record.inbox.push(event);
    this.save(record);
    this.markDirty(instanceId);
  }

  private finish(record: InstanceRecord, status: "Completed" | "Failed" | "Terminated", output: string | null): void {
    record.runtimeStatus = status;
    record.output = output;
    if (status !== "Terminated") record.history.push(this.event(EventType.ExecutionCompleted, { OrchestrationStatus: status, Result: output }));
    this.cancelTimers(record.instanceId);
    this.save(record);
    this.notifyParent(record);
  }

  private notifyParent(child: InstanceRecord): void {
    const parent = child.parent;
    if (!parent || !isTerminal(child.runtimeStatus)) return;
    if (child.runtimeStatus === "Completed") {
      this.deliver(parent.instanceId, parent.executionId, this.event(EventType.SubOrchestrationInstanceCompleted, { TaskScheduledId: parent.taskScheduledId, Result: child.output }));
      return;
    }
    const reason = child.runtimeStatus === "Failed" ? (JSON.parse(child.output ?? "null") as string | null) ?? "failed" : `Sub-orchestration ${child.instanceId} was ${child.runtimeStatus.toLowerCase()}: ${child.output ?? ""}`;
    this.deliver(parent.instanceId, parent.executionId, this.event(EventType.SubOrchestrationInstanceFailed, { TaskScheduledId: parent.taskScheduledId, Reason: reason, Details: "" }));
  }

  private fail(record: InstanceRecord, message: string): void {
    this.options.log?.(`Orchestration ${record.name} (${record.instanceId}) failed: ${message}`);
    this.finish(record, "Failed", JSON.stringify(message));
  }

  // ---- scheduling -------------------------------------------------------------------------------------------

  private markDirty(instanceId: string): void {
    if (this.disposed) return;
    if (this.runningEpisodes.has(instanceId)) {
      this.rerun.add(instanceId);
      return;
    }
    if (this.queuedEpisodes.has(instanceId)) return;
    this.queuedEpisodes.set(instanceId, this.options.work.begin());
    this.orchestrationQueue.push(instanceId);
    this.pump();
  }

  private pump(): void {
    while (!this.disposed && this.runningEpisodes.size < this.options.maxConcurrentOrchestratorFunctions && this.orchestrationQueue.length > 0) {
      const instanceId = this.orchestrationQueue.shift() as string;
      const end = this.queuedEpisodes.get(instanceId) ?? (() => undefined);
      this.queuedEpisodes.delete(instanceId);
      this.runningEpisodes.add(instanceId);
      void this.runEpisode(instanceId)
        .catch((error: unknown) => {
          const record = this.store.get(instanceId);
          if (record && !isTerminal(record.runtimeStatus)) this.fail(record, error instanceof Error ? error.message : String(error));
        })
        .finally(() => {
          this.runningEpisodes.delete(instanceId);
          if (this.rerun.delete(instanceId)) this.markDirty(instanceId);
          end();
          this.pump();
        });
    }
    while (!this.disposed && this.runningActivities < this.options.maxConcurrentActivityFunctions && this.activityQueue.length > 0) {
      const job = this.activityQueue.shift() as ActivityJob;
      this.runningActivities++;
      void this.runActivity(job).finally(() => {
        this.runningActivities--;
        job.end();
        this.pump();
      });
    }
  }

  private enqueueActivity(job: Omit<ActivityJob, "end">): void {
    this.activityQueue.push({ ...job, end: this.options.work.begin() });
    this.pump();
  }

  private async runActivity(job: ActivityJob): Promise<void> {
    const outcome = await this.options.runner.run(job.name, job.input === null ? undefined : { string: job.input });
    const event = outcome.ok
      ? this.event(EventType.TaskCompleted, { TaskScheduledId: job.taskId, Result: resultText(outcome.response.returnValue) })
      : this.event(EventType.TaskFailed, {
          TaskScheduledId: job.taskId,
          Reason: `Activity function '${job.name}' failed: ${outcome.error.message}`,
          Details: outcome.error.stack ?? outcome.error.message,
        });
    this.deliver(job.instanceId, job.executionId, event);
  }

  private timerKey(instanceId: string, executionId: string, timerId: number): string {
    return `${instanceId}\u0000${executionId}\u0000${timerId}`;
  }

  private armTimer(instanceId: string, executionId: string, timerId: number, fireAt: string): void {
    const key = this.timerKey(instanceId, executionId, timerId);
    if (this.timers.has(key) || this.disposed) return;
    const cancel = this.options.clock.schedule(Date.parse(fireAt), "durable", () => {
      this.timers.delete(key);
      this.deliver(instanceId, executionId, this.event(EventType.TimerFired, { TimerId: timerId, FireAt: fireAt }));
    });
    this.timers.set(key, cancel);
  }

  private cancelTimer(instanceId: string, executionId: string, timerId: number): void {
    const key = this.timerKey(instanceId, executionId, timerId);
    this.timers.get(key)?.();
    this.timers.delete(key);
  }

  private cancelTimers(instanceId: string): void {
    for (const [key, cancel] of this.timers) {
      if (key.startsWith(`${instanceId}\u0000`)) {
        cancel();
        this.timers.delete(key);
      }
    }
  }

  // ---- the episode ------------------------------------------------------------------------------------------

  private async runEpisode(instanceId: string): Promise<void> {
    const record = this.store.get(instanceId);
    if (!record || isTerminal(record.runtimeStatus) || record.runtimeStatus === "Suspended" || record.inbox.length === 0) return;
    if (this.options.runner.triggerType(record.name)?.toLowerCase() !== "orchestrationtrigger") {
      this.fail(record, `The function '${record.name}' doesn't exist, is disabled, or is not an orchestrator function.`);
      return;
    }
    if (this.refusedByVersion(record)) return;
    const executionId = record.executionId;
    const taken = record.inbox.length;
    const newEvents = [this.event(EventType.OrchestratorStarted), ...record.inbox.slice(0, taken)];
    const binding = orchestrationBinding({
      instanceId,
      parentInstanceId: record.parent?.instanceId ?? null,
      input: record.input,
      history: [...record.history.map((event) => ({ ...event, IsPlayed: true })), ...newEvents.map((event) => ({ ...event, IsPlayed: false }))],
      replaying: record.history.length > 0,
    });
    const outcome = await this.options.runner.run(record.name, binding, prepareEpisode);

    // A terminate, purge or restart that landed while the orchestrator ran wins over its decisions.
    if (this.store.get(instanceId) !== record || record.executionId !== executionId || isTerminal(record.runtimeStatus)) return;
    record.inbox.splice(0, taken);
    record.history.push(...newEvents);
    if (record.runtimeStatus === "Pending") record.runtimeStatus = "Running";

    const state = parseOrchestratorState(outcome);
    if (state.customStatus !== undefined) record.customStatus = JSON.stringify(state.customStatus);
    if (state.error !== undefined) return this.fail(record, `Orchestrator function '${record.name}' failed: ${state.error}`);

    const reading = readEpisode(outcome.context);
    const drift = findDrift(record.history, reading);
    if (drift) return this.fail(record, nonDeterministic(drift.message));
    this.dropUnmatchedCompletions(record, reading);

    const actions = flattenActions(state.actions);
    const continueAsNew = actions.find((action) => action.actionType === ActionType.ContinueAsNew);
    if (state.isDone && continueAsNew) return this.continueAsNew(record, continueAsNew.input);
    if (state.isDone) return this.finish(record, "Completed", state.output === undefined ? null : JSON.stringify(state.output));

    const decided = this.decide(record, reading.work);
    if (typeof decided === "string") return this.fail(record, decided);
    record.history.push(this.event(EventType.OrchestratorCompleted));
    this.save(record);
    for (const effect of decided) effect();
  }

  /**
   * The versioning check a worker makes before it runs an episode: with Reject the work is left for a worker whose
   * defaultVersion accepts it (here: this host restarted with a newer app), with Fail the instance fails.
   */
  private refusedByVersion(record: InstanceRecord): boolean {
    const refusal = versionRefusal(record.version, this.versioning);
    if (!refusal) return false;
    if (this.versioning.failureStrategy === "Fail") {
      this.fail(record, `${refusal} versionFailureStrategy is Fail.`);
      return true;
    }
    const key = `${record.instanceId}\u0000${record.executionId}`;
    if (!this.rejectionsReported.has(key)) {
      this.rejectionsReported.add(key);
      this.options.log?.(`Orchestration ${record.name} (${record.instanceId}) left for a newer worker: ${refusal} versionFailureStrategy is Reject.`);
    }
    return true;
  }

  /**
   * A completion no open task is waiting for (a duplicate delivery, or one for a task id history never scheduled) is
   * logged and dropped, as DTFx does (TaskOrchestrationContext.LogDuplicateEvent); the instance carries on.
   */
  private dropUnmatchedCompletions(record: InstanceRecord, reading: EpisodeReading): void {
    for (const taskId of reading.unmatchedCompletionIds) {
      this.options.log?.(`Orchestration ${record.name} (${record.instanceId}): dropped a completion for task ${taskId}, which no open task is waiting for (duplicate or unknown event)`);
    }
  }

  /** Turns the SDK's open tasks into new history events (persisted before anything runs) and the effects to run after the save. */
  private decide(record: InstanceRecord, work: OpenWork[]): Array<() => void> | string {
    const scheduled = new Map<number, HistoryEvent>();
    for (const event of record.history) {
      if (event.EventType === EventType.TaskScheduled || event.EventType === EventType.TimerCreated || event.EventType === EventType.SubOrchestrationInstanceCreated) scheduled.set(event.EventId, event);
    }
    const effects: Array<() => void> = [];
    const { instanceId, executionId } = record;
    for (const item of work) {
      if (scheduled.has(item.id)) {
        if (item.kind === "timer" && item.canceled) effects.push(() => this.cancelTimer(instanceId, executionId, item.id));
        continue;
      }
      switch (item.kind) {
        case "activity": {
          record.history.push(this.event(EventType.TaskScheduled, { EventId: item.id, Name: item.name, Input: item.input }));
          const refusal = this.missingFunction(item.name, "activityTrigger", "an activity");
          if (refusal) record.inbox.push(this.event(EventType.TaskFailed, { TaskScheduledId: item.id, ...refusal }));
          else effects.push(() => this.enqueueActivity({ instanceId, executionId, taskId: item.id, name: item.name, input: item.input }));
          break;
        }
        case "subOrchestration": {
          const childId = item.instanceId ?? `${instanceId}:${item.id}`;
          // A sub-orchestration started without a version gets the app's defaultVersion, as in the extension.
          const version = item.version ?? this.versioning.defaultVersion;
          record.history.push(this.event(EventType.SubOrchestrationInstanceCreated, { EventId: item.id, Name: item.name, InstanceId: childId, Input: item.input, Version: version }));
          const refusal = this.missingFunction(item.name, "orchestrationTrigger", "an orchestrator");
          if (refusal) record.inbox.push(this.event(EventType.SubOrchestrationInstanceFailed, { TaskScheduledId: item.id, ...refusal }));
          else {
            const parent: ParentLink = { instanceId, executionId, taskScheduledId: item.id, name: record.name };
            effects.push(() => this.createChild(childId, item.name, item.input, version, parent));
          }
          break;
        }
        case "timer": {
          if (item.canceled) break;
          const fireAt = item.fireAt.toISOString();
          record.history.push(this.event(EventType.TimerCreated, { EventId: item.id, FireAt: fireAt }));
          effects.push(() => this.armTimer(instanceId, executionId, item.id, fireAt));
          break;
        }
        case "retryTimer": {
          if (this.options.clock.now() >= this.retryDeadline(record, item.retry)) {
            this.reportRetryTimeout(record, item.id);
            break;
          }
          const fireAt = new Date(this.options.clock.now() + this.retryDelay(item.retry)).toISOString();
          record.history.push(this.event(EventType.TimerCreated, { EventId: item.id, FireAt: fireAt }));
          effects.push(() => this.armTimer(instanceId, executionId, item.id, fireAt));
          break;
        }
        case "unsupported":
          return `${item.what} is not supported by the Interlink dev host`;
      }
    }
    if (record.inbox.length > 0) effects.push(() => this.markDirty(instanceId));
    return effects;
  }

  private missingFunction(name: string, triggerType: string, what: string): { Reason: string; Details: string } | undefined {
    if (this.options.runner.triggerType(name)?.toLowerCase() === triggerType.toLowerCase()) return undefined;
    return { Reason: `The function '${name}' doesn't exist, is disabled, or is not ${what} function.`, Details: "" };
  }

  private firstAttemptTime(record: InstanceRecord, retry: RetryState): number {
    const first = record.history.find((event) => event.EventId === retry.firstAttemptId && event.EventType !== EventType.TimerCreated);
    return first ? Date.parse(first.Timestamp) : this.options.clock.now();
  }

  private retryDeadline(record: InstanceRecord, retry: RetryState): number {
    const timeout = retry.options.retryTimeoutInMilliseconds;
    if (timeout === undefined || timeout <= 0 || !Number.isFinite(timeout)) return Number.POSITIVE_INFINITY;
    return this.firstAttemptTime(record, retry) + timeout;
  }

  /** DTFx RetryInterceptor: delay after the k-th failure = first * backoff^(k-1), capped at maxRetryInterval. */
  private retryDelay(retry: RetryState): number {
    const options = retry.options;
    const failures = retry.attemptNumber - 1;
    const delay = options.firstRetryIntervalInMilliseconds * Math.pow(options.backoffCoefficient ?? 1, Math.max(0, failures - 1));
    return Math.min(delay, options.maxRetryIntervalInMilliseconds ?? sixDaysMs);
  }

  /**
   * A failure after the retry timeout: DTFx's RetryInterceptor stops without creating the retry timer, but the JS SDK
   * waits for that timer before it reports the failure, so the task never completes and the instance stays Running
   * with nothing scheduled (azure-functions-durable-js issue 629). The host does the same, and says so once.
   */
  private reportRetryTimeout(record: InstanceRecord, timerId: number): void {
    const key = `${record.instanceId}\u0000${record.executionId}\u0000${timerId}`;
    if (this.retryTimeoutsReported.has(key)) return;
    this.retryTimeoutsReported.add(key);
    this.options.log?.(
      `Orchestration ${record.name} (${record.instanceId}): retryTimeoutInMilliseconds elapsed; as in Azure, the task neither retries nor fails and the instance waits forever (azure-functions-durable-js issue 629). Bound retries with maxNumberOfAttempts instead.`,
    );
  }

  private createChild(childId: string, name: string, input: string | null, version: string | null, parent: ParentLink): void {
    const existing = this.store.get(childId);
    if (existing && !isTerminal(existing.runtimeStatus)) {
      this.deliver(parent.instanceId, parent.executionId, this.event(EventType.SubOrchestrationInstanceFailed, { TaskScheduledId: parent.taskScheduledId, Reason: `An orchestration with instance ID '${childId}' is already running.`, Details: "" }));
      return;
    }
    this.createInstance({ instanceId: childId, name, input, version, parent });
  }

  private continueAsNew(record: InstanceRecord, input: unknown): void {
    this.cancelTimers(record.instanceId);
    // The SDK pre-encodes string inputs (Utils.processInput); other values arrive raw.
    const inputText = input === undefined ? null : typeof input === "string" ? input : JSON.stringify(input);
    const carriedEvents = record.inbox.filter((event) => event.EventType === EventType.EventRaised);
    record.executionId = randomUUID().replace(/-/g, "");
    record.input = inputText;
    record.history = [];
    record.runtimeStatus = "Running";
    record.inbox = [
      this.event(EventType.ExecutionStarted, {
        Name: record.name,
        Input: inputText,
        Version: record.version ?? "",
        OrchestrationInstance: { InstanceId: record.instanceId, ExecutionId: record.executionId },
        ParentInstance: null,
      }),
      ...carriedEvents,
    ];
    this.save(record);
    this.markDirty(record.instanceId);
  }

  /** Replays a recorded history through the app's current orchestrator code without touching any instance. */
  replay(name: string, instanceId: string, history: HistoryEvent[]): Promise<ReplayResult> {
    return replayHistory(this.options.runner, { name, instanceId, history });
  }

  // ---- restart ---------------------------------------------------------------------------------------------

  /**
   * Resumes every unfinished instance from its persisted history: re-runs activities that were scheduled but never
   * completed (at-least-once, as in Azure), re-arms timers, recreates missing children, replays pending inboxes.
   */
  recover(): void {
    for (const record of this.store.list()) {
      if (isTerminal(record.runtimeStatus)) {
        this.notifyParentIfWaiting(record);
        continue;
      }
      const answered = new Set<number>();
      for (const event of [...record.history, ...record.inbox]) {
        if (typeof event.TaskScheduledId === "number") answered.add(event.TaskScheduledId);
        if (typeof event.TimerId === "number") answered.add(event.TimerId);
      }
      const { instanceId, executionId } = record;
      for (const event of record.history) {
        if (answered.has(event.EventId)) continue;
        if (event.EventType === EventType.TaskScheduled) {
          this.enqueueActivity({ instanceId, executionId, taskId: event.EventId, name: event.Name ?? "", input: event.Input ?? null });
        } else if (event.EventType === EventType.TimerCreated && event.FireAt) {
          this.armTimer(instanceId, executionId, event.EventId, event.FireAt);
        } else if (event.EventType === EventType.SubOrchestrationInstanceCreated && event.InstanceId) {
          const child = this.store.get(event.InstanceId);
          if (!child) this.createChild(event.InstanceId, event.Name ?? "", event.Input ?? null, event.Version ?? this.versioning.defaultVersion, { instanceId, executionId, taskScheduledId: event.EventId, name: record.name });
        }
      }
      if (record.inbox.length > 0) this.markDirty(instanceId);
    }
  }

  /** A child that finished just before a crash may not have reached its parent's inbox. */
  private notifyParentIfWaiting(child: InstanceRecord): void {
    const link = child.parent;
    if (!link) return;
    const parent = this.store.get(link.instanceId);
    if (!parent || isTerminal(parent.runtimeStatus) || parent.executionId !== link.executionId) return;
    const answered = [...parent.history, ...parent.inbox].some((event) => event.TaskScheduledId === link.taskScheduledId);
    if (!answered) this.notifyParent(child);
  }

  /** Stops scheduling and disarms timers. Work already running finishes but its results are not acted on. */
  dispose(): void {
    this.disposed = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    for (const end of this.queuedEpisodes.values()) end();
    this.queuedEpisodes.clear();
    this.orchestrationQueue.length = 0;
    for (const job of this.activityQueue.splice(0)) job.end();
    this.events.removeAllListeners();
  }
}
