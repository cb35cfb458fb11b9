import { type InvocationContext } from "@azure/functions";
import { CheckHealthBatchActivity, CheckVpnLinksActivity, FinishDeepChecksActivity, ListHealthTargetsActivity, ReportSweepOverrunActivity } from "../../orchestrations/contracts/health";
import { currentTime } from "../../shared/config/clock";
import { type VpnLinkRecord } from "../../shared/domain/vpn-link-record";
import { type RecordStore } from "../../shared/inventory/store";
import { checkBatch, CHECKED_STATES, type CheckResult, finishDeepChecks, type HealthDeps } from "../../shared/operations/health";
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

/**
 * Results as the orchestration keeps them: without the reports (they are stored in the inventory). A sweep is
 * routine: the console hears of a check only when its verdict changed or it could not be made.
 */
function compact(results: CheckResult[], context: InvocationContext) {
  for (const result of results) logCheck(context, result);
  return { kind: "ok" as const, results: results.map(({ report: _report, previous: _previous, ...result }) => result) };
}

export function createHealthActivities(deps: HealthActivityDeps) {
  const healthDeps = async (): Promise<HealthDeps> => ({ clouds: await deps.clouds(), inventory: deps.inventory(), events: deps.events(), webhook: deps.webhook() });
  return {
    ListHealthTargetsActivity: activity(
      ListHealthTargetsActivity,
      async () => {
        const records = (await deps.inventory().list()).filter((record) => (CHECKED_STATES as readonly string[]).includes(record.state));
        // Interconnects that share a resource group and a compartment share the lists a sweep reads.
        const scopes = new Map<string, number>();
        const targets = records.map((record) => {
          const key = `${record.spec.azure.subscriptionId}/${record.spec.azure.resourceGroup.toLowerCase()} ${record.spec.oci.compartmentId}`;
          if (!scopes.has(key)) scopes.set(key, scopes.size);
          const deepCheckedAt = record.lastHealth?.deepCheckedAt ? Date.parse(record.lastHealth.deepCheckedAt) : null;
          return { name: record.name, scope: scopes.get(key) ?? 0, deepCheckedAt };
        });
        return { kind: "ok" as const, scopes: [...scopes.keys()], targets };
      },
      classifyStorageError,
    ),
    /** Per-name failures come back in the results; only a failure to reach the inventory at all is thrown. */
    CheckHealthBatchActivity: activity(CheckHealthBatchActivity, async (input, context) => compact(await checkBatch(await healthDeps(), input.names, input.sweepId, input.deep), context), classifyStorageError),
    FinishDeepChecksActivity: activity(FinishDeepChecksActivity, async (input, context) => compact(await finishDeepChecks(await healthDeps(), input.pending, input.sweepId), context), classifyStorageError),
    ReportSweepOverrunActivity: activity(
      ReportSweepOverrunActivity,
      async (input, context) => {
        const put = input.deepWanted - input.deepPlanned;
        const message = `health sweep ${input.sweepId}: ${input.interconnects} interconnects would take ${input.projectedSeconds} s at the clients' rate limits, over the ${input.scheduleSeconds} s schedule; ${put} of ${input.deepWanted} deep checks put off to later sweeps (planned ${input.plannedSeconds} s)`;
        context.warn(message);
        await deps.events().emit({ eventId: `${input.sweepId}:sweep-overrun`, action: "health", outcome: "sweep-overrun", detail: { ...input, deepPutOff: put, message }, at: currentTime().toISOString() });
        return { kind: "ok" as const };
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
