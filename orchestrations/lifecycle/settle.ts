import { type z } from "zod";
import { type OperationStatus } from "../../shared/domain/cloud-views";
import { type NotReadyResult } from "../contracts/common";
import { ReadOperationsActivity } from "../contracts/teardown";
import { type ActivityContract } from "../flow/contract";
import { StepFailure } from "../flow/failure";
import { call, type Flow, sleepUntil } from "../flow/steps";
import { waitUntil } from "../flow/wait";
import { pollScheduleFor, readAtOnce, spokenDuration, TYPICAL_DURATIONS, type TypicalDurationName } from "../../shared/domain/typical-durations";
import { expectOk } from "./kit";
import { callWhenReady, type WhenReadyOptions } from "./when-ready";

/** A write whose operation ARM failed with a transient error (or for a busy resource) is sent this many times in all. */
export const WRITE_ATTEMPTS = 4;
const WRITE_RETRY_MS = 30_000;

export interface SettleOptions extends WhenReadyOptions {
  /** The subscription whose ARM operations these are. */
  subscriptionId: string;
  /** How long the change usually takes (its operations are first read near then); a small ARM change unless said. */
  typical?: TypicalDurationName;
}

/**
 * Waits until every ARM operation a write started has ended, with durable timers; returns the first that failed
 * (or null). Finished operations are not read again.
 */
export function* settleOperations(operations: readonly string[], options: SettleOptions, schedule = pollScheduleFor(options.typical ?? "armSmallChange")): Flow<OperationStatus | null> {
  if (operations.length === 0) return null;
  let pending = [...operations];
  let failed: OperationStatus | null = null;
  yield* waitUntil({
    step: options.step,
    what: `the ARM operation(s) to ${options.what}`,
    read: function* () {
      const { statuses } = expectOk(options.step, yield* call(ReadOperationsActivity, { subscriptionId: options.subscriptionId, operations: pending }));
      failed ??= statuses.find((status) => status.status === "failed") ?? null;
      pending = pending.filter((_operation, index) => statuses[index]?.status === "running");
      return { running: pending.length, failed };
    },
    isDone: (state) => state.running === 0 || state.failed !== null,
    describe: (state) => `${state.running} ARM operation(s) still running`,
    deadlineMs: options.deadlineMs,
    nowMs: options.nowMs,
    schedule,
    timeoutCode: "OperationTimeout",
  });
  return failed;
}

type Written<O extends z.ZodType> = Extract<Exclude<z.output<O>, NotReadyResult>, { kind: "ok" }> & { operations: string[] };

/**
 * Runs an ARM write activity until what it started has settled: a refusal in the first answer or in the operation
 * fails the step with the cloud's code and message; one ARM calls transient (or a busy resource) sends the write
 * again (it is idempotent), up to WRITE_ATTEMPTS times within the deadline.
 */
function* writeUntilSettled<I extends z.ZodType, O extends z.ZodType<{ kind: string }>>(
  contract: ActivityContract<I, O>,
  input: z.input<I>,
  options: SettleOptions,
  settle: (result: Written<O>) => Flow<OperationStatus | null>,
): Flow<Written<O>> {
  for (let attempt = 1; ; attempt++) {
    const result = expectOk(options.step, yield* callWhenReady(contract, input, options)) as Written<O>;
    const failed = yield* settle(result);
    if (!failed) return result;
    const error = failed.error ?? { code: "OperationFailed", message: `an ARM operation to ${options.what} failed without saying why` };
    if (failed.retryable !== true || attempt >= WRITE_ATTEMPTS || options.nowMs() >= options.deadlineMs) throw new StepFailure(options.step, { cloud: "azure", ...error });
    options.onWait?.(`${error.code}: ${error.message}; sending the change again (attempt ${attempt + 1} of ${WRITE_ATTEMPTS})`);
    yield* sleepUntil(Math.min(options.nowMs() + WRITE_RETRY_MS * attempt, options.deadlineMs));
  }
}

/** An ARM write that is done when every operation it started is (read first near the change's typical duration). */
export function* callAndSettle<I extends z.ZodType, O extends z.ZodType<{ kind: string }>>(contract: ActivityContract<I, O>, input: z.input<I>, options: SettleOptions): Flow<Written<O>> {
  return yield* writeUntilSettled(contract, input, options, (result) => settleOperations(result.operations, options));
}

/** How a long write (a circuit, a gateway) is watched: by its resource's state, a small read. */
export interface ResourceWatch<S, R> {
  what: string;
  read: (result: R) => Flow<S>;
  isDone: (state: S) => boolean;
  isFailed: (state: S) => boolean;
  describe: (state: S) => string;
  onPoll?: (state: S, polls: number) => void;
  /** How long the resource usually takes to build: its first read comes near then (at once when nothing was started). */
  typical: TypicalDurationName;
}

/**
 * An ARM write that takes minutes: the resource's own state is polled (its reads are small, an operation's handle is
 * not), and the operation is read only once the resource shows Failed, for the cloud's code and message.
 */
export function* callAndWatch<I extends z.ZodType, O extends z.ZodType<{ kind: string }>, S>(
  contract: ActivityContract<I, O>,
  input: z.input<I>,
  options: SettleOptions,
  watch: ResourceWatch<S, Written<O>>,
): Flow<Written<O>> {
  return yield* writeUntilSettled(contract, input, options, function* (result) {
    const schedule = pollScheduleFor(watch.typical);
    // Read first when it is usually done: say so, as a long build otherwise shows nothing until then.
    if (result.operations.length > 0) options.onWait?.(`${watch.what} usually takes ${spokenDuration(TYPICAL_DURATIONS[watch.typical].ms)}; it is read then`);
    const { state } = yield* waitUntil({
      step: options.step,
      what: watch.what,
      // A resource reused as it was (no operation started) may already be done.
      schedule: result.operations.length > 0 ? schedule : readAtOnce(schedule),
      read: () => watch.read(result),
      isDone: (current) => watch.isDone(current) || watch.isFailed(current),
      describe: watch.describe,
      ...(watch.onPoll ? { onPoll: watch.onPoll } : {}),
      deadlineMs: options.deadlineMs,
      nowMs: options.nowMs,
    });
    if (watch.isDone(state)) return null;
    // The resource already shows Failed: its operation has ended, so it is read at once for the cloud's reason.
    const failed = yield* settleOperations(result.operations, options, readAtOnce(schedule));
    return failed ?? { status: "failed", error: { code: "ProvisioningFailed", message: `${watch.what} is in a failed state` }, retryable: false };
  });
}
