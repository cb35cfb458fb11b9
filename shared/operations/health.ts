import { type HealthReport } from "../domain/health";
import { type CloudPorts } from "../clouds/ports";
import { currentTime } from "../config/clock";
import { type RouteTableReads } from "../domain/circuit-tables";
import { type CheckOptions, checkInterconnect } from "./health-check";
import { type HealthRecordDeps, recordHealth } from "./health-record";

export interface HealthDeps extends HealthRecordDeps {
  clouds: CloudPorts;
}

/** The states whose interconnects a sweep checks. */
export const CHECKED_STATES = ["Active", "Degraded", "Suspended"] as const;

export type CheckResult = { name: string; verdict: HealthReport["verdict"] | null; changed: boolean; previous?: HealthReport["verdict"]; error?: string; report?: HealthReport; pending?: RouteTableReads };

/**
 * Checks, stores and (on a verdict change) alerts for one interconnect; a failed check is reported, not
 * thrown. A check whose routes-table reads are still running records nothing and returns them as `pending`.
 */
export async function checkAndRecord(deps: HealthDeps, name: string, checkId: string, now = currentTime(), options: CheckOptions = {}): Promise<CheckResult> {
  const record = await deps.inventory.get(name);
  if (!record || record.state === "Deleted") return { name, verdict: null, changed: false, error: `no interconnect named ${name}` };
  try {
    const outcome = await checkInterconnect(deps.clouds, record, now, options);
    if (outcome.kind === "pending") return { name, verdict: null, changed: false, pending: outcome.tableReads };
    const { report } = outcome;
    const { changed, previous } = await recordHealth(deps, report, checkId);
    return { name, verdict: report.verdict, changed, previous, report };
  } catch (error) {
    return { name, verdict: null, changed: false, error: error instanceof Error ? error.message.split("\n")[0] : String(error) };
  }
}

/** Runs the checks of a batch with bounded concurrency (the clouds' rate limiters pace the calls). */
export async function checkBatch(deps: HealthDeps, names: string[], checkId: string, tableReads: Record<string, RouteTableReads> = {}, concurrency = 5): Promise<CheckResult[]> {
  const results: CheckResult[] = new Array(names.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < names.length; index = next++) {
      const name = names[index] ?? "";
      results[index] = await checkAndRecord(deps, name, checkId, currentTime(), { tableReads: tableReads[name] });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker));
  return results;
}
