import { type OrchestrationContext, type Task } from "durable-functions";
import { RESUME_STEPS, SUSPEND_STEPS } from "../../shared/domain/steps";
import { targetOf } from "../contracts/common";
import { ApplyRoutesActivity } from "../contracts/provisioning";
import { type Flow } from "../flow/steps";
import { CONNECTION_TEST_MINUTES, connectionTest } from "../lifecycle/connection-test";
import { type LifecycleInput, type LifecycleOutcome } from "../lifecycle/input";
import { minutes } from "../lifecycle/kit";
import { lifecycle, OperationRun } from "../lifecycle/operation";
import { callAndSettle } from "../lifecycle/settle";
import { peerVcns } from "../peering/flows";

/** The route changes are done when the ARM operations they started are. */
const ROUTES_DEADLINE_MINUTES = 60;

function* applyRoutes(input: LifecycleInput, operationId: string, mode: "active" | "blackhole", nowMs: () => number): Flow<string> {
  const drgId = input.resources.drgId ?? input.request.oci.drgId ?? "";
  const peering = { base: { request: input.request, operationId }, drgId, vnetCidrs: [], virtualCircuitId: input.resources.virtualCircuitId, waiting: { step: "routes", deadlineMs: nowMs() + minutes(ROUTES_DEADLINE_MINUTES), nowMs } };
  // Peered VCNs' own routes go first on suspend and come back first on resume, before Azure learns their CIDRs again.
  if (mode === "blackhole") yield* peerVcns(peering, "routes-off");
  else yield* peerVcns(peering, "active");
  const routes = yield* callAndSettle(
    ApplyRoutesActivity,
    { ...targetOf({ request: input.request, operationId }), drgId: input.resources.drgId ?? input.request.oci.drgId ?? "", mode },
    { step: "routes", what: "change the routes", deadlineMs: nowMs() + minutes(ROUTES_DEADLINE_MINUTES), nowMs, subscriptionId: input.request.azure.subscriptionId },
  );
  return mode === "active" ? `${routes.ociRules} VCN route rule(s) and ${routes.azureRoutes} Azure route(s) restored` : "VCN route rules removed; Azure routes to the VCN blackholed";
}

/**
 * Suspend stops traffic without terminating anything, as the seed describes: the VCN route rules to the
 * VNet go away and the Azure routes to the VCN point at None. The circuits, BGP and billing stay.
 */
export function* suspendOrchestrator(context: OrchestrationContext): Generator<Task, LifecycleOutcome, unknown> {
  const op = new OperationRun(context, "suspend", SUSPEND_STEPS);
  return yield* lifecycle(op, {
    *run() {
      yield* op.step("routes", applyRoutes(op.input, op.instanceId, "blackhole", op.nowMs));
      return {};
    },
  });
}

/** Resume restores the route rules on both sides and re-runs the connection test. */
export function* resumeOrchestrator(context: OrchestrationContext): Generator<Task, LifecycleOutcome, unknown> {
  const op = new OperationRun(context, "resume", RESUME_STEPS);
  const { input, instanceId, nowMs } = op;
  const virtualCircuitId = input.resources.virtualCircuitId ?? "";
  return yield* lifecycle(op, {
    *run() {
      yield* op.step("routes", applyRoutes(input, instanceId, "active", nowMs));
      const evidence = yield* op.step(
        "verify",
        connectionTest({ base: { request: input.request, operationId: instanceId }, virtualCircuitId, deadlineMs: nowMs() + minutes(CONNECTION_TEST_MINUTES), nowMs }),
        () => "connection test passed",
      );
      return { evidence };
    },
  });
}
