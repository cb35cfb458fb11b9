import { type NetworkManagementClient } from "@azure/arm-network";
import { isNotFound } from "../errors";
import { type Started, type VnetPeeringSpec, type VnetPeeringView } from "../ports";
import { orNull, submit } from "./arm-writes";

/** VNet peerings over @azure/arm-network: each side is a child of its own VNet, written alone (the VNet is never PUT). */
export async function listVnetPeerings(client: NetworkManagementClient, resourceGroup: string, vnet: string): Promise<VnetPeeringView[]> {
  const views: VnetPeeringView[] = [];
  for await (const peering of client.virtualNetworkPeerings.list(resourceGroup, vnet)) {
    views.push({
      name: peering.name ?? "",
      remoteVnetId: peering.remoteVirtualNetwork?.id ?? "",
      peeringState: peering.peeringState ?? "",
      ...(peering.peeringSyncLevel ? { syncLevel: peering.peeringSyncLevel } : {}),
      ...(peering.provisioningState ? { provisioningState: peering.provisioningState } : {}),
      allowGatewayTransit: peering.allowGatewayTransit ?? false,
      useRemoteGateways: peering.useRemoteGateways ?? false,
      allowForwardedTraffic: peering.allowForwardedTraffic ?? false,
    });
  }
  return views;
}

export function putVnetPeering(client: NetworkManagementClient, resourceGroup: string, vnet: string, name: string, spec: VnetPeeringSpec): Promise<Started> {
  return submit(() =>
    client.virtualNetworkPeerings.beginCreateOrUpdate(
      resourceGroup,
      vnet,
      name,
      {
        remoteVirtualNetwork: { id: spec.remoteVnetId },
        allowVirtualNetworkAccess: true,
        allowGatewayTransit: spec.allowGatewayTransit,
        useRemoteGateways: spec.useRemoteGateways,
        allowForwardedTraffic: spec.allowForwardedTraffic,
      },
      spec.syncRemoteAddressSpace ? { syncRemoteAddressSpace: "true" } : {},
    ),
  );
}

export async function deleteVnetPeering(client: NetworkManagementClient, resourceGroup: string, vnet: string, name: string): Promise<{ existed: boolean } & Started> {
  if ((await orNull(() => client.virtualNetworkPeerings.get(resourceGroup, vnet, name))) === null) return { existed: false };
  try {
    return { existed: true, ...(await submit(() => client.virtualNetworkPeerings.beginDelete(resourceGroup, vnet, name))) };
  } catch (error) {
    if (isNotFound(error)) return { existed: false };
    throw error;
  }
}
