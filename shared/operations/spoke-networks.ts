import { type AzureNetworkPort } from "../clouds/ports";
import { type SetupRequest } from "../domain/setup-request";
import { spokePeeringNames, spokeWhere } from "../domain/spokes";

export interface SpokeRef {
  subscriptionId: string;
  resourceGroup: string;
  vnet: string;
  addressSpaces?: string[] | undefined;
}

export const spokesOf = (request: Pick<SetupRequest, "azure">): SpokeRef[] =>
  request.azure.spokes.map((spoke) => ({ ...spokeWhere(request.azure.subscriptionId, spoke), ...(spoke.vnet.addressSpaces ? { addressSpaces: spoke.vnet.addressSpaces } : {}) }));

/** The spokes' address spaces as Azure holds them now (the declared ones for a spoke that cannot be read). */
export async function spokeCidrs(azureOf: (subscriptionId: string) => AzureNetworkPort, spokes: readonly SpokeRef[]): Promise<string[]> {
  const read = await Promise.all(spokes.map(async (spoke) => (await azureOf(spoke.subscriptionId).getVirtualNetwork(spoke.resourceGroup, spoke.vnet))?.addressSpaces ?? spoke.addressSpaces ?? []));
  return read.flat();
}

/**
 * What is wrong with the spokes' peerings: a side missing, not Connected (Disconnected once the other side went), or
 * out of sync after an address space changed (the routes of the new range do not cross until the peering is synced).
 */
export async function spokePeeringProblems(azureOf: (subscriptionId: string) => AzureNetworkPort, request: Pick<SetupRequest, "name" | "azure">): Promise<string[]> {
  const spokes = spokesOf(request);
  if (spokes.length === 0) return [];
  const { subscriptionId, resourceGroup, vnet: hubVnet } = { ...request.azure, vnet: request.azure.vnet.name };
  const hubPeerings = await azureOf(subscriptionId).listVnetPeerings(resourceGroup, hubVnet);
  const problems: string[] = [];
  for (const spoke of spokes) {
    const names = spokePeeringNames(request.name, hubVnet, spoke);
    const spokePeerings = await azureOf(spoke.subscriptionId).listVnetPeerings(spoke.resourceGroup, spoke.vnet);
    for (const [side, peering] of [
      ["hub", hubPeerings.find((candidate) => candidate.name === names.hub)],
      ["spoke", spokePeerings.find((candidate) => candidate.name === names.spoke)],
    ] as const) {
      if (!peering) problems.push(`the ${side} side of spoke ${spoke.vnet}'s peering is gone`);
      else if (peering.peeringState !== "Connected") problems.push(`the ${side} side of spoke ${spoke.vnet}'s peering is ${peering.peeringState}`);
      else if (peering.syncLevel && peering.syncLevel !== "FullyInSync") problems.push(`the ${side} side of spoke ${spoke.vnet}'s peering is ${peering.syncLevel}: an address space changed and the peering was not synced`);
    }
  }
  return problems;
}
