import "./zod-messages";
import { z } from "zod";
import { vnetAddressSpaces } from "./cidr";
import { fingerprint } from "./fingerprint";
import { AzureResourceName, ResourceGroupName, SubscriptionId } from "./identifiers";
import { type FieldError } from "./problem";

/** Peering is not transitive: a VNet peered to a spoke never reaches the hub's gateway. */
const NOT_TRANSITIVE =
  "VNet peering is not transitive: a spoke's own peered VNets cannot use the hub's ExpressRoute gateway; list each such VNet in azure.spokes so it is peered with the hub directly";

const SpokeFields = z
  .object({
    subscriptionId: SubscriptionId.optional().meta({
      description: "The subscription of the spoke VNet. Optional: the hub's (azure.subscriptionId) when omitted. Interlink's identity must reach it.",
      examples: ["00000000-0000-0000-0000-000000000000"],
    }),
    resourceGroup: ResourceGroupName.meta({ description: "The resource group of the spoke VNet.", examples: ["rg-spokes"] }),
    vnet: z
      .object({
        name: AzureResourceName.meta({ description: "The existing spoke VNet. Interlink never creates or deletes it; it must have no gateway of its own.", examples: ["vnet-web"] }),
        addressSpaces: vnetAddressSpaces(
          "The spoke's address spaces (IPv4 CIDRs, at most 32). Optional: read from Azure at preflight when omitted, and checked against Azure when given. They must not overlap the hub, the other spokes, the VCNs or the BGP blocks.",
          "10.11.0.0/16",
        ),
      })
      .strict()
      .describe("The spoke virtual network."),
    subnets: z
      .array(AzureResourceName)
      .max(32)
      .default([])
      .meta({
        description:
          "The spoke's subnets whose workloads use the interconnect (at most 32): they get the security rules. A subnet with an NSG gets Interlink's rules in it (named interlink-<name>-*, removed at teardown); a subnet without one is associated with <name>-<vnet>-nsg, which Interlink creates in the spoke's resource group and region (an NSG must be in its subnet's region) and deletes at teardown.",
        examples: [["app"]],
      }),
    allowForwardedTraffic: z
      .boolean()
      .default(false)
      .describe("Let traffic forwarded by the hub (not originating in it, e.g. through a firewall there) into the spoke, and the other way. Set on both peerings."),
  })
  .strict();

/**
 * A spoke: a VNet peered with the hub VNet (`azure.vnet`, which holds the ExpressRoute gateway) that reaches OCI
 * through the hub's gateway (hub side allowGatewayTransit, spoke side useRemoteGateways). A nested `spokes` list is
 * refused with the reason: peering is not transitive.
 */
export const SpokeVnet = z
  .preprocess((value, ctx) => {
    if (value === null || typeof value !== "object" || !("spokes" in value)) return value;
    ctx.addIssue({ code: "custom", path: ["spokes"], message: NOT_TRANSITIVE, input: value });
    const { spokes: _nested, ...rest } = value as Record<string, unknown>;
    return rest;
  }, SpokeFields)
  .describe("A VNet peered with the hub VNet that reaches OCI through the hub's ExpressRoute gateway (hub-spoke).");
export type SpokeVnet = z.infer<typeof SpokeVnet>;

/** Where a spoke lives, its subscription made explicit. */
export interface SpokeWhere {
  subscriptionId: string;
  resourceGroup: string;
  vnet: string;
}

export function spokeWhere(hubSubscriptionId: string, spoke: { subscriptionId?: string | undefined; resourceGroup: string; vnet: { name: string } }): SpokeWhere {
  return { subscriptionId: spoke.subscriptionId ?? hubSubscriptionId, resourceGroup: spoke.resourceGroup, vnet: spoke.vnet.name };
}

/** The ARM id of a VNet (ARM compares ids without regard to case). */
export function vnetIdOf(where: SpokeWhere): string {
  return `/subscriptions/${where.subscriptionId}/resourceGroups/${where.resourceGroup}/providers/Microsoft.Network/virtualNetworks/${where.vnet}`;
}

const keyOf = (where: SpokeWhere) => vnetIdOf(where).toLowerCase();

/**
 * The names of the two peerings of a spoke. Peerings carry no tags, so Interlink finds its own by name: the hub side
 * carries the spoke's name and a short hash of its id (two spokes may share a VNet name in different groups).
 */
export function spokePeeringNames(interconnect: string, hubVnet: string, spoke: SpokeWhere): { hub: string; spoke: string } {
  const hash = fingerprint(keyOf(spoke)).slice(0, 6);
  return { hub: `interlink-${interconnect}-${spoke.vnet}-${hash}`.slice(0, 80), spoke: `interlink-${interconnect}-${hubVnet}`.slice(0, 80) };
}

/** The prefix of every peering Interlink names for an interconnect. */
export const spokePeeringPrefix = (interconnect: string) => `interlink-${interconnect}-`;

/** Rules about the spoke list that need no cloud: no VNet twice, and the hub is not its own spoke. */
export function spokeListProblems(hub: { subscriptionId: string; resourceGroup: string; vnet: { name: string } }, spokes: ReadonlyArray<{ subscriptionId?: string | undefined; resourceGroup: string; vnet: { name: string } }>): FieldError[] {
  const errors: FieldError[] = [];
  const hubKey = keyOf({ subscriptionId: hub.subscriptionId, resourceGroup: hub.resourceGroup, vnet: hub.vnet.name });
  const seen = new Map<string, number>();
  spokes.forEach((spoke, index) => {
    const key = keyOf(spokeWhere(hub.subscriptionId, spoke));
    const path = `azure.spokes[${index}].vnet.name`;
    if (key === hubKey) errors.push({ path, message: `'${spoke.vnet.name}' is the hub VNet (azure.vnet): a VNet cannot be peered with itself` });
    const first = seen.get(key);
    if (first !== undefined) errors.push({ path, message: `'${spoke.vnet.name}' is already listed as azure.spokes[${first}]: a VNet is peered with the hub once` });
    else seen.set(key, index);
  });
  return errors;
}
