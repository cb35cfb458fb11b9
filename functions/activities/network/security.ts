import { ApplySecurityRulesActivity } from "../../../orchestrations/contracts/provisioning";
import { RemoveSecurityRulesActivity } from "../../../orchestrations/contracts/teardown";
import { diffOciRules, planSecurityRules, toSecurityListRules, type SecurityRulePlan } from "../../../shared/domain/security";
import { retryToken } from "../../../shared/clouds/idempotency";
import { type NetworkContext, type NetworkDeps, type NetworkHandler, networkActivity } from "./context";

function plan(ctx: NetworkContext, vnetCidrs: string[], vcnCidrs: string[], existingAzurePriorities?: { Inbound: number[]; Outbound: number[] }): SecurityRulePlan {
  return planSecurityRules({
    name: ctx.request.name,
    vnetCidrs,
    vcnCidrs,
    peeredVcnCidrs: ctx.request.oci.peeredVcns.flatMap((vcn) => vcn.cidrs),
    traffic: ctx.request.traffic,
    ...(existingAzurePriorities ? { existingAzurePriorities } : {}),
  });
}

/** Azure side: Interlink's own NSG (replaced whole), or its prefixed rules inside the user's NSG. */
async function applyAzure(ctx: NetworkContext, vnetCidrs: string[], vcnCidrs: string[]): Promise<{ nsgId: string; rules: number }> {
  const { azure, rg, request, names } = ctx;
  const vnet = await azure.getVirtualNetwork(rg, request.azure.vnet.name);
  const location = vnet?.location ?? request.azure.region;
  if (request.azure.networkSecurityGroup) {
    const nsgName = request.azure.networkSecurityGroup;
    const nsg = await azure.getNetworkSecurityGroup(rg, nsgName);
    const foreign = (nsg?.rules ?? []).filter((rule) => !rule.name.startsWith(names.azureRulePrefix));
    const taken = { Inbound: foreign.filter((rule) => rule.direction === "Inbound").map((rule) => rule.priority), Outbound: foreign.filter((rule) => rule.direction === "Outbound").map((rule) => rule.priority) };
    const rules = plan(ctx, vnetCidrs, vcnCidrs, taken).azure;
    for (const rule of rules) await azure.putSecurityRule(rg, nsgName, rule);
    const stale = (nsg?.rules ?? []).filter((rule) => rule.name.startsWith(names.azureRulePrefix) && !rules.some((planned) => planned.name === rule.name));
    for (const rule of stale) await azure.deleteSecurityRule(rg, nsgName, rule.name);
    return { nsgId: nsg?.id ?? "", rules: rules.length };
  }
  const rules = plan(ctx, vnetCidrs, vcnCidrs).azure;
  const { id } = await azure.putNetworkSecurityGroup(rg, names.azureNetworkSecurityGroup, location, rules, ctx.tags);
  for (const subnet of request.azure.appSubnets ?? []) await azure.associateSubnet(rg, request.azure.vnet.name, subnet, { networkSecurityGroupId: id });
  return { nsgId: id, rules: rules.length };
}

/** OCI side: Interlink's NSG in the VCN (rules added/removed to match), or its marked rules in a security list. */
async function applyOci(ctx: NetworkContext, operationId: string, vnetCidrs: string[], vcnCidrs: string[]): Promise<{ nsgId?: string; rules: number }> {
  const { oci, request, names } = ctx;
  const rules = plan(ctx, vnetCidrs, vcnCidrs).oci;
  const vcn = await oci.getVcn(request.oci.vcnId);
  const compartmentId = vcn?.compartmentId ?? ctx.compartmentId;
  if (request.oci.security.mode === "securityList") {
    const listId = request.oci.security.securityListId;
    const list = (await oci.listSecurityLists(compartmentId, request.oci.vcnId)).find((candidate) => candidate.id === listId);
    if (!list) throw Object.assign(new Error(`no security list ${listId} in the VCN`), { statusCode: 404, serviceCode: "NotAuthorizedOrNotFound" });
    const owned = (rule: { description?: string }) => (rule.description ?? "").startsWith(names.ociRuleMarker);
    const planned = toSecurityListRules(rules);
    await oci.setSecurityListRules(
      listId,
      { ingressSecurityRules: [...list.ingressSecurityRules.filter((rule) => !owned(rule)), ...planned.ingressSecurityRules], egressSecurityRules: [...list.egressSecurityRules.filter((rule) => !owned(rule)), ...planned.egressSecurityRules] },
      list.etag,
    );
    return { rules: rules.length };
  }
  const nsg = (await oci.findNetworkSecurityGroup(compartmentId, request.oci.vcnId, names.ociNetworkSecurityGroup)) ?? (await oci.createNetworkSecurityGroup(compartmentId, request.oci.vcnId, names.ociNetworkSecurityGroup, ctx.tags, retryToken(operationId, "oci-nsg")));
  const current = await oci.listNetworkSecurityGroupRules(nsg.id);
  const drift = diffOciRules(rules, current, names.ociRuleMarker);
  const changedIds = drift.changed.map((change) => (change.actual as { id?: string }).id ?? "");
  await oci.removeNetworkSecurityGroupRules(nsg.id, [...drift.unexpected.map((rule) => (rule as { id?: string }).id ?? ""), ...changedIds].filter(Boolean));
  await oci.addNetworkSecurityGroupRules(nsg.id, [...drift.missing, ...drift.changed.map((change) => change.expected)]);
  return { nsgId: nsg.id, rules: rules.length };
}

/** Task 1: exactly the declared traffic on both sides; running it again converges to the same rules. */
const applySecurityRules: NetworkHandler<typeof ApplySecurityRulesActivity> = async (ctx, input) => {
  const azure = await applyAzure(ctx, input.vnetCidrs, input.vcnCidrs);
  const oci = await applyOci(ctx, input.operationId, input.vnetCidrs, input.vcnCidrs);
  return { kind: "ok" as const, azureNetworkSecurityGroupId: azure.nsgId, ...(oci.nsgId ? { ociNetworkSecurityGroupId: oci.nsgId } : {}), azureRules: azure.rules, ociRules: oci.rules };
};

/** Teardown: Interlink's NSGs go (after their subnets let go), or its rules leave NSGs and lists it does not own. */
const removeSecurityRules: NetworkHandler<typeof RemoveSecurityRulesActivity> = async (ctx) => {
  const { azure, oci, rg, request, names } = ctx;
  let azureRemoved = 0;
  let ociRemoved = 0;
  if (request.azure.networkSecurityGroup) {
    const nsg = await azure.getNetworkSecurityGroup(rg, request.azure.networkSecurityGroup);
    for (const rule of (nsg?.rules ?? []).filter((candidate) => candidate.name.startsWith(names.azureRulePrefix))) {
      if ((await azure.deleteSecurityRule(rg, request.azure.networkSecurityGroup, rule.name)).existed) azureRemoved++;
    }
  } else {
    const nsg = await azure.getNetworkSecurityGroup(rg, names.azureNetworkSecurityGroup);
    if (nsg) {
      for (const subnetId of nsg.subnetIds) await azure.associateSubnet(rg, request.azure.vnet.name, subnetId.split("/").pop() ?? "", { networkSecurityGroupId: null });
      azureRemoved = nsg.rules.length;
      await azure.deleteNetworkSecurityGroup(rg, names.azureNetworkSecurityGroup);
    }
  }
  const vcn = await oci.getVcn(request.oci.vcnId);
  const compartmentId = vcn?.compartmentId ?? ctx.compartmentId;
  if (request.oci.security.mode === "securityList") {
    const listId = request.oci.security.securityListId;
    const list = vcn ? (await oci.listSecurityLists(compartmentId, request.oci.vcnId)).find((candidate) => candidate.id === listId) : undefined;
    if (list) {
      const keep = (rule: { description?: string }) => !(rule.description ?? "").startsWith(names.ociRuleMarker);
      const ingress = list.ingressSecurityRules.filter(keep);
      const egress = list.egressSecurityRules.filter(keep);
      ociRemoved = list.ingressSecurityRules.length + list.egressSecurityRules.length - ingress.length - egress.length;
      if (ociRemoved > 0) await oci.setSecurityListRules(listId, { ingressSecurityRules: ingress, egressSecurityRules: egress }, list.etag);
    }
  } else if (vcn) {
    const nsg = await oci.findNetworkSecurityGroup(compartmentId, request.oci.vcnId, names.ociNetworkSecurityGroup);
    if (nsg) {
      ociRemoved = (await oci.listNetworkSecurityGroupRules(nsg.id)).length;
      await oci.deleteNetworkSecurityGroup(nsg.id);
    }
  }
  return { kind: "ok" as const, azureRemoved, ociRemoved };
};

export function createSecurityActivities(deps: NetworkDeps) {
  return {
    ApplySecurityRulesActivity: networkActivity(deps, ApplySecurityRulesActivity, applySecurityRules),
    RemoveSecurityRulesActivity: networkActivity(deps, RemoveSecurityRulesActivity, removeSecurityRules),
  };
}
