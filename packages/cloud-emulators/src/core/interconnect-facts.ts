/**
 * What Microsoft and Oracle check about the Oracle Interconnect for Azure, as the emulators play both clouds.
 * Kept apart from the product's own catalogue on purpose: if a row there is wrong, the product's request fails
 * here instead of passing both sides. Sources: Oracle's "Access to Microsoft Azure" region table and Microsoft
 * Learn "Set up a direct interconnection between Azure and OCI"; Toronto, San Jose and Phoenix are from Oracle's
 * interconnect map.
 */

/** The ExpressRoute service provider name of Oracle FastConnect. */
export const FASTCONNECT_PROVIDER_NAME = "Oracle Cloud FastConnect";
/** The FastConnect provider and service that stand for Azure in OCI. */
export const AZURE_PROVIDER = { providerName: "Microsoft Azure", serviceName: "ExpressRoute" } as const;
export const MICROSOFT_ASN = 12076;
/** Oracle's ASN in the commercial realm. */
export const ORACLE_ASN = 31898;
export const PRIVATE_PEERING_NAME = "AzurePrivatePeering";
export const GATEWAY_SUBNET_NAME = "GatewaySubnet";

/** ExpressRoute peering locations that land in each OCI region. */
export const PEERING_LOCATIONS_BY_OCI_REGION: Readonly<Record<string, readonly string[]>> = {
  "us-ashburn-1": ["Washington DC"],
  "ap-tokyo-1": ["Tokyo"],
  "ap-singapore-1": ["Singapore"],
  "ap-seoul-1": ["Seoul"],
  "eu-frankfurt-1": ["Frankfurt", "Frankfurt2"],
  "eu-amsterdam-1": ["Amsterdam2"],
  "uk-london-1": ["London"],
  "af-johannesburg-1": ["Johannesburg"],
  "sa-vinhedo-1": ["Campinas"],
  "ca-toronto-1": ["Toronto"],
  "us-sanjose-1": ["Silicon Valley"],
  "us-phoenix-1": ["Phoenix"],
};

/** FastConnect virtual-circuit shapes offered to Azure, smallest first. */
export const FASTCONNECT_SHAPES: ReadonlyArray<{ mbps: number; name: string }> = [
  { mbps: 1000, name: "1 Gbps" },
  { mbps: 2000, name: "2 Gbps" },
  { mbps: 5000, name: "5 Gbps" },
  { mbps: 10000, name: "10 Gbps" },
];

/** Azure sells the Local tier only with UnlimitedData (egress is in the port price). */
export function expressRouteSkuProblem(tier: string, family: string): string | null {
  return tier === "Local" && family !== "UnlimitedData" ? "the Local tier is only sold with the UnlimitedData family" : null;
}
