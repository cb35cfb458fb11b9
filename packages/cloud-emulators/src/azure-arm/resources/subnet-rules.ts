import { contains, overlaps, parseIpv4Cidr } from "../../core/cidr";
import type { World } from "../../core/world";
import { ArmError, badRequest } from "../errors";
import type { SubnetChild } from "../model";
import { armRecord } from "../store";

/** Checks shared by inline VNet subnets and the subnets child PUT. */
export function checkAddressSpace(prefixes: string[]): void {
  if (prefixes.length === 0) throw badRequest("InvalidRequestFormat", "Cannot parse the request. Property 'properties.addressSpace.addressPrefixes' must contain at least one prefix.");
  const parsed = prefixes.map((prefix) => {
    const result = parseIpv4Cidr(prefix);
    if (!result.ok) throw badRequest("InvalidAddressPrefixFormat", `Address prefix ${prefix} does not have a valid format. ${result.message}`);
    return result.cidr;
  });
  parsed.forEach((a, i) =>
    parsed.slice(i + 1).forEach((b) => {
      if (overlaps(a, b)) throw badRequest("NetcfgOverlappingAddressSpaces", `Address prefixes ${a.text} and ${b.text} of the virtual network overlap.`);
    }),
  );
}

export function checkReference(world: World, id: string | undefined, expectedType: string, referencedBy: string): void {
  if (id === undefined) return;
  const record = armRecord(world, id);
  if (!record || record.kind !== expectedType) {
    throw new ArmError(
      400,
      "InvalidResourceReference",
      `Resource ${id} referenced by resource ${referencedBy} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.`,
    );
  }
}

export function checkSubnet(world: World, vnetName: string, vnetPrefixes: string[], siblings: SubnetChild[], subnet: SubnetChild, subnetId: string): void {
  const parsed = parseIpv4Cidr(subnet.addressPrefix);
  if (!parsed.ok) throw badRequest("NetcfgInvalidSubnet", `Subnet '${subnet.name}' is not valid in virtual network '${vnetName}'. ${parsed.message}`);
  const space = vnetPrefixes.map((prefix) => parseIpv4Cidr(prefix)).flatMap((result) => (result.ok ? [result.cidr] : []));
  if (!space.some((block) => contains(block, parsed.cidr))) {
    throw badRequest(
      "NetcfgSubnetRangeOutsideVnet",
      `Subnet '${subnet.name}' is not valid because its IP address range is outside the IP address range of virtual network '${vnetName}'.`,
    );
  }
  for (const sibling of siblings) {
    if (sibling.name.toLowerCase() === subnet.name.toLowerCase()) continue;
    const other = parseIpv4Cidr(sibling.addressPrefix);
    if (other.ok && overlaps(other.cidr, parsed.cidr)) {
      throw badRequest(
        "NetcfgSubnetRangesOverlap",
        `Subnet '${subnet.name}' is not valid in virtual network '${vnetName}' because its address range overlaps with subnet '${sibling.name}'.`,
      );
    }
  }
  checkReference(world, subnet.networkSecurityGroupId, "networkSecurityGroups", subnetId);
  checkReference(world, subnet.routeTableId, "routeTables", subnetId);
}
