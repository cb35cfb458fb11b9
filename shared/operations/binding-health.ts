import { resourceNames } from "../domain/naming";
import { spokeNsgName } from "../domain/security/binding";
import { type SetupRequest } from "../domain/setup-request";
import { spokeWhere } from "../domain/spokes";
import { type HealthReads } from "./health-reads";

/**
 * Bindings undone out of band: a named VNIC taken out of Interlink's NSG, Interlink's rules gone from a named subnet's
 * security lists, a spoke subnet left without an NSG. Rules that bind nothing filter nothing, so each is a reason the
 * interconnect is degraded. Reads only what the request binds (nothing for an unbound interconnect), through the
 * check's reads, so a sweep reads a subnet, list or VNIC shared by several interconnects once.
 */
export async function bindingProblems(reads: HealthReads, request: Pick<SetupRequest, "name" | "azure" | "oci">, ociNsgId: string | undefined): Promise<string[]> {
  const names = resourceNames(request.name, request.azure.vnet.name);
  const problems: string[] = [];
  for (const subnetId of request.oci.subnetIds) {
    const subnet = await reads.subnet(subnetId);
    if (!subnet) {
      problems.push(`subnet ${subnetId} (oci.subnetIds) is gone`);
      continue;
    }
    const lists = await Promise.all(subnet.securityListIds.map((id) => reads.securityList(id)));
    const owned = lists.some((list) => [...(list?.ingressSecurityRules ?? []), ...(list?.egressSecurityRules ?? [])].some((rule) => (rule.description ?? "").startsWith(names.ociRuleMarker)));
    if (!owned) problems.push(`the security rules are gone from the security lists of subnet ${subnet.name}: its traffic is not filtered as declared`);
  }
  for (const vnicId of ociNsgId ? request.oci.vnicIds : []) {
    const vnic = await reads.vnic(vnicId);
    if (!vnic) problems.push(`VNIC ${vnicId} (oci.vnicIds) is gone`);
    else if (!vnic.nsgIds.includes(ociNsgId ?? "")) problems.push(`VNIC ${vnicId} is no longer in NSG ${names.ociNetworkSecurityGroup}: its rules do not filter that VNIC's traffic`);
  }
  for (const spoke of request.azure.spokes.filter((candidate) => candidate.subnets.length > 0)) {
    const where = spokeWhere(request.azure.subscriptionId, spoke);
    const vnet = await reads.vnet(where.subscriptionId, where.resourceGroup, where.vnet);
    for (const name of spoke.subnets) {
      const subnet = vnet?.subnets.find((candidate) => candidate.name === name);
      if (subnet && !subnet.networkSecurityGroupId) problems.push(`spoke subnet ${where.vnet}/${name} has no NSG any more (it had ${spokeNsgName(request.name, where.vnet)} or its own): the security rules do not filter it`);
    }
  }
  return problems;
}
