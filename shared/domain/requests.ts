import "./zod-messages";
import { z } from "zod";
import { InterconnectName, TicketId } from "./identifiers";
import { BandwidthMbps, SetupRequest } from "./setup-request";

/** `PATCH /api/interconnects/{name}`: change the bandwidth of both circuits. */
export const EditRequest = z
  .object({
    bandwidthMbps: BandwidthMbps.meta({
      description: "The new bandwidth of both circuits: 1000, 2000, 5000 or 10000 Mbps, higher than now (ExpressRoute cannot lower a circuit's bandwidth in place).",
      examples: [2000],
    }),
    ticketId: TicketId.optional().meta({ description: "Your change ticket, carried on the events of this resize.", examples: ["CHG0012399"] }),
  })
  .strict()
  .describe("PATCH /api/interconnects/{name}: change the bandwidth of both circuits.");
export type EditRequest = z.infer<typeof EditRequest>;

/** `POST .../suspend`, `POST .../resume` and `DELETE`: optional ticket and reason for the audit trail. */
export const OperationRequest = z
  .object({
    ticketId: TicketId.optional().meta({ description: "Your change ticket, carried on the events of this operation.", examples: ["CHG0012346"] }),
    reason: z.string().max(500, "must be at most 500 characters").optional().meta({ description: "Why, for the audit trail (at most 500 characters).", examples: ["decommissioned"] }),
  })
  .strict()
  .describe("Optional body of DELETE, suspend and resume: a ticket and a reason for the audit trail.");
export type OperationRequest = z.infer<typeof OperationRequest>;

export const QueueAction = z.enum(["setup", "teardown", "resize", "suspend", "resume"]);
export type QueueAction = z.infer<typeof QueueAction>;

const queueName = () => InterconnectName.meta({ description: "The interconnect.", examples: ["erp-db-link"] });
const queueTicket = () => TicketId.meta({ description: "Your ticket: required on the queue, carried on every event the request causes.", examples: ["CHG0012346"] });

const NamedRequest = z
  .object({ name: queueName(), reason: z.string().max(500).optional().meta({ description: "Why, for the audit trail (at most 500 characters).", examples: ["decommissioned"] }) })
  .strict()
  .describe("The interconnect to act on.");

/**
 * A message on the `interconnect-requests` queue. The same schemas as the HTTP API validate the
 * inner request, so both triggers accept exactly the same inputs.
 */
export const QueueMessage = z
  .discriminatedUnion("action", [
    z.object({ action: z.literal("setup").describe("Build an interconnect; request is a setup request."), ticketId: queueTicket(), request: SetupRequest }).strict(),
    z.object({ action: z.literal("teardown").describe("Tear the interconnect down."), ticketId: queueTicket(), request: NamedRequest }).strict(),
    z
      .object({
        action: z.literal("resize").describe("Change the bandwidth of both circuits."),
        ticketId: queueTicket(),
        request: z
          .object({ name: queueName(), bandwidthMbps: BandwidthMbps.meta({ description: "The new bandwidth: 1000, 2000, 5000 or 10000 Mbps, higher than now.", examples: [2000] }) })
          .strict()
          .describe("The interconnect and its new bandwidth."),
      })
      .strict(),
    z.object({ action: z.literal("suspend").describe("Withdraw the route rules (circuits kept)."), ticketId: queueTicket(), request: NamedRequest }).strict(),
    z.object({ action: z.literal("resume").describe("Restore the route rules and test the connection."), ticketId: queueTicket(), request: NamedRequest }).strict(),
  ])
  .describe("A message on the interconnect-requests queue (base64 JSON): the same requests as the HTTP API, with a ticket.");
export type QueueMessage = z.infer<typeof QueueMessage>;
