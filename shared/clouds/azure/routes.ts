import { type NetworkManagementClient } from "@azure/arm-network";
import { isNotFound } from "../errors";
import { type RouteView, type Started } from "../ports";
import { orNull, submit } from "./arm-writes";

/** One route in a route table someone else owns, written alone (the table and its other routes stay as they are). */
export function putRoute(client: NetworkManagementClient, resourceGroup: string, table: string, route: RouteView): Promise<Started> {
  return submit(() => client.routes.beginCreateOrUpdate(resourceGroup, table, route.name, { addressPrefix: route.addressPrefix, nextHopType: route.nextHopType }));
}

export async function deleteRoute(client: NetworkManagementClient, resourceGroup: string, table: string, name: string): Promise<{ existed: boolean } & Started> {
  if ((await orNull(() => client.routes.get(resourceGroup, table, name))) === null) return { existed: false };
  try {
    return { existed: true, ...(await submit(() => client.routes.beginDelete(resourceGroup, table, name))) };
  } catch (error) {
    if (isNotFound(error)) return { existed: false };
    throw error;
  }
}
