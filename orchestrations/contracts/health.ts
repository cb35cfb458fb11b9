import { z } from "zod";
import { PendingDeepCheck, Verdict } from "../../shared/domain/health";
import { defineActivity, okOrFailed } from "../flow/contract";

/**
 * The interconnects a sweep checks (Active, Degraded or Suspended ones in the inventory), grouped by the lists
 * they share (`scopes`), with when each last had a deep check (epoch ms; null: never).
 */
export const ListHealthTargetsActivity = defineActivity(
  "ListHealthTargetsActivity",
  z.object({ sweepId: z.string() }),
  okOrFailed({ scopes: z.array(z.string()), targets: z.array(z.object({ name: z.string(), scope: z.number().int().min(0), deepCheckedAt: z.number().nullable() })) }),
);

const CheckResults = okOrFailed({
  results: z.array(
    z.object({
      name: z.string(),
      verdict: Verdict.nullable(),
      changed: z.boolean(),
      error: z.string().optional(),
      /** Why it had a deep check: its turn in the rotation, or a cheap fact that changed since the last report. */
      deep: z.enum(["rotation", "changedFacts"]).optional(),
      /** A deep check whose routes-table reads are still running: resumed after a timer, polling only those reads. */
      pending: PendingDeepCheck.optional(),
    }),
  ),
});

/**
 * Checks a batch of interconnects in two tiers: every one gets the cheap facts, read from lists shared by the
 * batch (each list, VNet, VCN, route table and security list read once); those in `deep`, and any whose cheap facts
 * changed since the last report, get a deep check too (learned routes, the OCI NSG's rules). Stores each report
 * and raises `health-changed` (event + webhook) when a verdict changes. A check that cannot be done is reported
 * per name, not thrown, so one broken interconnect never fails the sweep. The activity never waits for the
 * circuit's routes tables (ARM long-running reads): a deep check whose reads are still running comes back `pending`.
 */
export const CheckHealthBatchActivity = defineActivity(
  "CheckHealthBatchActivity",
  z.object({ sweepId: z.string(), names: z.array(z.string()), deep: z.array(z.string()).default([]) }),
  CheckResults,
);

/** Resumes deep checks whose routes-table reads were still running: polls only those reads, then stores the reports. */
export const FinishDeepChecksActivity = defineActivity("FinishDeepChecksActivity", z.object({ sweepId: z.string(), pending: z.array(PendingDeepCheck) }), CheckResults);

/** Says (event + log line) that a sweep's calls would not fit its schedule, and how many deep checks it put off. */
export const ReportSweepOverrunActivity = defineActivity(
  "ReportSweepOverrunActivity",
  z.object({ sweepId: z.string(), interconnects: z.number().int(), projectedSeconds: z.number(), plannedSeconds: z.number(), scheduleSeconds: z.number(), deepWanted: z.number().int(), deepPlanned: z.number().int() }),
  okOrFailed({}),
);

/** Checks every live VPN link (tunnels, routes, which path carries traffic), stores each report, alerts on a change. */
export const CheckVpnLinksActivity = defineActivity(
  "CheckVpnLinksActivity",
  z.object({ sweepId: z.string() }),
  okOrFailed({ checked: z.number().int(), verdicts: z.record(z.string(), z.string()), failed: z.array(z.object({ name: z.string(), message: z.string() })) }),
);
