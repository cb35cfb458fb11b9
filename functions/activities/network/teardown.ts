import {
  DeleteCircuitActivity,
  DeleteConnectionActivity,
  DeleteDrgAttachmentIfOwnedActivity,
  DeleteDrgIfUnusedActivity,
  DeleteGatewayIfUnusedActivity,
  DeleteGatewaySubnetIfUnusedActivity,
  DeleteVirtualCircuitActivity,
  ReadOperationActivity,
  ReadSharedResourcesActivity,
} from "../../../orchestrations/contracts/teardown";
import { GATEWAY_SUBNET_NAME } from "../../../shared/domain/catalogue";
import { OWNER_TAG } from "../../../shared/domain/naming";
import { classifyCloudError } from "../../../shared/clouds/errors";
import { activity } from "../register";
import { type NetworkContext, type NetworkDeps, type NetworkHandler, networkActivity, ownDrgId } from "./context";

const deleteConnection: NetworkHandler<typeof DeleteConnectionActivity> = async (ctx) => {
  const { existed } = await ctx.azure.deleteConnection(ctx.rg, ctx.names.gatewayConnection);
  return { kind: "ok" as const, existed };
};

/** Found by the recorded id or, after a crash before it was recorded, by display name. */
const deleteVirtualCircuit: NetworkHandler<typeof DeleteVirtualCircuitActivity> = async (ctx, input) => {
  const id = input.resources.virtualCircuitId ?? (await ctx.oci.findVirtualCircuit(ctx.compartmentId, ctx.names.virtualCircuit))?.id;
  if (!id) return { kind: "ok" as const, existed: false };
  const { existed } = await ctx.oci.deleteVirtualCircuit(id);
  return { kind: "ok" as const, existed, virtualCircuitId: id };
};

const deleteCircuit: NetworkHandler<typeof DeleteCircuitActivity> = async (ctx) => {
  const started = await ctx.azure.startDeleteExpressRouteCircuit(ctx.rg, ctx.names.expressRouteCircuit);
  return { kind: "ok" as const, existed: started.existed, operation: started.operation };
};


async function vnetId(ctx: NetworkContext): Promise<string | null> {
  return (await ctx.azure.getVirtualNetwork(ctx.rg, ctx.request.azure.vnet.name))?.id ?? null;
}

/** Interconnects other than this one that are (or are becoming) live on the same VNet. */
async function otherInterconnectsOnVnet(ctx: NetworkContext): Promise<string[]> {
  const { azure } = ctx.request;
  const sameVnet = (other: typeof azure) =>
    other.subscriptionId === azure.subscriptionId && other.resourceGroup.toLowerCase() === azure.resourceGroup.toLowerCase() && other.vnet.name.toLowerCase() === azure.vnet.name.toLowerCase();
  const records = await ctx.inventory().list();
  return records.filter((record) => record.name !== ctx.request.name && LIVE_STATES.has(record.state) && sameVnet(record.spec.azure)).map((record) => record.name);
}
const LIVE_STATES = new Set(["Provisioning", "Active", "Degraded", "Suspended", "Updating"]);

/**
 * The VNet's gateway is shared by every interconnect on that VNet, so it carries the tag of the one that
 * created it. It goes when Interlink created it (for any interconnect), no connection uses it and no other
 * interconnect on the VNet is live or being set up; so the last one out removes it, whoever came first.
 */
const deleteGatewayIfUnused: NetworkHandler<typeof DeleteGatewayIfUnusedActivity> = async (ctx) => {
  const id = await vnetId(ctx);
  const gateway = id ? await ctx.azure.findExpressRouteGateway(ctx.rg, id) : null;
  if (!gateway) return { kind: "ok" as const, deleted: false, reason: "no ExpressRoute gateway" };
  if (!gateway.tags[OWNER_TAG]) return { kind: "ok" as const, deleted: false, reason: `kept ${gateway.name}: Interlink did not create it` };
  const connections = await ctx.azure.listGatewayConnections(ctx.rg, gateway.name);
  if (connections.length > 0) return { kind: "ok" as const, deleted: false, reason: `kept ${gateway.name}: still used by ${connections.join(", ")}` };
  const others = await otherInterconnectsOnVnet(ctx);
  if (others.length > 0) return { kind: "ok" as const, deleted: false, reason: `kept ${gateway.name}: interconnect(s) ${others.join(", ")} on the same VNet need it` };
  await ctx.azure.deleteVirtualNetworkGateway(ctx.rg, gateway.name);
  return { kind: "ok" as const, deleted: true, reason: `deleting ${gateway.name}` };
};

/** Subnets carry no tags, so only the inventory knows Interlink created the GatewaySubnet. */
const deleteGatewaySubnetIfUnused: NetworkHandler<typeof DeleteGatewaySubnetIfUnusedActivity> = async (ctx, input) => {
  if (!input.resources.gatewaySubnetCreated) return { kind: "ok" as const, deleted: false, reason: "kept: Interlink did not create it" };
  const vnet = await ctx.azure.getVirtualNetwork(ctx.rg, ctx.request.azure.vnet.name);
  const subnet = vnet?.subnets.find((candidate) => candidate.name === GATEWAY_SUBNET_NAME);
  if (!subnet) return { kind: "ok" as const, deleted: false, reason: "already gone" };
  if (subnet.usedBy.length > 0) return { kind: "ok" as const, deleted: false, reason: `kept: used by ${subnet.usedBy.length} IP configuration(s)` };
  await ctx.azure.deleteSubnet(ctx.rg, ctx.request.azure.vnet.name, GATEWAY_SUBNET_NAME);
  return { kind: "ok" as const, deleted: true, reason: "deleted" };
};

const deleteDrgAttachmentIfOwned: NetworkHandler<typeof DeleteDrgAttachmentIfOwnedActivity> = async (ctx, input) => {
  const drgId = await ownDrgId(ctx, input.resources.drgId);
  const vcn = await ctx.oci.getVcn(ctx.request.oci.vcnId);
  if (!drgId || !vcn) return { kind: "ok" as const, deleted: false, reason: "no attachment" };
  const attachment = (await ctx.oci.listDrgAttachments(vcn.compartmentId, { vcnId: vcn.id, drgId })).find((candidate) => candidate.drgId === drgId);
  if (!attachment) return { kind: "ok" as const, deleted: false, reason: "no attachment" };
  if (attachment.freeformTags[OWNER_TAG] !== ctx.request.name) return { kind: "ok" as const, deleted: false, reason: "kept: Interlink did not create it" };
  await ctx.oci.deleteDrgAttachment(attachment.id);
  return { kind: "ok" as const, deleted: true, reason: "detaching" };
};

const deleteDrgIfUnused: NetworkHandler<typeof DeleteDrgIfUnusedActivity> = async (ctx, input) => {
  if (ctx.request.oci.drgId) return { kind: "ok" as const, deleted: false, reason: "kept: the request named an existing DRG" };
  const drgId = await ownDrgId(ctx, input.resources.drgId);
  const drg = drgId ? await ctx.oci.getDrg(drgId) : null;
  if (!drg) return { kind: "ok" as const, deleted: false, reason: "no DRG" };
  if (drg.freeformTags[OWNER_TAG] !== ctx.request.name) return { kind: "ok" as const, deleted: false, reason: "kept: Interlink did not create it" };
  const attachments = await ctx.oci.listDrgAttachments(ctx.compartmentId, { drgId: drg.id });
  if (attachments.length > 0) return { kind: "ok" as const, deleted: false, reason: `kept: ${attachments.length} attachment(s) still use it` };
  await ctx.oci.deleteDrg(drg.id);
  return { kind: "ok" as const, deleted: true, reason: "deleted" };
};

const readSharedResources: NetworkHandler<typeof ReadSharedResourcesActivity> = async (ctx, input) => {
  const id = await vnetId(ctx);
  const gateway = id ? await ctx.azure.findExpressRouteGateway(ctx.rg, id) : null;
  const drgId = await ownDrgId(ctx, input.resources.drgId);
  const vcn = await ctx.oci.getVcn(ctx.request.oci.vcnId);
  const attachments = drgId && vcn ? await ctx.oci.listDrgAttachments(vcn.compartmentId, { vcnId: vcn.id, drgId }) : [];
  return {
    kind: "ok" as const,
    gatewayExists: gateway !== null,
    ...(gateway?.provisioningState ? { gatewayProvisioningState: gateway.provisioningState } : {}),
    drgAttachmentExists: attachments.some((attachment) => attachment.drgId === drgId && attachment.freeformTags[OWNER_TAG] === ctx.request.name),
  };
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
    DeleteGatewayIfUnusedActivity: networkActivity(deps, DeleteGatewayIfUnusedActivity, deleteGatewayIfUnused),
    DeleteGatewaySubnetIfUnusedActivity: networkActivity(deps, DeleteGatewaySubnetIfUnusedActivity, deleteGatewaySubnetIfUnused),
    DeleteDrgAttachmentIfOwnedActivity: networkActivity(deps, DeleteDrgAttachmentIfOwnedActivity, deleteDrgAttachmentIfOwned),
    DeleteDrgIfUnusedActivity: networkActivity(deps, DeleteDrgIfUnusedActivity, deleteDrgIfUnused),
    ReadSharedResourcesActivity: networkActivity(deps, ReadSharedResourcesActivity, readSharedResources),
  };
}
