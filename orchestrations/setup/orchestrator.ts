import { type OrchestrationContext, type Task } from "durable-functions";
import { SETUP_STEPS, type SetupStepId, TEARDOWN_STEPS } from "../../shared/domain/steps";
import { type ConnectivityEvidence } from "../contracts/provisioning";
import { failureFromThrown } from "../flow/failure";
import { runGraph, uniformFlows } from "../flow/graph";
import { type Progress } from "../flow/progress";
import { type Flow } from "../flow/steps";
import { type LifecycleOutcome } from "../lifecycle/input";
import { minutes } from "../lifecycle/kit";
import { lifecycle, OperationRun } from "../lifecycle/operation";
import { TEARDOWN_FLOWS, type TeardownContext } from "../teardown/flows";
import { targetOf } from "../contracts/common";
import { peerSpokes } from "./spokes";
import { circuit, gateway, preflight, type Preflighted, provisioning, routing, security, type SetupContext, verify, virtualCircuit } from "./flows";

/** Compensation gets its own deadline: it must finish even when setup failed on its deadline. */
const ROLLBACK_DEADLINE_MINUTES = 240;

/** What each setup step hands to the steps that depend on it. */
interface SetupOutputs {
  preflight: Preflighted;
  security: string;
  circuit: string;
  gateway: string;
  "virtual-circuit": string;
  provisioning: { polls: number };
  routing: string;
  spokes: string;
  verify: ConnectivityEvidence;
}

/**
 * Sets up one interconnect by running the setup step graph (SETUP_STEPS: each step starts when the steps it
 * depends on have ended):
 *   0 preflight -> { 1 security | 2 circuit -> 3 virtual circuit -> 4 provisioning | 2' gateway } -> 5 routing -> 6 verify
 * so the gateway (the slowest resource) is built while the circuits provision. On failure the completed
 * steps are undone in reverse (the teardown steps) unless rollbackOnFailure is false.
 */
export function* setupOrchestrator(context: OrchestrationContext): Generator<Task, LifecycleOutcome, unknown> {
  const op = new OperationRun(context, "setup", SETUP_STEPS);
  const ctx: SetupContext = {
    base: { request: op.request, operationId: op.instanceId },
    progress: op.progress,
    nowMs: op.nowMs,
    deadlineMs: op.nowMs() + minutes(op.request.options.provisioningTimeoutMinutes),
    resources: op.resources,
  };
  return yield* lifecycle(op, {
    started: { spec: op.request },
    *run() {
      const outputs = yield* runGraph<SetupStepId, SetupOutputs>(context, SETUP_STEPS, {
        *preflight() {
          const checked = yield* op.inStep("preflight", preflight(ctx), (value) => `${value.warnings.length} warning(s)`);
          op.warnings.push(...checked.warnings);
          return checked;
        },
        security: (done) => op.inStep("security", security(ctx, done("preflight").observed)),
        circuit: () => op.inStep("circuit", circuit(ctx)),
        gateway: () => op.inStep("gateway", gateway(ctx)),
        "virtual-circuit": (done) => op.inStep("virtual-circuit", virtualCircuit(ctx, done("preflight").drgId, done("preflight").observed)),
        provisioning: () => op.inStep("provisioning", provisioning(ctx), ({ polls }) => `provisioned after ${polls} poll(s)`),
        *routing(done) {
          const { observed, drgId } = done("preflight");
          // What the branches built is in the inventory before the gateway is connected to the circuit.
          yield* op.checkpoint();
          return yield* op.inStep("routing", routing(ctx, observed, drgId));
        },
        spokes: () => op.inStep("spokes", peerSpokes(ctx, targetOf(ctx.base).azure.spokes)),
        verify: (done) => op.inStep("verify", verify(ctx, done("preflight").observed), () => "both BGP sessions UP, routes learned on both sides, connection Connected"),
      });
      return { resources: op.resources, evidence: outputs.verify, warnings: op.warnings };
    },
    *compensate() {
      const rolledBack = op.request.options.rollbackOnFailure && (yield* rollback(context, ctx, op.progress));
      return { resources: op.resources, rolledBack, warnings: op.warnings };
    },
  });
}

/**
 * Runs the teardown steps as compensation. It stops at the first step that fails, because running the later
 * ones out of order (e.g. deleting the virtual circuit while the connection exists) breaks the circuit;
 * what is left is recorded and a later DELETE resumes from there.
 */
function* rollback(context: OrchestrationContext, ctx: SetupContext, progress: Progress): Generator<Task, boolean, unknown> {
  const completed = progress.succeededSteps();
  progress.addStep("rollback", "Undo the completed steps");
  progress.start("rollback");
  const teardown: TeardownContext = {
    base: ctx.base,
    resources: ctx.resources,
    nowMs: ctx.nowMs,
    deadlineMs: ctx.nowMs() + minutes(ROLLBACK_DEADLINE_MINUTES),
    detail: (step, text) => progress.detail("rollback", `${step}: ${text}`),
  };
  const undo = uniformFlows(TEARDOWN_STEPS, function* (id): Flow<void> {
    try {
      progress.detail("rollback", `${id}: ${yield* TEARDOWN_FLOWS[id](teardown)}`);
    } catch (error) {
      throw failureFromThrown(id, error);
    }
  });
  try {
    yield* runGraph(context, TEARDOWN_STEPS, undo);
  } catch (error) {
    const failure = failureFromThrown("rollback", error);
    progress.fail("rollback", { cloud: "interlink", code: "RollbackIncomplete", message: `${failure.step}: ${failure.failure.code}: ${failure.failure.message}` });
    return false;
  }
  progress.markCompensated(completed);
  progress.succeed("rollback", `undid ${completed.join(", ") || "nothing"}`);
  return true;
}
