import { z } from "zod";
import { defineActivity } from "../flow/contract";
import { AzureScope, InterconnectRef, okFailedOrNotReady, OciTarget, TicketId } from "./common";

/**
 * What Interlink does for one peered VCN with a kind (oci.peeredVcns[index]):
 * - active: create and connect the gateways or the attachment, and set every route table both ways;
 * - routes-off (suspend): remove the route rules it added, keep the gateways;
 * - remove (teardown, rollback): remove the rules, then the gateways, attachments and DRG it created.
 * Every call moves as far as it can and answers notReady while OCI finishes something (an LPG provisioning, an RPC
 * pair PENDING, an attachment ATTACHING); the flow calls again after a timer.
 */
export const PeeringMode = z.enum(["active", "routes-off", "remove"]);
export type PeeringMode = z.infer<typeof PeeringMode>;

export const PeerVcnActivity = defineActivity(
  "PeerVcnActivity",
  z.object({
    ref: InterconnectRef,
    ticketId: TicketId,
    oci: OciTarget.pick({ region: true, compartmentId: true, vcnId: true, peeredVcns: true }),
    index: z.number().int().min(0),
    drgId: z.string(),
    /** The VNet's CIDRs; empty: read from Azure (resume). */
    vnetCidrs: z.array(z.string()),
    azure: AzureScope,
    virtualCircuitId: z.string().optional(),
    mode: PeeringMode,
  }),
  okFailedOrNotReady({ summary: z.string() }),
);

/** After the hub VCN's DRG attachment is gone: delete the transit route table Interlink associated with it. */
export const DeleteTransitTableActivity = defineActivity(
  "DeleteTransitTableActivity",
  z.object({ ref: InterconnectRef, oci: OciTarget.pick({ compartmentId: true, vcnId: true, peeredVcns: true }) }),
  okFailedOrNotReady({ deleted: z.boolean() }),
);
