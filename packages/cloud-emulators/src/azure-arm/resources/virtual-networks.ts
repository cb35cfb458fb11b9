import { z } from "zod";
import { armEtag } from "../../core/ids";
import type { World } from "../../core/world";
import { parseArm, propertiesOf } from "../body";
import { badRequest } from "../errors";
import { childId, Reference, renderChildren } from "../generic";
import type { ChildKind, TrackedKind } from "../kinds";
import type { SubnetChild, VirtualNetworkRecord } from "../model";
import { gatewayIpConfigurationsOnSubnet } from "../queries";
import { findChild } from "../store";
import { checkAddressSpace, checkSubnet } from "./subnet-rules";
import { vnetPeerings } from "./vnet-peerings";

const SubnetProperties = z.object({ addressPrefix: z.string().min(1), networkSecurityGroup: Reference, routeTable: Reference });
const InlineSubnet = z.object({ name: z.string().min(1), properties: SubnetProperties });
const VnetProperties = z.object({
  addressSpace: z.object({ addressPrefixes: z.array(z.string()) }),
  subnets: z.array(InlineSubnet).optional(),
  enableDdosProtection: z.boolean().optional(),
});

function inUseError(subnetName: string, users: string[]): Error {
  return badRequest(
    "InUseSubnetCannotBeDeleted",
    `Subnet ${subnetName} is in use by ${users.join(", ")} and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet. See aka.ms/deletesubnet.`,
  );
}

function subnetFrom(name: string, properties: z.infer<typeof SubnetProperties>, existing: SubnetChild | undefined): SubnetChild {
  const subnet: SubnetChild = { name, etag: existing?.etag ?? armEtag(), provisioningState: existing?.provisioningState ?? "Succeeded", addressPrefix: properties.addressPrefix };
  if (existing?.standalone) subnet.standalone = true;
  if (properties.networkSecurityGroup) subnet.networkSecurityGroupId = properties.networkSecurityGroup.id;
  if (properties.routeTable) subnet.routeTableId = properties.routeTable.id;
  return subnet;
}

function sameSubnet(a: SubnetChild, b: SubnetChild): boolean {
  return a.addressPrefix === b.addressPrefix && a.networkSecurityGroupId?.toLowerCase() === b.networkSecurityGroupId?.toLowerCase() && a.routeTableId?.toLowerCase() === b.routeTableId?.toLowerCase();
}

export const subnets: ChildKind<"virtualNetworks", SubnetChild> = {
  parentKind: "virtualNetworks",
  childType: "subnets",
  opGroup: "subnets",
  armType: "Microsoft.Network/virtualNetworks/subnets",
  children: (vnet) => vnet.subnets,
  setChildren: (vnet, children) => {
    vnet.subnets = children;
  },
  build({ world, parent, name, body, existing, id }) {
    const properties = parseArm(SubnetProperties, propertiesOf(body), "properties");
    const subnet = subnetFrom(name, properties, existing);
    if (!existing) subnet.standalone = true;
    checkSubnet(world, parent.name, parent.addressPrefixes, parent.subnets, subnet, id);
    if (existing && existing.addressPrefix !== subnet.addressPrefix) {
      const users = gatewayIpConfigurationsOnSubnet(world, id);
      if (users.length > 0) throw badRequest("InUseSubnetCannotBeUpdated", `Subnet ${name} is in use by ${users.join(", ")} and its address prefix cannot be changed.`);
    }
    return subnet;
  },
  properties(world, vnet, subnet) {
    const id = childId(subnets, vnet, subnet.name);
    const properties: Record<string, unknown> = {
      addressPrefix: subnet.addressPrefix,
      privateEndpointNetworkPolicies: "Disabled",
      privateLinkServiceNetworkPolicies: "Enabled",
    };
    if (subnet.networkSecurityGroupId) properties.networkSecurityGroup = { id: subnet.networkSecurityGroupId };
    if (subnet.routeTableId) properties.routeTable = { id: subnet.routeTableId };
    const users = gatewayIpConfigurationsOnSubnet(world, id);
    if (users.length > 0) properties.ipConfigurations = users.map((user) => ({ id: user }));
    return properties;
  },
  provisioningMs: (world) => world.config.durations.armSmallResource,
  deleteMs: (world) => world.config.durations.armSmallDelete,
  checkDelete(world, vnet, subnet) {
    const users = gatewayIpConfigurationsOnSubnet(world, childId(subnets, vnet, subnet.name));
    if (users.length > 0) throw inUseError(subnet.name, users);
  },
};

export const virtualNetworks: TrackedKind<"virtualNetworks"> = {
  kind: "virtualNetworks",
  type: "virtualNetworks",
  build({ world, id, name, body, existing }) {
    const properties = parseArm(VnetProperties, propertiesOf(body), "properties");
    const addressPrefixes = properties.addressSpace.addressPrefixes;
    checkAddressSpace(addressPrefixes);
    // A PUT replaces the inline subnet collection: subnets it leaves out are deleted.
    const next = (properties.subnets ?? []).map((inline) => {
      const before = existing ? findChild(existing.subnets, inline.name) : undefined;
      const subnet = subnetFrom(before?.name ?? inline.name, inline.properties, before);
      if (!before || !sameSubnet(before, subnet)) subnet.provisioningState = "Updating";
      return subnet;
    });
    const names = new Set<string>();
    for (const subnet of next) {
      if (names.has(subnet.name.toLowerCase())) throw badRequest("InvalidRequestFormat", `Cannot parse the request. Subnet '${subnet.name}' appears twice.`);
      names.add(subnet.name.toLowerCase());
      checkSubnet(world, name, addressPrefixes, next, subnet, `${id}/subnets/${subnet.name}`);
    }
    for (const removed of existing?.subnets.filter((subnet) => !names.has(subnet.name.toLowerCase())) ?? []) {
      const users = gatewayIpConfigurationsOnSubnet(world, `${id}/subnets/${removed.name}`);
      if (users.length > 0) throw inUseError(removed.name, users);
    }
    return {
      addressPrefixes,
      subnets: next,
      // Peerings are their own resources: a VNet PUT leaves them alone.
      peerings: existing?.peerings ?? [],
      enableDdosProtection: properties.enableDdosProtection ?? false,
    };
  },
  afterPut(world, record) {
    for (const subnet of record.subnets) if (subnet.provisioningState === "Updating") subnet.pendingOpId = record.pendingOpId ?? "";
  },
  properties(world: World, record: VirtualNetworkRecord) {
    return {
      addressSpace: { addressPrefixes: record.addressPrefixes },
      subnets: renderChildren(world, subnets, record),
      virtualNetworkPeerings: renderChildren(world, vnetPeerings, record),
      enableDdosProtection: record.enableDdosProtection,
      privateEndpointVNetPolicies: "Disabled",
    };
  },
  provisioningMs: (world) => world.config.durations.armSmallResource,
  deleteMs: (world) => world.config.durations.armSmallDelete,
  checkDelete(world, record) {
    for (const subnet of record.subnets) {
      const users = gatewayIpConfigurationsOnSubnet(world, `${record.id}/subnets/${subnet.name}`);
      if (users.length > 0) throw inUseError(subnet.name, users);
    }
  },
};
