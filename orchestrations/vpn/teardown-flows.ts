import { type PointToSiteRequest, type Vnet2VnetRequest } from "../../shared/domain/vpn-link";
import { P2S_TEARDOWN_STEPS, VNET2VNET_TEARDOWN_STEPS, VPN_TEARDOWN_STEPS } from "../../shared/domain/vpn-link-record";
import { DeleteDrgAttachmentIfOwnedActivity, DeleteGatewaySubnetIfUnusedActivity } from "../contracts/teardown";
import {
  DeleteCpeActivity,
  DeleteIpsecConnectionActivity,
  DeleteLocalNetworkGatewayActivity,
  DeleteVpnConnectionActivity,
  DeleteVpnGatewayIfUnusedActivity,
  DeleteVpnPublicIpIfUnusedActivity,
  ReadVpnGatewayActivity,
  type VpnAzureTarget,
} from "../contracts/vpn";
import { StepFailure } from "../flow/failure";
import { type GraphStep } from "../flow/graph";
import { call, type Flow } from "../flow/steps";
import { waitUntil } from "../flow/wait";
import { expectOk } from "../lifecycle/kit";
import { callAndSettle, type SettleOptions } from "../lifecycle/settle";
import { callWhenReady } from "../lifecycle/when-ready";
import { removeP2sFlow } from "./p2s-teardown";
import { type VpnOperationRun } from "./run";

const TUNNELS = [0, 1] as const;

type Settled = (step: string, what: string, subscriptionId?: string) => SettleOptions;

/** The teardown steps of a link, by its type, and their flows. */
export function teardownOf(op: VpnOperationRun, settled: Settled): { steps: ReadonlyArray<GraphStep<string>>; flows: Record<string, () => Flow<string>> } {
  if (op.request.type === "vnet-to-vnet") return { steps: VNET2VNET_TEARDOWN_STEPS, flows: vnet2vnetTeardownFlows(op, op.request, settled) };
  if (op.request.type === "point-to-site") return { steps: P2S_TEARDOWN_STEPS, flows: p2sTeardownFlows(op, op.request, settled) };
  return { steps: VPN_TEARDOWN_STEPS, flows: siteTeardownFlows(op, settled) };
}

/** A step without a flow is a programming error, reported as the step's failure. */
export function missingFlow(id: string): () => Flow<string> {
  // eslint-disable-next-line require-yield
  return function* () {
    throw new StepFailure(id, { cloud: "interlink", code: "NoSuchStep", message: `no teardown flow for step ${id}` });
  };
}

/** The Azure target of one VNet of a link. */
export function sideTarget(op: VpnOperationRun, side: Vnet2VnetRequest["vnets"][number]): VpnAzureTarget {
  return {
    ref: { name: op.name, operationId: op.instanceId },
    ...(op.input.ticketId ? { ticketId: op.input.ticketId } : {}),
    azure: { subscriptionId: side.subscriptionId, resourceGroup: side.resourceGroup, vnet: side.vnet.name, region: side.region },
  };
}

/**
 * The VNet's VPN gateway (when Interlink created it and nothing uses it; waited out, it takes minutes), then its
 * public IP and the GatewaySubnet, which can only go after it.
 */
function* deleteGatewayAndItsParts(op: VpnOperationRun, target: VpnAzureTarget, gatewayId: string | undefined, subnetCreated: boolean, settled: Settled): Flow<string> {
  const sub = target.azure.subscriptionId;
  const gateway = yield* callAndSettle(DeleteVpnGatewayIfUnusedActivity, target, { ...settled("shared-resources", "delete the VPN gateway", sub), typical: "gatewayDelete" });
  if (gateway.deleted && gatewayId) {
    yield* waitUntil({
      step: "shared-resources",
      what: "the VPN gateway's deletion",
      read: function* () {
        return expectOk("shared-resources", yield* call(ReadVpnGatewayActivity, { ...target, gatewayId }));
      },
      isDone: (state) => !state.exists,
      describe: (state) => state.provisioningState ?? "absent",
      deadlineMs: op.deadlineMs,
      nowMs: op.nowMs,
    });
  }
  const ip = yield* callAndSettle(DeleteVpnPublicIpIfUnusedActivity, target, settled("shared-resources", "delete the gateway's public IP", sub));
  const scope = { subscriptionId: sub, resourceGroup: target.azure.resourceGroup, vnet: target.azure.vnet };
  const subnet = yield* callAndSettle(DeleteGatewaySubnetIfUnusedActivity, { ref: target.ref, azure: scope, ...(subnetCreated ? { gatewaySubnetCreated: true } : {}) }, settled("shared-resources", "delete the GatewaySubnet", sub));
  return `${target.azure.vnet}: gateway: ${gateway.reason}; public IP: ${ip.reason}; GatewaySubnet: ${subnet.reason}`;
}

/**
 * The teardown steps of an azure-oci link (also its setup's rollback), each finding its resources by name, id or tag
 * and treating "already gone" as done, so a teardown resumed after a crash, or run twice, converges.
 */
function siteTeardownFlows(op: VpnOperationRun, settled: Settled): Record<string, () => Flow<string>> {
  const target = op.target;
  return {
    *connections() {
      let existed = 0;
      for (const tunnel of TUNNELS) existed += (yield* callAndSettle(DeleteVpnConnectionActivity, { ...target, tunnel }, { ...settled("connections", `delete connection ${tunnel + 1}`), typical: "connectionDelete" })).existed ? 1 : 0;
      op.resources.connectionIds = [];
      return `${existed} connection(s) deleted`;
    },
    *"local-gateways"() {
      let existed = 0;
      for (const tunnel of TUNNELS) existed += (yield* callAndSettle(DeleteLocalNetworkGatewayActivity, { ...target, tunnel }, settled("local-gateways", `delete local network gateway ${tunnel + 1}`))).existed ? 1 : 0;
      op.resources.localNetworkGatewayIds = [];
      return `${existed} local network gateway(s) deleted`;
    },
    *ipsec() {
      const options = settled("ipsec", "delete the IPSec connection and the CPE");
      const ipsec = expectOk("ipsec", yield* callWhenReady(DeleteIpsecConnectionActivity, { ...target, ...(op.resources.ipsecConnectionId ? { ipsecConnectionId: op.resources.ipsecConnectionId } : {}) }, options));
      const cpe = expectOk("ipsec", yield* callWhenReady(DeleteCpeActivity, { ...target, ...(op.resources.cpeId ? { cpeId: op.resources.cpeId } : {}) }, options));
      delete op.resources.ipsecConnectionId;
      delete op.resources.cpeId;
      return `IPSec connection ${ipsec.existed ? "deleted" : "already gone"}, CPE ${cpe.existed ? "deleted" : "already gone"}`;
    },
    *"shared-resources"() {
      const parts = yield* deleteGatewayAndItsParts(op, target, op.resources.gatewayId, op.resources.gatewaySubnetCreated === true, settled);
      const attachment = expectOk("shared-resources", yield* callWhenReady(DeleteDrgAttachmentIfOwnedActivity, { ref: target.ref, oci: target.oci }, settled("shared-resources", "detach the VCN")));
      return `${parts}; DRG attachment: ${attachment.reason}`;
    },
  };
}

/** VNet-to-VNet: both connections, then each VNet's gateway, public IP and GatewaySubnet when Interlink created them. */
function vnet2vnetTeardownFlows(op: VpnOperationRun, request: Vnet2VnetRequest, settled: Settled): Record<string, () => Flow<string>> {
  const sides = request.vnets.map((side) => sideTarget(op, side));
  return {
    *connections() {
      let existed = 0;
      for (const [tunnel, target] of sides.entries()) {
        const index = tunnel === 0 ? 0 : 1;
        existed += (yield* callAndSettle(DeleteVpnConnectionActivity, { ...target, tunnel: index }, { ...settled("connections", `delete connection ${tunnel + 1}`, target.azure.subscriptionId), typical: "connectionDelete" })).existed ? 1 : 0;
      }
      op.resources.connectionIds = [];
      return `${existed} connection(s) deleted`;
    },
    *"shared-resources"() {
      const done: string[] = [];
      for (const [index, target] of sides.entries()) done.push(yield* deleteGatewayAndItsParts(op, target, op.resources.gatewayIds?.[index], op.resources.gatewaySubnetsCreated?.[index] === true, settled));
      return done.join("; ");
    },
  };
}

/** Point-to-site: the gateway's client configuration and the root's key, then the gateway if Interlink created it. */
function p2sTeardownFlows(op: VpnOperationRun, request: PointToSiteRequest, settled: Settled): Record<string, () => Flow<string>> {
  const target = sideTarget(op, request.azure);
  return {
    "point-to-site": () => removeP2sFlow(op, target, settled),
    "shared-resources": () => deleteGatewayAndItsParts(op, target, op.resources.gatewayIds?.[0], op.resources.gatewaySubnetsCreated?.[0] === true, settled),
  };
}
