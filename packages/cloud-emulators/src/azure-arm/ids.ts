/** ARM resource ids: `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Network/{type}/{name}[/{childType}/{childName}]`. */
export interface ParsedArmId {
  subscriptionId: string;
  resourceGroup: string;
  type: string;
  name: string;
  childType?: string;
  childName?: string;
}

const ID_PATTERN = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/([^/]+)\/([^/]+)(?:\/([^/]+)\/([^/]+))?\/?$/i;

export function parseArmId(id: string): ParsedArmId | undefined {
  const match = ID_PATTERN.exec(id);
  if (!match) return undefined;
  const [, subscriptionId = "", resourceGroup = "", type = "", name = "", childType, childName] = match;
  const parsed: ParsedArmId = { subscriptionId, resourceGroup, type, name };
  if (childType && childName) {
    parsed.childType = childType;
    parsed.childName = childName;
  }
  return parsed;
}

export function armId(subscriptionId: string, resourceGroup: string, type: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/${type}/${name}`;
}

/** ARM ids are case-insensitive: the store is keyed by the lower-cased id. */
export function keyOf(id: string): string {
  const lower = id.toLowerCase();
  // Most ids have no trailing slash: skipping the expression keeps lookups over thousands of records cheap.
  return lower.endsWith("/") ? lower.replace(/\/+$/, "") : lower;
}

export function sameId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && keyOf(a) === keyOf(b);
}

/** The top-level resource id of a (possibly child) id. */
export function parentKeyOf(id: string): string | undefined {
  const parsed = parseArmId(id);
  return parsed ? keyOf(armId(parsed.subscriptionId, parsed.resourceGroup, parsed.type, parsed.name)) : undefined;
}
