import { type InterlinkEvent, InterlinkEvent as EventSchema } from "../domain/events";
import { Table } from "../inventory/tables";

/** Events kept per interconnect so people can read them back (the queue is for consumers: reading it takes them away). */
export interface EventLog {
  /** Keeps the event; the same event kept twice is still read back once. */
  append(event: InterlinkEvent): Promise<void>;
  /** The interconnect's events, newest first, at most `limit`. */
  list(name: string, limit: number): Promise<InterlinkEvent[]>;
}

/** Events without an interconnect name (a ticket rejected before it named one) share one partition. */
const UNNAMED = "-";
/** Row keys sort ascending: counting down from this makes the newest event come first. */
const LATEST = 9_999_999_999_999;

/**
 * Newest first by when the event was kept, not by its own `at`: events come from orchestrations and activities
 * whose clocks may differ, and the order they were raised in is what a reader wants.
 */
function rowKeyOf(event: InterlinkEvent, keptAtMs: number): string {
  return `${String(LATEST - keptAtMs).padStart(13, "0")}_${encodeURIComponent(event.eventId)}`;
}

/** The log in an Azure table (`interlinkeventlog`): one partition per interconnect, rows newest first. */
export class TableEventLog implements EventLog {
  /** Two events kept in the same millisecond by this process still list in the order they were kept. */
  private lastKeptAt = 0;

  constructor(
    private readonly table: Table,
    private readonly now: () => number = Date.now,
  ) {}

  static fromConnectionString(connectionString: string): TableEventLog {
    return new TableEventLog(Table.fromConnectionString(connectionString, "interlinkeventlog"));
  }

  async append(event: InterlinkEvent): Promise<void> {
    const client = await this.table.open();
    this.lastKeptAt = Math.max(this.now(), this.lastKeptAt + 1);
    await client.upsertEntity({ partitionKey: event.name ?? UNNAMED, rowKey: rowKeyOf(event, this.lastKeptAt), event: JSON.stringify(event) }, "Replace");
  }

  async list(name: string, limit: number): Promise<InterlinkEvent[]> {
    const client = await this.table.open();
    const events: InterlinkEvent[] = [];
    // A retry after a crash between keeping an event and marking it sent keeps it twice: read it once.
    const seen = new Set<string>();
    const rows = client.listEntities<{ event: string }>({ queryOptions: { filter: `PartitionKey eq '${name.replace(/'/g, "''")}'`, select: ["event"] } });
    for await (const row of rows) {
      const parsed = EventSchema.safeParse(JSON.parse(row.event));
      if (!parsed.success || seen.has(parsed.data.eventId)) continue;
      seen.add(parsed.data.eventId);
      events.push(parsed.data);
      if (events.length >= limit) break;
    }
    return events;
  }
}
