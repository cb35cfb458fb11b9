import { type Failure } from "../flow/contract";
import { failureFromThrown, StepFailure } from "../flow/failure";
import { type Progress } from "../flow/progress";
import { type Flow } from "../flow/steps";

/** The successful branch of an activity result, or a StepFailure carrying the cloud's code and message. */
export function expectOk<R extends { kind: string }>(step: string, result: R): Extract<R, { kind: "ok" }> {
  if (result.kind === "ok") return result as Extract<R, { kind: "ok" }>;
  const failed = result as unknown as { error?: Failure };
  throw new StepFailure(step, failed.error ?? { cloud: "interlink", code: "UnexpectedResult", message: `unexpected result ${result.kind}` });
}

/**
 * Runs a flow as one named step: marks it running, then succeeded or failed (with the failure rethrown). The
 * step's detail is `detailOf(value)`, or the value itself when the flow returns text.
 */
export function* inStep<T>(progress: Progress, step: string, flow: Flow<T>, detailOf?: (value: T) => string): Flow<T> {
  progress.start(step);
  try {
    const value = yield* announcingWaits(progress, step, flow);
    progress.succeed(step, detailOf ? detailOf(value) : typeof value === "string" ? value : undefined);
    return value;
  } catch (error) {
    const failure = failureFromThrown(step, error);
    progress.fail(step, failure.failure);
    throw failure;
  }
}

/**
 * Runs the flow as it is, and before each of its waits shows on the step when it will look again: an operator
 * watching a provider wait sees "next check at ..." rather than a step that seems stuck.
 */
function* announcingWaits<T>(progress: Progress, step: string, flow: Flow<T>): Flow<T> {
  let next = flow.next();
  while (!next.done) {
    const request = next.value;
    if (request.kind === "sleep") progress.nextCheck(step, request.untilMs);
    let resumed: unknown;
    try {
      resumed = yield request;
    } catch (error) {
      next = flow.throw(error);
      continue;
    }
    next = flow.next(resumed);
  }
  return next.value;
}

export function minutes(count: number): number {
  return count * 60_000;
}
