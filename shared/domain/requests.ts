import "./zod-messages";
import { z } from "zod";
import { InterconnectName, TicketId } from "./identifiers";
import { type FieldError } from "./problem";
import { BandwidthMbps, SetupRequest } from "./setup-request";

/**
 * `PATCH /api/interconnects/{name}`: change the bandwidth of both circuits, or change the topology (spokes, app subnets,
 * peered VCNs, VCN route tables, traffic rules) without touching the circuits. The two never go together: only a
 * bandwidth change writes to a circuit.
 */
const azureSide = SetupRequest.shape.azure.shape;
const ociSide = SetupRequest.shape.oci.shape;
const TOPOLOGY_FIELDS = "azure.spokes, azure.appSubnets, oci.peeredVcns, oci.routeTableIds or traffic";

export const EditRequest = z
  .object({
    bandwidthMbps: BandwidthMbps.optional().meta({
      description: "The new bandwidth of both circuits: 1000, 2000, 5000 or 10000 Mbps, higher than now (ExpressRoute cannot lower a circuit's bandwidth in place). Not with a topology change.",
      examples: [2000],
    }),
    azure: z
      .object({
        spokes: azureSide.spokes.unwrap().optional().describe("The whole new list of spokes: spokes not in it any more are unpeered, new ones peered (circuits untouched)."),
        appSubnets: azureSide.appSubnets.describe(
          "The whole new list of app subnets: added ones get Interlink's NSG and route table (or its routes in their own route table); removed ones let go of both (or lose only Interlink's routes).",
        ),
      })
      .strict()
      .optional()
      .describe("Topology change on the Azure side: the new azure.spokes and/or azure.appSubnets."),
    oci: z
      .object({
        peeredVcns: ociSide.peeredVcns.unwrap().optional().describe(
          "The whole new list of peered VCNs: added ones are peered as at setup (LPG or RPC pair, DRG attachment, route rules both ways); removed ones lose exactly what Interlink built for them. A VCN that stays keeps its settings.",
        ),
        routeTableIds: ociSide.routeTableIds.describe("The whole new list of VCN route tables that get the rules to the DRG (replaces oci.routeTableId): removed tables lose only Interlink's rules."),
      })
      .strict()
      .optional()
      .describe("Topology change on the OCI side: the new oci.peeredVcns and/or oci.routeTableIds."),
    traffic: SetupRequest.shape.traffic.optional().describe("The whole new list of traffic rules; the security rules on both sides follow (circuits untouched)."),
    ticketId: TicketId.optional().meta({ description: "Your change ticket, carried on the events of this change.", examples: ["CHG0012399"] }),
  })
  .strict()
  .superRefine((edit, ctx) => {
    const sides = { azure: "azure.spokes or azure.appSubnets", oci: "oci.peeredVcns or oci.routeTableIds" } as const;
    for (const side of ["azure", "oci"] as const) {
      const fields = edit[side];
      if (fields !== undefined && Object.values(fields).every((value) => value === undefined)) ctx.addIssue({ code: "custom", path: [side], message: `must change ${sides[side]}` });
    }
    const topology = edit.azure !== undefined || edit.oci !== undefined || edit.traffic !== undefined;
    if (edit.bandwidthMbps === undefined && !topology) ctx.addIssue({ code: "custom", path: [], message: `must change bandwidthMbps, ${TOPOLOGY_FIELDS}` });
    if (edit.bandwidthMbps !== undefined && topology) {
      ctx.addIssue({ code: "custom", path: ["bandwidthMbps"], message: "change the bandwidth and the topology in separate requests: only a bandwidth change writes to the circuits" });
    }
  })
  .describe("PATCH /api/interconnects/{name}: change the bandwidth of both circuits, or the spokes, app subnets, peered VCNs, VCN route tables and traffic rules without touching the circuits.");
export type EditRequest = z.infer<typeof EditRequest>;

/**
 * Which spokes' bound subnets a topology change would alter: rebinding by PATCH is not supported yet, so such a change
 * is refused naming the field (a spoke with subnets is added or removed with its own setup or teardown).
 */
export function spokeSubnetChanges(spec: SetupRequest, edit: Pick<EditRequest, "azure">): FieldError[] {
  if (!edit.azure?.spokes) return [];
  const key = (spoke: { subscriptionId?: string | undefined; resourceGroup: string; vnet: { name: string } }) => `${spoke.subscriptionId ?? spec.azure.subscriptionId}/${spoke.resourceGroup}/${spoke.vnet.name}`.toLowerCase();
  const subnetsOf = (spokes: ReadonlyArray<{ subscriptionId?: string | undefined; resourceGroup: string; vnet: { name: string }; subnets?: string[] | undefined }>) => new Map(spokes.map((spoke) => [key(spoke), [...(spoke.subnets ?? [])].sort().join()]));
  const before = subnetsOf(spec.azure.spokes);
  const next = edit.azure.spokes;
  const after = subnetsOf(next);
  const errors: FieldError[] = [];
  next.forEach((spoke, index) => {
    if ((before.get(key(spoke)) ?? "") !== (after.get(key(spoke)) ?? "")) errors.push({ path: `azure.spokes[${index}].subnets`, message: `changing the subnets the security rules bind to by PATCH is not supported yet: spoke ${spoke.vnet.name} would go from [${before.get(key(spoke)) ?? ""}] to [${after.get(key(spoke)) ?? ""}]` });
  });
  spec.azure.spokes.forEach((spoke, index) => {
    if (!after.has(key(spoke)) && spoke.subnets.length > 0) errors.push({ path: "azure.spokes", message: `removing spoke ${spoke.vnet.name} (azure.spokes[${index}] now), whose subnets the security rules bind to, by PATCH is not supported yet` });
  });
  return errors;
}

const defined = <T extends object>(value: T | undefined): Partial<T> => Object.fromEntries(Object.entries(value ?? {}).filter(([, entry]) => entry !== undefined)) as Partial<T>;

/** The setup request after a topology change: the current spec with the changed fields (the rest unchanged). */
export function withTopology(spec: SetupRequest, edit: Pick<EditRequest, "azure" | "oci" | "traffic">): unknown {
  const oci = defined(edit.oci);
  // oci.routeTableIds replaces a single oci.routeTableId: the two cannot go together.
  const { routeTableId, ...withoutSingle } = spec.oci;
  return {
    ...spec,
    azure: { ...spec.azure, ...defined(edit.azure) },
    oci: { ...(oci.routeTableIds ? withoutSingle : { ...withoutSingle, ...(routeTableId ? { routeTableId } : {}) }), ...oci },
    ...(edit.traffic ? { traffic: edit.traffic } : {}),
  };
}

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
