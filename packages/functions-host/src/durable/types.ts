// The out-of-proc Durable protocol shapes durable-functions 3.x reads and writes (DTFx history events, actions).

export enum EventType {
  ExecutionStarted = 0,
  ExecutionCompleted = 1,
  ExecutionFailed = 2,
  ExecutionTerminated = 3,
  TaskScheduled = 4,
  TaskCompleted = 5,
  TaskFailed = 6,
  SubOrchestrationInstanceCreated = 7,
  SubOrchestrationInstanceCompleted = 8,
  SubOrchestrationInstanceFailed = 9,
  TimerCreated = 10,
  TimerFired = 11,
  OrchestratorStarted = 12,
  OrchestratorCompleted = 13,
  EventSent = 14,
  EventRaised = 15,
  ContinueAsNew = 16,
  GenericEvent = 17,
  HistoryState = 18,
  ExecutionSuspended = 19,
  ExecutionResumed = 20,
}

export enum ActionType {
  CallActivity = 0,
  CallActivityWithRetry = 1,
  CallSubOrchestrator = 2,
  CallSubOrchestratorWithRetry = 3,
  ContinueAsNew = 4,
  CreateTimer = 5,
  WaitForExternalEvent = 6,
  CallEntity = 7,
  CallHttp = 8,
  SignalEntity = 9,
  WhenAny = 11,
  WhenAll = 12,
  LockEntities = 13,
  ReleaseEntities = 14,
}

/** A DTFx history event: PascalCase fields, EventType as a number, Timestamp as ISO text. */
export interface HistoryEvent {
  EventType: EventType;
  EventId: number;
  IsPlayed: boolean;
  Timestamp: string;
  Name?: string;
  Input?: string | null;
  Result?: string | null;
  Reason?: string;
  Details?: string;
  TaskScheduledId?: number;
  TimerId?: number;
  FireAt?: string;
  InstanceId?: string;
  Version?: string | null;
  OrchestrationInstance?: { InstanceId: string; ExecutionId: string };
  ParentInstance?: { Name: string; OrchestrationInstance: { InstanceId: string; ExecutionId: string }; TaskScheduleId: number } | null;
  OrchestrationStatus?: string;
}

export type RuntimeStatus = "Pending" | "Running" | "Completed" | "ContinuedAsNew" | "Failed" | "Canceled" | "Terminated" | "Suspended";

export const terminalStatuses: ReadonlySet<RuntimeStatus> = new Set(["Completed", "Failed", "Canceled", "Terminated"]);

export interface ParentLink {
  instanceId: string;
  executionId: string;
  taskScheduledId: number;
  name: string;
}

/** Everything the host keeps about one orchestration instance (one JSON file in the FileStore). */
export interface InstanceRecord {
  instanceId: string;
  executionId: string;
  name: string;
  version: string | null;
  runtimeStatus: RuntimeStatus;
  /** JSON text, as in ExecutionStarted.Input. */
  input: string | null;
  output: string | null;
  customStatus: string | null;
  createdTime: string;
  lastUpdatedTime: string;
  parent: ParentLink | null;
  /** Events of the current execution that the orchestrator has seen. */
  history: HistoryEvent[];
  /** Events waiting for the next episode. */
  inbox: HistoryEvent[];
}

/** What the orchestrator handler returns (OrchestratorState), as JSON. */
export interface OrchestratorState {
  isDone: boolean;
  actions: unknown[][];
  output?: unknown;
  error?: string;
  customStatus?: unknown;
  schemaVersion?: number;
}

export interface RetryOptionsLike {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
  retryTimeoutInMilliseconds?: number;
}
