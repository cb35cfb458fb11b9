import { type OrchestrationContext, type Task } from "durable-functions";
import { type z } from "zod";
import { HealthSweepInput, type HealthSweepOutcome, type PendingDeepCheck } from "../../shared/domain/health";
import { planSweep } from "../../shared/domain/health-plan";
import { pollScheduleFor } from "../../shared/domain/typical-durations";
import { CheckHealthBatchActivity, CheckVpnLinksActivity, FinishDeepChecksActivity, ListHealthTargetsActivity, ReportSweepOverrunActivity } from "../contracts/health";
import { runFlow } from "../flow/scheduler";
import { call, callEach, type Flow, sleepUntil } from "../flow/steps";
import { expectOk } from "../lifecycle/kit";

/**
 * Routes-table reads are read first at their typical duration after the last one started (a read at once is always
 * wasted); one ARM has not answered by then is read again every 5 s (each read is an activity over the window's
 * pending checks), for at most 2 minutes.
 */
const TABLE_READ_FIRST_MS = pollScheduleFor("armTableRead").firstReadMs;
const TABLE_READ_RETRY_MS = 5_000;
const TABLE_READ_DEADLINE_MS = 120_000;

/** How far a sweep got, as its custom status. */
interface SweepStatus {
  sweepId: string;
  batchesDone: number;
  batches: number;
  interconnects: number;
  deepPlanned: number;
  projectedSeconds: number;
}

/**
 * One health sweep, in two tiers: every interconnect's cheap facts from lists its batch shares, and deep checks
 * (learned routes, the OCI NSG's rules) for those whose turn it is, oldest first, and for those whose cheap facts
 * changed. The plan projects the sweep's calls at the clients' rate limits; a sweep that would overrun its
 * schedule says so and puts deep checks off first. Batches fan out a window at a time; pacing against each
 * cloud's API limits is the activities' rate limiter's job.
 */
export function* healthSweepOrchestrator(context: OrchestrationContext): Generator<Task, HealthSweepOutcome, unknown> {
  const input = HealthSweepInput.parse(context.df.getInput() ?? {});
  const sweepId = context.df.instanceId + ":" + context.df.currentUtcDateTime.toISOString();
  return yield* runFlow(
    context,
    sweep(input, sweepId, () => context.df.currentUtcDateTime.getTime(), (status) => context.df.setCustomStatus(status)),
  );
}

type BatchOutput = z.output<typeof CheckHealthBatchActivity.output>;

function* sweep(input: HealthSweepInput, sweepId: string, nowMs: () => number, report: (status: SweepStatus) => void): Flow<HealthSweepOutcome> {
  const { targets } = expectOk("list", yield* call(ListHealthTargetsActivity, { sweepId }));
  const plan = planSweep(targets, input, nowMs());
  const status = (batchesDone: number): SweepStatus => ({ sweepId, batchesDone, batches: plan.batches.length, interconnects: targets.length, deepPlanned: plan.deepPlanned, projectedSeconds: plan.plannedSeconds });
  const outcome: HealthSweepOutcome = {
    checked: 0,
    healthy: 0,
    degraded: 0,
    down: 0,
    suspended: 0,
    changed: 0,
    failedChecks: [],
    deepChecks: { rotation: 0, changedFacts: 0 },
    projectedSeconds: plan.projectedSeconds,
    deferredDeepChecks: plan.deepWanted - plan.deepPlanned,
  };
  if (plan.projectedSeconds > plan.scheduleSeconds) {
    const { projectedSeconds, plannedSeconds, scheduleSeconds, deepWanted, deepPlanned } = plan;
    expectOk("report overrun", yield* call(ReportSweepOverrunActivity, { sweepId, interconnects: targets.length, projectedSeconds, plannedSeconds, scheduleSeconds, deepWanted, deepPlanned }));
  }
  /** Counts finished checks into the outcome; returns the deep checks whose routes-table reads are still running. */
  const tally = (batchResults: BatchOutput[]) => {
    const pending: PendingDeepCheck[] = [];
    for (const batch of batchResults) {
      for (const result of expectOk("check", batch).results) {
        if (result.deep === "rotation") outcome.deepChecks.rotation++;
        if (result.deep === "changedFacts") outcome.deepChecks.changedFacts++;
        if (result.pending) pending.push(result.pending);
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

  for (let start = 0; start < plan.batches.length; start += input.concurrency) {
    report(status(start));
    const window = plan.batches.slice(start, start + input.concurrency);
    let pending = tally(yield* callEach(CheckHealthBatchActivity, window.map((batch) => ({ sweepId, names: batch.names, deep: batch.deep }))));
    // Deep checks whose routes-table reads are running: after a timer, only those reads are read.
    const lastStart = Math.max(0, ...pending.map((check) => check.tablesStartedAt ?? 0));
    const firstRead = lastStart + TABLE_READ_FIRST_MS;
    const deadline = Math.max(nowMs(), firstRead) + TABLE_READ_DEADLINE_MS;
    for (let due = firstRead; pending.length > 0 && nowMs() < deadline; due = nowMs() + TABLE_READ_RETRY_MS) {
      if (due > nowMs()) yield* sleepUntil(due);
      pending = tally([yield* call(FinishDeepChecksActivity, { sweepId, pending })]);
    }
    for (const check of pending) outcome.failedChecks.push({ name: check.report.name, message: `the circuit's routes tables did not answer within ${TABLE_READ_DEADLINE_MS / 1000} s` });
  }
  report(status(plan.batches.length));
  const { kind: _kind, ...vpnLinks } = expectOk("vpn-links", yield* call(CheckVpnLinksActivity, { sweepId }));
  return { ...outcome, vpnLinks };
}
