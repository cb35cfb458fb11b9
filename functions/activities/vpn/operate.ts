import { currentTime } from "../../../shared/config/clock";
import {
  CheckVpnLinkActivity,
  DeleteCpeActivity,
  DeleteIpsecConnectionActivity,
  DeleteLocalNetworkGatewayActivity,
  DeleteVpnConnectionActivity,
  DeleteVpnGatewayIfUnusedActivity,
  DeleteVpnPublicIpIfUnusedActivity,
  RecordVpnOperationActivity,
  SetTunnelSecretActivity,
  SyncConnectionKeyActivity,
} from "../../../orchestrations/contracts/vpn";
import { isNotReady } from "../../../shared/clouds/ports";
import { newSharedKey } from "../../../shared/clouds/vpn-keys";
import { specHash } from "../../../shared/domain/fingerprint";
import { applyLifecycleChange } from "../../../shared/domain/inventory";
import { OWNER_TAG } from "../../../shared/domain/naming";
import { vpnResourceNames } from "../../../shared/domain/vpn-link";
import { type VpnLinkRecord } from "../../../shared/domain/vpn-link-record";
import { vpnHealth } from "../../../shared/operations/vpn-health";
import { type RecordStore } from "../../../shared/inventory/store";
import { activity } from "../register";
import { classifyStorageError } from "../storage-errors";
import { type NetworkDeps, type NetworkHandler, networkActivity, notReady, operationsOf } from "../network/context";

const namesOf = (input: { ref: { name: string }; azure: { vnet: string } }) => vpnResourceNames(input.ref.name, input.azure.vnet);

/** Both tunnels' health, which path carries the pair's traffic, and what each side learned over the tunnels. */
const checkLink: NetworkHandler<typeof CheckVpnLinkActivity> = async (ctx, input) => ({
  kind: "ok" as const,
  health: await vpnHealth({ azure: ctx.azure(input.azure), oci: ctx.oci }, { ...input, names: namesOf(input) }, currentTime()),
});

const setTunnelSecret: NetworkHandler<typeof SetTunnelSecretActivity> = async (ctx, input) => {
  const set = await ctx.oci.setTunnelSharedSecret(input.ipsecConnectionId, input.tunnelId, newSharedKey());
  return isNotReady(set) ? notReady(set.notReady) : { kind: "ok" as const };
};

const syncConnectionKey: NetworkHandler<typeof SyncConnectionKeyActivity> = async (ctx, input) => {
  const where = input.azure;
  const key = await ctx.oci.getTunnelSharedSecret(input.ipsecConnectionId, input.tunnelId);
  const set = await ctx.azure(where).setConnectionSharedKey(where.resourceGroup, namesOf(input).connection(input.tunnel), key);
  return isNotReady(set) ? notReady(set.notReady) : { kind: "ok" as const, operations: operationsOf(set) };
};

const deleteConnection: NetworkHandler<typeof DeleteVpnConnectionActivity> = async (ctx, input) => {
  const deleted = await ctx.azure(input.azure).deleteConnection(input.azure.resourceGroup, namesOf(input).connection(input.tunnel));
  return { kind: "ok" as const, existed: deleted.existed, operations: operationsOf(deleted) };
};

const deleteLocalGateway: NetworkHandler<typeof DeleteLocalNetworkGatewayActivity> = async (ctx, input) => {
  const deleted = await ctx.azure(input.azure).deleteLocalNetworkGateway(input.azure.resourceGroup, namesOf(input).localNetworkGateway(input.tunnel));
  return { kind: "ok" as const, existed: deleted.existed, operations: operationsOf(deleted) };
};

const deleteIpsec: NetworkHandler<typeof DeleteIpsecConnectionActivity> = async (ctx, input) => {
  const id = input.ipsecConnectionId ?? (await ctx.oci.findIpsecConnection(input.oci.compartmentId, namesOf(input).ipsecConnection, ctx.owner))?.id;
  if (!id) return { kind: "ok" as const, existed: false, operations: [] };
  const { existed } = await ctx.oci.deleteIpsecConnection(id);
  return { kind: "ok" as const, existed, operations: [] };
};

/** OCI refuses to delete a CPE an IPSec connection still uses (409 while that connection terminates): not ready yet. */
const deleteCpe: NetworkHandler<typeof DeleteCpeActivity> = async (ctx, input) => {
  const id = input.cpeId ?? (await ctx.oci.findCpe(input.oci.compartmentId, namesOf(input).cpe, ctx.owner))?.id;
  if (!id) return { kind: "ok" as const, existed: false, operations: [] };
  const ipsec = await ctx.oci.findIpsecConnection(input.oci.compartmentId, namesOf(input).ipsecConnection, ctx.owner);
  if (ipsec && ipsec.lifecycleState !== "TERMINATED") return notReady(`the IPSec connection ${ipsec.displayName} is ${ipsec.lifecycleState}`);
  const { existed } = await ctx.oci.deleteCpe(id);
  return { kind: "ok" as const, existed, operations: [] };
};

/** The gateway is the VNet's: kept while any connection uses it, and when Interlink did not create it. */
const deleteGatewayIfUnused: NetworkHandler<typeof DeleteVpnGatewayIfUnusedActivity> = async (ctx, { azure: where }) => {
  const azure = ctx.azure(where);
  const vnet = await azure.getVirtualNetwork(where.resourceGroup, where.vnet);
  const gateway = vnet ? await azure.findVpnGateway(where.resourceGroup, vnet.id) : null;
  if (!gateway) return { kind: "ok" as const, deleted: false, reason: "no VPN gateway", operations: [] };
  if (!gateway.tags[OWNER_TAG]) return { kind: "ok" as const, deleted: false, reason: `kept ${gateway.name}: Interlink did not create it`, operations: [] };
  const connections = await azure.listGatewayConnections(where.resourceGroup, gateway.name);
  if (connections.length > 0) return { kind: "ok" as const, deleted: false, reason: `kept ${gateway.name}: still used by ${connections.join(", ")}`, operations: [] };
  const clientRoots = gateway.pointToSite?.rootCertificateNames ?? [];
  if (clientRoots.length > 0) return { kind: "ok" as const, deleted: false, reason: `kept ${gateway.name}: it still serves point-to-site clients (root certificates ${clientRoots.join(", ")})`, operations: [] };
  if (gateway.provisioningState === "Updating") return notReady(`the VPN gateway ${gateway.name} is Updating`);
  const deleted = await azure.deleteVirtualNetworkGateway(where.resourceGroup, gateway.name);
  return { kind: "ok" as const, deleted: true, reason: `deleting ${gateway.name}`, operations: operationsOf(deleted) };
};

const deletePublicIpIfUnused: NetworkHandler<typeof DeleteVpnPublicIpIfUnusedActivity> = async (ctx, input) => {
  const where = input.azure;
  const azure = ctx.azure(where);
  const name = namesOf(input).gatewayPublicIp;
  const ip = await azure.getPublicIp(where.resourceGroup, name);
  if (!ip) return { kind: "ok" as const, deleted: false, reason: "no public IP", operations: [] };
  if (!ip.tags[OWNER_TAG]) return { kind: "ok" as const, deleted: false, reason: `kept ${name}: Interlink did not create it`, operations: [] };
  if (ip.usedBy) return { kind: "ok" as const, deleted: false, reason: `kept ${name}: used by ${ip.usedBy}`, operations: [] };
  const deleted = await azure.deletePublicIp(where.resourceGroup, name);
  return { kind: "ok" as const, deleted: true, reason: `deleting ${name}`, operations: operationsOf(deleted) };
};

export function createVpnOperateActivities(deps: NetworkDeps) {
  return {
    CheckVpnLinkActivity: networkActivity(deps, CheckVpnLinkActivity, checkLink),
    SetTunnelSecretActivity: networkActivity(deps, SetTunnelSecretActivity, setTunnelSecret),
    SyncConnectionKeyActivity: networkActivity(deps, SyncConnectionKeyActivity, syncConnectionKey),
    DeleteVpnConnectionActivity: networkActivity(deps, DeleteVpnConnectionActivity, deleteConnection),
    DeleteLocalNetworkGatewayActivity: networkActivity(deps, DeleteLocalNetworkGatewayActivity, deleteLocalGateway),
    DeleteIpsecConnectionActivity: networkActivity(deps, DeleteIpsecConnectionActivity, deleteIpsec),
    DeleteCpeActivity: networkActivity(deps, DeleteCpeActivity, deleteCpe),
    DeleteVpnGatewayIfUnusedActivity: networkActivity(deps, DeleteVpnGatewayIfUnusedActivity, deleteGatewayIfUnused),
    DeleteVpnPublicIpIfUnusedActivity: networkActivity(deps, DeleteVpnPublicIpIfUnusedActivity, deletePublicIpIfUnused),
  };
}

/** Applies one VPN operation change to the link's record (idempotent); a health check's report becomes lastHealth. */
export function createVpnRecordActivities(store: () => RecordStore<VpnLinkRecord>) {
  return {
    RecordVpnOperationActivity: activity(
      RecordVpnOperationActivity,
      async ({ health, ...change }) => {
        const hash = change.spec ? specHash(change.spec) : "";
        await store().update(change.name, (current) => {
          const next = applyLifecycleChange(current, change, hash || current?.specHash || "");
          return next && health ? { ...next, lastHealth: health } : next;
        });
        return { kind: "ok" as const };
      },
      classifyStorageError,
    ),
  };
}
