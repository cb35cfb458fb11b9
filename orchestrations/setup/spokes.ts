import { type SpokeTarget, targetOf } from "../contracts/common";
import { PeerSpokeActivity, type PeeringState, ReadSpokePeeringsActivity } from "../contracts/spokes";
import { call, type Flow } from "../flow/steps";
import { waitUntil } from "../flow/wait";
import { expectOk } from "../lifecycle/kit";
import { callAndSettle } from "../lifecycle/settle";
import { type SetupContext } from "./flows";

const ready = (side: PeeringState | null) => side?.peeringState === "Connected" && side.provisioningState === "Succeeded" && (side.syncLevel === undefined || side.syncLevel === "FullyInSync");

/**
 * Peers the listed spokes with the hub, in the order ARM needs (the step runs once the gateway is Succeeded): every
 * hub side first (allowGatewayTransit), then every spoke side (useRemoteGateways, which ARM refuses before the hub
 * side allows transit), then waits until both sides of every spoke are Connected. Returns what it did.
 */
export function* peerSpokes(ctx: SetupContext, spokes: readonly SpokeTarget[], step = "spokes"): Flow<string> {
  if (spokes.length === 0) return "no spokes";
  const { ref, azure } = targetOf(ctx.base);
  const hub = { subscriptionId: azure.subscriptionId, resourceGroup: azure.resourceGroup, vnet: azure.vnet };
  const options = (what: string, subscriptionId: string) => ({
    step,
    what,
    subscriptionId,
    deadlineMs: ctx.deadlineMs,
    nowMs: ctx.nowMs,
    onWait: (reason: string) => ctx.progress.detail(step, `waiting: ${reason}`),
  });
  for (const spoke of spokes) {
    ctx.progress.detail(step, `hub side of ${spoke.vnet}: allowGatewayTransit`);
    yield* callAndSettle(PeerSpokeActivity, { ref, azure: hub, spoke, side: "hub" }, options(`peer the hub with ${spoke.vnet}`, hub.subscriptionId));
  }
  for (const spoke of spokes) {
    ctx.progress.detail(step, `spoke side of ${spoke.vnet}: useRemoteGateways`);
    yield* callAndSettle(PeerSpokeActivity, { ref, azure: hub, spoke, side: "spoke" }, options(`peer ${spoke.vnet} with the hub`, spoke.subscriptionId));
  }
  yield* waitUntil({
    step,
    what: "both sides of every spoke's peering to be Connected",
    read: function* () {
      return expectOk(step, yield* call(ReadSpokePeeringsActivity, { ref, azure: hub, spokes: [...spokes] })).spokes;
    },
    isDone: (states) => states.every((state) => ready(state.hub) && ready(state.spoke)),
    describe: (states) => states.map((state) => `${state.vnet}: hub ${state.hub?.peeringState ?? "absent"}, spoke ${state.spoke?.peeringState ?? "absent"}`).join("; "),
    deadlineMs: ctx.deadlineMs,
    nowMs: ctx.nowMs,
  });
  return `${spokes.length} spoke(s) peered (${spokes.map((spoke) => spoke.vnet).join(", ")}): hub side allowGatewayTransit, then spoke side useRemoteGateways, both Connected`;
}
