import { type OrchestrationContext, type Task } from "durable-functions";
import { TEARDOWN_STEPS } from "../../shared/domain/steps";
import { runGraph, uniformFlows } from "../flow/graph";
import { type LifecycleOutcome } from "../lifecycle/input";
import { minutes } from "../lifecycle/kit";
import { lifecycle, OperationRun } from "../lifecycle/operation";
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
  const op = new OperationRun(context, "teardown", TEARDOWN_STEPS);
  const ctx: TeardownContext = {
    base: { request: op.request, operationId: op.instanceId },
    resources: op.resources,
    nowMs: op.nowMs,
    deadlineMs: op.nowMs() + minutes(TEARDOWN_DEADLINE_MINUTES),
    detail: (step, text) => op.progress.detail(step, text),
  };
  return yield* lifecycle(op, {
    *run() {
      yield* runGraph(context, TEARDOWN_STEPS, uniformFlows(TEARDOWN_STEPS, (id) => op.inStep(id, TEARDOWN_FLOWS[id](ctx))));
      return { resources: {} };
    },
  });
}
