import { type InvocationContext } from "@azure/functions";
import { CheckHealthBatchActivity, CheckVpnLinksActivity, ListHealthTargetsActivity } from "../../orchestrations/contracts/health";
import { type VpnLinkRecord } from "../../shared/domain/vpn-link-record";
import { type RecordStore } from "../../shared/inventory/store";
import { checkBatch, CHECKED_STATES, type CheckResult, type HealthDeps } from "../../shared/operations/health";
import { checkVpnLinks } from "../../shared/operations/vpn-sweep";
import { activity } from "./register";
import { classifyStorageError } from "./storage-errors";

/** What health activities are built over: the clouds (created once, on first use), the inventory and the alert outlets. */
export interface HealthActivityDeps {
  clouds: () => Promise<HealthDeps["clouds"]>;
  inventory: () => HealthDeps["inventory"];
  events: () => HealthDeps["events"];
  webhook: () => HealthDeps["webhook"];
  vpnLinks: () => RecordStore<VpnLinkRecord>;
}

function logCheck(context: InvocationContext, result: CheckResult): void {
  if (result.changed) {
    const line = `health of ${result.name} changed: ${result.previous} -> ${result.verdict} (${result.report?.reasons.join("; ") || "all checks pass"})`;
    if (result.verdict === "healthy") context.info(line);
    else context.warn(line);
  } else if (result.error) context.warn(`health of ${result.name} could not be checked: ${result.error}`);
  else context.debug(`health of ${result.name}: ${result.verdict ?? "pending"}`);
}

export function createHealthActivities(deps: HealthActivityDeps) {
  return {
    ListHealthTargetsActivity: activity(
      ListHealthTargetsActivity,
      async () => ({
        kind: "ok" as const,
        names: (await deps.inventory().list()).filter((record) => (CHECKED_STATES as readonly string[]).includes(record.state)).map((record) => record.name),
      }),
      classifyStorageError,
    ),
    /**
     * Per-name failures come back in the results; only a failure to reach the inventory at all is thrown. A sweep
     * is routine: the console hears of a check only when its verdict changed or it could not be made.
     */
    CheckHealthBatchActivity: activity(
      CheckHealthBatchActivity,
      async (input, context) => {
        const results = await checkBatch({ clouds: await deps.clouds(), inventory: deps.inventory(), events: deps.events(), webhook: deps.webhook() }, input.names, input.sweepId, input.tableReads);
        for (const result of results) logCheck(context, result);
        return { kind: "ok" as const, results: results.map(({ report: _report, previous: _previous, ...result }) => result) };
      },
      classifyStorageError,
    ),
    CheckVpnLinksActivity: activity(
      CheckVpnLinksActivity,
      async ({ sweepId }) => ({ kind: "ok" as const, ...(await checkVpnLinks({ clouds: await deps.clouds(), vpnLinks: deps.vpnLinks(), events: deps.events(), webhook: deps.webhook() }, sweepId)) }),
      classifyStorageError,
    ),
  };
}
