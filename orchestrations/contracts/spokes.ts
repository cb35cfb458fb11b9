import { z } from "zod";
import { defineActivity, okOrFailed as ok } from "../flow/contract";
import { AzureScope, AzureTarget, InterconnectRef, okFailedOrNotReady as change, SpokeTarget, StartedOperations } from "./common";

/**
 * Hub-spoke: each spoke VNet is peered with the hub VNet (which holds the ExpressRoute gateway). The hub side allows
 * gateway transit; the spoke side uses the remote gateway, which ARM accepts only once the hub side allows it and
 * the hub has a gateway, so the flows put the hub side first, after the gateway is Succeeded.
 */
export const PeeringSide = z.enum(["hub", "spoke"]);
export type PeeringSide = z.infer<typeof PeeringSide>;

/** PUTs one side of a spoke's peering (idempotent: the same PUT again changes nothing). */
export const PeerSpokeActivity = defineActivity(
  "PeerSpokeActivity",
  z.object({ ref: InterconnectRef, azure: AzureScope, spoke: SpokeTarget, side: PeeringSide }),
  change({ ...StartedOperations }),
);

export const PeeringState = z.object({
  peeringState: z.string(),
  syncLevel: z.string().optional(),
  provisioningState: z.string().optional(),
});
export type PeeringState = z.infer<typeof PeeringState>;

/** Both sides of every listed spoke's peering, as ARM shows them (null: that side does not exist). */
export const ReadSpokePeeringsActivity = defineActivity(
  "ReadSpokePeeringsActivity",
  z.object({ ref: InterconnectRef, azure: AzureScope, spokes: z.array(SpokeTarget) }),
  ok({ spokes: z.array(z.object({ vnet: z.string(), hub: PeeringState.nullable(), spoke: PeeringState.nullable() })) }),
);

/** Deletes one side of a spoke's peering, found by name (the spoke side goes first). */
export const RemoveSpokePeeringActivity = defineActivity(
  "RemoveSpokePeeringActivity",
  z.object({ ref: InterconnectRef, azure: AzureScope, spoke: SpokeTarget, side: PeeringSide }),
  change({ existed: z.boolean(), ...StartedOperations }),
);

/** The Azure ranges that reach OCI through the hub: the hub's address spaces and each listed spoke's, as Azure holds them. */
export const ReadAzureRangesActivity = defineActivity(
  "ReadAzureRangesActivity",
  z.object({ ref: InterconnectRef, azure: AzureTarget.pick({ subscriptionId: true, resourceGroup: true, vnet: true, addressSpaces: true, spokes: true }) }),
  ok({ cidrs: z.array(z.string()) }),
);
