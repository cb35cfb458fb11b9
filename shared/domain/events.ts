import "./zod-messages";
import { z } from "zod";

export const EventOutcome = z.enum(["accepted", "rejected", "succeeded", "failed", "health-changed"]);
export type EventOutcome = z.infer<typeof EventOutcome>;

/**
 * A message on `interconnect-events` (DESIGN.md): `{ ticketId, name, action, outcome, detail }`, plus an
 * `eventId` consumers can deduplicate on and the time it happened. Never carries a secret.
 */
export const InterlinkEvent = z.object({
  eventId: z.string(),
  ticketId: z.string().optional(),
  name: z.string().optional(),
  action: z.string(),
  outcome: EventOutcome,
  detail: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export type InterlinkEvent = z.infer<typeof InterlinkEvent>;

export const EventList = z
  .object({ value: z.array(InterlinkEvent).describe("Newest first: accepted, rejected, succeeded, failed and health-changed (its detail: from, to, reasons, checkedAt).") })
  .describe("The events raised for one interconnect, as sent on the interconnect-events queue.");

export const REQUESTS_QUEUE = "interconnect-requests";
export const REQUESTS_POISON_QUEUE = "interconnect-requests-poison";
export const EVENTS_QUEUE = "interconnect-events";
