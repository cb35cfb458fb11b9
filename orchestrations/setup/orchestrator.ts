import { type OrchestrationContext, type Task } from "durable-functions";
import { SETUP_STEPS } from "../../shared/domain/steps";
import { type InterconnectResources } from "../contracts/common";
import { failureFromThrown } from "../flow/failure";
import { Progress } from "../flow/progress";
import { firstFailure, runFlow, runFlows } from "../flow/scheduler";
import { type Flow } from "../flow/steps";
import { LifecycleInput, type LifecycleOutcome } from "../lifecycle/input";
import { inStep, minutes } from "../lifecycle/kit";
import { record } from "../lifecycle/record";
import { TEARDOWN_FLOWS } from "../teardown/flows";
import { circuit, gateway, preflight, provisioning, routing, security, type SetupContext, verify, virtualCircuit } from "./flows";

/** Compensation gets its own deadline: it must finish even when setup failed on its deadline. */
const ROLLBACK_DEADLINE_MINUTES = 240;

/**
 * Sets up one interconnect: the seed's Tasks 1-6 as a dependency graph.
 *   0 preflight -> { 1 security | 2 circuit -> 3 virtual circuit -> 4 provisioning | 2' gateway } -> 5 routing -> 6 verify
 * The gateway (the slowest resource) is built while the circuits provision. On failure the completed
 * steps are undone in reverse (the teardown steps) unless rollbackOnFailure is false.
 */
export function* setupOrchestrator(context: OrchestrationContext): Generator<Task, LifecycleOutcome, unknown> {
  const input = LifecycleInput.parse(context.df.getInput());
  const { request } = input;
  const instanceId = context.df.instanceId;
  const nowMs = () => context.df.currentUtcDateTime.getTime();
  const progress = new Progress(context.df, "setup", request.name, SETUP_STEPS);
  const resources: InterconnectResources = { ...input.resources };
  const ctx: SetupContext = {
    base: { request, operationId: instanceId },
    progress,
    nowMs,
    deadlineMs: nowMs() + minutes(request.options.provisioningTimeoutMinutes),
    resources,
  };
  const steps = () => progress.snapshot().steps;
  yield* runFlow(context, record(input, "setup", instanceId, context.df.currentUtcDateTime, { phase: "started", state: "Provisioning", spec: request, steps: steps() }));

  let warnings: string[] = [];
  try {
    const checked = yield* runFlow(context, inStep(progress, "preflight", preflight(ctx), (value) => `${value.warnings.length} warning(s)`));
    warnings = checked.warnings;
    const branches = yield* runFlows(context, {
      security: inStep(progress, "security", security(ctx, checked.observed), (detail) => detail),
      circuits: circuitChain(ctx, checked.drgId),
      gateway: inStep(progress, "gateway", gateway(ctx), (detail) => detail),
    });
    const failed = firstFailure(branches);
    if (failed !== undefined) throw failed;
    yield* runFlow(context, record(input, "setup", instanceId, context.df.currentUtcDateTime, { phase: "progress", resources, steps: steps() }));
    yield* runFlow(context, inStep(progress, "routing", routing(ctx, checked.observed, checked.drgId), (detail) => detail));
    const evidence = yield* runFlow(context, inStep(progress, "verify", verify(ctx, checked.observed), () => "both BGP sessions UP, routes learned on both sides, connection Connected"));
    yield* runFlow(
      context,
      record(input, "setup", instanceId, context.df.currentUtcDateTime, { phase: "succeeded", state: "Active", resources, steps: steps(), evidence, warnings }),
    );
    return { status: "succeeded", operation: "setup", name: request.name, resources, evidence, warnings };
  } catch (error) {
    const failure = failureFromThrown(progress.snapshot().step ?? "setup", error);
    progress.stopRunning(`stopped: ${failure.step} failed`);
    let rolledBack = false;
    if (request.options.rollbackOnFailure) {
      rolledBack = yield* runFlow(context, rollback(ctx, progress));
    }
    yield* runFlow(
      context,
      record(input, "setup", instanceId, context.df.currentUtcDateTime, {
        phase: "failed",
        state: rolledBack ? "Deleted" : "Failed",
        resources,
        steps: steps(),
        failedStep: failure.step,
        error: failure.failure,
        rolledBack,
        warnings,
      }),
    );
    return { status: "failed", operation: "setup", name: request.name, failedStep: failure.step, error: failure.failure, rolledBack, resources, warnings };
  }
}

function* circuitChain(ctx: SetupContext, drgId: string): Flow<void> {
  yield* inStep(ctx.progress, "circuit", circuit(ctx), (detail) => detail);
  yield* inStep(ctx.progress, "virtual-circuit", virtualCircuit(ctx, drgId), (detail) => detail);
  yield* inStep(ctx.progress, "provisioning", provisioning(ctx), ({ polls }) => `provisioned after ${polls} poll(s)`);
}

/**
 * Runs the teardown steps as compensation. It stops at the first step that fails, because running the later
 * ones out of order (e.g. deleting the virtual circuit while the connection exists) breaks the circuit;
 * what is left is recorded and a later DELETE resumes from there.
 */
function* rollback(ctx: SetupContext, progress: Progress): Flow<boolean> {
  const completed = progress.succeededSteps();
  progress.addStep("rollback", "Undo the completed steps");
  progress.start("rollback");
  const teardown = {
    base: ctx.base,
    resources: ctx.resources,
    nowMs: ctx.nowMs,
    deadlineMs: ctx.nowMs() + minutes(ROLLBACK_DEADLINE_MINUTES),
    detail: (step: string, text: string) => progress.detail("rollback", `${step}: ${text}`),
  };
  const problems: string[] = [];
  for (const step of TEARDOWN_FLOWS) {
    try {
      const outcome = yield* step.flow(teardown);
      progress.detail("rollback", `${step.id}: ${outcome}`);
    } catch (error) {
      const failure = failureFromThrown(step.id, error);
      problems.push(`${step.id}: ${failure.failure.code}: ${failure.failure.message}`);
      break;
    }
  }
  if (problems.length > 0) {
    progress.fail("rollback", { cloud: "interlink", code: "RollbackIncomplete", message: problems.join("; ") });
    return false;
  }
  progress.markCompensated(completed);
  progress.succeed("rollback", `undid ${completed.join(", ") || "nothing"}`);
  return true;
}
