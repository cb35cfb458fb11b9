import "./zod-messages";
import { z } from "zod";
import { InterconnectName, TicketId } from "./identifiers";
import { BandwidthMbps, SetupRequest } from "./setup-request";

/** `PATCH /api/interconnects/{name}`: change the bandwidth of both circuits. */
export const EditRequest = z
  .object({
    bandwidthMbps: BandwidthMbps,
    ticketId: TicketId.optional(),
  })
  .strict();
export type EditRequest = z.infer<typeof EditRequest>;

/** `POST .../suspend`, `POST .../resume` and `DELETE`: optional ticket and reason for the audit trail. */
export const OperationRequest = z
  .object({
    ticketId: TicketId.optional(),
    reason: z.string().max(500, "must be at most 500 characters").optional(),
  })
  .strict();
export type OperationRequest = z.infer<typeof OperationRequest>;

export const QueueAction = z.enum(["setup", "teardown", "resize", "suspend", "resume"]);
export type QueueAction = z.infer<typeof QueueAction>;

const NamedRequest = z.object({ name: InterconnectName, reason: z.string().max(500).optional() }).strict();

/**
 * A message on the `interconnect-requests` queue. The same schemas as the HTTP API validate the
 * inner request, so both triggers accept exactly the same inputs.
 */
export const QueueMessage = z.discriminatedUnion("action", [
  z.object({ action: z.literal("setup"), ticketId: TicketId, request: SetupRequest }).strict(),
  z.object({ action: z.literal("teardown"), ticketId: TicketId, request: NamedRequest }).strict(),
  z
    .object({
      action: z.literal("resize"),
      ticketId: TicketId,
      request: z.object({ name: InterconnectName, bandwidthMbps: BandwidthMbps }).strict(),
    })
    .strict(),
  z.object({ action: z.literal("suspend"), ticketId: TicketId, request: NamedRequest }).strict(),
  z.object({ action: z.literal("resume"), ticketId: TicketId, request: NamedRequest }).strict(),
]);
export type QueueMessage = z.infer<typeof QueueMessage>;
