import { ReadOperationActivity } from "../contracts/teardown";
import { type Failure } from "../flow/contract";
import { StepFailure } from "../flow/failure";
import { call, type Flow, sleepUntil } from "../flow/steps";
import { waitUntil } from "../flow/wait";
import { expectOk } from "../lifecycle/kit";

/** How many times a PUT is sent in all when its operation keeps ending Failed with a transient code. */
export const ARM_BUILD_ATTEMPTS = 3;
/** The pause before sending it again: ARM's transient failures (InternalServerError...) clear within a minute. */
const RETRY_PAUSE_MS = 60_000;

export interface ArmBuild<T, S> {
  step: string;
  what: string;
  subscriptionId: string;
  /** Sends the PUT (idempotent: the same body every time). */
  start: () => Flow<T>;
  read: () => Flow<S>;
  describe: (state: S) => string;
  onPoll?: (state: S, polls: number) => void;
  /** Progress text for the step (a retry is shown there). */
  detail: (text: string) => void;
  deadlineMs: number;
  nowMs: () => number;
}

/**
 * Builds an ARM resource: PUT, then wait until its provisioningState is Succeeded or Failed. A Failed build is
 * asked why through its operation: a transient code (ARM's own trouble) sends the same PUT again, a permanent one
 * fails the step with ARM's code and message. So a passing hiccup never rolls back the resources built so far.
 */
export function* buildArmResource<T extends { operation?: string | undefined }, S extends { exists: boolean; provisioningState?: string | undefined }>(build: ArmBuild<T, S>): Flow<{ started: T; state: S }> {
  for (let attempt = 1; ; attempt++) {
    const started = yield* build.start();
    const { state } = yield* waitUntil({
      step: build.step,
      what: build.what,
      read: build.read,
      isDone: (current) => current.exists && (current.provisioningState === "Succeeded" || current.provisioningState === "Failed"),
      describe: build.describe,
      ...(build.onPoll ? { onPoll: build.onPoll } : {}),
      deadlineMs: build.deadlineMs,
      nowMs: build.nowMs,
    });
    if (state.provisioningState === "Succeeded") return { started, state };
    const { failure, retryable } = yield* whyFailed(build, started.operation);
    const resumeAt = build.nowMs() + RETRY_PAUSE_MS;
    if (!retryable || attempt >= ARM_BUILD_ATTEMPTS || resumeAt >= build.deadlineMs) throw new StepFailure(build.step, failure);
    build.detail(`attempt ${attempt} of ${build.what} ended Failed with ${failure.code} (${failure.message}); sending it again`);
    yield* sleepUntil(resumeAt);
  }
}

/** The operation's own code and message, and whether it is transient; without an operation, only that it failed. */
function* whyFailed<T, S>(build: ArmBuild<T, S>, operation: string | undefined): Flow<{ failure: Failure; retryable: boolean }> {
  const unexplained = { failure: { cloud: "azure" as const, code: "ProvisioningFailed", message: `${build.what} provisioningState is Failed` }, retryable: false };
  if (!operation) return unexplained;
  const status = expectOk(build.step, yield* call(ReadOperationActivity, { operation, subscriptionId: build.subscriptionId }));
  if (status.status !== "failed" || !status.error) return unexplained;
  return { failure: { cloud: "azure", code: status.error.code, message: status.error.message }, retryable: status.retryable === true };
}
