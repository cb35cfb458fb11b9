import { type FieldError } from "../../../shared/domain/problem";
import { unboundRuleWarnings } from "../../../shared/domain/security/binding";
import { type SetupRequest } from "../../../shared/domain/setup-request";
import { spokeWhere } from "../../../shared/domain/spokes";
import { type SeenSubnet } from "../../../orchestrations/contracts/common";
import { type NetworkContext } from "./context";

/** OCI's limit on the NSGs of one VNIC. */
const MAX_NSGS_PER_VNIC = 5;

/**
 * Preflight of what the security rules bind to: the named OCI subnets and VNICs are in the VCN (and a VNIC has room
 * for one more NSG), the spokes' named subnets exist. Reads only.
 */
export async function checkBindings(ctx: NetworkContext, request: SetupRequest): Promise<{ errors: FieldError[]; warnings: string[]; subnets: SeenSubnet[] }> {
  const { oci } = ctx;
  const errors: FieldError[] = [];
  const subnets: SeenSubnet[] = [];
  for (const [index, subnetId] of request.oci.subnetIds.entries()) {
    const path = `oci.subnetIds[${index}]`;
    const subnet = await oci.getSubnet(subnetId);
    if (!subnet) errors.push({ path, message: `no subnet ${subnetId} (or not visible to Interlink's OCI identity)` });
    else if (subnet.vcnId !== request.oci.vcnId) errors.push({ path, message: `subnet ${subnet.name} is in VCN ${subnet.vcnId}, not in oci.vcnId` });
    else if (subnet.securityListIds[0] === undefined) errors.push({ path, message: `subnet ${subnet.name} has no security list to add the rules to` });
    else subnets.push({ id: subnetId, name: subnet.name, securityListId: subnet.securityListIds[0] });
  }
  for (const [index, vnicId] of request.oci.vnicIds.entries()) {
    const path = `oci.vnicIds[${index}]`;
    const vnic = await oci.getVnic(vnicId);
    const subnet = vnic ? await oci.getSubnet(vnic.subnetId) : null;
    if (!vnic) errors.push({ path, message: `no VNIC ${vnicId} (or not visible to Interlink's OCI identity)` });
    else if (subnet?.vcnId !== request.oci.vcnId) errors.push({ path, message: `VNIC ${vnicId} is not in oci.vcnId: an NSG holds only VNICs of its own VCN` });
    else if (vnic.nsgIds.length >= MAX_NSGS_PER_VNIC) errors.push({ path, message: `VNIC ${vnicId} is already in ${vnic.nsgIds.length} network security groups, OCI's limit of ${MAX_NSGS_PER_VNIC}: free one for ${ctx.names.ociNetworkSecurityGroup}` });
  }
  for (const [index, spoke] of request.azure.spokes.entries()) {
    if (spoke.subnets.length === 0) continue;
    const where = spokeWhere(request.azure.subscriptionId, spoke);
    const vnet = await ctx.azure(where).getVirtualNetwork(where.resourceGroup, where.vnet);
    for (const [position, name] of spoke.subnets.entries()) {
      if (vnet && !vnet.subnets.some((subnet) => subnet.name === name)) errors.push({ path: `azure.spokes[${index}].subnets[${position}]`, message: `no subnet '${name}' in spoke VNet ${where.vnet}` });
    }
  }
  return { errors, warnings: unboundRuleWarnings(request), subnets };
}
