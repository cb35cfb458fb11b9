import { type OperationBase, type SpokeTarget, targetOf } from "../contracts/common";
import { RemoveSpokePeeringActivity } from "../contracts/spokes";
import { type Flow } from "../flow/steps";
import { callAndSettle } from "../lifecycle/settle";

export interface UnpeerOptions {
  step: string;
  deadlineMs: number;
  nowMs: () => number;
  detail: (text: string) => void;
}

/**
 * Removes the spokes' peerings, each spoke side before its hub side: the spoke stops using the hub's gateway first,
 * and the hub never holds a peering whose other side still uses its gateway. Returns how many sides existed.
 */
export function* unpeerSpokes(base: OperationBase, spokes: readonly SpokeTarget[], options: UnpeerOptions): Flow<number> {
  const { ref, azure } = targetOf(base);
  const hub = { subscriptionId: azure.subscriptionId, resourceGroup: azure.resourceGroup, vnet: azure.vnet };
  let removed = 0;
  for (const spoke of spokes) {
    for (const side of ["spoke", "hub"] as const) {
      options.detail(`${side} side of ${spoke.vnet}`);
      const deleted = yield* callAndSettle(
        RemoveSpokePeeringActivity,
        { ref, azure: hub, spoke, side },
        { step: options.step, what: `remove the ${side} side of ${spoke.vnet}'s peering`, subscriptionId: side === "hub" ? hub.subscriptionId : spoke.subscriptionId, deadlineMs: options.deadlineMs, nowMs: options.nowMs, onWait: (reason) => options.detail(`waiting: ${reason}`) },
      );
      if (deleted.existed) removed++;
    }
  }
  return removed;
}
