import { z } from "zod";
import { defineActivity, okOrFailed } from "../flow/contract";
import { SetupRequest } from "../../shared/domain/setup-request";
import { AzureScope, InterconnectRef, ObservedNetworks, OciTarget, ReadVcn, okFailedOrNotReady, StartedOperations, TicketId } from "./common";

export const PreflightFinding = z.object({ severity: z.enum(["high", "medium", "low"]), code: z.string(), message: z.string() });

/** Reads both networks and checks the request against what exists; creates nothing. */
export const PreflightActivity = defineActivity(
  "PreflightActivity",
  // Preflight checks the whole request against both clouds, so it is the one activity that gets it.
  z.object({ ref: InterconnectRef, request: SetupRequest, vcn: ReadVcn.optional() }),
  z.discriminatedUnion("kind", [
    ...okOrFailed({ observed: ObservedNetworks, findings: z.array(PreflightFinding), warnings: z.array(z.string()) }).options,
    z.object({ kind: z.literal("rejected"), errors: z.array(z.object({ path: z.string(), message: z.string() })) }),
  ]),
);

/** Creates the VNet's GatewaySubnet from `gatewaySubnetPrefix` when it is absent. */
export const EnsureGatewaySubnetActivity = defineActivity(
  "EnsureGatewaySubnetActivity",
  z.object({ ref: InterconnectRef, azure: AzureScope, gatewaySubnetPrefix: z.string() }),
  okFailedOrNotReady({ subnetId: z.string(), created: z.boolean(), ...StartedOperations }),
);

/** Reuses the given DRG, or finds/creates `<name>-drg` (lookup by name and tag before create). */
export const EnsureDrgActivity = defineActivity(
  "EnsureDrgActivity",
  z.object({ ref: InterconnectRef, ticketId: TicketId, oci: OciTarget.pick({ compartmentId: true, vcnId: true, drgId: true }) }),
  okFailedOrNotReady({ drgId: z.string(), created: z.boolean(), lifecycleState: z.string() }),
);

export const ReadDrgActivity = defineActivity(
  "ReadDrgActivity",
  z.object({ drgId: z.string() }),
  okOrFailed({ exists: z.boolean(), lifecycleState: z.string().optional() }),
);
