import { type OrchestrationContext, type Task } from "durable-functions";
import { HealthSweepInput, type HealthSweepOutcome } from "../../shared/domain/health";
import { CheckHealthBatchActivity, ListHealthTargetsActivity } from "../contracts/health";
import { TRANSIENT_RETRY } from "../flow/scheduler";
import { expectOk } from "../lifecycle/kit";

/**
 * One health sweep: lists the interconnects to check, then fans out over them in batches with bounded
 * concurrency (a window of batch activities at a time). Pacing against each cloud's API limits is the
 * activities' rate limiter's job; the orchestration only bounds how much is in flight.
 */
export function* healthSweepOrchestrator(context: OrchestrationContext): Generator<Task, HealthSweepOutcome, unknown> {
  const input = HealthSweepInput.parse(context.df.getInput() ?? {});
  const sweepId = context.df.instanceId + ":" + context.df.currentUtcDateTime.toISOString();
  const listed = ListHealthTargetsActivity.output.parse(yield context.df.callActivityWithRetry(ListHealthTargetsActivity.name, TRANSIENT_RETRY, { sweepId }));
  const names = expectOk("list", listed).names;
  const batches: string[][] = [];
  for (let i = 0; i < names.length; i += input.batchSize) batches.push(names.slice(i, i + input.batchSize));

  const outcome: HealthSweepOutcome = { checked: 0, healthy: 0, degraded: 0, down: 0, changed: 0, failedChecks: [] };
  for (let start = 0; start < batches.length; start += input.concurrency) {
    const window = batches.slice(start, start + input.concurrency);
    context.df.setCustomStatus({ sweepId, batchesDone: start, batches: batches.length, interconnects: names.length });
    const results = (yield context.df.Task.all(
      window.map((batch) => context.df.callActivityWithRetry(CheckHealthBatchActivity.name, TRANSIENT_RETRY, { sweepId, names: batch })),
    )) as unknown[];
    for (const raw of results) {
      const batch = expectOk("check", CheckHealthBatchActivity.output.parse(raw));
      for (const result of batch.results) {
        if (result.verdict === null) {
          outcome.failedChecks.push({ name: result.name, message: result.error ?? "check failed" });
          continue;
        }
        outcome.checked++;
        outcome[result.verdict]++;
        if (result.changed) outcome.changed++;
      }
    }
  }
  context.df.setCustomStatus({ sweepId, batchesDone: batches.length, batches: batches.length, interconnects: names.length });
  return outcome;
}
