import { isoAt } from "../../shared/domain/time";
import { type PollSchedule } from "../../shared/domain/typical-durations";
import { type Failure } from "./contract";
import { StepFailure } from "./failure";
import { type Flow, sleepUntil } from "./steps";

export interface Backoff {
  initialMs: number;
  maxMs: number;
  factor: number;
}

/**
 * Waits without a typical duration (a schedule) poll often at first and back off to a 30 s cap: what finishes
 * in seconds is seen in seconds, and a long wait costs about two reads a minute.
 */
export const PROVISIONING_BACKOFF: Backoff = { initialMs: 10_000, maxMs: 30_000, factor: 2 };

export interface WaitOptions<S> {
  step: string;
  /** One read of the resource's state (a single activity call). */
  read: () => Flow<S>;
  isDone: (state: S) => boolean;
  /** A state that can never become done (e.g. virtual circuit FAILED). */
  failure?: (state: S) => Failure | null;
  describe: (state: S) => string;
  onPoll?: (state: S, polls: number) => void;
  deadlineMs: number;
  nowMs: () => number;
  /** Reads spaced by a capped exponential backoff from the first, immediate read (waits of unknown length). */
  backoff?: Backoff;
  /** Or: the first read near the resource's typical duration, then a fixed interval (takes precedence). */
  schedule?: PollSchedule;
  what: string;
  /** Failure code when the deadline passes; a provisioning timeout unless the caller knows better. */
  timeoutCode?: string;
}

/**
 * A durable-timer polling loop and a deadline: no activity ever sleeps or blocks on an SDK poller. With a
 * schedule the first read waits until near the typical duration and the next ones follow at its interval;
 * otherwise reads start at once and back off. Returns the final state and how many reads it took.
 */
export function* waitUntil<S>(options: WaitOptions<S>): Flow<{ state: S; polls: number }> {
  const { schedule } = options;
  const backoff = options.backoff ?? PROVISIONING_BACKOFF;
  // The deadline stays as it was: a first read planned after it happens at the deadline.
  if (schedule && schedule.firstReadMs > 0) yield* sleepUntil(Math.min(options.nowMs() + schedule.firstReadMs, options.deadlineMs));
  let delayMs = schedule ? schedule.intervalMs : backoff.initialMs;
  for (let polls = 1; ; polls++) {
    const state = yield* options.read();
    options.onPoll?.(state, polls);
    if (options.isDone(state)) return { state, polls };
    const failure = options.failure?.(state);
    if (failure) throw new StepFailure(options.step, failure);
    const now = options.nowMs();
    if (now >= options.deadlineMs) {
      throw new StepFailure(options.step, {
        cloud: "interlink",
        code: options.timeoutCode ?? "ProvisioningTimeout",
        message: `${options.what} did not finish before the deadline (${isoAt(options.deadlineMs)}); last state: ${options.describe(state)}`,
      });
    }
    yield* sleepUntil(Math.min(now + delayMs, options.deadlineMs));
    if (!schedule) delayMs = Math.min(delayMs * backoff.factor, backoff.maxMs);
  }
}
