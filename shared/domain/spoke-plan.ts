import { type PlannedResource } from "./plan";
import { type SetupRequest } from "./setup-request";
import { spokePeeringNames, spokeWhere } from "./spokes";

type Resource = (kind: string, name: string, action: PlannedResource["action"], properties?: Record<string, unknown>) => PlannedResource;

/** The spokes' declared ranges, or where they come from. */
export function spokeCidrsOf(request: SetupRequest, fromCloud: string): string[] {
  return request.azure.spokes.flatMap((spoke) => spoke.vnet.addressSpaces ?? [`${fromCloud} (${spoke.vnet.name})`]);
}

/** What the spokes step does, in its order: every hub side, then every spoke side, then the wait for Connected. */
export function spokeSetupResources(request: SetupRequest, azure: Resource): PlannedResource[] {
  const hub = request.azure.vnet.name;
  const peerings = request.azure.spokes.map((spoke) => ({ spoke, where: spokeWhere(request.azure.subscriptionId, spoke), names: spokePeeringNames(request.name, hub, spokeWhere(request.azure.subscriptionId, spoke)) }));
  return [
    ...peerings.map(({ spoke, where, names }, index) =>
      azure("virtualNetworkPeering", `${hub}/${names.hub}`, "create", { order: index + 1, remoteVirtualNetwork: where.vnet, allowGatewayTransit: true, useRemoteGateways: false, allowForwardedTraffic: spoke.allowForwardedTraffic, after: "the gateway is Succeeded" }),
    ),
    ...peerings.map(({ spoke, where, names }, index) =>
      azure("virtualNetworkPeering", `${where.vnet}/${names.spoke}`, "create", {
        order: peerings.length + index + 1,
        subscriptionId: where.subscriptionId,
        resourceGroup: where.resourceGroup,
        remoteVirtualNetwork: hub,
        allowGatewayTransit: false,
        useRemoteGateways: true,
        allowForwardedTraffic: spoke.allowForwardedTraffic,
        after: "the hub side allows gateway transit",
        addressSpaces: spoke.vnet.addressSpaces ?? "read at preflight",
      }),
    ),
    ...(peerings.length > 0 ? [azure("virtualNetworkPeering", `${peerings.length * 2} peering side(s)`, "wait", { until: { peeringState: "Connected", provisioningState: "Succeeded" } })] : []),
  ];
}

/** Teardown removes each spoke's side before the hub's. */
export function spokeTeardownResources(request: SetupRequest, azure: Resource): PlannedResource[] {
  const hub = request.azure.vnet.name;
  return request.azure.spokes.flatMap((spoke) => {
    const where = spokeWhere(request.azure.subscriptionId, spoke);
    const names = spokePeeringNames(request.name, hub, where);
    return [azure("virtualNetworkPeering", `${where.vnet}/${names.spoke}`, "delete"), azure("virtualNetworkPeering", `${hub}/${names.hub}`, "delete")];
  });
}
