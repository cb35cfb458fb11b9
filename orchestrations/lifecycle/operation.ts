import { type OrchestrationContext, type Task } from "durable-functions";
import { type InterconnectState } from "../../shared/domain/inventory";
import { type LifecycleOperationName, OPERATION_STATES } from "../../shared/domain/lifecycle";
import { type SetupRequest } from "../../shared/domain/setup-request";
import { type InterconnectResources } from "../contracts/common";
import { type RecordOperationInput } from "../contracts/inventory";
import { failureFromThrown, OperationFailed, type StepFailure } from "../flow/failure";
import { Progress, type StepProgress } from "../flow/progress";
import { runFlow } from "../flow/scheduler";
import { type Flow } from "../flow/steps";
import { LifecycleInput, type LifecycleOutcome } from "./input";
import { inStep } from "./kit";
import { logStepEnd, operationLog, type OperationLog } from "./log";
import { type Change, record } from "./record";
import { type Failure } from "../flow/contract";

export type { LifecycleOperationName };

/** How each operation moves the interconnect's inventory state (shared with the starter, which records it first). */
const STATES: Record<LifecycleOperationName, LifecycleStates<InterconnectState>> = OPERATION_STATES;

type Recorded = Pick<RecordOperationInput, "spec" | "resources" | "evidence" | "warnings">;

/** One operation's runbook: its steps, and (setup) what it records first and how a failure is undone. */
export interface Runbook {
  /** Fields of the first inventory change (setup creates the record, so it carries the spec). */
  started?: Pick<RecordOperationInput, "spec">;
  /** The steps, in order or as a graph; what it returns is recorded with the success. */
  run(): Generator<Task, Recorded, unknown>;
  /**
   * Runs after a failure, before it is recorded: says whether everything done was undone, and what to record
   * with the failure. Without it, the failure is recorded as it stands.
   */
  compensate?(failure: StepFailure): Generator<Task, Omit<Recorded, "spec" | "evidence"> & { rolledBack: boolean }, unknown>;
}

/** What every run of an operation has, whatever it operates on: its instance, its clock and its step progress. */
export class StepRun {
  readonly instanceId: string;
  readonly progress: Progress;
  readonly log: OperationLog;

  constructor(
    readonly context: OrchestrationContext,
    readonly operation: string,
    readonly name: string,
    steps: ReadonlyArray<{ id: string; title: string }>,
  ) {
    this.instanceId = context.df.instanceId;
    this.log = operationLog(context);
    this.progress = new Progress(context.df, operation, name, steps, (step) => logStepEnd(this.log, operation, name, step));
  }

  readonly nowMs = (): number => this.context.df.currentUtcDateTime.getTime();

  /** Runs a flow to its end and returns its value (its failure is rethrown). */
  flow<T>(flow: Flow<T>): Generator<Task, T, unknown> {
    return runFlow(this.context, flow);
  }

  /** Runs a flow as the named step of the operation (shown in custom status and recorded). */
  step<T>(id: string, flow: Flow<T>, detailOf?: (value: T) => string): Generator<Task, T, unknown> {
    return this.flow(this.inStep(id, flow, detailOf));
  }

  /** A flow as the named step, for step graphs (`runGraph`). */
  inStep<T>(id: string, flow: Flow<T>, detailOf?: (value: T) => string): Flow<T> {
    return inStep(this.progress, id, flow, detailOf);
  }

  steps() {
    return this.progress.snapshot().steps;
  }
}

/** One run of a lifecycle operation on an interconnect: the parsed input, the step progress, and what the interconnect has. */
export class OperationRun extends StepRun {
  declare readonly operation: LifecycleOperationName;
  readonly input: LifecycleInput;
  readonly request: SetupRequest;
  /** Starts from the inventory; flows record here what they create or delete. */
  readonly resources: InterconnectResources;
  readonly warnings: string[] = [];

  constructor(context: OrchestrationContext, operation: LifecycleOperationName, steps: ReadonlyArray<{ id: string; title: string }>) {
    // History is a trust boundary too: the input is parsed again although the starter validated it.
    const input = LifecycleInput.parse(context.df.getInput());
    super(context, operation, input.request.name, steps);
    this.input = input;
    this.request = input.request;
    this.resources = { ...input.resources };
  }

  /** Records the resources so far, so that a later failure or crash still finds them in the inventory. */
  checkpoint(): Flow<void> {
    return this.record({ phase: "progress", resources: this.resources, steps: this.steps() });
  }

  record(change: Change): Flow<void> {
    return record(this.input, this.operation, this.instanceId, this.context.df.currentUtcDateTime, change);
  }
}

/** How an operation moves its subject's record: while it runs, when it succeeds, fails, or fails and is undone. */
/** The state each phase sets; a phase without one leaves the state as it was. */
export interface LifecycleStates<State extends string> {
  running?: State;
  succeeded?: State;
  failed?: State;
  compensated?: State;
}

/** The change the skeleton records at each phase; the runbook adds its own fields (`Recorded`). */
export interface PhaseChange<State extends string> {
  phase: "started" | "succeeded" | "failed";
  state?: State;
  steps: StepProgress[];
  failedStep?: string;
  error?: Failure;
  rolledBack?: boolean;
}

/** What the skeleton needs of a run, whatever it operates on (an interconnect, a VPN link). */
export interface LifecycleSubject<State extends string, Recorded extends object> extends StepRun {
  record(change: PhaseChange<State> & Partial<Recorded>): Flow<void>;
}

/** A runbook over any subject: what it records first, its steps, and how a failure is undone. */
export interface SubjectRunbook<Recorded extends object> {
  started?: Partial<Recorded>;
  run(): Generator<Task, Recorded, unknown>;
  compensate?(failure: StepFailure): Generator<Task, Partial<Recorded> & { rolledBack: boolean }, unknown>;
}

/**
 * The skeleton every lifecycle orchestrator shares: record the start, run the runbook, and record and return
 * its success. A failure is recorded (after the runbook's compensation) with the step that failed and the
 * cloud's error, then thrown as OperationFailed, so the instance ends `Failed` in Durable as well.
 */
export function* runLifecycle<State extends string, Recorded extends object>(
  op: LifecycleSubject<State, Recorded>,
  states: LifecycleStates<State>,
  runbook: SubjectRunbook<Recorded>,
): Generator<Task, Recorded, unknown> {
  const { operation, name } = op;
  yield* op.flow(op.record({ phase: "started", ...(states.running ? { state: states.running } : {}), ...runbook.started, steps: op.steps() } as PhaseChange<State> & Partial<Recorded>));
  op.log.info(`${operation} ${name} started (instance ${op.instanceId})`);

  let recorded: Recorded;
  try {
    recorded = yield* runbook.run();
  } catch (error) {
    const failure = failureFromThrown(op.progress.snapshot().step ?? operation, error);
    op.progress.stopRunning(`stopped: ${failure.step} failed`);
    const compensation = runbook.compensate ? yield* runbook.compensate(failure) : undefined;
    const state = compensation?.rolledBack ? states.compensated : states.failed;
    yield* op.flow(
      op.record({
        phase: "failed",
        ...(state ? { state } : {}),
        ...compensation,
        steps: op.steps(),
        failedStep: failure.step,
        error: failure.failure,
      } as PhaseChange<State> & Partial<Recorded>),
    );
    const undone = compensation ? (compensation.rolledBack ? "; rolled back" : "; rollback incomplete") : "";
    op.log.error(`${operation} ${name} failed at step ${failure.step}: ${failure.failure.cloud} ${failure.failure.code}: ${failure.failure.message}${undone}${state ? `; now ${state}` : ""}`);
    throw new OperationFailed(operation, name, failure, compensation?.rolledBack);
  }
  yield* op.flow(op.record({ phase: "succeeded", ...(states.succeeded ? { state: states.succeeded } : {}), ...recorded, steps: op.steps() } as PhaseChange<State> & Partial<Recorded>));
  op.log.info(`${operation} ${name} succeeded${states.succeeded ? `: ${states.succeeded}` : ""}`);
  return recorded;
}

/** The lifecycle skeleton for an interconnect's operations: its states, and its outcome with resources and evidence. */
export function* lifecycle(op: OperationRun, runbook: Runbook): Generator<Task, LifecycleOutcome, unknown> {
  const recorded = yield* runLifecycle<InterconnectState, Recorded>(op, STATES[op.operation], runbook);
  return {
    status: "succeeded",
    operation: op.operation,
    name: op.request.name,
    resources: recorded.resources ?? op.resources,
    ...(recorded.evidence ? { evidence: recorded.evidence } : {}),
    warnings: recorded.warnings ?? op.warnings,
  };
}
