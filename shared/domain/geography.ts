/**
 * ExpressRoute's geopolitical areas: a Standard circuit links VNets in any Azure region of its peering location's area,
 * a Premium circuit links VNets in any region, a Local circuit only the region(s) local to its peering location.
 * Source: Microsoft Learn "ExpressRoute locations and connectivity providers" (Azure regions to ExpressRoute locations
 * within a geopolitical region) and the ExpressRoute FAQ (Premium add-on, Local SKU).
 */

export const GEOPOLITICAL_AREAS = ["North America", "South America", "Europe", "Asia", "Japan", "Korea", "India", "Australia", "Africa", "Middle East"] as const;
export type GeopoliticalArea = (typeof GEOPOLITICAL_AREAS)[number];

/** Each Azure region (ARM name) and its area. */
export const AZURE_REGION_AREAS: Readonly<Record<string, GeopoliticalArea>> = {
  eastus: "North America",
  eastus2: "North America",
  centralus: "North America",
  northcentralus: "North America",
  southcentralus: "North America",
  westcentralus: "North America",
  westus: "North America",
  westus2: "North America",
  westus3: "North America",
  canadacentral: "North America",
  canadaeast: "North America",
  brazilsouth: "South America",
  brazilsoutheast: "South America",
  northeurope: "Europe",
  westeurope: "Europe",
  uksouth: "Europe",
  ukwest: "Europe",
  francecentral: "Europe",
  francesouth: "Europe",
  germanywestcentral: "Europe",
  germanynorth: "Europe",
  switzerlandnorth: "Europe",
  switzerlandwest: "Europe",
  norwayeast: "Europe",
  norwaywest: "Europe",
  swedencentral: "Europe",
  polandcentral: "Europe",
  italynorth: "Europe",
  spaincentral: "Europe",
  eastasia: "Asia",
  southeastasia: "Asia",
  japaneast: "Japan",
  japanwest: "Japan",
  koreacentral: "Korea",
  koreasouth: "Korea",
  centralindia: "India",
  southindia: "India",
  westindia: "India",
  australiaeast: "Australia",
  australiasoutheast: "Australia",
  australiacentral: "Australia",
  southafricanorth: "Africa",
  southafricawest: "Africa",
  uaenorth: "Middle East",
  uaecentral: "Middle East",
  qatarcentral: "Middle East",
};

/** The area of each peering location that serves an Oracle interconnect region. */
export const PEERING_LOCATION_AREAS: Readonly<Record<string, GeopoliticalArea>> = {
  "Washington DC": "North America",
  Toronto: "North America",
  "Silicon Valley": "North America",
  Phoenix: "North America",
  Campinas: "South America",
  Frankfurt: "Europe",
  Frankfurt2: "Europe",
  Amsterdam2: "Europe",
  London: "Europe",
  Tokyo: "Japan",
  Singapore: "Asia",
  Seoul: "Korea",
  Johannesburg: "Africa",
};

export const areaOfRegion = (region: string): GeopoliticalArea | undefined => AZURE_REGION_AREAS[region.toLowerCase().replace(/\s+/g, "")];

/**
 * Why a VNet in `region` cannot use a circuit at `peeringLocation` with the `tier` SKU, or null when it can. `local` are
 * the Azure regions local to the peering location (the only ones a Local circuit reaches). The reason names the rule.
 */
export function regionReachProblem(region: string, peeringLocation: string, tier: "Local" | "Standard" | "Premium", local: readonly string[]): string | null {
  const area = areaOfRegion(region);
  if (!area) return `'${region}' is not an Azure region Interlink knows; known regions: ${Object.keys(AZURE_REGION_AREAS).join(", ")}`;
  const locationArea = PEERING_LOCATION_AREAS[peeringLocation];
  if (tier === "Premium" || !locationArea) return null;
  if (tier === "Local") {
    return local.includes(region.toLowerCase()) ? null : `'${region}' is not local to the peering location ${peeringLocation} (${local.join(", ")}): a Local circuit reaches only the Azure region(s) local to its peering location; use the Standard or Premium tier (azure.circuit.sku.tier)`;
  }
  if (area === locationArea) return null;
  return `'${region}' is in ${area} but the peering location ${peeringLocation} is in ${locationArea}: a Standard circuit reaches VNets in its peering location's geopolitical area only; use the Premium tier (azure.circuit.sku.tier) or a region in ${locationArea}`;
}
