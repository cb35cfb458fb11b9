import { type OrchestrationContext, type Task } from "durable-functions";
import { type RouteTableReads } from "../../shared/domain/circuit-tables";
import { HealthSweepInput, type HealthSweepOutcome } from "../../shared/domain/health";
import { dateAt } from "../../shared/domain/time";
import { CheckHealthBatchActivity, ListHealthTargetsActivity } from "../contracts/health";
import { TRANSIENT_RETRY } from "../flow/scheduler";
import { expectOk } from "../lifecycle/kit";

/** A routes-table read ARM has not finished is polled again this often, this many times. */
const TABLE_READ_RETRY_MS = 5_000;
const TABLE_READ_ATTEMPTS = 24;

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
  const tally = (raw: unknown, pending: Record<string, RouteTableReads>) => {
    for (const result of expectOk("check", CheckHealthBatchActivity.output.parse(raw)).results) {
      if (result.pending) pending[result.name] = result.pending;
      else if (result.verdict === null) outcome.failedChecks.push({ name: result.name, message: result.error ?? "check failed" });
      else {
        outcome.checked++;
        outcome[result.verdict]++;
        if (result.changed) outcome.changed++;
      }
    }
  };
  for (let start = 0; start < batches.length; start += input.concurrency) {
    const window = batches.slice(start, start + input.concurrency);
    context.df.setCustomStatus({ sweepId, batchesDone: start, batches: batches.length, interconnects: names.length });
    let pending: Record<string, RouteTableReads> = {};
    const results = (yield context.df.Task.all(
      window.map((batch) => context.df.callActivityWithRetry(CheckHealthBatchActivity.name, TRANSIENT_RETRY, { sweepId, names: batch })),
    )) as unknown[];
    for (const raw of results) tally(raw, pending);
    // Checks whose routes-table reads were still running go again after a timer, resuming those reads.
    for (let attempt = 1; Object.keys(pending).length > 0 && attempt <= TABLE_READ_ATTEMPTS; attempt++) {
      yield context.df.createTimer(dateAt(context.df.currentUtcDateTime.getTime() + TABLE_READ_RETRY_MS));
      const tableReads = pending;
      pending = {};
      tally(yield context.df.callActivityWithRetry(CheckHealthBatchActivity.name, TRANSIENT_RETRY, { sweepId, names: Object.keys(tableReads), tableReads }), pending);
    }
    for (const name of Object.keys(pending)) outcome.failedChecks.push({ name, message: `the circuit's routes tables did not answer within ${(TABLE_READ_ATTEMPTS * TABLE_READ_RETRY_MS) / 1000} s` });
  }
  context.df.setCustomStatus({ sweepId, batchesDone: batches.length, batches: batches.length, interconnects: names.length });
  return outcome;
}
