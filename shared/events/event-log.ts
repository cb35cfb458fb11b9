import { type InterlinkEvent, InterlinkEvent as EventSchema } from "../domain/events";
import { Table } from "../inventory/tables";

/** Events kept per interconnect so people can read them back (the queue is for consumers: reading it takes them away). */
export interface EventLog {
  /** Keeps the event; the same event kept twice is one entry. */
  append(event: InterlinkEvent): Promise<void>;
  /** The interconnect's events, newest first, at most `limit`. */
  list(name: string, limit: number): Promise<InterlinkEvent[]>;
}

/** Events without an interconnect name (a ticket rejected before it named one) share one partition. */
const UNNAMED = "-";
/** Row keys sort ascending: counting down from this makes the newest event come first. */
const LATEST = 9_999_999_999_999;

function rowKeyOf(event: InterlinkEvent): string {
  const time = Date.parse(event.at);
  const descending = String(LATEST - (Number.isFinite(time) ? time : 0)).padStart(13, "0");
  return `${descending}_${encodeURIComponent(event.eventId)}`;
}

/** The log in an Azure table (`interlinkeventlog`): one partition per interconnect, rows newest first. */
export class TableEventLog implements EventLog {
  constructor(private readonly table: Table) {}

  static fromConnectionString(connectionString: string): TableEventLog {
    return new TableEventLog(Table.fromConnectionString(connectionString, "interlinkeventlog"));
  }

  async append(event: InterlinkEvent): Promise<void> {
    const client = await this.table.open();
    await client.upsertEntity({ partitionKey: event.name ?? UNNAMED, rowKey: rowKeyOf(event), event: JSON.stringify(event) }, "Replace");
  }

  async list(name: string, limit: number): Promise<InterlinkEvent[]> {
    const client = await this.table.open();
    const events: InterlinkEvent[] = [];
    const rows = client.listEntities<{ event: string }>({ queryOptions: { filter: `PartitionKey eq '${name.replace(/'/g, "''")}'`, select: ["event"] } });
    for await (const row of rows) {
      const parsed = EventSchema.safeParse(JSON.parse(row.event));
      if (parsed.success) events.push(parsed.data);
      if (events.length >= limit) break;
    }
    return events;
  }
}
