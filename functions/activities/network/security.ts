import { ApplySecurityRulesActivity } from "../../../orchestrations/contracts/provisioning";
import { RemoveSecurityRulesActivity } from "../../../orchestrations/contracts/teardown";
import { diffOciRules, planSecurityRules, type SecurityRulePlan } from "../../../shared/domain/security";
import { retryToken } from "../../../shared/clouds/idempotency";
import { type Started } from "../../../shared/clouds/ports";
import { type ActivityInput } from "../register";
import { applyToForeignNsg, bindOci, bindSpokes, type Refusal, removeFromForeignNsg, replaceOwnedListRules, unbindOci, unbindSpokes } from "./bindings";
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

/** Azure side: Interlink's own NSG (replaced whole), or its prefixed rules inside the user's NSG; then the spokes' subnets. */
async function applyAzure(ctx: NetworkContext, input: ApplyInput): Promise<{ nsgId: string; rules: number; operations: string[]; bound: string[] } | Refusal> {
  const { names } = ctx;
  const { azure: where } = input;
  const azure = ctx.azure(where);
  const rg = where.resourceGroup;
  const rulesFor = (taken?: { Inbound: number[]; Outbound: number[] }) => plan(ctx, input, taken).azure;
  const spokes = await bindSpokes(ctx, where.spokes, rulesFor);
  if ("kind" in spokes) return spokes;
  if (where.networkSecurityGroup) {
    const applied = await applyToForeignNsg(azure, rg, where.networkSecurityGroup, names.azureRulePrefix, rulesFor);
    return { nsgId: applied.id, rules: applied.rules, operations: operationsOf(...spokes.started, ...applied.started), bound: spokes.bound };
  }
  const location = input.vnetLocation ?? (await azure.getVirtualNetwork(rg, where.vnet))?.location ?? where.region;
  const rules = rulesFor();
  const nsg = await azure.putNetworkSecurityGroup(rg, names.azureNetworkSecurityGroup, location, rules, ctx.tags);
  const started: Started[] = [...spokes.started, nsg];
  for (const subnet of where.appSubnets ?? []) started.push(await azure.associateSubnet(rg, where.vnet, subnet, { networkSecurityGroupId: nsg.id }));
  return { nsgId: nsg.id, rules: rules.length, operations: operationsOf(...started), bound: spokes.bound };
}

/** OCI side: Interlink's NSG in the VCN (rules added/removed to match), or its marked rules in a security list; then the named subnets and VNICs. */
async function applyOci(ctx: NetworkContext, input: ApplyInput): Promise<{ nsgId?: string; rules: number; bound: string[] } | Refusal> {
  const { oci, names } = ctx;
  const { oci: where } = input;
  const rules = plan(ctx, input).oci;
  const compartmentId = input.seenVcn?.compartmentId ?? (await oci.getVcn(where.vcnId))?.compartmentId ?? where.compartmentId;
  if (where.security.mode === "securityList") {
    const listId = where.security.securityListId;
    const list = await oci.getSecurityList(listId);
    if (!list) return refusal("SecurityListNotFound", `no security list ${listId} in the VCN`);
    await replaceOwnedListRules(oci, list, names.ociRuleMarker, rules);
    const bound = await bindOci(ctx, where, rules, undefined, input.seenSubnets);
    return "kind" in bound ? bound : { rules: rules.length, bound: bound.bound };
  }
  const nsg = (await oci.findNetworkSecurityGroup(compartmentId, where.vcnId, names.ociNetworkSecurityGroup)) ?? (await oci.createNetworkSecurityGroup(compartmentId, where.vcnId, names.ociNetworkSecurityGroup, ctx.tags, retryToken(ctx.operationId, "oci-nsg")));
  const current = await oci.listNetworkSecurityGroupRules(nsg.id);
  const drift = diffOciRules(rules, current, names.ociRuleMarker);
  const changedIds = drift.changed.map((change) => (change.actual as { id?: string }).id ?? "");
  await oci.removeNetworkSecurityGroupRules(nsg.id, [...drift.unexpected.map((rule) => (rule as { id?: string }).id ?? ""), ...changedIds].filter(Boolean));
  await oci.addNetworkSecurityGroupRules(nsg.id, [...drift.missing, ...drift.changed.map((change) => change.expected)]);
  const bound = await bindOci(ctx, where, rules, nsg.id, input.seenSubnets);
  return "kind" in bound ? bound : { nsgId: nsg.id, rules: rules.length, bound: bound.bound };
}

/** Task 1: exactly the declared traffic on both sides, bound to what it protects; running it again converges to the same rules. */
const applySecurityRules: NetworkHandler<typeof ApplySecurityRulesActivity> = async (ctx, input) => {
  const azure = await applyAzure(ctx, input);
  if ("kind" in azure) return azure;
  const oci = await applyOci(ctx, input);
  if ("kind" in oci) return oci;
  return {
    kind: "ok" as const,
    azureNetworkSecurityGroupId: azure.nsgId,
    ...(oci.nsgId ? { ociNetworkSecurityGroupId: oci.nsgId } : {}),
    azureRules: azure.rules,
    ociRules: oci.rules,
    bound: [...azure.bound, ...oci.bound],
    operations: azure.operations,
  };
};

/** Teardown: Interlink's NSGs go (after their subnets and VNICs let go), or its rules leave NSGs and lists it does not own. */
const removeSecurityRules: NetworkHandler<typeof RemoveSecurityRulesActivity> = async (ctx, { azure: azureWhere, oci: ociWhere, seenVcn }) => {
  const { oci, names } = ctx;
  const azure = ctx.azure(azureWhere);
  const rg = azureWhere.resourceGroup;
  const spokes = await unbindSpokes(ctx, azureWhere.spokes);
  let azureRemoved = spokes.removed;
  let ociRemoved = 0;
  const started: Started[] = [...spokes.started];
  if (azureWhere.networkSecurityGroup) {
    const result = await removeFromForeignNsg(azure, rg, azureWhere.networkSecurityGroup, names.azureRulePrefix);
    started.push(...result.started);
    azureRemoved += result.removed;
  } else {
    const nsg = await azure.getNetworkSecurityGroup(rg, names.azureNetworkSecurityGroup);
    if (nsg) {
      for (const subnetId of nsg.subnetIds) started.push(await azure.associateSubnet(rg, azureWhere.vnet, subnetId.split("/").pop() ?? "", { networkSecurityGroupId: null }));
      azureRemoved += nsg.rules.length;
      started.push(await azure.deleteNetworkSecurityGroup(rg, names.azureNetworkSecurityGroup, { justRead: true }));
    }
  }
  const vcn = seenVcn ?? (await oci.getVcn(ociWhere.vcnId));
  const compartmentId = vcn?.compartmentId ?? ociWhere.compartmentId;
  if (ociWhere.security.mode === "securityList") {
    const list = vcn ? await oci.getSecurityList(ociWhere.security.securityListId) : null;
    if (list) ociRemoved += await replaceOwnedListRules(oci, list, names.ociRuleMarker, []);
    ociRemoved += await unbindOci(ctx, ociWhere, undefined);
  } else if (vcn) {
    const nsg = await oci.findNetworkSecurityGroup(compartmentId, ociWhere.vcnId, names.ociNetworkSecurityGroup);
    ociRemoved += await unbindOci(ctx, ociWhere, nsg?.id);
    if (nsg) {
      ociRemoved += (await oci.listNetworkSecurityGroupRules(nsg.id)).length;
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
