import { z } from "zod";
import { defineActivity, FailedResult } from "../flow/contract";
import { NetworkActivityInput, ObservedNetworks } from "./common";

export const PreflightFinding = z.object({ severity: z.enum(["high", "medium", "low"]), code: z.string(), message: z.string() });

/** Reads both networks and checks the request against what exists; creates nothing. */
export const PreflightActivity = defineActivity(
  "PreflightActivity",
  NetworkActivityInput,
  z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("ok"), observed: ObservedNetworks, findings: z.array(PreflightFinding), warnings: z.array(z.string()) }),
    z.object({ kind: z.literal("rejected"), errors: z.array(z.object({ path: z.string(), message: z.string() })) }),
    FailedResult,
  ]),
);

/** Creates the VNet's GatewaySubnet from `gatewaySubnetPrefix` when it is absent. */
export const EnsureGatewaySubnetActivity = defineActivity(
  "EnsureGatewaySubnetActivity",
  NetworkActivityInput,
  z.discriminatedUnion("kind", [z.object({ kind: z.literal("ok"), subnetId: z.string(), created: z.boolean() }), FailedResult]),
);

/** Reuses the given DRG, or finds/creates `<name>-drg` (lookup by name and tag before create). */
export const EnsureDrgActivity = defineActivity(
  "EnsureDrgActivity",
  NetworkActivityInput,
  z.discriminatedUnion("kind", [z.object({ kind: z.literal("ok"), drgId: z.string(), created: z.boolean(), lifecycleState: z.string() }), FailedResult]),
);

export const ReadDrgActivity = defineActivity(
  "ReadDrgActivity",
  z.object({ drgId: z.string() }),
  z.discriminatedUnion("kind", [z.object({ kind: z.literal("ok"), exists: z.boolean(), lifecycleState: z.string().optional() }), FailedResult]),
);
