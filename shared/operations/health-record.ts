import { type HealthReport, type Verdict } from "../domain/health";
import { type InventoryRecord, runningOperation } from "../domain/inventory";
import { type EventSink } from "../events/sink";
import { type AlertWebhook } from "../events/webhook";
import { type InventoryStore } from "../inventory/store";

export interface HealthRecordDeps {
  inventory: InventoryStore;
  events: EventSink;
  webhook?: AlertWebhook | undefined;
}

/** An interconnect never checked counts as healthy: its first bad report is a change worth raising. */
const previousVerdict = (record: InventoryRecord | null): Verdict => record?.lastHealth?.verdict ?? "healthy";

/** The change a report makes to its record: the report, and the state following health while no operation runs. */
export function withHealth(report: HealthReport): (record: InventoryRecord | null) => InventoryRecord | null {
  return (record) => {
    if (!record || record.state === "Deleted") return null;
    const next: InventoryRecord = { ...record, lastHealth: report, updatedAt: report.checkedAt };
    if (!runningOperation(record)) {
      if (record.state === "Active" && report.verdict !== "healthy") next.state = "Degraded";
      if (record.state === "Degraded" && report.verdict === "healthy") next.state = "Active";
    }
    return next;
  };
}

/**
 * Raises `health-changed` when a report's verdict differs from the record's: webhook first (at least once, with an
 * idempotency key), then the event (at most once per check). The caller stores the report after, with `withHealth`.
 */
export async function announceHealth(deps: HealthRecordDeps, report: HealthReport, checkId: string, current: InventoryRecord | null): Promise<{ changed: boolean; previous: Verdict }> {
  const previous = previousVerdict(current);
  // Healthy <-> suspended is the operator's own suspend or resume (reported by its events), not news.
  const intended = (verdict: Verdict) => verdict === "healthy" || verdict === "suspended";
  const changed = previous !== report.verdict && !(intended(previous) && intended(report.verdict));
  if (changed) {
    const eventId = `${report.name}:health-changed:${checkId}`;
    const detail = { from: previous, to: report.verdict, reasons: report.reasons, checkedAt: report.checkedAt };
    await deps.webhook?.send({ eventId, name: report.name, ticketId: current?.spec.ticketId, event: "health-changed", ...detail }, eventId);
    await deps.events.emit({ eventId, ...(current?.spec.ticketId ? { ticketId: current.spec.ticketId } : {}), name: report.name, action: "health", outcome: "health-changed", detail, at: report.checkedAt });
  }
  return { changed, previous };
}

/**
 * Stores a report and, when the verdict changed, raises `health-changed`: webhook, then event, then the record. A
 * retry after any step therefore still sees the old verdict and completes what is missing. The inventory state
 * follows health (Active <-> Degraded) only while no lifecycle operation runs, so a check never fights one.
 */
export async function recordHealth(deps: HealthRecordDeps, report: HealthReport, checkId: string, read?: InventoryRecord): Promise<{ changed: boolean; previous: Verdict }> {
  const outcome = await announceHealth(deps, report, checkId, read ?? (await deps.inventory.get(report.name)));
  await deps.inventory.update(report.name, withHealth(report));
  return outcome;
}
