import { type OrchestrationContext, type Task } from "durable-functions";
import { type z } from "zod";
import { type RouteTableReads } from "../../shared/domain/circuit-tables";
import { HealthSweepInput, type HealthSweepOutcome } from "../../shared/domain/health";
import { CheckHealthBatchActivity, CheckVpnLinksActivity, ListHealthTargetsActivity } from "../contracts/health";
import { runFlow } from "../flow/scheduler";
import { call, callEach, type Flow, sleepUntil } from "../flow/steps";
import { expectOk } from "../lifecycle/kit";

/** A routes-table read ARM has not finished is polled again this often, this many times. */
const TABLE_READ_RETRY_MS = 5_000;
const TABLE_READ_ATTEMPTS = 24;

/** How far a sweep got, as its custom status. */
interface SweepStatus {
  sweepId: string;
  batchesDone: number;
  batches: number;
  interconnects: number;
}

/**
 * One health sweep: lists the interconnects to check, then fans out over them in batches with bounded
 * concurrency (a window of batch activities at a time). Pacing against each cloud's API limits is the
 * activities' rate limiter's job; the orchestration only bounds how much is in flight.
 */
export function* healthSweepOrchestrator(context: OrchestrationContext): Generator<Task, HealthSweepOutcome, unknown> {
  const input = HealthSweepInput.parse(context.df.getInput() ?? {});
  const sweepId = context.df.instanceId + ":" + context.df.currentUtcDateTime.toISOString();
  return yield* runFlow(
    context,
    sweep(input, sweepId, () => context.df.currentUtcDateTime.getTime(), (status) => context.df.setCustomStatus(status)),
  );
}

function* sweep(input: HealthSweepInput, sweepId: string, nowMs: () => number, report: (status: SweepStatus) => void): Flow<HealthSweepOutcome> {
  const names = expectOk("list", yield* call(ListHealthTargetsActivity, { sweepId })).names;
  const batches = chunks(names, input.batchSize);
  const status = (batchesDone: number): SweepStatus => ({ sweepId, batchesDone, batches: batches.length, interconnects: names.length });
  const outcome: HealthSweepOutcome = { checked: 0, healthy: 0, degraded: 0, down: 0, suspended: 0, changed: 0, failedChecks: [] };
  /** Counts finished checks into the outcome; returns the checks whose routes-table reads are still running. */
  const tally = (batchResults: Array<z.output<typeof CheckHealthBatchActivity.output>>) => {
    const pending: Record<string, RouteTableReads> = {};
    for (const batch of batchResults) {
      for (const result of expectOk("check", batch).results) {
        if (result.pending) pending[result.name] = result.pending;
        else if (result.verdict === null) outcome.failedChecks.push({ name: result.name, message: result.error ?? "check failed" });
        else {
          outcome.checked++;
          outcome[result.verdict]++;
          if (result.changed) outcome.changed++;
        }
      }
    }
    return pending;
  };

  for (const [index, window] of chunks(batches, input.concurrency).entries()) {
    report(status(index * input.concurrency));
    let pending = tally(yield* callEach(CheckHealthBatchActivity, window.map((batch) => ({ sweepId, names: batch }))));
    // Checks whose routes-table reads were still running go again after a timer, resuming those reads.
    for (let attempt = 1; Object.keys(pending).length > 0 && attempt <= TABLE_READ_ATTEMPTS; attempt++) {
      yield* sleepUntil(nowMs() + TABLE_READ_RETRY_MS);
      pending = tally([yield* call(CheckHealthBatchActivity, { sweepId, names: Object.keys(pending), tableReads: pending })]);
    }
    for (const name of Object.keys(pending)) outcome.failedChecks.push({ name, message: `the circuit's routes tables did not answer within ${(TABLE_READ_ATTEMPTS * TABLE_READ_RETRY_MS) / 1000} s` });
  }
  report(status(batches.length));
  const { kind: _kind, ...vpnLinks } = expectOk("vpn-links", yield* call(CheckVpnLinksActivity, { sweepId }));
  return { ...outcome, vpnLinks };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
