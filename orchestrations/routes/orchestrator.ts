import { type OrchestrationContext, type Task } from "durable-functions";
import { RESUME_STEPS, SUSPEND_STEPS } from "../../shared/domain/steps";
import { targetOf } from "../contracts/common";
import { ApplyRoutesActivity, type ConnectivityEvidence } from "../contracts/provisioning";
import { failureFromThrown } from "../flow/failure";
import { Progress } from "../flow/progress";
import { runFlow } from "../flow/scheduler";
import { call, type Flow } from "../flow/steps";
import { CONNECTION_TEST_MINUTES, connectionTest } from "../lifecycle/connection-test";
import { LifecycleInput, type LifecycleOutcome } from "../lifecycle/input";
import { expectOk, inStep, minutes } from "../lifecycle/kit";
import { record } from "../lifecycle/record";

function* applyRoutes(input: LifecycleInput, operationId: string, mode: "active" | "blackhole"): Flow<string> {
  const routes = expectOk(
    "routes",
    yield* call(ApplyRoutesActivity, { ...targetOf({ request: input.request, operationId }), drgId: input.resources.drgId ?? input.request.oci.drgId ?? "", mode }),
  );
  return mode === "active" ? `${routes.ociRules} VCN route rule(s) and ${routes.azureRoutes} Azure route(s) restored` : "VCN route rules removed; Azure routes to the VCN blackholed";
}

/**
 * Suspend stops traffic without terminating anything, as the seed describes: the VCN route rules to the
 * VNet go away and the Azure routes to the VCN point at None. The circuits, BGP and billing stay.
 */
export function* suspendOrchestrator(context: OrchestrationContext): Generator<Task, LifecycleOutcome, unknown> {
  const input = LifecycleInput.parse(context.df.getInput());
  const instanceId = context.df.instanceId;
  const progress = new Progress(context.df, "suspend", input.request.name, SUSPEND_STEPS);
  const steps = () => progress.snapshot().steps;
  yield* runFlow(context, record(input, "suspend", instanceId, context.df.currentUtcDateTime, { phase: "started", steps: steps() }));
  try {
    yield* runFlow(context, inStep(progress, "routes", applyRoutes(input, instanceId, "blackhole"), (detail) => detail));
  } catch (error) {
    const failure = failureFromThrown("routes", error);
    yield* runFlow(context, record(input, "suspend", instanceId, context.df.currentUtcDateTime, { phase: "failed", steps: steps(), failedStep: failure.step, error: failure.failure }));
    return { status: "failed", operation: "suspend", name: input.request.name, failedStep: failure.step, error: failure.failure, resources: input.resources, warnings: [] };
  }
  yield* runFlow(context, record(input, "suspend", instanceId, context.df.currentUtcDateTime, { phase: "succeeded", state: "Suspended", steps: steps() }));
  return { status: "succeeded", operation: "suspend", name: input.request.name, resources: input.resources, warnings: [] };
}

/** Resume restores the route rules on both sides and re-runs the connection test. */
export function* resumeOrchestrator(context: OrchestrationContext): Generator<Task, LifecycleOutcome, unknown> {
  const input = LifecycleInput.parse(context.df.getInput());
  const instanceId = context.df.instanceId;
  const nowMs = () => context.df.currentUtcDateTime.getTime();
  const progress = new Progress(context.df, "resume", input.request.name, RESUME_STEPS);
  const steps = () => progress.snapshot().steps;
  const virtualCircuitId = input.resources.virtualCircuitId ?? "";
  yield* runFlow(context, record(input, "resume", instanceId, context.df.currentUtcDateTime, { phase: "started", steps: steps() }));
  let evidence: ConnectivityEvidence | undefined;
  try {
    yield* runFlow(context, inStep(progress, "routes", applyRoutes(input, instanceId, "active"), (detail) => detail));
    evidence = yield* runFlow(
      context,
      inStep(
        progress,
        "verify",
        connectionTest({ base: { request: input.request, operationId: instanceId }, virtualCircuitId, deadlineMs: nowMs() + minutes(CONNECTION_TEST_MINUTES), nowMs }),
        () => "connection test passed",
      ),
    );
  } catch (error) {
    const failure = failureFromThrown("routes", error);
    yield* runFlow(context, record(input, "resume", instanceId, context.df.currentUtcDateTime, { phase: "failed", steps: steps(), failedStep: failure.step, error: failure.failure }));
    return { status: "failed", operation: "resume", name: input.request.name, failedStep: failure.step, error: failure.failure, resources: input.resources, warnings: [] };
  }
  yield* runFlow(context, record(input, "resume", instanceId, context.df.currentUtcDateTime, { phase: "succeeded", state: "Active", steps: steps(), ...(evidence ? { evidence } : {}) }));
  return { status: "succeeded", operation: "resume", name: input.request.name, resources: input.resources, ...(evidence ? { evidence } : {}), warnings: [] };
}
