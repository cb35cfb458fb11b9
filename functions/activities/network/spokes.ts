import { PeerSpokeActivity, type PeeringSide, ReadAzureRangesActivity, ReadSpokePeeringsActivity, RemoveSpokePeeringActivity } from "../../../orchestrations/contracts/spokes";
import { spokeCidrs } from "../../../shared/operations/spoke-networks";
import { type SpokeTarget } from "../../../orchestrations/contracts/common";
import { spokePeeringNames } from "../../../shared/domain/spokes";
import { type VnetPeeringView } from "../../../shared/clouds/ports";
import { type NetworkContext, type NetworkDeps, type NetworkHandler, networkActivity, notReady, operationsOf, refusal } from "./context";

type HubWhere = { subscriptionId: string; resourceGroup: string; vnet: string };

/** Where each side of a spoke's peering lives and what it is called. */
function sides(ctx: NetworkContext, hub: HubWhere, spoke: SpokeTarget) {
  const names = spokePeeringNames(ctx.owner, hub.vnet, spoke);
  return {
    hub: { where: hub, name: names.hub },
    spoke: { where: { subscriptionId: spoke.subscriptionId, resourceGroup: spoke.resourceGroup, vnet: spoke.vnet }, name: names.spoke },
  } satisfies Record<PeeringSide, { where: HubWhere; name: string }>;
}

/**
 * One side of a spoke's peering. Hub side: allowGatewayTransit (the hub's gateway serves the spoke); spoke side:
 * useRemoteGateways. Each points at the other VNet's id as ARM reports it.
 */
const peerSpoke: NetworkHandler<typeof PeerSpokeActivity> = async (ctx, { azure: hub, spoke, side }) => {
  const { hub: hubSide, spoke: spokeSide } = sides(ctx, hub, spoke);
  const [hubVnet, spokeVnet] = await Promise.all([ctx.azure(hub).getVirtualNetwork(hub.resourceGroup, hub.vnet), ctx.azure(spoke).getVirtualNetwork(spoke.resourceGroup, spoke.vnet)]);
  if (!hubVnet) return refusal("VnetNotFound", `the hub VNet ${hub.vnet} is gone`);
  if (!spokeVnet) return refusal("VnetNotFound", `the spoke VNet ${spoke.vnet} in ${spoke.resourceGroup} is gone`);
  const local = side === "hub" ? hubSide : spokeSide;
  const existing = (await ctx.azure(local.where).listVnetPeerings(local.where.resourceGroup, local.where.vnet)).find((peering) => peering.name === local.name);
  if (existing && (existing.provisioningState === "Updating" || existing.provisioningState === "Deleting")) return notReady(`the ${side} side's peering ${local.name} is ${existing.provisioningState}`);
  const wanted = {
    remoteVnetId: side === "hub" ? spokeVnet.id : hubVnet.id,
    allowGatewayTransit: side === "hub",
    useRemoteGateways: side === "spoke",
    allowForwardedTraffic: spoke.allowForwardedTraffic,
  };
  const outOfSync = existing?.syncLevel !== undefined && existing.syncLevel !== "FullyInSync";
  // A peering already as wanted, provisioned and in sync is left alone (a topology change passes every spoke).
  if (existing && !outOfSync && existing.provisioningState === "Succeeded" && sameFlags(existing, wanted)) return { kind: "ok" as const, operations: [] };
  // An address space that changed since the peering took it is taken in (ARM's syncRemoteAddressSpace).
  const started = await ctx.azure(local.where).putVnetPeering(local.where.resourceGroup, local.where.vnet, local.name, { ...wanted, ...(outOfSync ? { syncRemoteAddressSpace: true } : {}) });
  return { kind: "ok" as const, operations: operationsOf(started) };
};

const sameFlags = (peering: VnetPeeringView, wanted: Omit<VnetPeeringView, "name" | "peeringState">) =>
  peering.remoteVnetId.toLowerCase() === wanted.remoteVnetId.toLowerCase() &&
  peering.allowGatewayTransit === wanted.allowGatewayTransit &&
  peering.useRemoteGateways === wanted.useRemoteGateways &&
  peering.allowForwardedTraffic === wanted.allowForwardedTraffic;

const stateOf = (peering: VnetPeeringView | undefined) =>
  peering ? { peeringState: peering.peeringState, ...(peering.syncLevel ? { syncLevel: peering.syncLevel } : {}), ...(peering.provisioningState ? { provisioningState: peering.provisioningState } : {}) } : null;

const readSpokePeerings: NetworkHandler<typeof ReadSpokePeeringsActivity> = async (ctx, { azure: hub, spokes }) => {
  const hubPeerings = await ctx.azure(hub).listVnetPeerings(hub.resourceGroup, hub.vnet);
  const states = await Promise.all(
    spokes.map(async (spoke) => {
      const { hub: hubSide, spoke: spokeSide } = sides(ctx, hub, spoke);
      const spokePeerings = await ctx.azure(spoke).listVnetPeerings(spoke.resourceGroup, spoke.vnet);
      return { vnet: spoke.vnet, hub: stateOf(hubPeerings.find((peering) => peering.name === hubSide.name)), spoke: stateOf(spokePeerings.find((peering) => peering.name === spokeSide.name)) };
    }),
  );
  return { kind: "ok" as const, spokes: states };
};

const removeSpokePeering: NetworkHandler<typeof RemoveSpokePeeringActivity> = async (ctx, { azure: hub, spoke, side }) => {
  const local = sides(ctx, hub, spoke)[side];
  const deleted = await ctx.azure(local.where).deleteVnetPeering(local.where.resourceGroup, local.where.vnet, local.name);
  return { kind: "ok" as const, existed: deleted.existed, operations: operationsOf(deleted) };
};

const readAzureRanges: NetworkHandler<typeof ReadAzureRangesActivity> = async (ctx, { azure: hub }) => {
  const vnet = await ctx.azure(hub).getVirtualNetwork(hub.resourceGroup, hub.vnet);
  const spokes = await spokeCidrs((subscriptionId) => ctx.azure({ subscriptionId }), hub.spokes);
  return { kind: "ok" as const, cidrs: [...(vnet?.addressSpaces ?? hub.addressSpaces ?? []), ...spokes] };
};

export function createSpokeActivities(deps: NetworkDeps) {
  return {
    PeerSpokeActivity: networkActivity(deps, PeerSpokeActivity, peerSpoke),
    ReadSpokePeeringsActivity: networkActivity(deps, ReadSpokePeeringsActivity, readSpokePeerings),
    RemoveSpokePeeringActivity: networkActivity(deps, RemoveSpokePeeringActivity, removeSpokePeering),
    ReadAzureRangesActivity: networkActivity(deps, ReadAzureRangesActivity, readAzureRanges),
  };
}
