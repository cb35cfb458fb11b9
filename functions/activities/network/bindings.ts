import { armGroupAndName } from "../../../shared/domain/route-tables";
import { toSecurityListRules, type AzureSecurityRule, type OciSecurityRule } from "../../../shared/domain/security";
import { spokeNsgName } from "../../../shared/domain/security/binding";
import { type AzureNetworkPort, type OciNetworkPort, type OciSecurityListState, type Started } from "../../../shared/clouds/ports";
import { type SeenSubnet, type SpokeTarget } from "../../../orchestrations/contracts/common";
import { type NetworkContext, refusal } from "./context";

/**
 * Binding the security rules to what they protect: the OCI subnets' security lists and the VNICs in Interlink's NSG,
 * the spokes' subnets' NSGs on Azure. Each function converges (running it again changes nothing) and its undo removes
 * only Interlink's rules and memberships.
 */

export type Refusal = ReturnType<typeof refusal>;

const ownedBy = (marker: string) => (rule: { description?: string | undefined }) => (rule.description ?? "").startsWith(marker);

/** A security list with Interlink's rules replaced by `planned` (none: removed); other rules stay as they are. */
export async function replaceOwnedListRules(oci: OciNetworkPort, list: OciSecurityListState, marker: string, planned: OciSecurityRule[]): Promise<number> {
  const owned = ownedBy(marker);
  const rules = toSecurityListRules(planned);
  const before = list.ingressSecurityRules.filter(owned).length + list.egressSecurityRules.filter(owned).length;
  if (before === 0 && planned.length === 0) return 0;
  await oci.setSecurityListRules(
    list.id,
    { ingressSecurityRules: [...list.ingressSecurityRules.filter((rule) => !owned(rule)), ...rules.ingressSecurityRules], egressSecurityRules: [...list.egressSecurityRules.filter((rule) => !owned(rule)), ...rules.egressSecurityRules] },
    list.etag,
  );
  return before;
}

/** OCI: the rules into each named subnet's first security list; Interlink's NSG added to each named VNIC's NSGs. */
export async function bindOci(
  ctx: NetworkContext,
  where: { vcnId: string; subnetIds: string[]; vnicIds: string[]; security: { mode: "nsg" } | { mode: "securityList"; securityListId: string } },
  rules: OciSecurityRule[],
  nsgId: string | undefined,
  seenSubnets: readonly SeenSubnet[] = [],
): Promise<{ bound: string[] } | Refusal> {
  const { oci, names } = ctx;
  const bound: string[] = [];
  const lists = new Map<string, string>();
  for (const subnetId of where.subnetIds) {
    const seen = seenSubnets.find((candidate) => candidate.id === subnetId);
    if (seen) {
      if (!lists.has(seen.securityListId)) lists.set(seen.securityListId, seen.name);
      continue;
    }
    const subnet = await oci.getSubnet(subnetId);
    if (!subnet) return refusal("SubnetNotFound", `no subnet ${subnetId} (oci.subnetIds)`);
    if (subnet.vcnId !== where.vcnId) return refusal("SubnetNotInVcn", `subnet ${subnetId} (oci.subnetIds) is in VCN ${subnet.vcnId}, not in ${where.vcnId}`);
    const first = subnet.securityListIds[0];
    if (!first) return refusal("SubnetHasNoSecurityList", `subnet ${subnetId} (oci.subnetIds) has no security list to add the rules to`);
    if (!lists.has(first)) lists.set(first, subnet.name);
  }
  for (const [listId, subnetName] of lists) {
    // The list security.mode names already has the rules.
    if (where.security.mode === "securityList" && where.security.securityListId === listId) continue;
    const list = await oci.getSecurityList(listId);
    if (!list) return refusal("SecurityListNotFound", `no security list ${listId} (of subnet ${subnetName})`);
    await replaceOwnedListRules(oci, list, names.ociRuleMarker, rules);
    bound.push(`security list ${list.name} (subnet ${subnetName})`);
  }
  for (const vnicId of where.vnicIds) {
    if (!nsgId) break;
    const vnic = await oci.getVnic(vnicId);
    if (!vnic) return refusal("VnicNotFound", `no VNIC ${vnicId} (oci.vnicIds)`);
    if (!vnic.nsgIds.includes(nsgId)) await oci.setVnicNsgs(vnicId, [...vnic.nsgIds, nsgId], vnic.etag);
    bound.push(`VNIC ${vnicId}`);
  }
  return { bound };
}

/** Undo of bindOci: Interlink's rules out of every security list of the named subnets, its NSG out of the named VNICs. */
export async function unbindOci(ctx: NetworkContext, where: { subnetIds: string[]; vnicIds: string[] }, nsgId: string | undefined): Promise<number> {
  const { oci, names } = ctx;
  let removed = 0;
  const seen = new Set<string>();
  for (const subnetId of where.subnetIds) {
    const subnet = await oci.getSubnet(subnetId);
    for (const listId of subnet?.securityListIds ?? []) {
      if (seen.has(listId)) continue;
      seen.add(listId);
      const list = await oci.getSecurityList(listId);
      if (list) removed += await replaceOwnedListRules(oci, list, names.ociRuleMarker, []);
    }
  }
  for (const vnicId of nsgId ? where.vnicIds : []) {
    const vnic = await oci.getVnic(vnicId);
    if (vnic?.nsgIds.includes(nsgId ?? "")) await oci.setVnicNsgs(vnicId, vnic.nsgIds.filter((id) => id !== nsgId), vnic.etag);
  }
  return removed;
}

/**
 * Interlink's rules in an NSG someone else owns: at free priorities, named with its prefix; its stale ones removed.
 * `rulesFor` plans the rules around the priorities the NSG's other rules take.
 */
export async function applyToForeignNsg(
  azure: AzureNetworkPort,
  resourceGroup: string,
  nsgName: string,
  prefix: string,
  rulesFor: (taken: { Inbound: number[]; Outbound: number[] }) => AzureSecurityRule[],
): Promise<{ id: string; rules: number; started: Started[] }> {
  const nsg = await azure.getNetworkSecurityGroup(resourceGroup, nsgName);
  const foreign = (nsg?.rules ?? []).filter((rule) => !rule.name.startsWith(prefix));
  const taken = { Inbound: foreign.filter((rule) => rule.direction === "Inbound").map((rule) => rule.priority), Outbound: foreign.filter((rule) => rule.direction === "Outbound").map((rule) => rule.priority) };
  const rules = rulesFor(taken);
  const started: Started[] = [];
  for (const rule of rules) started.push(await azure.putSecurityRule(resourceGroup, nsgName, rule));
  const stale = (nsg?.rules ?? []).filter((rule) => rule.name.startsWith(prefix) && !rules.some((planned) => planned.name === rule.name));
  for (const rule of stale) started.push(await azure.deleteSecurityRule(resourceGroup, nsgName, rule.name));
  return { id: nsg?.id ?? "", rules: rules.length, started };
}

/** Interlink's prefixed rules out of an NSG someone else owns. */
export async function removeFromForeignNsg(azure: AzureNetworkPort, resourceGroup: string, nsgName: string, prefix: string): Promise<{ removed: number; started: Started[] }> {
  const nsg = await azure.getNetworkSecurityGroup(resourceGroup, nsgName);
  const started: Array<Started & { existed: boolean }> = [];
  for (const rule of (nsg?.rules ?? []).filter((candidate) => candidate.name.startsWith(prefix))) started.push(await azure.deleteSecurityRule(resourceGroup, nsgName, rule.name));
  return { removed: started.filter((deleted) => deleted.existed).length, started };
}

/**
 * Azure spokes: a named subnet with an NSG gets Interlink's rules in that NSG; the spoke's subnets without one are
 * associated with Interlink's NSG for that spoke, made in the spoke's resource group and region.
 */
export async function bindSpokes(
  ctx: NetworkContext,
  spokes: SpokeTarget[],
  rulesFor: (taken?: { Inbound: number[]; Outbound: number[] }) => AzureSecurityRule[],
): Promise<{ bound: string[]; started: Started[] } | Refusal> {
  const bound: string[] = [];
  const started: Started[] = [];
  const prefix = ctx.names.azureRulePrefix;
  for (const spoke of spokes.filter((candidate) => candidate.subnets.length > 0)) {
    const azure = ctx.azure(spoke);
    const vnet = await azure.getVirtualNetwork(spoke.resourceGroup, spoke.vnet);
    if (!vnet) return refusal("SpokeVnetNotFound", `no VNet ${spoke.vnet} in ${spoke.resourceGroup} (azure.spokes)`);
    const ownName = spokeNsgName(ctx.owner, spoke.vnet);
    const bare: string[] = [];
    const foreign = new Map<string, string[]>();
    for (const name of spoke.subnets) {
      const subnet = vnet.subnets.find((candidate) => candidate.name === name);
      if (!subnet) return refusal("SubnetNotFound", `no subnet ${name} in spoke VNet ${spoke.vnet} (azure.spokes[].subnets)`);
      const nsgId = subnet.networkSecurityGroupId;
      if (!nsgId || armGroupAndName(nsgId).name === ownName) bare.push(name);
      else foreign.set(nsgId, [...(foreign.get(nsgId) ?? []), name]);
    }
    for (const [nsgId, subnets] of foreign) {
      const { resourceGroup, name } = armGroupAndName(nsgId);
      const applied = await applyToForeignNsg(azure, resourceGroup, name, prefix, rulesFor);
      started.push(...applied.started);
      bound.push(...subnets.map((subnet) => `subnet ${spoke.vnet}/${subnet} (NSG ${name})`));
    }
    if (bare.length > 0) {
      const nsg = await azure.putNetworkSecurityGroup(spoke.resourceGroup, ownName, vnet.location, rulesFor(), ctx.tags);
      started.push(nsg);
      for (const subnet of bare) {
        if (vnet.subnets.find((candidate) => candidate.name === subnet)?.networkSecurityGroupId?.toLowerCase() !== nsg.id.toLowerCase()) {
          started.push(await azure.associateSubnet(spoke.resourceGroup, spoke.vnet, subnet, { networkSecurityGroupId: nsg.id }));
        }
        bound.push(`subnet ${spoke.vnet}/${subnet} (NSG ${ownName})`);
      }
    }
  }
  return { bound, started };
}

/** Undo of bindSpokes: Interlink's rules out of the spoke subnets' NSGs; its spoke NSGs dissociated and deleted. */
export async function unbindSpokes(ctx: NetworkContext, spokes: SpokeTarget[]): Promise<{ removed: number; started: Started[] }> {
  let removed = 0;
  const started: Started[] = [];
  for (const spoke of spokes.filter((candidate) => candidate.subnets.length > 0)) {
    const azure = ctx.azure(spoke);
    const ownName = spokeNsgName(ctx.owner, spoke.vnet);
    const vnet = await azure.getVirtualNetwork(spoke.resourceGroup, spoke.vnet);
    const foreign = new Set<string>();
    for (const name of spoke.subnets) {
      const nsgId = vnet?.subnets.find((candidate) => candidate.name === name)?.networkSecurityGroupId;
      if (nsgId && armGroupAndName(nsgId).name !== ownName) foreign.add(nsgId);
    }
    for (const nsgId of foreign) {
      const { resourceGroup, name } = armGroupAndName(nsgId);
      const result = await removeFromForeignNsg(azure, resourceGroup, name, ctx.names.azureRulePrefix);
      removed += result.removed;
      started.push(...result.started);
    }
    const own = await azure.getNetworkSecurityGroup(spoke.resourceGroup, ownName);
    if (own) {
      for (const subnetId of own.subnetIds) started.push(await azure.associateSubnet(spoke.resourceGroup, spoke.vnet, subnetId.split("/").pop() ?? "", { networkSecurityGroupId: null }));
      removed += own.rules.length;
      started.push(await azure.deleteNetworkSecurityGroup(spoke.resourceGroup, ownName));
    }
  }
  return { removed, started };
}
