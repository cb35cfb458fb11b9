import { type OrchestrationContext, type Task } from "durable-functions";
import { P2S_TEARDOWN_STEPS, VNET2VNET_TEARDOWN_STEPS, type VpnHealthReport, type VpnLifecycleOutcome, VPN_ROTATE_STEPS, VPN_TEARDOWN_STEPS } from "../../shared/domain/vpn-link-record";
import { CheckVpnLinkActivity, SetTunnelSecretActivity, SyncConnectionKeyActivity } from "../contracts/vpn";
import { StepFailure } from "../flow/failure";
import { runGraph, uniformFlows } from "../flow/graph";
import { call, type Flow } from "../flow/steps";
import { waitUntil } from "../flow/wait";
import { expectOk } from "../lifecycle/kit";
import { callAndSettle } from "../lifecycle/settle";
import { callWhenReady } from "../lifecycle/when-ready";
import { VpnOperationRun, vpnLifecycle } from "./run";
import { missingFlow, teardownOf } from "./teardown-flows";

/**
 * Tears a VPN link down in order: the Azure connections, then the local network gateways and (beside them) the IPSec
 * connection and its CPE, then the VPN gateway, its public IP, the DRG attachment and the GatewaySubnet when Interlink
 * created them and nothing else uses them.
 */
export function* vpnTeardownOrchestrator(context: OrchestrationContext): Generator<Task, VpnLifecycleOutcome, unknown> {
  const op = new VpnOperationRun(context, "teardown", (request) => ({ "azure-oci": VPN_TEARDOWN_STEPS, "vnet-to-vnet": VNET2VNET_TEARDOWN_STEPS, "point-to-site": P2S_TEARDOWN_STEPS })[request.type]);
  const { steps, flows } = teardownOf(op, (step, what, subscriptionId) => op.settled(step, what, subscriptionId));
  return yield* vpnLifecycle(op, {
    *run() {
      yield* runGraph(
        context,
        steps,
        uniformFlows(steps, (id) => op.inStep(id, (flows[id] ?? missingFlow(id))())),
      );
      return { resources: {} };
    },
  });
}

/**
 * New keys, one tunnel at a time: OCI's tunnel first (it re-provisions and stays DOWN until Azure has the key), then
 * the Azure connection, then a wait until that tunnel is UP again before the other one starts. The other tunnel
 * carries traffic throughout, so there is no moment both are down. A tunnel found DOWN before its turn is rotated
 * too: a wrong key is what rotation repairs.
 */
export function* vpnRotateOrchestrator(context: OrchestrationContext): Generator<Task, VpnLifecycleOutcome, unknown> {
  const op = new VpnOperationRun(context, "rotate-key", () => VPN_ROTATE_STEPS);
  const ipsecConnectionId = op.resources.ipsecConnectionId;
  const tunnelIds = op.resources.tunnelIds ?? [];
  return yield* vpnLifecycle(op, {
    *run() {
      if (!ipsecConnectionId || tunnelIds.length !== 2) throw new StepFailure("tunnel-1", { cloud: "interlink", code: "NoTunnels", message: `${op.name} has no IPSec tunnels recorded` });
      let health: VpnHealthReport | undefined;
      for (const [index, id] of VPN_ROTATE_STEPS.map((step) => step.id).entries()) {
        health = yield* op.step(id, rotateTunnel(op, ipsecConnectionId, index, tunnelIds[index] ?? ""));
      }
      return { resources: op.resources, ...(health ? { health } : {}) };
    },
  });
}

function* rotateTunnel(op: VpnOperationRun, ipsecConnectionId: string, tunnel: number, tunnelId: string) {
  const step = `tunnel-${tunnel + 1}`;
  const index = tunnel === 0 ? 0 : 1;
  expectOk(step, yield* callWhenReady(SetTunnelSecretActivity, { ref: op.target.ref, ipsecConnectionId, tunnelId }, op.settled(step, "set the tunnel's new key on OCI")));
  yield* callAndSettle(SyncConnectionKeyActivity, { ...op.target, tunnel: index, ipsecConnectionId, tunnelId }, op.settled(step, "set the key on the Azure connection"));
  return yield* waitForTunnel(op, step, ipsecConnectionId, tunnel);
}

/** Waits until the rotated tunnel is UP (and its BGP session, with BGP routing). */
function* waitForTunnel(op: VpnOperationRun, step: string, ipsecConnectionId: string, tunnel: number): Flow<VpnHealthReport> {
  const bgp = op.siteRequest.routing.mode === "bgp";
  const { state } = yield* waitUntil({
    step,
    what: `tunnel ${tunnel + 1} to come UP with its new key`,
    read: function* () {
      return expectOk(step, yield* call(CheckVpnLinkActivity, { ...op.target, ipsecConnectionId, bgp, vnetCidrs: [], vcnCidrs: [] })).health;
    },
    isDone: (health) => {
      const rotated = health.tunnels[tunnel];
      return rotated?.status === "UP" && (!bgp || rotated.bgp === "UP");
    },
    describe: (health) => health.problems.join("; ") || health.verdict,
    onPoll: (health) => op.progress.detail(step, health.problems.join("; ") || "UP"),
    deadlineMs: op.deadlineMs,
    nowMs: op.nowMs,
    timeoutCode: "TunnelNotUp",
  });
  return state;
}
