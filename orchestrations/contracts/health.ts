import { z } from "zod";
import { RouteTableReads } from "../../shared/domain/circuit-tables";
import { Verdict } from "../../shared/domain/health";
import { defineActivity, okOrFailed } from "../flow/contract";

/** The interconnects a sweep checks: Active, Degraded or Suspended ones in the inventory. */
export const ListHealthTargetsActivity = defineActivity(
  "ListHealthTargetsActivity",
  z.object({ sweepId: z.string() }),
  okOrFailed({ names: z.array(z.string()) }),
);

/**
 * Checks a batch of interconnects: reads both clouds, stores each report, and raises `health-changed`
 * (event + webhook) when a verdict changes. A check that cannot be done is reported per name, not thrown,
 * so one broken interconnect never fails the sweep. The activity never waits for the circuit's routes
 * tables (ARM long-running reads): a check whose reads are still running comes back `pending`.
 */
export const CheckHealthBatchActivity = defineActivity(
  "CheckHealthBatchActivity",
  z.object({ sweepId: z.string(), names: z.array(z.string()), tableReads: z.record(z.string(), RouteTableReads).optional() }),
  okOrFailed({
    results: z.array(
      z.object({
        name: z.string(),
        verdict: Verdict.nullable(),
        changed: z.boolean(),
        error: z.string().optional(),
        /** The circuit's routes-table reads still running: check this one again after a timer, with them. */
        pending: RouteTableReads.optional(),
      }),
    ),
  }),
);

/** Checks every live VPN link (tunnels, routes, which path carries traffic), stores each report, alerts on a change. */
export const CheckVpnLinksActivity = defineActivity(
  "CheckVpnLinksActivity",
  z.object({ sweepId: z.string() }),
  okOrFailed({ checked: z.number().int(), verdicts: z.record(z.string(), z.string()), failed: z.array(z.object({ name: z.string(), message: z.string() })) }),
);
