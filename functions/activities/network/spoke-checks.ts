import { type z } from "zod";
import { type ObservedSpoke } from "../../../orchestrations/contracts/common";
import { GATEWAY_SUBNET_NAME, spokeRegionProblem } from "../../../shared/domain/catalogue";
import { type FieldError } from "../../../shared/domain/problem";
import { type SetupRequest } from "../../../shared/domain/setup-request";
import { spokePeeringNames, spokeWhere } from "../../../shared/domain/spokes";
import { type VirtualNetworkView } from "../../../shared/clouds/ports";
import { type NetworkContext } from "./context";

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
const nameOf = (id: string) => id.split("/").pop() ?? id;

export interface SpokeChecks {
  errors: FieldError[];
  /** Each spoke as read, in request order (null: not found). */
  spokes: Array<z.infer<typeof ObservedSpoke> | null>;
}

/**
 * Reads each spoke VNet and checks what a peering with the hub needs: the VNet exists (in its subscription) with the
 * address spaces declared, sits in a region the circuit reaches (its peering location's geopolitical area, or anywhere
 * with Premium), has no gateway of its own (a VNet with a gateway cannot use a remote one), does not already
 * use another VNet's gateway (one remote gateway per VNet), and is not already peered with the hub by someone else.
 */
export async function checkSpokes(ctx: NetworkContext, request: SetupRequest, hub: VirtualNetworkView): Promise<SpokeChecks> {
  const errors: FieldError[] = [];
  const spokes: SpokeChecks["spokes"] = [];
  for (const [index, declared] of request.azure.spokes.entries()) {
    const where = spokeWhere(request.azure.subscriptionId, declared);
    const path = `azure.spokes[${index}]`;
    const azure = ctx.azure(where);
    const vnet = await azure.getVirtualNetwork(where.resourceGroup, where.vnet);
    if (!vnet) {
      errors.push({ path: `${path}.vnet.name`, message: `no VNet '${where.vnet}' in resource group '${where.resourceGroup}' of subscription ${where.subscriptionId}` });
      spokes.push(null);
      continue;
    }
    spokes.push({ vnetId: vnet.id, location: vnet.location, cidrs: vnet.addressSpaces });
    if (declared.vnet.addressSpaces && !sameSet(declared.vnet.addressSpaces, vnet.addressSpaces)) {
      errors.push({ path: `${path}.vnet.addressSpaces`, message: `does not match Azure: the VNet has ${vnet.addressSpaces.join(", ")}` });
    }
    const region = spokeRegionProblem(vnet.location, request.oci.region, request.azure.circuit.peeringLocation, request.azure.circuit.sku.tier);
    if (region) errors.push({ path: `${path}.vnet.name`, message: `the spoke VNet is in ${vnet.location}: ${region}` });
    const gatewaySubnet = vnet.subnets.find((subnet) => subnet.name === GATEWAY_SUBNET_NAME);
    if (gatewaySubnet && gatewaySubnet.usedBy.length > 0) {
      errors.push({ path: `${path}.vnet.name`, message: `'${where.vnet}' has a gateway of its own: a VNet with a gateway cannot use the hub's (UseRemoteGatewaysNotAllowedWithLocalGateway)` });
    }
    const ours = spokePeeringNames(request.name, request.azure.vnet.name, where).spoke;
    for (const peering of await azure.listVnetPeerings(where.resourceGroup, where.vnet)) {
      if (peering.name === ours) continue;
      if (peering.useRemoteGateways) {
        errors.push({ path: `${path}.vnet.name`, message: `'${where.vnet}' already uses the gateway of VNet ${nameOf(peering.remoteVnetId)} (peering ${peering.name}): a VNet can use one remote gateway` });
      } else if (peering.remoteVnetId.toLowerCase() === hub.id.toLowerCase()) {
        errors.push({ path: `${path}.vnet.name`, message: `'${where.vnet}' is already peered with the hub by peering ${peering.name}, which Interlink does not manage: remove it, Interlink creates the spoke's peerings itself` });
      }
    }
  }
  return { errors, spokes };
}
