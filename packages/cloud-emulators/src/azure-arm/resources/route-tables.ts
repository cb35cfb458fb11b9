import { z } from "zod";
import { parseIpv4Cidr } from "../../core/cidr";
import { armEtag } from "../../core/ids";
import { parseArm, propertiesOf } from "../body";
import { badRequest } from "../errors";
import { renderChildren } from "../generic";
import type { ChildKind, TrackedKind } from "../kinds";
import type { RouteChild } from "../model";
import { subnetIdsReferencing } from "../queries";
import { findChild } from "../store";

const RouteProperties = z.object({
  addressPrefix: z.string().min(1),
  nextHopType: z.enum(["VirtualNetworkGateway", "VnetLocal", "Internet", "VirtualAppliance", "None"]),
  nextHopIpAddress: z.string().optional(),
});
const InlineRoute = z.object({ name: z.string().min(1), properties: RouteProperties });

function routeFrom(name: string, properties: z.infer<typeof RouteProperties>, existing: RouteChild | undefined): RouteChild {
  // Service tags (e.g. "AzureCloud") are allowed as route prefixes; anything CIDR-shaped must be a valid CIDR.
  if (/^[\d.]+\/\d+$/.test(properties.addressPrefix)) {
    const parsed = parseIpv4Cidr(properties.addressPrefix);
    if (!parsed.ok) throw badRequest("InvalidAddressPrefixFormat", `Route ${name} has an invalid address prefix ${properties.addressPrefix}. ${parsed.message}`);
  }
  if (properties.nextHopType === "VirtualAppliance" && !properties.nextHopIpAddress) {
    throw badRequest("RouteNextHopIpAddressMissing", `Route ${name} has next hop type VirtualAppliance and requires nextHopIpAddress.`);
  }
  if (properties.nextHopType !== "VirtualAppliance" && properties.nextHopIpAddress) {
    throw badRequest("NextHopIpAddressNotAllowed", `Route ${name} has next hop type ${properties.nextHopType}; nextHopIpAddress is only allowed with VirtualAppliance.`);
  }
  const route: RouteChild = { name, etag: existing?.etag ?? armEtag(), provisioningState: "Updating", addressPrefix: properties.addressPrefix, nextHopType: properties.nextHopType };
  if (properties.nextHopIpAddress) route.nextHopIpAddress = properties.nextHopIpAddress;
  return route;
}

function checkDuplicates(routes: RouteChild[]): void {
  const seen = new Map<string, string>();
  for (const route of routes) {
    const other = seen.get(route.addressPrefix);
    if (other) throw badRequest("RouteConflict", `Route ${route.name} conflicts with route ${other}: both use address prefix ${route.addressPrefix}.`);
    seen.set(route.addressPrefix, route.name);
  }
}

export const routes: ChildKind<"routeTables", RouteChild> = {
  parentKind: "routeTables",
  childType: "routes",
  opGroup: "routes",
  armType: "Microsoft.Network/routeTables/routes",
  children: (table) => table.routes,
  setChildren: (table, children) => {
    table.routes = children;
  },
  build({ parent, name, body, existing }) {
    const route = routeFrom(name, parseArm(RouteProperties, propertiesOf(body), "properties"), existing);
    checkDuplicates([...parent.routes.filter((other) => other.name.toLowerCase() !== name.toLowerCase()), route]);
    return route;
  },
  properties: (_world, _table, route) => ({
    addressPrefix: route.addressPrefix,
    nextHopType: route.nextHopType,
    ...(route.nextHopIpAddress ? { nextHopIpAddress: route.nextHopIpAddress } : {}),
    hasBgpOverride: false,
  }),
  provisioningMs: (world) => world.config.durations.armSmallResource,
  deleteMs: (world) => world.config.durations.armSmallDelete,
};

export const routeTables: TrackedKind<"routeTables"> = {
  kind: "routeTables",
  type: "routeTables",
  build({ body, existing }) {
    const properties = parseArm(z.object({ routes: z.array(InlineRoute).optional(), disableBgpRoutePropagation: z.boolean().optional() }), propertiesOf(body), "properties");
    // A PUT replaces the inline route collection.
    const next = (properties.routes ?? []).map((inline) => {
      const before = existing ? findChild(existing.routes, inline.name) : undefined;
      return routeFrom(before?.name ?? inline.name, inline.properties, before);
    });
    checkDuplicates(next);
    return { routes: next, disableBgpRoutePropagation: properties.disableBgpRoutePropagation ?? false };
  },
  afterPut(_world, record) {
    for (const route of record.routes) if (route.provisioningState === "Updating") route.pendingOpId = record.pendingOpId ?? "";
  },
  properties(world, record) {
    const subnets = subnetIdsReferencing(world, "routeTableId", record.id);
    return {
      routes: renderChildren(world, routes, record),
      disableBgpRoutePropagation: record.disableBgpRoutePropagation,
      ...(subnets.length > 0 ? { subnets: subnets.map((id) => ({ id })) } : {}),
    };
  },
  provisioningMs: (world) => world.config.durations.armSmallResource,
  deleteMs: (world) => world.config.durations.armSmallDelete,
  checkDelete(world, record) {
    const subnets = subnetIdsReferencing(world, "routeTableId", record.id);
    if (subnets.length > 0) {
      throw badRequest("InUseRouteTableCannotBeDeleted", `Route table ${record.id} is in use and cannot be deleted. It is associated with: ${subnets.join(", ")}.`);
    }
  },
};
