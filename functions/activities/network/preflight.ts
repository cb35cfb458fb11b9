import { currentTime } from "../../../shared/config/clock";
import { EnsureDrgActivity, EnsureGatewaySubnetActivity, PreflightActivity, ReadDrgActivity } from "../../../orchestrations/contracts/preflight";
import { checkAddressPlan } from "../../../shared/domain/address-plan";
import { GATEWAY_SUBNET_NAME } from "../../../shared/domain/catalogue";
import { type FieldError } from "../../../shared/domain/problem";
import { auditAzureNsg, auditOciSecurity } from "../../../shared/domain/security";
import { planPeeredVcnRoutes } from "../../../shared/domain/peered-routes";
import { OWNER_TAG } from "../../../shared/domain/naming";
import { addressPlanOf, type SetupRequest } from "../../../shared/domain/setup-request";
import { classifyCloudError } from "../../../shared/clouds/errors";
import { retryToken } from "../../../shared/clouds/idempotency";
import { isNotReady } from "../../../shared/clouds/ports";
import { activity } from "../register";
import { checkBindings } from "./binding-checks";
import { checkSpokes } from "./spoke-checks";
import { gatewaySubnetId, type NetworkContext, type NetworkDeps, type NetworkHandler, networkActivity, notReady, operationsOf } from "./context";

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Reads both networks and re-runs every address rule with what the clouds hold; creates nothing. */
const preflight: NetworkHandler<typeof PreflightActivity> = async (ctx, { request, vcn: justRead }) => {
  const { oci } = ctx;
  const azure = ctx.azure(request.azure);
  const rg = request.azure.resourceGroup;
  const errors: FieldError[] = [];
  const warnings: string[] = [];
  const vnet = await azure.getVirtualNetwork(rg, request.azure.vnet.name);
  if (!vnet) errors.push({ path: "azure.vnet.name", message: `no VNet '${request.azure.vnet.name}' in resource group '${rg}' of subscription ${request.azure.subscriptionId}` });
  const vcn = justRead ?? (await oci.getVcn(request.oci.vcnId));
  if (!vcn) errors.push({ path: "oci.vcnId", message: `no VCN ${request.oci.vcnId} (or not visible to Interlink's OCI identity)` });
  if (!vnet || !vcn) return { kind: "rejected" as const, errors };

  if (vnet.location.toLowerCase() !== request.azure.region.toLowerCase()) {
    errors.push({ path: "azure.region", message: `is ${request.azure.region} but the VNet is in ${vnet.location}` });
  }
  if (request.azure.vnet.addressSpaces && !sameSet(request.azure.vnet.addressSpaces, vnet.addressSpaces)) {
    errors.push({ path: "azure.vnet.addressSpaces", message: `does not match Azure: the VNet has ${vnet.addressSpaces.join(", ")}` });
  }
  if (request.oci.vcnCidrs && !sameSet(request.oci.vcnCidrs, vcn.cidrBlocks)) {
    errors.push({ path: "oci.vcnCidrs", message: `does not match OCI: the VCN has ${vcn.cidrBlocks.join(", ")}` });
  }
  const spokes = await checkSpokes(ctx, request, vnet);
  errors.push(...spokes.errors);
  const observedSpokes = request.azure.spokes.map((spoke, index) => ({ ...spoke, vnet: { ...spoke.vnet, addressSpaces: spokes.spokes[index]?.cidrs ?? spoke.vnet.addressSpaces } }));
  const observedPlan = addressPlanOf({
    ...request,
    azure: { ...request.azure, vnet: { ...request.azure.vnet, addressSpaces: vnet.addressSpaces }, spokes: observedSpokes },
    oci: { ...request.oci, vcnCidrs: vcn.cidrBlocks },
  });
  errors.push(...checkAddressPlan(observedPlan));

  const gatewaySubnet = vnet.subnets.find((subnet) => subnet.name === GATEWAY_SUBNET_NAME);
  if (gatewaySubnet && gatewaySubnet.addressPrefix !== request.azure.gatewaySubnetPrefix) {
    warnings.push(`The VNet already has a GatewaySubnet (${gatewaySubnet.addressPrefix}); it is used instead of ${request.azure.gatewaySubnetPrefix}.`);
  }
  for (const [index, name] of (request.azure.appSubnets ?? []).entries()) {
    const subnet = vnet.subnets.find((candidate) => candidate.name === name);
    const path = `azure.appSubnets[${index}]`;
    if (!subnet) errors.push({ path, message: `no subnet '${name}' in VNet ${request.azure.vnet.name}` });
    else if (subnet.networkSecurityGroupId && !request.azure.networkSecurityGroup && subnet.networkSecurityGroupId.split("/").pop() !== ctx.names.azureNetworkSecurityGroup) {
      errors.push({ path, message: `subnet '${name}' already uses NSG ${subnet.networkSecurityGroupId.split("/").pop()}; set azure.networkSecurityGroup to it so Interlink adds its rules there` });
    } else if (subnet.routeTableId && subnet.routeTableId.split("/").pop() !== ctx.names.azureRouteTable) {
      warnings.push(`Subnet '${name}' keeps its route table ${subnet.routeTableId.split("/").pop()}: Interlink adds its routes there (named ${ctx.names.azureRulePrefix}*) and removes only those.`);
    }
  }

  for (const [index, routeTableId] of (request.oci.routeTableIds ?? []).entries()) {
    if (!(await oci.getRouteTable(routeTableId))) errors.push({ path: `oci.routeTableIds[${index}]`, message: `no route table ${routeTableId} (or not visible to Interlink's OCI identity)` });
  }
  const drg = request.oci.drgId ? await oci.getDrg(request.oci.drgId) : null;
  if (request.oci.drgId && !drg) errors.push({ path: "oci.drgId", message: `no DRG ${request.oci.drgId}` });
  const attachments = await oci.listDrgAttachments(vcn.compartmentId, { vcnId: vcn.id });
  const foreign = attachments.find((attachment) => request.oci.drgId && attachment.drgId !== request.oci.drgId);
  if (foreign) errors.push({ path: "oci.drgId", message: `the VCN is already attached to DRG ${foreign.drgId}; a VCN attaches to one DRG, so use that one` });
  if (!(await oci.findAzureProviderService(request.oci.compartmentId))) {
    errors.push({ path: "oci.region", message: `OCI ${request.oci.region} offers no 'Microsoft Azure' FastConnect provider service` });
  }
  errors.push(...(await peeredRouteConflicts(ctx, request, attachments[0]?.drgId ?? request.oci.drgId)));
  if (request.azure.networkSecurityGroup && !(await azure.getNetworkSecurityGroup(rg, request.azure.networkSecurityGroup))) {
    errors.push({ path: "azure.networkSecurityGroup", message: `no NSG '${request.azure.networkSecurityGroup}' in resource group '${rg}'` });
  }
  const bindings = await checkBindings(ctx, request);
  errors.push(...bindings.errors);
  warnings.push(...bindings.warnings);
  if (errors.length > 0) return { kind: "rejected" as const, errors };

  const lists = await oci.listSecurityLists(vcn.compartmentId, vcn.id);
  const findings = auditOciSecurity({ securityLists: lists, vnetCidrs: vnet.addressSpaces, traffic: request.traffic, ownerMarker: ctx.names.ociRuleMarker }).map(({ severity, code, resourceName, message }) => ({
    severity,
    code,
    message: `${resourceName}: ${message}`,
  }));
  if (request.azure.networkSecurityGroup) {
    const nsg = await azure.getNetworkSecurityGroup(rg, request.azure.networkSecurityGroup);
    if (nsg) {
      const peered = request.oci.peeredVcns.flatMap((peer) => peer.cidrs);
      for (const finding of auditAzureNsg({ nsg: { id: nsg.id, name: request.azure.networkSecurityGroup, rules: nsg.rules }, vcnCidrs: vcn.cidrBlocks, peeredVcnCidrs: peered, traffic: request.traffic, rulePrefix: ctx.names.azureRulePrefix })) {
        findings.push({ severity: finding.severity, code: finding.code, message: `${finding.resourceName}: ${finding.message}` });
      }
    }
  }
  return {
    kind: "ok" as const,
    observed: {
      vnetId: vnet.id,
      vnetCidrs: vnet.addressSpaces,
      spokes: spokes.spokes.filter((spoke) => spoke !== null),
      vcnCidrs: vcn.cidrBlocks,
      vcnDefaultRouteTableId: vcn.defaultRouteTableId,
      vnetLocation: vnet.location,
      vcnCompartmentId: vcn.compartmentId,
      boundSubnets: bindings.subnets,
      ...(drg ? { givenDrgState: drg.lifecycleState } : {}),
      gatewaySubnetExists: gatewaySubnet !== undefined,
      drgExists: drg !== null || attachments.length > 0,
    },
    findings,
    warnings,
  };
};

/** A declared peered CIDR that the DRG's virtual circuits already route to another attachment would never be reached. */
async function peeredRouteConflicts(ctx: NetworkContext, request: SetupRequest, drgId: string | undefined): Promise<FieldError[]> {
  const { oci } = ctx;
  if (request.oci.peeredVcns.length === 0 || !drgId) return [];
  const tableId = (await oci.getDrg(drgId))?.virtualCircuitRouteTableId;
  if (!tableId) return [];
  const { conflicts } = planPeeredVcnRoutes({
    peeredVcns: request.oci.peeredVcns,
    vcnId: request.oci.vcnId,
    attachments: await oci.listDrgAttachments(request.oci.compartmentId, { drgId }),
    existing: await oci.listStaticDrgRoutes(tableId),
    advertise: true,
  });
  return conflicts.map((conflict) => {
    const index = request.oci.peeredVcns.findIndex((peer) => peer.cidrs.includes(conflict.destination));
    return { path: `oci.peeredVcns[${index}].cidrs`, message: `${conflict.destination} is already routed by DRG ${drgId} to attachment ${conflict.nextHopDrgAttachmentId}; Azure could not reach that peered VCN through this interconnect` };
  });
}

/**
 * The GatewaySubnet, created if absent. Subnets carry no tags, so the claim that Interlink is creating it is
 * recorded before the PUT: a retry after a lost answer finds the subnet and the claim, and still says created.
 */
const ensureGatewaySubnet: NetworkHandler<typeof EnsureGatewaySubnetActivity> = async (ctx, { azure: where, gatewaySubnetPrefix }) => {
  const resourceId = gatewaySubnetId(where);
  const claim = () => ctx.claims().record({ resourceId, owner: ctx.owner, operationId: ctx.operationId, at: currentTime().toISOString() });
  const subnet = await ctx.azure(where).ensureSubnet(where.resourceGroup, where.vnet, GATEWAY_SUBNET_NAME, gatewaySubnetPrefix, claim);
  if (isNotReady(subnet)) return notReady(subnet.notReady);
  const created = subnet.created || (await ctx.claims().get(resourceId))?.owner === ctx.owner;
  return { kind: "ok" as const, subnetId: subnet.id, created, operations: operationsOf(subnet) };
};

/**
 * The DRG: the one given, else the one the VCN is already attached to, else Interlink's own
 * `<name>-drg` (found by name and owner tag first, so a retried step never makes a second one).
 */
const ensureDrg: NetworkHandler<typeof EnsureDrgActivity> = async (ctx, { oci: where }) => {
  const { oci } = ctx;
  if (where.drgId) {
    const given = await oci.getDrg(where.drgId);
    return given ? { kind: "ok" as const, drgId: given.id, created: false, lifecycleState: given.lifecycleState } : { kind: "failed" as const, error: { cloud: "oci" as const, code: "NotAuthorizedOrNotFound", message: `no DRG ${where.drgId}` } };
  }
  const vcn = await oci.getVcn(where.vcnId);
  const attached = vcn ? (await oci.listDrgAttachments(vcn.compartmentId, { vcnId: vcn.id }))[0] : undefined;
  if (attached) {
    const drg = await oci.getDrg(attached.drgId);
    if (drg) return { kind: "ok" as const, drgId: drg.id, created: drg.freeformTags[OWNER_TAG] === ctx.owner, lifecycleState: drg.lifecycleState };
  }
  const existing = await oci.findDrg(where.compartmentId, ctx.names.drg, ctx.owner);
  const drg = existing ?? (await oci.createDrg(where.compartmentId, ctx.names.drg, ctx.tags, retryToken(ctx.operationId, "drg")));
  return { kind: "ok" as const, drgId: drg.id, created: true, lifecycleState: drg.lifecycleState };
};


export function createPreflightActivities(deps: NetworkDeps) {
  return {
    PreflightActivity: networkActivity(deps, PreflightActivity, preflight),
    EnsureGatewaySubnetActivity: networkActivity(deps, EnsureGatewaySubnetActivity, ensureGatewaySubnet),
    EnsureDrgActivity: networkActivity(deps, EnsureDrgActivity, ensureDrg),
    ReadDrgActivity: activity(
      ReadDrgActivity,
      async ({ drgId }) => {
        const drg = await (await deps.clouds()).oci.getDrg(drgId);
        return drg ? { kind: "ok" as const, exists: true, lifecycleState: drg.lifecycleState } : { kind: "ok" as const, exists: false };
      },
      classifyCloudError,
    ),
  };
}
