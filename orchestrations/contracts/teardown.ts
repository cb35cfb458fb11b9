import { z } from "zod";
import { OperationStatus } from "../../shared/domain/cloud-views";
import { defineActivity, okOrFailed as ok } from "../flow/contract";
import { AzureGroup, AzureScope, AzureTarget, InterconnectRef, OciTarget, okFailedOrNotReady as change, SeenVcn, StartedOperations } from "./common";

/**
 * Teardown activities find what to remove by name, tag or id. The DRG is the one recorded in the inventory,
 * else the one the request named (`oci.drgId`, never deleted), else Interlink's own found by name and tag.
 */
const RecordedDrg = { recordedDrgId: z.string().optional() };

/** Stops traffic: removes the interconnect's VCN route rules and its Azure route table (found by name). */
export const RemoveRoutesActivity = defineActivity(
  "RemoveRoutesActivity",
  z.object({ ref: InterconnectRef, azure: AzureScope, oci: OciTarget.pick({ compartmentId: true, vcnId: true, drgId: true, routeTableId: true, routeTableIds: true, peeredVcns: true }), ...RecordedDrg }),
  /** With the VCN as it read it (absent when the VCN is gone), for the steps after. */
  change({ ociRulesRemoved: z.number().int(), azureRouteTableDeleted: z.boolean(), seenVcn: SeenVcn.optional(), ...StartedOperations }),
);

/** Removes the interconnect's security rules on both sides (its NSGs, or its marked rules in shared ones). */
export const RemoveSecurityRulesActivity = defineActivity(
  "RemoveSecurityRulesActivity",
  z.object({
    ref: InterconnectRef,
    azure: AzureTarget.pick({ subscriptionId: true, resourceGroup: true, vnet: true, networkSecurityGroup: true, spokes: true }),
    oci: OciTarget.pick({ compartmentId: true, vcnId: true, security: true, subnetIds: true, vnicIds: true }),
    seenVcn: SeenVcn.optional(),
  }),
  change({ azureRemoved: z.number().int(), ociRemoved: z.number().int(), ...StartedOperations }),
);

/** Deletes the ExpressRoute gateway connection if it exists (starts the delete; the orchestrator waits). */
export const DeleteConnectionActivity = defineActivity("DeleteConnectionActivity", z.object({ ref: InterconnectRef, azure: AzureGroup }), change({ existed: z.boolean(), ...StartedOperations }));

/** Deletes the FastConnect virtual circuit, found by id or by display name and tag. */
export const DeleteVirtualCircuitActivity = defineActivity(
  "DeleteVirtualCircuitActivity",
  z.object({ ref: InterconnectRef, oci: OciTarget.pick({ compartmentId: true }), virtualCircuitId: z.string().optional() }),
  change({ existed: z.boolean(), virtualCircuitId: z.string().optional() }),
);

/**
 * Starts the ExpressRoute circuit delete. ARM reports refusals (ConflictError while the provider still has
 * it provisioned) only in the async operation, so the start returns a handle the orchestrator can check.
 */
export const DeleteCircuitActivity = defineActivity(
  "DeleteCircuitActivity",
  z.object({ ref: InterconnectRef, azure: AzureGroup }),
  change({ existed: z.boolean(), operation: z.string().nullable() }),
);

/** One check of a started cloud operation. */
export const ReadOperationActivity = defineActivity(
  "ReadOperationActivity",
  z.object({ operation: z.string(), subscriptionId: z.string() }),
  ok(OperationStatus.shape),
);

/** One check of several started ARM operations (what a write step waits for), in the order given. */
export const ReadOperationsActivity = defineActivity(
  "ReadOperationsActivity",
  z.object({ operations: z.array(z.string()).min(1), subscriptionId: z.string() }),
  ok({ statuses: z.array(OperationStatus) }),
);

/** Deletes a shared resource only if this interconnect created it and nothing else uses it. */
const SharedDeletion = change({ deleted: z.boolean(), reason: z.string(), ...StartedOperations });

/**
 * The gateway goes only if this interconnect created it and nothing else uses it; a gateway still in the middle of a
 * change (a setup rolled back mid-way) is `notReady` until ARM finishes it. Names the gateway it deletes.
 */
const GatewayDeletion = change({ deleted: z.boolean(), reason: z.string(), gatewayId: z.string().optional(), ...StartedOperations });

export const DeleteGatewayIfUnusedActivity = defineActivity("DeleteGatewayIfUnusedActivity", z.object({ ref: InterconnectRef, azure: AzureScope }), GatewayDeletion);
/** The gateway's own public IP goes once no gateway uses it, if Interlink created it. */
export const DeleteGatewayPublicIpIfUnusedActivity = defineActivity("DeleteGatewayPublicIpIfUnusedActivity", z.object({ ref: InterconnectRef, azure: AzureScope }), SharedDeletion);
export const DeleteGatewaySubnetIfUnusedActivity = defineActivity(
  "DeleteGatewaySubnetIfUnusedActivity",
  z.object({ ref: InterconnectRef, azure: AzureScope, gatewaySubnetCreated: z.boolean().optional() }),
  SharedDeletion,
);
/** Detaches the DRG from the VCN if Interlink attached it; says where the attachment is, for the wait on its detachment. */
export const DeleteDrgAttachmentIfOwnedActivity = defineActivity(
  "DeleteDrgAttachmentIfOwnedActivity",
  z.object({ ref: InterconnectRef, oci: OciTarget.pick({ compartmentId: true, vcnId: true, drgId: true }), ...RecordedDrg, seenVcn: SeenVcn.optional() }),
  change({ deleted: z.boolean(), reason: z.string(), detaching: z.object({ compartmentId: z.string(), drgId: z.string(), vcnId: z.string() }).optional(), ...StartedOperations }),
);
export const DeleteDrgIfUnusedActivity = defineActivity(
  "DeleteDrgIfUnusedActivity",
  z.object({ ref: InterconnectRef, oci: OciTarget.pick({ compartmentId: true, drgId: true }), ...RecordedDrg }),
  SharedDeletion,
);

/** One read (a filtered list) of whether the DRG is still attached to the VCN, for the wait after its detachment. */
export const ReadDrgAttachmentActivity = defineActivity(
  "ReadDrgAttachmentActivity",
  z.object({ ref: InterconnectRef, compartmentId: z.string(), drgId: z.string(), vcnId: z.string() }),
  ok({ attached: z.boolean() }),
);

/** Resize: change the bandwidth of both circuits in place. */
export const ResizeCircuitActivity = defineActivity("ResizeCircuitActivity", z.object({ ref: InterconnectRef, azure: AzureGroup, bandwidthMbps: z.number().int() }), ok({ ...StartedOperations }));
export const ResizeVirtualCircuitActivity = defineActivity(
  "ResizeVirtualCircuitActivity",
  z.object({ ref: InterconnectRef, virtualCircuitId: z.string(), bandwidthMbps: z.number().int() }),
  ok({}),
);
