import { currentTime } from "../../../shared/config/clock";
import { PutVnet2VnetConnectionActivity, ReadVnet2VnetActivity, Vnet2VnetPreflightActivity } from "../../../orchestrations/contracts/vpn";
import { isNotReady } from "../../../shared/clouds/ports";
import { newSharedKey } from "../../../shared/clouds/vpn-keys";
import { cidr, overlaps } from "../../../shared/domain/cidr";
import { GATEWAY_SUBNET_NAME } from "../../../shared/domain/catalogue";
import { vpnResourceNames } from "../../../shared/domain/vpn-link";
import { vnet2vnetHealth } from "../../../shared/operations/vpn-health";
import { type NetworkDeps, type NetworkHandler, networkActivity, notReady, operationsOf, refusal } from "../network/context";

/** Both VNets exist and their address spaces do not overlap (traffic between them could not be routed). */
const preflight: NetworkHandler<typeof Vnet2VnetPreflightActivity> = async (ctx, { vnets }) => {
  const sides = [];
  for (const where of vnets) {
    const vnet = await ctx.azure(where).getVirtualNetwork(where.resourceGroup, where.vnet);
    if (!vnet) return refusal("VirtualNetworkNotFound", `no VNet ${where.vnet} in ${where.resourceGroup} of subscription ${where.subscriptionId}`);
    sides.push({ vnetId: vnet.id, location: vnet.location, cidrs: vnet.addressSpaces, hasGatewaySubnet: vnet.subnets.some((subnet) => subnet.name === GATEWAY_SUBNET_NAME) });
  }
  const [first, second] = sides;
  const clash = first && second ? first.cidrs.flatMap((a) => second.cidrs.filter((b) => overlaps(cidr(a), cidr(b))).map((b) => `${a} overlaps ${b}`)) : [];
  if (clash.length > 0) return refusal("AddressSpacesOverlap", `the VNets' address spaces overlap (${clash.join(", ")}): traffic between them could not be routed`);
  const warnings = sides.flatMap((side, index) => (side.hasGatewaySubnet ? [] : [`${vnets[index]?.vnet ?? ""} has no ${GATEWAY_SUBNET_NAME}: it will be created`]));
  return { kind: "ok" as const, sides: sides.map(({ hasGatewaySubnet: _has, ...side }) => side), warnings };
};

/**
 * One direction's connection. Its key: the one it already has (a replay keeps it), else the other direction's (read
 * from Azure), else a new CSPRNG key; so both directions always end with the same key and none leaves the activity.
 */
const putConnection: NetworkHandler<typeof PutVnet2VnetConnectionActivity> = async (ctx, input) => {
  const where = input.azure;
  const azure = ctx.azure(where);
  const names = vpnResourceNames(input.ref.name, where.vnet);
  const own = names.connection(input.direction);
  const from = input.keyFrom;
  const sharedKey =
    (await azure.getConnectionSharedKey(where.resourceGroup, own)) ??
    (from ? await ctx.azure(from).getConnectionSharedKey(from.resourceGroup, names.connection(from.direction)) : null) ??
    newSharedKey();
  const put = await azure.putVpnConnection(where.resourceGroup, own, {
    location: input.location,
    gatewayId: input.gatewayId,
    to: { peerGatewayId: input.peerGatewayId },
    sharedKey,
    enableBgp: false,
    protocol: "IKEv2",
    ipsecPolicy: input.policy,
    tags: ctx.tags,
  });
  if (isNotReady(put)) return notReady(put.notReady);
  return { kind: "ok" as const, connectionId: put.id, operations: operationsOf(put) };
};

const readLink: NetworkHandler<typeof ReadVnet2VnetActivity> = async (ctx, { ref, vnets }) => {
  const names = vpnResourceNames(ref.name, "");
  const sides = vnets.map((where, index) => ({ azure: ctx.azure(where), resourceGroup: where.resourceGroup, vnet: where.vnet, connection: names.connection(index) }));
  return { kind: "ok" as const, health: await vnet2vnetHealth(sides, currentTime()) };
};

export function createVnet2VnetActivities(deps: NetworkDeps) {
  return {
    Vnet2VnetPreflightActivity: networkActivity(deps, Vnet2VnetPreflightActivity, preflight),
    PutVnet2VnetConnectionActivity: networkActivity(deps, PutVnet2VnetConnectionActivity, putConnection),
    ReadVnet2VnetActivity: networkActivity(deps, ReadVnet2VnetActivity, readLink),
  };
}
