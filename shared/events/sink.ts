import { type InterlinkEvent } from "../domain/events";

/** Where events and rejected messages go. A port: the storage-queue implementation is the production one. */
export interface EventSink {
  /** Sends the event unless one with the same id was already sent; returns whether it sent it. */
  emit(event: InterlinkEvent): Promise<boolean>;
  /** Moves an unprocessable request to the poison queue with the reason. */
  poison(message: unknown, reason: { errors: Array<{ path: string; message: string }>; detail: string }): Promise<void>;
}
