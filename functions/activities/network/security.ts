import { ApplySecurityRulesActivity } from "../../../orchestrations/contracts/provisioning";
import { RemoveSecurityRulesActivity } from "../../../orchestrations/contracts/teardown";
import { diffOciRules, planSecurityRules, toSecurityListRules, type SecurityRulePlan } from "../../../shared/domain/security";
import { retryToken } from "../../../shared/clouds/idempotency";
import { type Started } from "../../../shared/clouds/ports";
import { type ActivityInput } from "../register";
import { type NetworkContext, type NetworkDeps, type NetworkHandler, networkActivity, operationsOf, refusal } from "./context";

type ApplyInput = ActivityInput<typeof ApplySecurityRulesActivity>;

function plan(ctx: NetworkContext, input: ApplyInput, existingAzurePriorities?: { Inbound: number[]; Outbound: number[] }): SecurityRulePlan {
  return planSecurityRules({
    name: ctx.owner,
    vnetCidrs: input.vnetCidrs,
    vcnCidrs: input.vcnCidrs,
    peeredVcnCidrs: input.oci.peeredVcns.flatMap((vcn) => vcn.cidrs),
    traffic: input.traffic,
    ...(existingAzurePriorities ? { existingAzurePriorities } : {}),
  });
}

/** Azure side: Interlink's own NSG (replaced whole), or its prefixed rules inside the user's NSG. */
async function applyAzure(ctx: NetworkContext, input: ApplyInput): Promise<{ nsgId: string; rules: number; operations: string[] }> {
  const { names } = ctx;
  const { azure: where } = input;
  const azure = ctx.azure(where);
  const rg = where.resourceGroup;
  const vnet = await azure.getVirtualNetwork(rg, where.vnet);
  const location = vnet?.location ?? where.region;
  if (where.networkSecurityGroup) {
    const nsgName = where.networkSecurityGroup;
    const nsg = await azure.getNetworkSecurityGroup(rg, nsgName);
    const foreign = (nsg?.rules ?? []).filter((rule) => !rule.name.startsWith(names.azureRulePrefix));
    const taken = { Inbound: foreign.filter((rule) => rule.direction === "Inbound").map((rule) => rule.priority), Outbound: foreign.filter((rule) => rule.direction === "Outbound").map((rule) => rule.priority) };
    const rules = plan(ctx, input, taken).azure;
    const started = [];
    for (const rule of rules) started.push(await azure.putSecurityRule(rg, nsgName, rule));
    const stale = (nsg?.rules ?? []).filter((rule) => rule.name.startsWith(names.azureRulePrefix) && !rules.some((planned) => planned.name === rule.name));
    for (const rule of stale) started.push(await azure.deleteSecurityRule(rg, nsgName, rule.name));
    return { nsgId: nsg?.id ?? "", rules: rules.length, operations: operationsOf(...started) };
  }
  const rules = plan(ctx, input).azure;
  const nsg = await azure.putNetworkSecurityGroup(rg, names.azureNetworkSecurityGroup, location, rules, ctx.tags);
  const started: Started[] = [nsg];
  for (const subnet of where.appSubnets ?? []) started.push(await azure.associateSubnet(rg, where.vnet, subnet, { networkSecurityGroupId: nsg.id }));
  return { nsgId: nsg.id, rules: rules.length, operations: operationsOf(...started) };
}

/** OCI side: Interlink's NSG in the VCN (rules added/removed to match), or its marked rules in a security list. */
async function applyOci(ctx: NetworkContext, input: ApplyInput): Promise<{ kind: "applied"; nsgId?: string; rules: number } | { kind: "missing"; securityListId: string }> {
  const { oci, names } = ctx;
  const { oci: where } = input;
  const rules = plan(ctx, input).oci;
  const vcn = await oci.getVcn(where.vcnId);
  const compartmentId = vcn?.compartmentId ?? where.compartmentId;
  if (where.security.mode === "securityList") {
    const listId = where.security.securityListId;
    const list = (await oci.listSecurityLists(compartmentId, where.vcnId)).find((candidate) => candidate.id === listId);
    if (!list) return { kind: "missing", securityListId: listId };
    const owned = (rule: { description?: string }) => (rule.description ?? "").startsWith(names.ociRuleMarker);
    const planned = toSecurityListRules(rules);
    await oci.setSecurityListRules(
      listId,
      { ingressSecurityRules: [...list.ingressSecurityRules.filter((rule) => !owned(rule)), ...planned.ingressSecurityRules], egressSecurityRules: [...list.egressSecurityRules.filter((rule) => !owned(rule)), ...planned.egressSecurityRules] },
      list.etag,
    );
    return { kind: "applied", rules: rules.length };
  }
  const nsg = (await oci.findNetworkSecurityGroup(compartmentId, where.vcnId, names.ociNetworkSecurityGroup)) ?? (await oci.createNetworkSecurityGroup(compartmentId, where.vcnId, names.ociNetworkSecurityGroup, ctx.tags, retryToken(ctx.operationId, "oci-nsg")));
  const current = await oci.listNetworkSecurityGroupRules(nsg.id);
  const drift = diffOciRules(rules, current, names.ociRuleMarker);
  const changedIds = drift.changed.map((change) => (change.actual as { id?: string }).id ?? "");
  await oci.removeNetworkSecurityGroupRules(nsg.id, [...drift.unexpected.map((rule) => (rule as { id?: string }).id ?? ""), ...changedIds].filter(Boolean));
  await oci.addNetworkSecurityGroupRules(nsg.id, [...drift.missing, ...drift.changed.map((change) => change.expected)]);
  return { kind: "applied", nsgId: nsg.id, rules: rules.length };
}

/** Task 1: exactly the declared traffic on both sides; running it again converges to the same rules. */
const applySecurityRules: NetworkHandler<typeof ApplySecurityRulesActivity> = async (ctx, input) => {
  const azure = await applyAzure(ctx, input);
  const oci = await applyOci(ctx, input);
  if (oci.kind === "missing") return refusal("SecurityListNotFound", `no security list ${oci.securityListId} in the VCN`);
  return {
    kind: "ok" as const,
    azureNetworkSecurityGroupId: azure.nsgId,
    ...(oci.nsgId ? { ociNetworkSecurityGroupId: oci.nsgId } : {}),
    azureRules: azure.rules,
    ociRules: oci.rules,
    operations: azure.operations,
  };
};

/** Teardown: Interlink's NSGs go (after their subnets let go), or its rules leave NSGs and lists it does not own. */
const removeSecurityRules: NetworkHandler<typeof RemoveSecurityRulesActivity> = async (ctx, { azure: azureWhere, oci: ociWhere }) => {
  const { oci, names } = ctx;
  const azure = ctx.azure(azureWhere);
  const rg = azureWhere.resourceGroup;
  let azureRemoved = 0;
  let ociRemoved = 0;
  const started = [];
  if (azureWhere.networkSecurityGroup) {
    const nsg = await azure.getNetworkSecurityGroup(rg, azureWhere.networkSecurityGroup);
    for (const rule of (nsg?.rules ?? []).filter((candidate) => candidate.name.startsWith(names.azureRulePrefix))) {
      const deleted = await azure.deleteSecurityRule(rg, azureWhere.networkSecurityGroup, rule.name);
      started.push(deleted);
      if (deleted.existed) azureRemoved++;
    }
  } else {
    const nsg = await azure.getNetworkSecurityGroup(rg, names.azureNetworkSecurityGroup);
    if (nsg) {
      for (const subnetId of nsg.subnetIds) started.push(await azure.associateSubnet(rg, azureWhere.vnet, subnetId.split("/").pop() ?? "", { networkSecurityGroupId: null }));
      azureRemoved = nsg.rules.length;
      started.push(await azure.deleteNetworkSecurityGroup(rg, names.azureNetworkSecurityGroup));
    }
  }
  const vcn = await oci.getVcn(ociWhere.vcnId);
  const compartmentId = vcn?.compartmentId ?? ociWhere.compartmentId;
  if (ociWhere.security.mode === "securityList") {
    const listId = ociWhere.security.securityListId;
    const list = vcn ? (await oci.listSecurityLists(compartmentId, ociWhere.vcnId)).find((candidate) => candidate.id === listId) : undefined;
    if (list) {
      const keep = (rule: { description?: string }) => !(rule.description ?? "").startsWith(names.ociRuleMarker);
      const ingress = list.ingressSecurityRules.filter(keep);
      const egress = list.egressSecurityRules.filter(keep);
      ociRemoved = list.ingressSecurityRules.length + list.egressSecurityRules.length - ingress.length - egress.length;
      if (ociRemoved > 0) await oci.setSecurityListRules(listId, { ingressSecurityRules: ingress, egressSecurityRules: egress }, list.etag);
    }
  } else if (vcn) {
    const nsg = await oci.findNetworkSecurityGroup(compartmentId, ociWhere.vcnId, names.ociNetworkSecurityGroup);
    if (nsg) {
      ociRemoved = (await oci.listNetworkSecurityGroupRules(nsg.id)).length;
      await oci.deleteNetworkSecurityGroup(nsg.id);
    }
  }
  return { kind: "ok" as const, azureRemoved, ociRemoved, operations: operationsOf(...started) };
};

export function createSecurityActivities(deps: NetworkDeps) {
  return {
    ApplySecurityRulesActivity: networkActivity(deps, ApplySecurityRulesActivity, applySecurityRules),
    RemoveSecurityRulesActivity: networkActivity(deps, RemoveSecurityRulesActivity, removeSecurityRules),
  };
}
