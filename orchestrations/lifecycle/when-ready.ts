import { type z } from "zod";
import { type NotReadyResult } from "../contracts/common";
import { type ActivityContract } from "../flow/contract";
import { call, type Flow } from "../flow/steps";
import { type Backoff, waitUntil } from "../flow/wait";

/** A busy resource is usually free within seconds (a subnet update), sometimes minutes (a gateway build). */
export const NOT_READY_BACKOFF: Backoff = { initialMs: 5_000, maxMs: 30_000, factor: 2 };

export interface WhenReadyOptions {
  step: string;
  /** What is waited for, for the timeout message: "the wait to <what>". */
  what: string;
  deadlineMs: number;
  nowMs: () => number;
  onWait?: (reason: string) => void;
}

/**
 * Calls an activity that may answer `notReady` (a resource busy with another operation or not there yet)
 * and, while it does, calls it again after a durable timer, until the step's deadline. Returns the first
 * other answer (`ok` or `failed`), which the caller handles as from `call`.
 */
export function* callWhenReady<I extends z.ZodType, O extends z.ZodType<{ kind: string }>>(
  contract: ActivityContract<I, O>,
  input: z.input<I>,
  options: WhenReadyOptions,
): Flow<Exclude<z.output<O>, NotReadyResult>> {
  const { state } = yield* waitUntil<z.output<O>>({
    step: options.step,
    what: `the wait to ${options.what}`,
    read: () => call(contract, input),
    isDone: (result) => result.kind !== "notReady",
    describe: (result) => (result.kind === "notReady" ? (result as NotReadyResult).reason : result.kind),
    onPoll: (result) => {
      if (result.kind === "notReady") options.onWait?.((result as NotReadyResult).reason);
    },
    deadlineMs: options.deadlineMs,
    nowMs: options.nowMs,
    backoff: NOT_READY_BACKOFF,
    timeoutCode: "ResourceNotReady",
  });
  return state as Exclude<z.output<O>, NotReadyResult>;
}
