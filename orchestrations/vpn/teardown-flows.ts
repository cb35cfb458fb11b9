import { type VpnTeardownStepId } from "../../shared/domain/vpn-link-record";
import { DeleteDrgAttachmentIfOwnedActivity, DeleteGatewaySubnetIfUnusedActivity } from "../contracts/teardown";
import {
  DeleteCpeActivity,
  DeleteIpsecConnectionActivity,
  DeleteLocalNetworkGatewayActivity,
  DeleteVpnConnectionActivity,
  DeleteVpnGatewayIfUnusedActivity,
  DeleteVpnPublicIpIfUnusedActivity,
} from "../contracts/vpn";
import { call, type Flow } from "../flow/steps";
import { expectOk } from "../lifecycle/kit";
import { callAndSettle, type SettleOptions } from "../lifecycle/settle";
import { callWhenReady } from "../lifecycle/when-ready";
import { waitUntil } from "../flow/wait";
import { ReadVpnGatewayActivity } from "../contracts/vpn";
import { type VpnOperationRun } from "./run";

const TUNNELS = [0, 1] as const;

/**
 * The teardown steps of a VPN link (also its setup's rollback), each finding its resources by name, id or tag and
 * treating "already gone" as done, so a teardown resumed after a crash, or run twice, converges.
 */
export function vpnTeardownFlows(op: VpnOperationRun, settled: (step: string, what: string) => SettleOptions): Record<VpnTeardownStepId, () => Flow<string>> {
  const target = op.target;
  const azureScope = { subscriptionId: target.azure.subscriptionId, resourceGroup: target.azure.resourceGroup, vnet: target.azure.vnet };
  return {
    *connections() {
      let existed = 0;
      for (const tunnel of TUNNELS) existed += (yield* callAndSettle(DeleteVpnConnectionActivity, { ...target, tunnel }, settled("connections", `delete connection ${tunnel + 1}`))).existed ? 1 : 0;
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
      const gateway = yield* callAndSettle(DeleteVpnGatewayIfUnusedActivity, target, settled("shared-resources", "delete the VPN gateway"));
      if (gateway.deleted && op.resources.gatewayId) {
        const gatewayId = op.resources.gatewayId;
        // A gateway takes minutes to go; its public IP and subnet can only go after it.
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
      const ip = yield* callAndSettle(DeleteVpnPublicIpIfUnusedActivity, target, settled("shared-resources", "delete the gateway's public IP"));
      const attachment = yield* callWhenReady(DeleteDrgAttachmentIfOwnedActivity, { ref: target.ref, oci: target.oci }, settled("shared-resources", "detach the VCN"));
      const subnet = yield* callAndSettle(DeleteGatewaySubnetIfUnusedActivity, { ref: target.ref, azure: azureScope, ...(op.resources.gatewaySubnetCreated ? { gatewaySubnetCreated: true } : {}) }, settled("shared-resources", "delete the GatewaySubnet"));
      const detached = expectOk("shared-resources", attachment);
      return `gateway: ${gateway.reason}; public IP: ${ip.reason}; DRG attachment: ${detached.reason}; GatewaySubnet: ${subnet.reason}`;
    },
  };
}
