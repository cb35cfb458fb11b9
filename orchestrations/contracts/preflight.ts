import { z } from "zod";
import { defineActivity, okOrFailed } from "../flow/contract";
import { NetworkActivityInput, ObservedNetworks } from "./common";

export const PreflightFinding = z.object({ severity: z.enum(["high", "medium", "low"]), code: z.string(), message: z.string() });

/** Reads both networks and checks the request against what exists; creates nothing. */
export const PreflightActivity = defineActivity(
  "PreflightActivity",
  NetworkActivityInput,
  z.discriminatedUnion("kind", [
    ...okOrFailed({ observed: ObservedNetworks, findings: z.array(PreflightFinding), warnings: z.array(z.string()) }).options,
    z.object({ kind: z.literal("rejected"), errors: z.array(z.object({ path: z.string(), message: z.string() })) }),
  ]),
);

/** Creates the VNet's GatewaySubnet from `gatewaySubnetPrefix` when it is absent. */
export const EnsureGatewaySubnetActivity = defineActivity(
  "EnsureGatewaySubnetActivity",
  NetworkActivityInput,
  okOrFailed({ subnetId: z.string(), created: z.boolean() }),
);

/** Reuses the given DRG, or finds/creates `<name>-drg` (lookup by name and tag before create). */
export const EnsureDrgActivity = defineActivity(
  "EnsureDrgActivity",
  NetworkActivityInput,
  okOrFailed({ drgId: z.string(), created: z.boolean(), lifecycleState: z.string() }),
);

export const ReadDrgActivity = defineActivity(
  "ReadDrgActivity",
  z.object({ drgId: z.string() }),
  okOrFailed({ exists: z.boolean(), lifecycleState: z.string().optional() }),
);
