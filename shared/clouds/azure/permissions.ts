import { type NetworkManagementClient } from "@azure/arm-network";
import { createDefaultHttpClient, createPipelineRequest, RestError } from "@azure/core-rest-pipeline";
import { z } from "zod";
import { type GrantedPermission } from "../../domain/azure-permissions";

const PERMISSIONS_API_VERSION = "2022-04-01";

const PermissionsPage = z.object({
  value: z.array(z.object({ actions: z.array(z.string()).default([]), notActions: z.array(z.string()).default([]) })),
});
const ArmErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/**
 * What the caller may do in a resource group (Microsoft.Authorization/permissions: the union of its role
 * assignments there, as `az role assignment` and the portal read it). Sent through the network client's own
 * pipeline, so the same credential, endpoint and trust apply; a refusal throws a RestError like the SDK's.
 */
export async function grantedPermissions(client: NetworkManagementClient, endpoint: string, subscriptionId: string, resourceGroup: string): Promise<GrantedPermission[]> {
  const url = `${endpoint.replace(/\/+$/, "")}/subscriptions/${encodeURIComponent(subscriptionId)}/resourceGroups/${encodeURIComponent(resourceGroup)}/providers/Microsoft.Authorization/permissions?api-version=${PERMISSIONS_API_VERSION}`;
  const request = createPipelineRequest({ url, method: "GET" });
  const response = await client.pipeline.sendRequest(createDefaultHttpClient(), request);
  const body: unknown = response.bodyAsText ? JSON.parse(response.bodyAsText) : {};
  if (response.status !== 200) {
    const error = ArmErrorBody.safeParse(body);
    throw new RestError(error.success ? error.data.error.message : `HTTP ${response.status}`, { statusCode: response.status, code: error.success ? error.data.error.code : `Http${response.status}`, request, response });
  }
  return PermissionsPage.parse(body).value;
}
