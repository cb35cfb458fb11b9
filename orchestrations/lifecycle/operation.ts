import { type OrchestrationContext, type Task } from "durable-functions";
import { type InterconnectState } from "../../shared/domain/inventory";
import { type Operation } from "../../shared/domain/naming";
import { type SetupRequest } from "../../shared/domain/setup-request";
import { type InterconnectResources } from "../contracts/common";
import { type RecordOperationInput } from "../contracts/inventory";
import { failureFromThrown, OperationFailed, type StepFailure } from "../flow/failure";
import { Progress } from "../flow/progress";
import { runFlow } from "../flow/scheduler";
import { type Flow } from "../flow/steps";
import { LifecycleInput, type LifecycleOutcome } from "./input";
import { inStep } from "./kit";
import { logStepEnd, operationLog, type OperationLog } from "./log";
import { type Change, record } from "./record";

export type LifecycleOperationName = Exclude<Operation, "health">;

/** How each operation moves the interconnect's inventory state; absent: the state stays as it was. */
const STATES: Record<LifecycleOperationName, { running?: InterconnectState; succeeded: InterconnectState; failed?: InterconnectState; compensated?: InterconnectState }> = {
  setup: { running: "Provisioning", succeeded: "Active", failed: "Failed", compensated: "RolledBack" },
  teardown: { running: "TearingDown", succeeded: "Deleted", failed: "Failed" },
  resize: { running: "Updating", succeeded: "Active", failed: "Active" },
  suspend: { succeeded: "Suspended" },
  resume: { succeeded: "Active" },
  // A topology change that failed and was undone leaves the interconnect as it was.
  update: { running: "Updating", succeeded: "Active", failed: "Failed", compensated: "Active" },
};

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

/** One run of a lifecycle operation: the parsed input, the step progress, and what the interconnect has. */
export class OperationRun {
  readonly input: LifecycleInput;
  readonly request: SetupRequest;
  readonly instanceId: string;
  readonly progress: Progress;
  /** Starts from the inventory; flows record here what they create or delete. */
  readonly resources: InterconnectResources;
  readonly warnings: string[] = [];
  readonly log: OperationLog;

  constructor(
    readonly context: OrchestrationContext,
    readonly operation: LifecycleOperationName,
    steps: ReadonlyArray<{ id: string; title: string }>,
  ) {
    // History is a trust boundary too: the input is parsed again although the starter validated it.
    this.input = LifecycleInput.parse(context.df.getInput());
    this.request = this.input.request;
    this.instanceId = context.df.instanceId;
    this.log = operationLog(context);
    this.progress = new Progress(context.df, operation, this.request.name, steps, (step) => logStepEnd(this.log, operation, this.request.name, step));
    this.resources = { ...this.input.resources };
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

  /** Records the resources so far, so that a later failure or crash still finds them in the inventory. */
  checkpoint(): Flow<void> {
    return this.record({ phase: "progress", resources: this.resources, steps: this.steps() });
  }

  record(change: Change): Flow<void> {
    return record(this.input, this.operation, this.instanceId, this.context.df.currentUtcDateTime, change);
  }

  steps() {
    return this.progress.snapshot().steps;
  }
}

/**
 * The skeleton every lifecycle orchestrator shares: record the start, run the runbook, and record and return
 * its success. A failure is recorded (after the runbook's compensation) with the step that failed and the
 * cloud's error, then thrown as OperationFailed, so the instance ends `Failed` in Durable as well.
 */
export function* lifecycle(op: OperationRun, runbook: Runbook): Generator<Task, LifecycleOutcome, unknown> {
  const { operation } = op;
  const states = STATES[operation];
  const { name } = op.request;
  yield* op.flow(op.record({ phase: "started", ...(states.running ? { state: states.running } : {}), ...runbook.started, steps: op.steps() }));
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
      }),
    );
    const undone = compensation ? (compensation.rolledBack ? "; rolled back" : "; rollback incomplete") : "";
    op.log.error(`${operation} ${name} failed at step ${failure.step}: ${failure.failure.cloud} ${failure.failure.code}: ${failure.failure.message}${undone}${state ? `; now ${state}` : ""}`);
    throw new OperationFailed(operation, name, failure, compensation?.rolledBack);
  }
  yield* op.flow(op.record({ phase: "succeeded", state: states.succeeded, ...recorded, steps: op.steps() }));
  op.log.info(`${operation} ${name} succeeded: ${states.succeeded}`);
  return {
    status: "succeeded",
    operation,
    name,
    resources: recorded.resources ?? op.resources,
    ...(recorded.evidence ? { evidence: recorded.evidence } : {}),
    warnings: recorded.warnings ?? op.warnings,
  };
}
