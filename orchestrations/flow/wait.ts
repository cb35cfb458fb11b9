import { isoAt } from "../../shared/domain/time";
import { type Failure } from "./contract";
import { StepFailure } from "./failure";
import { type Flow, sleepUntil } from "./steps";

export interface Backoff {
  initialMs: number;
  maxMs: number;
  factor: number;
}

/**
 * Provisioning waits poll often at first (small resources finish in seconds) and back off to a 30 s cap:
 * a finished resource is noticed within 30 s (the setup stays within ~2% of its critical path) for about
 * two reads a minute while a gateway builds.
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
  backoff?: Backoff;
  what: string;
  /** Failure code when the deadline passes; a provisioning timeout unless the caller knows better. */
  timeoutCode?: string;
}

/**
 * A durable-timer polling loop with capped exponential backoff and a deadline: no activity ever sleeps
 * or blocks on an SDK poller. Returns the final state and how many reads it took.
 */
export function* waitUntil<S>(options: WaitOptions<S>): Flow<{ state: S; polls: number }> {
  const backoff = options.backoff ?? PROVISIONING_BACKOFF;
  let delayMs = backoff.initialMs;
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
    delayMs = Math.min(delayMs * backoff.factor, backoff.maxMs);
  }
}
