/** Short region keys OCI uses inside OCIDs (`ocid1.vcn.oc1.iad.…`). */
const REGION_KEYS: Record<string, string> = {
  "us-ashburn-1": "iad",
  "us-phoenix-1": "phx",
  "us-sanjose-1": "sjc",
  "us-chicago-1": "ord",
  "ca-toronto-1": "yyz",
  "sa-vinhedo-1": "vcp",
  "eu-frankfurt-1": "fra",
  "eu-amsterdam-1": "ams",
  "uk-london-1": "lhr",
  "af-johannesburg-1": "jnb",
  "ap-tokyo-1": "nrt",
  "ap-singapore-1": "sin",
  "ap-seoul-1": "icn",
};

export function regionKeyOf(region: string): string {
  return REGION_KEYS[region] ?? region.replace(/[^a-z]/g, "").slice(0, 3);
}

/** Region names as ARM compares them: lower case, no spaces ("East US" and "eastus" are one region). */
export function normaliseRegions(rule: boolean | string[]): boolean | string[] {
  return typeof rule === "boolean" ? rule : rule.map((region) => region.toLowerCase().replace(/\s+/g, ""));
}
