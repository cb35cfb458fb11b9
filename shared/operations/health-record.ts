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

/**
 * Stores a report and, when the verdict changed, raises `health-changed`: webhook first (at least once,
 * with an idempotency key), then the event (at most once per check), then the record. A retry after any
 * step therefore still sees the old verdict and completes what is missing. The inventory state follows
 * health (Active <-> Degraded) only while no lifecycle operation runs, so a check never fights one.
 */
export async function recordHealth(deps: HealthRecordDeps, report: HealthReport, checkId: string, read?: InventoryRecord): Promise<{ changed: boolean; previous: Verdict }> {
  // A caller that just read the record (a sweep batch) passes it: one storage read fewer per interconnect.
  const current = read ?? (await deps.inventory.get(report.name));
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
  await deps.inventory.update(report.name, (record) => {
    if (!record || record.state === "Deleted") return null;
    const next: InventoryRecord = { ...record, lastHealth: report, updatedAt: report.checkedAt };
    if (!runningOperation(record)) {
      if (record.state === "Active" && report.verdict !== "healthy") next.state = "Degraded";
      if (record.state === "Degraded" && report.verdict === "healthy") next.state = "Active";
    }
    return next;
  });
  return { changed, previous };
}
