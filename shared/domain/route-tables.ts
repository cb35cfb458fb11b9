/** The VCN route tables that get the interconnect's rules: those the request names, else the VCN's default one. */
export function vcnRouteTableIds(oci: { routeTableId?: string | undefined; routeTableIds?: string[] | undefined }, defaultId: string | undefined): string[] {
  if (oci.routeTableIds && oci.routeTableIds.length > 0) return oci.routeTableIds;
  const single = oci.routeTableId ?? defaultId;
  return single ? [single] : [];
}

/** The resource group and name of an ARM resource id (a route table an app subnet already uses may live elsewhere). */
export function armGroupAndName(id: string): { resourceGroup: string; name: string } {
  const parts = id.split("/");
  const group = parts.findIndex((part) => part.toLowerCase() === "resourcegroups");
  return { resourceGroup: parts[group + 1] ?? "", name: parts.at(-1) ?? "" };
}
