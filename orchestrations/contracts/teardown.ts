import { z } from "zod";
import { OperationStatus } from "../../shared/domain/cloud-views";
import { defineActivity, okOrFailed as ok } from "../flow/contract";
import { InterconnectResources, NetworkActivityInput } from "./common";

/** Teardown activities also get what the interconnect created, so shared resources are only removed by their creator. */
const TeardownInput = NetworkActivityInput.extend({ resources: InterconnectResources });

/** Stops traffic: removes the interconnect's VCN route rules and its Azure route table (found by name). */
export const RemoveRoutesActivity = defineActivity(
  "RemoveRoutesActivity",
  TeardownInput,
  ok({ ociRulesRemoved: z.number().int(), azureRouteTableDeleted: z.boolean() }),
);

/** Removes the interconnect's security rules on both sides (its NSGs, or its marked rules in shared ones). */
export const RemoveSecurityRulesActivity = defineActivity(
  "RemoveSecurityRulesActivity",
  TeardownInput,
  ok({ azureRemoved: z.number().int(), ociRemoved: z.number().int() }),
);

/** Deletes the ExpressRoute gateway connection if it exists (starts the delete; the orchestrator waits). */
export const DeleteConnectionActivity = defineActivity("DeleteConnectionActivity", TeardownInput, ok({ existed: z.boolean() }));

/** Deletes the FastConnect virtual circuit, found by id or by display name and tag. */
export const DeleteVirtualCircuitActivity = defineActivity(
  "DeleteVirtualCircuitActivity",
  TeardownInput,
  ok({ existed: z.boolean(), virtualCircuitId: z.string().optional() }),
);

/**
 * Starts the ExpressRoute circuit delete. ARM reports refusals (ConflictError while the provider still has
 * it provisioned) only in the async operation, so the start returns a handle the orchestrator can check.
 */
export const DeleteCircuitActivity = defineActivity(
  "DeleteCircuitActivity",
  TeardownInput,
  ok({ existed: z.boolean(), operation: z.string().nullable() }),
);

/** One check of a started cloud operation. */
export const ReadOperationActivity = defineActivity(
  "ReadOperationActivity",
  z.object({ operation: z.string(), subscriptionId: z.string() }),
  ok(OperationStatus.shape),
);

/** Deletes a shared resource only if this interconnect created it and nothing else uses it. */
const SharedDeletion = ok({ deleted: z.boolean(), reason: z.string() });

export const DeleteGatewayIfUnusedActivity = defineActivity("DeleteGatewayIfUnusedActivity", TeardownInput, SharedDeletion);
export const DeleteGatewaySubnetIfUnusedActivity = defineActivity("DeleteGatewaySubnetIfUnusedActivity", TeardownInput, SharedDeletion);
export const DeleteDrgAttachmentIfOwnedActivity = defineActivity(
  "DeleteDrgAttachmentIfOwnedActivity",
  TeardownInput,
  SharedDeletion,
);
export const DeleteDrgIfUnusedActivity = defineActivity(
  "DeleteDrgIfUnusedActivity",
  TeardownInput,
  SharedDeletion,
);

/** Reads whether the gateway (by name) still exists, for the wait after its delete. */
export const ReadSharedResourcesActivity = defineActivity(
  "ReadSharedResourcesActivity",
  TeardownInput,
  ok({ gatewayExists: z.boolean(), gatewayProvisioningState: z.string().optional(), drgAttachmentExists: z.boolean() }),
);

/** Resize: change the bandwidth of both circuits in place. */
export const ResizeCircuitActivity = defineActivity("ResizeCircuitActivity", NetworkActivityInput.extend({ bandwidthMbps: z.number().int() }), ok({}));
export const ResizeVirtualCircuitActivity = defineActivity(
  "ResizeVirtualCircuitActivity",
  NetworkActivityInput.extend({ virtualCircuitId: z.string(), bandwidthMbps: z.number().int() }),
  ok({}),
);
