import { RestError, TableClient } from "@azure/data-tables";
import { QueueClient } from "@azure/storage-queue";
import { EVENTS_QUEUE, type InterlinkEvent, REQUESTS_POISON_QUEUE } from "../domain/events";
import { type EventLog, TableEventLog } from "./event-log";
import { type EventSink } from "./sink";

const MARKER_PARTITION = "event";
/** Storage queue messages hold 64 KiB; base64 costs a third, so a poisoned original is cut well below that. */
const MAX_POISONED_TEXT = 30_000;

/** Events are base64, the encoding Functions queue triggers decode by default, so consumers built on Functions read them as they are. */
const encode = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64");

/**
 * Events on the `interconnect-events` storage queue, deduplicated by event id with a marker row written
 * after the send: a replayed activity finds the marker and sends nothing. (A crash between send and
 * marker can repeat one event; consumers dedupe on `eventId`.) Each event is also kept in the event log, which
 * the console and GET /api/interconnects/{name}/events read.
 */
export class QueueEventSink implements EventSink {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly events: QueueClient,
    private readonly poisonQueue: QueueClient,
    private readonly markers: TableClient,
    private readonly log?: EventLog,
  ) {}

  static fromConnectionString(connectionString: string): QueueEventSink {
    return new QueueEventSink(
      new QueueClient(connectionString, EVENTS_QUEUE),
      new QueueClient(connectionString, REQUESTS_POISON_QUEUE),
      TableClient.fromConnectionString(connectionString, "interlinkevents", { allowInsecureConnection: true }),
      TableEventLog.fromConnectionString(connectionString),
    );
  }

  async emit(event: InterlinkEvent): Promise<boolean> {
    await this.ensureReady();
    const rowKey = encodeURIComponent(event.eventId);
    try {
      await this.markers.getEntity(MARKER_PARTITION, rowKey);
      return false;
    } catch (error) {
      if (!(error instanceof RestError && error.statusCode === 404)) throw error;
    }
    await this.events.sendMessage(encode(event));
    // Before the marker, so a retry after a crash here still keeps it (the log dedupes by event id).
    await this.log?.append(event);
    await this.markers.upsertEntity({ partitionKey: MARKER_PARTITION, rowKey, outcome: event.outcome, at: event.at }, "Replace");
    return true;
  }

  async poison(message: unknown, reason: { errors: Array<{ path: string; message: string }>; detail: string }): Promise<void> {
    await this.ensureReady();
    const text = typeof message === "string" ? message : JSON.stringify(message);
    const original = text.length > MAX_POISONED_TEXT ? `${text.slice(0, MAX_POISONED_TEXT)}... (truncated from ${text.length} characters)` : message;
    await this.poisonQueue.sendMessage(encode({ reason: reason.detail, errors: reason.errors.slice(0, 50), message: original }));
  }

  private ensureReady(): Promise<void> {
    this.ready ??= Promise.all([this.events.createIfNotExists(), this.poisonQueue.createIfNotExists(), this.markers.createTable()]).then(
      () => undefined,
      (error: unknown) => {
        this.ready = undefined;
        throw error;
      },
    );
    return this.ready;
  }
}
