/**
 * Facts about the Oracle Interconnect for Azure that requests are checked against.
 * Sources: Oracle "Access to Microsoft Azure" / azure.htm region table, Microsoft Learn
 * "Set up a direct interconnection between Azure and OCI", and public live-test notes. Rows marked
 * `confirmed: false` come from maps or third-party code and must be re-checked against the current Oracle table.
 */

import { regionReachProblem } from "./geography";

export const AZURE_SERVICE_PROVIDER_NAME = "Oracle Cloud FastConnect";
export const OCI_PROVIDER_NAME = "Microsoft Azure";
export const OCI_PROVIDER_SERVICE_NAME = "ExpressRoute";
export const MICROSOFT_BGP_ASN = 12076;
/** Oracle's ASN in the commercial realm; read the real value from the virtual circuit (`oracleBgpAsn`). */
export const ORACLE_COMMERCIAL_BGP_ASN = 31898;
export const AZURE_PRIVATE_PEERING_NAME = "AzurePrivatePeering";
export const GATEWAY_SUBNET_NAME = "GatewaySubnet";
/** Azure requires /27 or larger for a GatewaySubnet that hosts an ExpressRoute gateway. */
export const GATEWAY_SUBNET_MAX_PREFIX_LENGTH = 27;

export interface RegionPair {
  azureRegion: string;
  ociRegion: string;
  /** ExpressRoute peering locations that land in this OCI region. */
  peeringLocations: readonly string[];
  confirmed: boolean;
  source: string;
}

export const REGION_PAIRS: readonly RegionPair[] = [
  { azureRegion: "eastus", ociRegion: "us-ashburn-1", peeringLocations: ["Washington DC"], confirmed: true, source: "microsoft/azure-oracle InterConnect-1 express_route_input.json; MS Learn example" },
  { azureRegion: "japaneast", ociRegion: "ap-tokyo-1", peeringLocations: ["Tokyo"], confirmed: true, source: "Oracle azure.htm region table" },
  { azureRegion: "southeastasia", ociRegion: "ap-singapore-1", peeringLocations: ["Singapore"], confirmed: true, source: "Oracle azure.htm region table" },
  { azureRegion: "koreacentral", ociRegion: "ap-seoul-1", peeringLocations: ["Seoul"], confirmed: true, source: "Oracle azure.htm region table" },
  { azureRegion: "germanywestcentral", ociRegion: "eu-frankfurt-1", peeringLocations: ["Frankfurt", "Frankfurt2"], confirmed: true, source: "Oracle azure.htm region table" },
  { azureRegion: "westeurope", ociRegion: "eu-amsterdam-1", peeringLocations: ["Amsterdam2"], confirmed: true, source: "Oracle azure.htm region table" },
  { azureRegion: "uksouth", ociRegion: "uk-london-1", peeringLocations: ["London"], confirmed: true, source: "Oracle azure.htm region table" },
  { azureRegion: "southafricanorth", ociRegion: "af-johannesburg-1", peeringLocations: ["Johannesburg"], confirmed: true, source: "Oracle azure.htm region table" },
  { azureRegion: "brazilsouth", ociRegion: "sa-vinhedo-1", peeringLocations: ["Campinas"], confirmed: true, source: "a public live test (Vinhedo <-> Campinas), not Oracle's region table" },
  { azureRegion: "canadacentral", ociRegion: "ca-toronto-1", peeringLocations: ["Toronto"], confirmed: false, source: "Oracle's interconnect region map only, not its region table" },
  { azureRegion: "westus", ociRegion: "us-sanjose-1", peeringLocations: ["Silicon Valley"], confirmed: false, source: "Oracle's interconnect region map only, not its region table" },
  { azureRegion: "westus3", ociRegion: "us-phoenix-1", peeringLocations: ["Phoenix"], confirmed: false, source: "Oracle's interconnect region map only, not its region table" },
];

/** FastConnect offers 1, 2, 5 or 10 Gbps to Azure; the ExpressRoute bandwidth must match one. */
export const BANDWIDTH_SHAPES: ReadonlyArray<{ bandwidthMbps: number; ociShapeName: string }> = [
  { bandwidthMbps: 1000, ociShapeName: "1 Gbps" },
  { bandwidthMbps: 2000, ociShapeName: "2 Gbps" },
  { bandwidthMbps: 5000, ociShapeName: "5 Gbps" },
  { bandwidthMbps: 10000, ociShapeName: "10 Gbps" },
];

export const SUPPORTED_BANDWIDTHS_MBPS = BANDWIDTH_SHAPES.map((shape) => shape.bandwidthMbps);

export function ociShapeForBandwidth(bandwidthMbps: number): string | undefined {
  return BANDWIDTH_SHAPES.find((shape) => shape.bandwidthMbps === bandwidthMbps)?.ociShapeName;
}

export function bandwidthForOciShape(shapeName: string): number | undefined {
  return BANDWIDTH_SHAPES.find((shape) => shape.ociShapeName === shapeName)?.bandwidthMbps;
}

export const SKU_TIERS = ["Local", "Standard", "Premium"] as const;
export const SKU_FAMILIES = ["MeteredData", "UnlimitedData"] as const;
export type SkuTier = (typeof SKU_TIERS)[number];
export type SkuFamily = (typeof SKU_FAMILIES)[number];

/** The ARM `sku.name` for a tier and family, e.g. `Standard_MeteredData`. */
export function skuName(tier: SkuTier, family: SkuFamily): string {
  return `${tier}_${family}`;
}

/** Why a SKU combination is refused, or null when ExpressRoute accepts it. */
export function skuProblem(tier: SkuTier, family: SkuFamily): string | null {
  if (tier === "Local" && family !== "UnlimitedData") {
    return "the Local tier is only sold with the UnlimitedData family (egress is included in the port price)";
  }
  return null;
}

/** Cost and scope notes a planner shows as warnings for a valid SKU. */
export function skuNotes(tier: SkuTier, family: SkuFamily): string[] {
  const notes = ["ExpressRoute bills from the moment the circuit exists, even while the provider status is NotProvisioned."];
  if (tier === "Premium") notes.push("Premium adds a monthly add-on charge; it is only needed for VNets outside the peering location's geopolitical region or for more than 4,000 routes.");
  if (tier === "Local") notes.push("Local circuits only reach VNets in the Azure region(s) local to the peering location.");
  if (family === "MeteredData") notes.push("MeteredData bills outbound data per GB; UnlimitedData has a higher fixed price.");
  return notes;
}

/** The interconnect pair of an OCI region and a peering location, if Oracle and Microsoft interconnect there. */
export function findInterconnect(ociRegion: string, peeringLocation: string): RegionPair | undefined {
  return REGION_PAIRS.find((pair) => pair.ociRegion === ociRegion && pair.peeringLocations.includes(peeringLocation));
}

/**
 * Checks the request's regions against the catalogue. The interconnect pairing is between the circuit's peering
 * location and the OCI region; the Azure region (of the hub VNet and the circuit resource) only has to be reachable
 * from that peering location with the circuit's SKU: its geopolitical area (Standard), anywhere (Premium), or the
 * location's local region (Local). Returns the rule broken, with the alternatives, or null.
 */
export function regionPairProblem(
  azureRegion: string,
  ociRegion: string,
  peeringLocation: string,
  tier: SkuTier = "Standard",
): { field: "azure.region" | "oci.region" | "azure.circuit.peeringLocation"; message: string } | null {
  const forOci = REGION_PAIRS.filter((pair) => pair.ociRegion === ociRegion);
  if (forOci.length === 0) {
    const supported = [...new Set(REGION_PAIRS.map((pair) => pair.ociRegion))].join(", ");
    return { field: "oci.region", message: `'${ociRegion}' has no Oracle Interconnect for Azure; supported OCI regions: ${supported}` };
  }
  const pair = forOci.find((candidate) => candidate.peeringLocations.includes(peeringLocation));
  if (!pair) {
    const supported = forOci.flatMap((candidate) => candidate.peeringLocations).join(", ");
    return { field: "azure.circuit.peeringLocation", message: `'${peeringLocation}' does not serve ${ociRegion}; the interconnect's peering locations for ${ociRegion}: ${supported}` };
  }
  const reach = regionReachProblem(azureRegion, peeringLocation, tier, [pair.azureRegion]);
  return reach ? { field: "azure.region", message: reach } : null;
}

/** Why a spoke's region cannot use the circuit, or null (the same area rule as the hub's). */
export function spokeRegionProblem(region: string, ociRegion: string, peeringLocation: string, tier: SkuTier): string | null {
  const pair = findInterconnect(ociRegion, peeringLocation);
  return pair ? regionReachProblem(region, peeringLocation, tier, [pair.azureRegion]) : null;
}

/** ExpressRoute gateway SKUs Interlink can create; UltraPerformance is not offered in every region any more. */
export const GATEWAY_SKUS = ["ErGw1AZ", "ErGw2AZ", "ErGw3AZ", "ErGwScale", "UltraPerformance"] as const;
export type GatewaySku = (typeof GATEWAY_SKUS)[number];
/** FastPath (the connection bypasses the gateway) needs one of these SKUs. */
export const FASTPATH_GATEWAY_SKUS: readonly GatewaySku[] = ["ErGw3AZ", "ErGwScale", "UltraPerformance"];

export function fastPathProblem(sku: GatewaySku, fastPath: boolean): string | null {
  if (!fastPath || FASTPATH_GATEWAY_SKUS.includes(sku)) return null;
  return `FastPath needs the ${FASTPATH_GATEWAY_SKUS.join(", ")} gateway SKU; azure.gateway.sku is ${sku}`;
}
