import { z } from "zod";
import { overlaps, parseIpv4Cidr } from "../../core/cidr";
import { armEtag, guid } from "../../core/ids";
import type { World } from "../../core/world";
import { parseArm, propertiesOf } from "../body";
import { badRequest } from "../errors";
import { childId } from "../generic";
import { sameId } from "../ids";
import type { ChildKind } from "../kinds";
import type { VirtualNetworkRecord, VnetPeeringChild } from "../model";
import { gatewaysInVnet } from "../queries";
import { armRecordOf } from "../store";
import { checkReference } from "./subnet-rules";

const PeeringProperties = z.object({
  remoteVirtualNetwork: z.object({ id: z.string().min(1) }),
  allowVirtualNetworkAccess: z.boolean().optional(),
  allowForwardedTraffic: z.boolean().optional(),
  allowGatewayTransit: z.boolean().optional(),
  useRemoteGateways: z.boolean().optional(),
});

export type PeeringState = "Initiated" | "Connected" | "Disconnected";

function linkedPeering(world: World, vnet: VirtualNetworkRecord, peering: VnetPeeringChild): { remote?: VirtualNetworkRecord; back?: VnetPeeringChild } {
  const remote = armRecordOf(world, "virtualNetworks", peering.remoteVirtualNetworkId);
  const back = remote?.peerings.find((candidate) => sameId(candidate.remoteVirtualNetworkId, vnet.id));
  return { remote, back };
}

/**
 * Azure peering states: one side alone is Initiated; both sides make both Connected; once connected,
 * losing the other side (or the remote VNet) leaves this one Disconnected for good.
 */
export function peeringState(world: World, vnet: VirtualNetworkRecord, peering: VnetPeeringChild): PeeringState {
  const { remote, back } = linkedPeering(world, vnet, peering);
  if (!remote || !back) return peering.everConnected || !remote ? "Disconnected" : "Initiated";
  return peering.everConnected && back.everConnected ? "Connected" : "Initiated";
}

const sameSpace = (a: readonly string[] | undefined, b: readonly string[]) => a === undefined || (a.length === b.length && a.every((prefix) => b.includes(prefix)));

/**
 * ARM's peeringSyncLevel: RemoteNotInSync when the remote VNet's address space changed since this peering took it,
 * LocalNotInSync when this VNet's changed since the remote peering took it, FullyInSync otherwise (Connected only).
 */
export function syncLevel(world: World, vnet: VirtualNetworkRecord, peering: VnetPeeringChild, state: PeeringState = peeringState(world, vnet, peering)): string {
  if (state !== "Connected") return "RemoteNotInSync";
  const { remote, back } = linkedPeering(world, vnet, peering);
  if (remote && !sameSpace(peering.remoteAddressPrefixes, remote.addressPrefixes)) return "RemoteNotInSync";
  if (back && !sameSpace(back.remoteAddressPrefixes, vnet.addressPrefixes)) return "LocalNotInSync";
  return "FullyInSync";
}

/** What a peering lets through of its remote VNet: the address space it last synced. */
export function syncedRemotePrefixes(world: World, peering: VnetPeeringChild): string[] {
  return peering.remoteAddressPrefixes ?? armRecordOf(world, "virtualNetworks", peering.remoteVirtualNetworkId)?.addressPrefixes ?? [];
}

export const vnetPeerings: ChildKind<"virtualNetworks", VnetPeeringChild> = {
  parentKind: "virtualNetworks",
  childType: "virtualNetworkPeerings",
  opGroup: "virtualNetworkPeerings",
  armType: "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
  children: (vnet) => vnet.peerings,
  setChildren: (vnet, children) => {
    vnet.peerings = children;
  },
  build({ world, parent, name, body, existing, id, query }) {
    const properties = parseArm(PeeringProperties, propertiesOf(body), "properties");
    const remoteId = properties.remoteVirtualNetwork.id;
    checkReference(world, remoteId, "virtualNetworks", id);
    const remote = armRecordOf(world, "virtualNetworks", remoteId);
    if (!remote) throw badRequest("InvalidResourceReference", `Resource ${remoteId} referenced by resource ${id} was not found.`);
    if (sameId(remote.id, parent.id)) throw badRequest("CannotPeerVirtualNetworkWithItself", `Virtual network ${parent.id} cannot be peered with itself.`);
    for (const local of parent.addressPrefixes) {
      for (const other of remote.addressPrefixes) {
        const a = parseIpv4Cidr(local);
        const b = parseIpv4Cidr(other);
        if (a.ok && b.ok && overlaps(a.cidr, b.cidr)) {
          throw badRequest("VnetAddressSpacesOverlap", `Cannot create or update peering ${id}. Virtual networks ${parent.id} and ${remote.id} cannot be peered because their address spaces overlap. Overlapping address prefixes: ${local}, ${other}.`);
        }
      }
    }
    const peering: VnetPeeringChild = {
      name,
      etag: existing?.etag ?? armEtag(),
      provisioningState: "Updating",
      remoteVirtualNetworkId: remote.id,
      allowVirtualNetworkAccess: properties.allowVirtualNetworkAccess ?? true,
      allowForwardedTraffic: properties.allowForwardedTraffic ?? false,
      allowGatewayTransit: properties.allowGatewayTransit ?? false,
      useRemoteGateways: properties.useRemoteGateways ?? false,
      everConnected: existing?.everConnected ?? false,
      resourceGuid: existing?.resourceGuid ?? guid(),
      // A peering keeps the remote address space it was made with until it is synced (syncRemoteAddressSpace=true).
      remoteAddressPrefixes: existing?.remoteAddressPrefixes && query?.get("syncRemoteAddressSpace") !== "true" ? existing.remoteAddressPrefixes : [...remote.addressPrefixes],
    };
    const back = remote.peerings.find((candidate) => sameId(candidate.remoteVirtualNetworkId, parent.id));
    if (back && peeringState(world, remote, back) === "Disconnected") {
      throw badRequest(
        "RemotePeeringIsDisconnected",
        `Cannot create or update peering ${id} because remote peering ${childId(vnetPeerings, remote, back.name)} referencing parent virtual network ${parent.id} is in Disconnected state. Update or re-create the remote peering to get it back to Initiated state.`,
      );
    }
    if (peering.useRemoteGateways) {
      if (gatewaysInVnet(world, parent).length > 0) {
        throw badRequest("UseRemoteGatewaysNotAllowedWithLocalGateway", `Peering ${id} cannot have UseRemoteGateways flag set to true because virtual network ${parent.id} already has a gateway.`);
      }
      if (gatewaysInVnet(world, remote).length === 0) {
        throw badRequest(
          "RemoteVnetHasNoGateways",
          `Peering ${id} cannot have UseRemoteGateway flag set to true because remote virtual network ${remote.id} referenced by the peering does not have any gateways.`,
        );
      }
      if (back && !back.allowGatewayTransit) {
        throw badRequest(
          "RemotePeeringDoesNotAllowGatewayTransit",
          "Peering-to-Gateway cannot have UseRemoteGateways flag set to true, because corresponding remote peering has AllowGatewayTransit flag set to false.",
        );
      }
      const other = parent.peerings.find((candidate) => candidate.useRemoteGateways && candidate.name.toLowerCase() !== name.toLowerCase());
      if (other) throw badRequest("OnlyOnePeeringCanUseRemoteGateways", `Only one peering of virtual network ${parent.id} can have UseRemoteGateways set to true; ${other.name} already does.`);
    }
    if (back) {
      peering.everConnected = true;
      back.everConnected = true;
    }
    return peering;
  },
  properties(world, vnet, peering) {
    const state = peeringState(world, vnet, peering);
    const remote = armRecordOf(world, "virtualNetworks", peering.remoteVirtualNetworkId);
    const remoteSpace = { addressPrefixes: peering.remoteAddressPrefixes ?? remote?.addressPrefixes ?? [] };
    return {
      remoteVirtualNetwork: { id: peering.remoteVirtualNetworkId },
      allowVirtualNetworkAccess: peering.allowVirtualNetworkAccess,
      allowForwardedTraffic: peering.allowForwardedTraffic,
      allowGatewayTransit: peering.allowGatewayTransit,
      useRemoteGateways: peering.useRemoteGateways,
      doNotVerifyRemoteGateways: false,
      peeringState: state,
      peeringSyncLevel: syncLevel(world, vnet, peering, state),
      remoteAddressSpace: remoteSpace,
      remoteVirtualNetworkAddressSpace: remoteSpace,
      resourceGuid: peering.resourceGuid,
    };
  },
  provisioningMs: (world) => world.config.durations.armSmallResource,
  deleteMs: (world) => world.config.durations.armSmallDelete,
};
