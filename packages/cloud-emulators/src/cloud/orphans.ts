import { childId } from "../azure-arm/generic";
import { gatewayIpConfigurationsOnSubnet } from "../azure-arm/queries";
import { subnets } from "../azure-arm/resources/virtual-networks";
import { armRecords, visible } from "../azure-arm/store";
import type { World } from "../core/world";
import { isLive } from "../oci/store";
import { duplicateGroup, vpnAnchors } from "./vpn-orphans";

/** The tag key whose value names the owning interconnect (what Interlink tags its resources with). */
const OWNER_TAG = "interlink";

export interface Orphan {
  cloud: "azure" | "oci";
  kind: string;
  id: string;
  name: string;
  owner: string;
  reason: "owner-missing" | "duplicate" | "unused-gateway-subnet";
  duplicateOf?: string;
}

interface Tagged {
  cloud: "azure" | "oci";
  kind: string;
  id: string;
  name: string;
  owner: string;
  order: number;
  /** What counts as "the same resource twice": the kind, or the kind and name for VPN resources (vpn-orphans.ts). */
  group: string;
}

function tagged(world: World): Tagged[] {
  const azure = Object.values(world.state.azure.resources)
    .filter((record) => record.tags[OWNER_TAG] !== undefined && visible(world, record))
    .map((record) => ({ cloud: "azure" as const, kind: record.kind, id: record.id, name: record.name, owner: record.tags[OWNER_TAG] ?? "", order: record.createdAt, group: duplicateGroup(world, record) }));
  const oci = Object.values(world.state.oci.resources)
    .filter((record) => record.freeformTags[OWNER_TAG] !== undefined && isLive(record))
    .map((record) => ({ cloud: "oci" as const, kind: record.kind, id: record.id, name: record.displayName, owner: record.freeformTags[OWNER_TAG] ?? "", order: record.seq, group: duplicateGroup(world, record) }));
  const failed = Object.values(world.state.azure.failedCreates ?? {})
    .filter((created) => created.tags[OWNER_TAG] !== undefined)
    .map((created) => ({ cloud: "azure" as const, kind: created.kind, id: created.id, name: created.name, owner: created.tags[OWNER_TAG] ?? "", order: created.createdAt, group: created.kind }));
  return [...azure, ...failed, ...oci];
}

/** The ARM subnet name reserved for gateways. */
const GATEWAY_SUBNET = "gatewaysubnet";

/**
 * GatewaySubnets that were added on their own (a PUT of the subnet, as Interlink adds one; not laid out with the
 * VNet) and that no gateway uses. Subnets carry no tags, so their owner is unknown (""): one left behind after
 * every gateway on the VNet went is what a setup that lost track of what it created leaves.
 */
function unusedGatewaySubnets(world: World): Orphan[] {
  return armRecords(world, "virtualNetworks").flatMap((vnet) =>
    vnet.subnets
      .filter((subnet) => subnet.standalone && subnet.name.toLowerCase() === GATEWAY_SUBNET && subnet.provisioningState !== "Deleting" && visible(world, subnet))
      .filter((subnet) => gatewayIpConfigurationsOnSubnet(world, childId(subnets, vnet, subnet.name)).length === 0)
      .map((subnet) => ({ cloud: "azure" as const, kind: "subnets", id: childId(subnets, vnet, subnet.name), name: subnet.name, owner: "", reason: "unused-gateway-subnet" as const })),
  );
}

/**
 * Resources tagged `interlink=<owner>` that outlived their interconnect or duplicate another of the
 * same kind and owner (an owner exists while its ExpressRoute circuit, or a VPN connection or IPSec
 * connection, tagged with it, exists, unless the caller lists the owners that exist), and GatewaySubnets
 * added on their own that no gateway uses.
 */
export function findOrphans(world: World, owners?: string[]): Orphan[] {
  const anchors = new Set(
    [
      ...armRecords(world, "expressRouteCircuits")
        .filter((circuit) => circuit.provisioningState !== "Deleting")
        .map((circuit) => circuit.tags[OWNER_TAG]),
      ...vpnAnchors(world, OWNER_TAG),
    ].filter((owner): owner is string => owner !== undefined),
  );
  const exists = (owner: string): boolean => (owners ? owners.includes(owner) : anchors.has(owner));
  const items = tagged(world);
  const orphans: Orphan[] = [];
  const firstOfGroup = new Map<string, Tagged>();
  for (const item of [...items].sort((a, b) => a.order - b.order)) {
    const group = `${item.cloud}/${item.group}/${item.owner}`;
    const first = firstOfGroup.get(group);
    if (!exists(item.owner)) orphans.push({ cloud: item.cloud, kind: item.kind, id: item.id, name: item.name, owner: item.owner, reason: "owner-missing" });
    else if (first) orphans.push({ cloud: item.cloud, kind: item.kind, id: item.id, name: item.name, owner: item.owner, reason: "duplicate", duplicateOf: first.id });
    if (!first) firstOfGroup.set(group, item);
  }
  return [...orphans, ...unusedGatewaySubnets(world)];
}
