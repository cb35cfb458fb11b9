import { type HealthReport, type PendingDeepCheck } from "../domain/health";
import { type CloudPorts } from "../clouds/ports";
import { currentTime } from "../config/clock";
import { type InventoryRecord } from "../domain/inventory";
import { resourceNames } from "../domain/naming";
import { cheapFacts, type CheckOptions, checkInterconnect, type CheckOutcome, finishDeepCheck } from "./health-check";
import { sharedReads } from "./health-reads";
import { announceHealth, type HealthRecordDeps, recordHealth, withHealth } from "./health-record";

export interface HealthDeps extends HealthRecordDeps {
  clouds: CloudPorts;
}

/** The states whose interconnects a sweep checks. */
export const CHECKED_STATES = ["Active", "Degraded", "Suspended"] as const;

export type CheckResult = {
  name: string;
  verdict: HealthReport["verdict"] | null;
  changed: boolean;
  previous?: HealthReport["verdict"];
  error?: string;
  report?: HealthReport;
  deep?: "rotation" | "changedFacts";
  pending?: PendingDeepCheck;
};

const failure = (name: string, error: unknown): CheckResult => ({ name, verdict: null, changed: false, error: error instanceof Error ? error.message.split("\n")[0] : String(error) });

/** Reports a sweep activity stores together once its checks are done (a few requests for a whole batch). */
type Writes = Map<string, (record: InventoryRecord | null) => InventoryRecord | null>;

/**
 * Stores a finished check (raising `health-changed` on a new verdict), or hands back a pending one. With `writes`
 * the record is written later with the batch's other reports; the alert is raised first either way.
 */
async function settle(deps: HealthDeps, name: string, outcome: CheckOutcome, checkId: string, deep?: CheckResult["deep"], record?: InventoryRecord, writes?: Writes): Promise<CheckResult> {
  const tag = deep ? { deep } : {};
  if (outcome.kind === "pending") return { name, verdict: null, changed: false, pending: outcome.pending, ...tag };
  const { changed, previous } = writes ? await announceHealth(deps, outcome.report, checkId, record ?? null) : await recordHealth(deps, outcome.report, checkId, record);
  writes?.set(name, withHealth(outcome.report));
  return { name, verdict: outcome.report.verdict, changed, previous, report: outcome.report, ...tag };
}

/**
 * Checks, stores and (on a verdict change) alerts for one interconnect; a failed check is reported, not
 * thrown. A check whose routes-table reads are still running records nothing and returns them as `pending`.
 */
export async function checkAndRecord(deps: HealthDeps, name: string, checkId: string, now = currentTime(), options: CheckOptions = {}): Promise<CheckResult> {
  const record = await deps.inventory.get(name);
  if (!record || record.state === "Deleted") return { name, verdict: null, changed: false, error: `no interconnect named ${name}` };
  try {
    return await settle(deps, name, await checkInterconnect(deps.clouds, record, now, options), checkId);
  } catch (error) {
    return failure(name, error);
  }
}

/**
 * One interconnect's cheap tier in a sweep: its report, or why it needs a deep check now instead. A cheap fact that
 * changed since the last report asks for one (then only the deep check's report is stored, so a change is judged,
 * and alerted, once).
 */
async function cheapTurn(deps: HealthDeps, record: InventoryRecord, checkId: string, options: CheckOptions, writes: Writes): Promise<CheckResult | "changedFacts"> {
  const cheap = await checkInterconnect(deps.clouds, record, currentTime(), { ...options, deep: false });
  const last = record.lastHealth;
  const ociNsg = resourceNames(record.name, record.spec.azure.vnet.name).ociNetworkSecurityGroup;
  if (cheap.kind === "checked" && last && cheapFacts(cheap.report, ociNsg) !== cheapFacts(last, ociNsg)) return "changedFacts";
  return settle(deps, record.name, cheap, checkId, undefined, record, writes);
}

/** Runs `work` over `items` with at most `concurrency` at once, keeping the order of the results. */
async function pooled<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index] as T, index);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/**
 * A sweep batch: every interconnect's cheap facts from reads the batch shares (each list read once), then deep checks
 * for those in `deep` and for any whose cheap facts changed. The clouds' rate limiters pace the calls. The records
 * are read in one query and the reports stored together at the end, so storage costs a few requests per batch.
 */
export async function checkBatch(deps: HealthDeps, names: string[], checkId: string, deep: readonly string[] = [], concurrency = 16): Promise<CheckResult[]> {
  const reads = sharedReads(deps.clouds);
  const due = new Set(deep);
  const records = await deps.inventory.getMany(names);
  const writes: Writes = new Map();
  const deepChecks: Array<{ index: number; record: InventoryRecord; why: "rotation" | "changedFacts" }> = [];
  const results = await pooled(names, concurrency, async (name, index): Promise<CheckResult> => {
    try {
      const record = records.get(name);
      if (!record || record.state === "Deleted") return { name, verdict: null, changed: false, error: `no interconnect named ${name}` };
      const turn = due.has(name) ? "rotation" : await cheapTurn(deps, record, checkId, { reads }, writes);
      if (typeof turn !== "string") return turn;
      deepChecks.push({ index, record, why: turn });
      return { name, verdict: null, changed: false };
    } catch (error) {
      return failure(name, error);
    }
  });
  // Deep checks after the cheap tier: its lists are read by then, so only the deep reads remain.
  await pooled(deepChecks, concurrency, async ({ index, record, why }) => {
    try {
      results[index] = await settle(deps, record.name, await checkInterconnect(deps.clouds, record, currentTime(), { reads, deep: true, readTablesLater: true }), checkId, why, record, writes);
    } catch (error) {
      results[index] = { ...failure(record.name, error), deep: why };
    }
  });
  await deps.inventory.updateMany(writes);
  return results;
}

/** Resumes deep checks whose routes-table reads were running: only those reads are polled (each gateway's once). */
export async function finishDeepChecks(deps: HealthDeps, pending: readonly PendingDeepCheck[], checkId: string): Promise<CheckResult[]> {
  const reads = sharedReads(deps.clouds);
  const records = await deps.inventory.getMany(pending.map((check) => check.report.name));
  const writes: Writes = new Map();
  const results = await pooled(pending, 16, async (check) => {
    try {
      const record = records.get(check.report.name);
      if (!record || record.state === "Deleted") return { name: check.report.name, verdict: null, changed: false, error: `no interconnect named ${check.report.name}` };
      return await settle(deps, check.report.name, await finishDeepCheck(deps.clouds, check, reads), checkId, undefined, record, writes);
    } catch (error) {
      return failure(check.report.name, error);
    }
  });
  await deps.inventory.updateMany(writes);
  return results;
}
