import { type OrchestrationContext, type Task } from "durable-functions";
import { failureFromThrown } from "../flow/failure";
import { runGraph, uniformFlows } from "../flow/graph";
import { type Flow } from "../flow/steps";
import { minutes } from "../lifecycle/kit";
import { type VpnOperationRun } from "./run";
import { missingFlow, teardownOf } from "./teardown-flows";

/** Compensation gets its own deadline: it must finish even when setup failed on its deadline. */
const ROLLBACK_DEADLINE_MINUTES = 240;

/**
 * Undoes a failed setup with the link's teardown steps (compensation gets its own deadline: it must finish even when
 * setup failed on its deadline). It stops at the first step that fails; what is left is recorded for DELETE.
 */
export function* rollback(context: OrchestrationContext, run: VpnOperationRun): Generator<Task, boolean, unknown> {
  const completed = run.progress.succeededSteps();
  run.progress.addStep("rollback", "Undo the completed steps");
  run.progress.start("rollback");
  const deadlineMs = run.nowMs() + minutes(ROLLBACK_DEADLINE_MINUTES);
  const { steps, flows } = teardownOf(run, (step, what, subscriptionId) => ({ ...run.settled("rollback", what, subscriptionId), deadlineMs, onWait: (reason) => run.progress.detail("rollback", `${step}: waiting: ${reason}`) }));
  const undo = uniformFlows(steps, function* (id): Flow<void> {
    try {
      run.progress.detail("rollback", `${id}: ${yield* (flows[id] ?? missingFlow(id))()}`);
    } catch (error) {
      throw failureFromThrown(id, error);
    }
  });
  try {
    yield* runGraph(context, steps, undo);
  } catch (error) {
    const failure = failureFromThrown("rollback", error);
    run.progress.fail("rollback", { cloud: "interlink", code: "RollbackIncomplete", message: `${failure.step}: ${failure.failure.code}: ${failure.failure.message}` });
    return false;
  }
  run.progress.markCompensated(completed);
  run.progress.succeed("rollback", `undid ${completed.join(", ") || "nothing"}`);
  return true;
}

