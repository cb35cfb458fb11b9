import { type Failure } from "./contract";

/** A step that cannot complete: carries the step and the cloud's code and message for the record. */
export class StepFailure extends Error {
  constructor(
    readonly step: string,
    readonly failure: Failure,
  ) {
    super(`${step}: ${failure.cloud} ${failure.code}: ${failure.message}`);
    this.name = "StepFailure";
  }
}

/**
 * Durable reports an activity that kept throwing (transient errors until the retries ran out) as a plain
 * Error whose message is "Activity function 'X' failed: <message> \n <details>". Keep the readable part.
 */
export function failureFromThrown(step: string, error: unknown): StepFailure {
  if (error instanceof StepFailure) return error;
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split(" \n ")[0] ?? text;
  return new StepFailure(step, { cloud: "interlink", code: "RetriesExhausted", message: firstLine.trim() });
}

/**
 * Thrown by a lifecycle orchestrator after it recorded a failure (and, for setup, rolled back), so that Durable
 * ends the instance `Failed` and a caller waiting for `Completed` never mistakes a failure for success. The
 * message names the operation, the step and the cloud's code and message; the record and the event carry the
 * same as data.
 */
export class OperationFailed extends Error {
  constructor(
    readonly operation: string,
    readonly interconnect: string,
    readonly failure: StepFailure,
    readonly rolledBack: boolean | undefined,
  ) {
    const { cloud, code, message } = failure.failure;
    const after = rolledBack === true ? "; rolled back: everything it created was removed" : rolledBack === false ? "; not rolled back: what it created is kept until DELETE" : "";
    super(`${operation} of ${interconnect} failed at step ${failure.step}: ${cloud} ${code}: ${message}${after}`);
    this.name = "OperationFailed";
  }
}
