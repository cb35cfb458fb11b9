/** Region names as ARM compares them: lower case, no spaces ("East US" and "eastus" are one region). */
export function normaliseRegions(rule: boolean | string[]): boolean | string[] {
  return typeof rule === "boolean" ? rule : rule.map((region) => region.toLowerCase().replace(/\s+/g, ""));
}
