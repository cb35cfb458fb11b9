import { z } from "zod";
import { SetupRequest } from "../../shared/domain/setup-request";

/**
 * Every network activity gets the interconnect's validated request (names, regions and ids derive from it)
 * and the id of the operation, from which OCI retry tokens are derived so a replayed create is not doubled.
 */
export const NetworkActivityInput = z.object({
  request: SetupRequest,
  operationId: z.string(),
});
export type NetworkActivityInput = z.infer<typeof NetworkActivityInput>;

export const ObservedNetworks = z.object({
  vnetId: z.string(),
  vnetCidrs: z.array(z.string()),
  vcnCidrs: z.array(z.string()),
  vcnDefaultRouteTableId: z.string(),
  gatewaySubnetExists: z.boolean(),
  drgExists: z.boolean(),
});
export type ObservedNetworks = z.infer<typeof ObservedNetworks>;

export { InterconnectResources } from "../../shared/domain/inventory";
