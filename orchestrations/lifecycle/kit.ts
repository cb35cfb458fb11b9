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
    const value = yield* flow;
    progress.succeed(step, detailOf ? detailOf(value) : typeof value === "string" ? value : undefined);
    return value;
  } catch (error) {
    const failure = failureFromThrown(step, error);
    progress.fail(step, failure.failure);
    throw failure;
  }
}

export function minutes(count: number): number {
  return count * 60_000;
}
