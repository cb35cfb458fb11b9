import { type OrchestrationContext, type Task } from "durable-functions";
import { TEARDOWN_STEPS } from "../../shared/domain/steps";
import { failureFromThrown } from "../flow/failure";
import { Progress } from "../flow/progress";
import { runFlow } from "../flow/scheduler";
import { LifecycleInput, type LifecycleOutcome } from "../lifecycle/input";
import { inStep, minutes } from "../lifecycle/kit";
import { record } from "../lifecycle/record";
import { TEARDOWN_FLOWS, type TeardownContext } from "./flows";

/** Deleting a gateway alone can take 30-45 minutes; the whole teardown gets a generous bound. */
const TEARDOWN_DEADLINE_MINUTES = 360;

/**
 * Tears an interconnect down in the documented order: stop traffic, delete the gateway connection, delete the
 * FastConnect virtual circuit, wait for Azure NotProvisioned, delete the ExpressRoute circuit, then shared
 * resources Interlink created and nothing else uses. Every step finds its resources by name, id or tag and
 * treats "already gone" as done, so a teardown resumed after a crash, or run twice, converges.
 */
export function* teardownOrchestrator(context: OrchestrationContext): Generator<Task, LifecycleOutcome, unknown> {
  const input = LifecycleInput.parse(context.df.getInput());
  const { request } = input;
  const instanceId = context.df.instanceId;
  const nowMs = () => context.df.currentUtcDateTime.getTime();
  const progress = new Progress(context.df, "teardown", request.name, TEARDOWN_STEPS);
  const ctx: TeardownContext = {
    base: { request, operationId: instanceId },
    resources: { ...input.resources },
    nowMs,
    deadlineMs: nowMs() + minutes(TEARDOWN_DEADLINE_MINUTES),
    detail: (step, text) => progress.detail(step, text),
  };
  const steps = () => progress.snapshot().steps;
  yield* runFlow(context, record(input, "teardown", instanceId, context.df.currentUtcDateTime, { phase: "started", state: "TearingDown", steps: steps() }));
  try {
    for (const step of TEARDOWN_FLOWS) {
      yield* runFlow(context, inStep(progress, step.id, step.flow(ctx), (detail) => detail));
    }
  } catch (error) {
    const failure = failureFromThrown(progress.snapshot().step ?? "teardown", error);
    yield* runFlow(
      context,
      record(input, "teardown", instanceId, context.df.currentUtcDateTime, {
        phase: "failed",
        state: "Failed",
        steps: steps(),
        failedStep: failure.step,
        error: failure.failure,
      }),
    );
    return { status: "failed", operation: "teardown", name: request.name, failedStep: failure.step, error: failure.failure, resources: ctx.resources, warnings: [] };
  }
  yield* runFlow(context, record(input, "teardown", instanceId, context.df.currentUtcDateTime, { phase: "succeeded", state: "Deleted", steps: steps(), resources: {} }));
  return { status: "succeeded", operation: "teardown", name: request.name, resources: {}, warnings: [] };
}
