import { ReadVpnGatewayActivity, type VpnAzureTarget } from "../contracts/vpn";
import { RemoveP2sActivity } from "../contracts/vpn-p2s";
import { call, type Flow } from "../flow/steps";
import { waitUntil } from "../flow/wait";
import { expectOk } from "../lifecycle/kit";
import { callAndSettle, type SettleOptions } from "../lifecycle/settle";
import { type VpnOperationRun } from "./run";

/** Waits until the gateway has applied a change (a point-to-site update takes minutes). */
export function* waitForGateway(op: VpnOperationRun, target: VpnAzureTarget, gatewayId: string, step: string): Flow<void> {
  yield* waitUntil({
    step,
    what: "the VPN gateway's update",
    read: function* () {
      return expectOk(step, yield* call(ReadVpnGatewayActivity, { ...target, gatewayId }));
    },
    isDone: (state) => state.provisioningState === "Succeeded",
    describe: (state) => state.provisioningState ?? "absent",
    deadlineMs: op.deadlineMs,
    nowMs: op.nowMs,
  });
}

/** Teardown: the gateway's point-to-site configuration (waited out), then the root's private key. */
export function* removeP2sFlow(op: VpnOperationRun, target: VpnAzureTarget, settled: (step: string, what: string, subscriptionId?: string) => SettleOptions): Flow<string> {
  const removed = yield* callAndSettle(RemoveP2sActivity, target, { ...settled("point-to-site", "remove point-to-site", target.azure.subscriptionId), typical: "vpnGatewayUpdate" });
  const gatewayId = op.resources.gatewayIds?.[0];
  if (removed.configurationRemoved && gatewayId) yield* waitForGateway(op, target, gatewayId, "point-to-site");
  delete op.resources.clientPackageUrl;
  return `point-to-site configuration ${removed.configurationRemoved ? "removed" : "already gone"}; root key ${removed.secretDeleted ? "deleted" : "already gone"}`;
}
