import {
  DeleteCircuitActivity,
  DeleteConnectionActivity,
  DeleteDrgAttachmentIfOwnedActivity,
  DeleteDrgIfUnusedActivity,
  DeleteGatewayIfUnusedActivity,
  DeleteGatewayPublicIpIfUnusedActivity,
  DeleteGatewaySubnetIfUnusedActivity,
  DeleteVirtualCircuitActivity,
  ReadOperationActivity,
  ReadOperationsActivity,
  ReadDrgAttachmentActivity,
} from "../../../orchestrations/contracts/teardown";
import { GATEWAY_SUBNET_NAME } from "../../../shared/domain/catalogue";
import { OWNER_TAG } from "../../../shared/domain/naming";
import { classifyCloudError } from "../../../shared/clouds/errors";
import { activity } from "../register";
import { gatewaySubnetId, type NetworkContext, type NetworkDeps, type NetworkHandler, networkActivity, notReady, operationsOf, ownDrgId } from "./context";

type AzureWhere = { subscriptionId: string; resourceGroup: string; vnet: string };

const deleteConnection: NetworkHandler<typeof DeleteConnectionActivity> = async (ctx, { azure: where }) => {
  const deleted = await ctx.azure(where).deleteConnection(where.resourceGroup, ctx.names.gatewayConnection);
  return { kind: "ok" as const, existed: deleted.existed, operations: operationsOf(deleted) };
};

/** Found by the recorded id or, after a crash before it was recorded, by display name. */
const deleteVirtualCircuit: NetworkHandler<typeof DeleteVirtualCircuitActivity> = async (ctx, input) => {
  const id = input.virtualCircuitId ?? (await ctx.oci.findVirtualCircuit(input.oci.compartmentId, ctx.names.virtualCircuit))?.id;
  if (!id) return { kind: "ok" as const, existed: false };
  const { existed } = await ctx.oci.deleteVirtualCircuit(id);
  return { kind: "ok" as const, existed, virtualCircuitId: id };
};

const deleteCircuit: NetworkHandler<typeof DeleteCircuitActivity> = async (ctx, { azure: where }) => {
  const started = await ctx.azure(where).startDeleteExpressRouteCircuit(where.resourceGroup, ctx.names.expressRouteCircuit);
  return { kind: "ok" as const, existed: started.existed, operation: started.operation };
};

async function vnetId(ctx: NetworkContext, where: AzureWhere): Promise<string | null> {
  return (await ctx.azure(where).getVirtualNetwork(where.resourceGroup, where.vnet))?.id ?? null;
}

const LIVE_STATES = new Set(["Provisioning", "Active", "Degraded", "Suspended", "Updating"]);

/** Interconnects other than this one that are (or are becoming) live on the same VNet. */
async function otherInterconnectsOnVnet(ctx: NetworkContext, where: AzureWhere): Promise<string[]> {
  const sameVnet = (other: { subscriptionId: string; resourceGroup: string; vnet: { name: string } }) =>
    other.subscriptionId === where.subscriptionId && other.resourceGroup.toLowerCase() === where.resourceGroup.toLowerCase() && other.vnet.name.toLowerCase() === where.vnet.toLowerCase();
  const records = await ctx.inventory().list();
  return records.filter((record) => record.name !== ctx.owner && LIVE_STATES.has(record.state) && sameVnet(record.spec.azure)).map((record) => record.name);
}

/**
 * The VNet's gateway is shared by every interconnect on that VNet, so it carries the tag of the one that
 * created it. It goes when Interlink created it (for any interconnect), no connection uses it and no other
 * interconnect on the VNet is live or being set up; so the last one out removes it, whoever came first.
 */
const deleteGatewayIfUnused: NetworkHandler<typeof DeleteGatewayIfUnusedActivity> = async (ctx, { azure: where }) => {
  const azure = ctx.azure(where);
  const rg = where.resourceGroup;
  const id = await vnetId(ctx, where);
  const gateway = id ? await azure.findExpressRouteGateway(rg, id) : null;
  if (!gateway) return { kind: "ok" as const, deleted: false, reason: "no ExpressRoute gateway" };
  if (!gateway.tags[OWNER_TAG]) return { kind: "ok" as const, deleted: false, reason: `kept ${gateway.name}: Interlink did not create it` };
  const connections = await azure.listGatewayConnections(rg, gateway.name);
  if (connections.length > 0) return { kind: "ok" as const, deleted: false, reason: `kept ${gateway.name}: still used by ${connections.join(", ")}` };
  const others = await otherInterconnectsOnVnet(ctx, where);
  if (others.length > 0) return { kind: "ok" as const, deleted: false, reason: `kept ${gateway.name}: interconnect(s) ${others.join(", ")} on the same VNet need it` };
  // A gateway still being built (a setup rolled back mid-way) cannot be deleted until ARM finishes it.
  if (gateway.provisioningState === "Creating" || gateway.provisioningState === "Updating") return notReady(`the gateway ${gateway.name} is ${gateway.provisioningState}`);
  const deleted = await azure.deleteVirtualNetworkGateway(rg, gateway.name, { justRead: true });
  return { kind: "ok" as const, deleted: true, reason: `deleting ${gateway.name}`, gatewayId: gateway.id, operations: operationsOf(deleted) };
};

/** The gateway's own public IP goes with the gateway: only if Interlink created it (tagged) and nothing uses it. */
const deleteGatewayPublicIpIfUnused: NetworkHandler<typeof DeleteGatewayPublicIpIfUnusedActivity> = async (ctx, { azure: where }) => {
  const azure = ctx.azure(where);
  const name = ctx.names.expressRouteGatewayPublicIp;
  const ip = await azure.getPublicIp(where.resourceGroup, name);
  if (!ip) return { kind: "ok" as const, deleted: false, reason: "no public IP" };
  if (!ip.tags[OWNER_TAG]) return { kind: "ok" as const, deleted: false, reason: `kept ${name}: Interlink did not create it` };
  if (ip.usedBy) return { kind: "ok" as const, deleted: false, reason: `kept ${name}: used by ${ip.usedBy}` };
  const deleted = await azure.deletePublicIp(where.resourceGroup, name);
  return { kind: "ok" as const, deleted: true, reason: `deleting ${name}`, operations: operationsOf(deleted) };
};

/**
 * Subnets carry no tags: Interlink created the GatewaySubnet when the record says so or its creation claim
 * exists (written before the PUT, by any interconnect on the VNet). Like the gateway, it goes with the last
 * interconnect out, once no gateway uses it; its claim goes with it.
 */
const deleteGatewaySubnetIfUnused: NetworkHandler<typeof DeleteGatewaySubnetIfUnusedActivity> = async (ctx, { azure: where, gatewaySubnetCreated }) => {
  const resourceId = gatewaySubnetId(where);
  const claim = await ctx.claims().get(resourceId);
  if (!gatewaySubnetCreated && !claim) return { kind: "ok" as const, deleted: false, reason: "kept: Interlink did not create it" };
  const azure = ctx.azure(where);
  const vnet = await azure.getVirtualNetwork(where.resourceGroup, where.vnet);
  const subnet = vnet?.subnets.find((candidate) => candidate.name === GATEWAY_SUBNET_NAME);
  if (!subnet) {
    await ctx.claims().remove(resourceId);
    return { kind: "ok" as const, deleted: false, reason: "already gone" };
  }
  if (subnet.usedBy.length > 0) return { kind: "ok" as const, deleted: false, reason: `kept: used by ${subnet.usedBy.length} IP configuration(s)` };
  const others = await otherInterconnectsOnVnet(ctx, where);
  if (others.length > 0) return { kind: "ok" as const, deleted: false, reason: `kept: interconnect(s) ${others.join(", ")} on the same VNet need it` };
  const deleted = await azure.deleteSubnet(where.resourceGroup, where.vnet, GATEWAY_SUBNET_NAME, { justRead: true });
  // ARM refuses a subnet delete at once when something still uses it; once accepted, the claim has done its job
  // (a delete that fails later is sent again by the same step, which the record still names as the creator).
  await ctx.claims().remove(resourceId);
  return { kind: "ok" as const, deleted: true, reason: "deleted", operations: operationsOf(deleted) };
};

const deleteDrgAttachmentIfOwned: NetworkHandler<typeof DeleteDrgAttachmentIfOwnedActivity> = async (ctx, { oci: where, recordedDrgId, seenVcn }) => {
  const drgId = await ownDrgId(ctx, { recorded: recordedDrgId, given: where.drgId, compartmentId: where.compartmentId });
  const vcn = seenVcn ? { id: where.vcnId, ...seenVcn } : await ctx.oci.getVcn(where.vcnId);
  if (!drgId || !vcn) return { kind: "ok" as const, deleted: false, reason: "no attachment" };
  const attachment = (await ctx.oci.listDrgAttachments(vcn.compartmentId, { vcnId: vcn.id, drgId })).find((candidate) => candidate.drgId === drgId);
  if (!attachment) return { kind: "ok" as const, deleted: false, reason: "no attachment" };
  if (attachment.freeformTags[OWNER_TAG] !== ctx.owner) return { kind: "ok" as const, deleted: false, reason: "kept: Interlink did not create it" };
  await ctx.oci.deleteDrgAttachment(attachment.id);
  return { kind: "ok" as const, deleted: true, reason: "detaching", detaching: { compartmentId: vcn.compartmentId, drgId, vcnId: vcn.id } };
};

const deleteDrgIfUnused: NetworkHandler<typeof DeleteDrgIfUnusedActivity> = async (ctx, { oci: where, recordedDrgId }) => {
  if (where.drgId) return { kind: "ok" as const, deleted: false, reason: "kept: the request named an existing DRG" };
  const drgId = await ownDrgId(ctx, { recorded: recordedDrgId, compartmentId: where.compartmentId });
  const drg = drgId ? await ctx.oci.getDrg(drgId) : null;
  if (!drg) return { kind: "ok" as const, deleted: false, reason: "no DRG" };
  if (drg.freeformTags[OWNER_TAG] !== ctx.owner) return { kind: "ok" as const, deleted: false, reason: "kept: Interlink did not create it" };
  const attachments = await ctx.oci.listDrgAttachments(where.compartmentId, { drgId: drg.id });
  if (attachments.length > 0) return { kind: "ok" as const, deleted: false, reason: `kept: ${attachments.length} attachment(s) still use it` };
  await ctx.oci.deleteDrg(drg.id);
  return { kind: "ok" as const, deleted: true, reason: "deleted" };
};

/** OCI lists DETACHED attachments for a while: only one that is not detached yet counts. */
const readDrgAttachment: NetworkHandler<typeof ReadDrgAttachmentActivity> = async (ctx, { compartmentId, drgId, vcnId }) => {
  const attachments = await ctx.oci.listDrgAttachments(compartmentId, { drgId, vcnId });
  return { kind: "ok" as const, attached: attachments.some((attachment) => attachment.drgId === drgId && attachment.freeformTags[OWNER_TAG] === ctx.owner) };
};

export function createTeardownActivities(deps: NetworkDeps) {
  return {
    DeleteConnectionActivity: networkActivity(deps, DeleteConnectionActivity, deleteConnection),
    DeleteVirtualCircuitActivity: networkActivity(deps, DeleteVirtualCircuitActivity, deleteVirtualCircuit),
    DeleteCircuitActivity: networkActivity(deps, DeleteCircuitActivity, deleteCircuit),
    ReadOperationActivity: activity(
      ReadOperationActivity,
      async (input) => ({ kind: "ok" as const, ...(await (await deps.clouds()).azure(input.subscriptionId).getOperationStatus(input.operation)) }),
      classifyCloudError,
    ),
    ReadOperationsActivity: activity(
      ReadOperationsActivity,
      async (input) => {
        const azure = (await deps.clouds()).azure(input.subscriptionId);
        return { kind: "ok" as const, statuses: await Promise.all(input.operations.map((operation) => azure.getOperationStatus(operation))) };
      },
      classifyCloudError,
    ),
    DeleteGatewayIfUnusedActivity: networkActivity(deps, DeleteGatewayIfUnusedActivity, deleteGatewayIfUnused),
    DeleteGatewayPublicIpIfUnusedActivity: networkActivity(deps, DeleteGatewayPublicIpIfUnusedActivity, deleteGatewayPublicIpIfUnused),
    DeleteGatewaySubnetIfUnusedActivity: networkActivity(deps, DeleteGatewaySubnetIfUnusedActivity, deleteGatewaySubnetIfUnused),
    DeleteDrgAttachmentIfOwnedActivity: networkActivity(deps, DeleteDrgAttachmentIfOwnedActivity, deleteDrgAttachmentIfOwned),
    DeleteDrgIfUnusedActivity: networkActivity(deps, DeleteDrgIfUnusedActivity, deleteDrgIfUnused),
    ReadDrgAttachmentActivity: networkActivity(deps, ReadDrgAttachmentActivity, readDrgAttachment),
  };
}
