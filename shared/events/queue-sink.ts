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

/** A claim older than this was left by a sender that died before sending: another sender takes it over. */
const CLAIM_TIMEOUT_MS = 60_000;

const isStatus = (error: unknown, status: number) => error instanceof RestError && error.statusCode === status;

/**
 * Events on the `interconnect-events` storage queue, deduplicated by event id with a marker row: a sender claims the
 * id (an insert, which only one concurrent sender wins), sends, then marks it sent. A replayed activity or a second
 * starter finds the marker and sends nothing. A claim left by a sender that died before marking it sent is taken
 * over after a minute, so an event is never lost (it can then repeat once; consumers dedupe on `eventId`).
 * Each event is also kept in the event log, which the console and GET /api/interconnects/{name}/events read.
 */
export class QueueEventSink implements EventSink {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly events: QueueClient,
    private readonly poisonQueue: QueueClient,
    private readonly markers: TableClient,
    private readonly log?: EventLog,
    private readonly now: () => number = Date.now,
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
    if (!(await this.claim(rowKey, event))) return false;
    try {
      await this.events.sendMessage(encode(event));
    } catch (error) {
      // Not sent: free the id at once so a retry sends it.
      await this.markers.deleteEntity(MARKER_PARTITION, rowKey).catch(() => undefined);
      throw error;
    }
    // Before the marker, so a retry after a crash here still keeps it (the log dedupes by event id).
    await this.log?.append(event);
    await this.markers.upsertEntity({ partitionKey: MARKER_PARTITION, rowKey, outcome: event.outcome, at: event.at, sent: true }, "Replace");
    return true;
  }

  /** Whether this sender may send the event: it inserted the marker, or took over a claim that was never sent. */
  private async claim(rowKey: string, event: InterlinkEvent): Promise<boolean> {
    const marker = { partitionKey: MARKER_PARTITION, rowKey, outcome: event.outcome, at: event.at, sent: false, claimedAt: this.now() };
    try {
      await this.markers.createEntity(marker);
      return true;
    } catch (error) {
      if (!isStatus(error, 409)) throw error;
    }
    const existing = await this.markers.getEntity<{ sent?: boolean; claimedAt?: number }>(MARKER_PARTITION, rowKey).catch((error: unknown) => {
      if (isStatus(error, 404)) return null;
      throw error;
    });
    // Markers written before claims existed have no `sent`: they were written after the send.
    if (!existing || existing.sent !== false || this.now() - (existing.claimedAt ?? 0) < CLAIM_TIMEOUT_MS) return false;
    try {
      await this.markers.updateEntity(marker, "Replace", { etag: existing.etag });
      return true;
    } catch (error) {
      if (isStatus(error, 412) || isStatus(error, 404)) return false;
      throw error;
    }
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
