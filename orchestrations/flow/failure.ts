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
