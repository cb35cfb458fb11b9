import {
  EnsureDrgAttachmentActivity,
  EnsureGatewayPublicIpActivity,
  ReadCircuitActivity,
  ReadConnectionActivity,
  ReadGatewayActivity,
  ReadVirtualCircuitActivity,
  StartCircuitActivity,
  StartConnectionActivity,
  StartGatewayActivity,
  StartVirtualCircuitActivity,
} from "../../../orchestrations/contracts/provisioning";
import { ResizeCircuitActivity, ResizeVirtualCircuitActivity } from "../../../orchestrations/contracts/teardown";
import { deriveBgpAddressing } from "../../../shared/domain/bgp";
import { GATEWAY_SUBNET_NAME, ociShapeForBandwidth } from "../../../shared/domain/catalogue";
import { cidr } from "../../../shared/domain/cidr";
import { OWNER_TAG } from "../../../shared/domain/naming";
import { retryToken } from "../../../shared/clouds/idempotency";
import { type NetworkDeps, type NetworkHandler, networkActivity, notReady, operationsOf, refusal } from "./context";

/** Task 2: PUT the circuit by its deterministic name (idempotent); waiting is the orchestrator's. */
const startCircuit: NetworkHandler<typeof StartCircuitActivity> = async (ctx, { azure: where, circuit }) => {
  const put = await ctx.azure(where).putExpressRouteCircuit(where.resourceGroup, ctx.names.expressRouteCircuit, {
    location: where.region,
    skuTier: circuit.sku.tier,
    skuFamily: circuit.sku.family,
    peeringLocation: circuit.peeringLocation,
    bandwidthMbps: circuit.bandwidthMbps,
    tags: ctx.tags,
  });
  return { kind: "ok" as const, circuitId: put.id, operations: operationsOf(put) };
};

const readCircuit: NetworkHandler<typeof ReadCircuitActivity> = async (ctx, { azure: where }) => {
  const circuit = await ctx.azure(where).getExpressRouteCircuit(where.resourceGroup, ctx.names.expressRouteCircuit);
  if (!circuit) return { kind: "ok" as const, circuit: { exists: false } };
  const { id: _id, tags: _tags, peeringLocation: _location, skuName: _sku, ...state } = circuit;
  return { kind: "ok" as const, circuit: { exists: true, ...state } };
};

/** Task 2, beside the circuit: the VNet's ExpressRoute gateway is reused when one exists. */
const startGateway: NetworkHandler<typeof StartGatewayActivity> = async (ctx, { azure: where, publicIpId, sku }) => {
  const azure = ctx.azure(where);
  const rg = where.resourceGroup;
  const vnet = await azure.getVirtualNetwork(rg, where.vnet);
  if (!vnet) return refusal("VirtualNetworkNotFound", `no VNet ${where.vnet} in ${rg}`);
  const existing = await azure.findExpressRouteGateway(rg, vnet.id);
  const ours = existing?.tags[OWNER_TAG] === ctx.owner;
  // A gateway whose last change failed is PUT again by the interconnect that made it, as ARM recovers it.
  if (existing && !(ours && existing.provisioningState === "Failed")) return { kind: "ok" as const, gatewayId: existing.id, created: ours };
  // ARM refuses a gateway in a GatewaySubnet that is not Succeeded yet (ReferencedResourceNotProvisioned): wait for it instead.
  const subnet = vnet.subnets.find((candidate) => candidate.name === GATEWAY_SUBNET_NAME);
  if (subnet?.provisioningState !== undefined && subnet.provisioningState !== "Succeeded") return notReady(`the ${GATEWAY_SUBNET_NAME} is ${subnet.provisioningState}`);
  // A gateway's public IP cannot be dropped in place (azurerm #30032, #31730): a re-PUT keeps the one it has.
  const gateway = await azure.putExpressRouteGateway(rg, existing?.name ?? ctx.names.expressRouteGateway, {
    location: vnet.location,
    gatewaySubnetId: `${vnet.id}/subnets/${GATEWAY_SUBNET_NAME}`,
    publicIpId: existing?.publicIpId ?? publicIpId,
    sku,
    tags: ctx.tags,
  });
  return { kind: "ok" as const, gatewayId: gateway.id, created: true, operations: operationsOf(gateway) };
};

/** Where Azure does not manage the gateway's public IP: its own Standard static one, found by name or created. */
const ensureGatewayPublicIp: NetworkHandler<typeof EnsureGatewayPublicIpActivity> = async (ctx, { azure: where }) => {
  const azure = ctx.azure(where);
  const rg = where.resourceGroup;
  const name = ctx.names.expressRouteGatewayPublicIp;
  const existing = await azure.getPublicIp(rg, name);
  if (existing && existing.provisioningState !== "Failed") return { kind: "ok" as const, publicIpId: existing.id, created: existing.tags[OWNER_TAG] === ctx.owner };
  const vnet = await azure.getVirtualNetwork(rg, where.vnet);
  if (!vnet) return refusal("VirtualNetworkNotFound", `no VNet ${where.vnet} in ${rg}`);
  const ip = await azure.putPublicIp(rg, name, { location: vnet.location, tags: ctx.tags });
  return { kind: "ok" as const, publicIpId: ip.id, created: true, operations: operationsOf(ip) };
};

const readGateway: NetworkHandler<typeof ReadGatewayActivity> = async (ctx, { azure: where, gatewayId }) => {
  const gateway = await ctx.azure(where).getVirtualNetworkGateway(where.resourceGroup, gatewayId.split("/").pop() ?? "");
  return gateway ? { kind: "ok" as const, exists: true, ...(gateway.provisioningState ? { provisioningState: gateway.provisioningState } : {}) } : { kind: "ok" as const, exists: false };
};

/**
 * Task 3: the FastConnect private virtual circuit with the Microsoft Azure provider. The ExpressRoute
 * service key is read and used here and nowhere else: it never enters orchestration history or logs.
 */
const startVirtualCircuit: NetworkHandler<typeof StartVirtualCircuitActivity> = async (ctx, input) => {
  const { oci } = ctx;
  const { compartmentId, region } = input.oci;
  const existing = await oci.findVirtualCircuit(compartmentId, ctx.names.virtualCircuit);
  if (existing) return { kind: "ok" as const, virtualCircuitId: existing.id };
  const provider = await oci.findAzureProviderService(compartmentId);
  if (!provider) return refusal("ProviderServiceNotFound", `OCI ${region} has no 'Microsoft Azure' FastConnect provider service`);
  const shape = ociShapeForBandwidth(input.bandwidthMbps);
  if (!shape) return refusal("BandwidthNotSupported", `no FastConnect shape matches ${input.bandwidthMbps} Mbps`);
  const bgp = deriveBgpAddressing(cidr(input.bgp.primary), cidr(input.bgp.secondary));
  const serviceKey = await ctx.azure(input.azure).getServiceKey(input.azure.resourceGroup, ctx.names.expressRouteCircuit);
  if (serviceKey === null) return notReady(`the ExpressRoute circuit ${ctx.names.expressRouteCircuit} has no service key yet`);
  const circuit = await oci.createVirtualCircuit(
    {
      compartmentId,
      displayName: ctx.names.virtualCircuit,
      bandwidthShapeName: shape,
      drgId: input.drgId,
      providerServiceId: provider.id,
      providerServiceKeyName: serviceKey,
      crossConnectMappings: [bgp.primary, bgp.secondary].map((session) => ({ oracleBgpPeeringIp: session.oracleBgpPeeringIp, customerBgpPeeringIp: session.customerBgpPeeringIp })),
      tags: ctx.tags,
    },
    retryToken(ctx.operationId, "virtual-circuit"),
  );
  return { kind: "ok" as const, virtualCircuitId: circuit.id };
};

const readVirtualCircuit: NetworkHandler<typeof ReadVirtualCircuitActivity> = async (ctx, input) => {
  const vc = await ctx.oci.getVirtualCircuit(input.virtualCircuitId);
  if (!vc) return { kind: "ok" as const, virtualCircuit: { exists: false } };
  const { id: _id, displayName: _name, freeformTags: _tags, drgId: _drg, ...state } = vc;
  return { kind: "ok" as const, virtualCircuit: { exists: true, ...state } };
};

/** Task 3: attach the DRG to the VCN unless it already is. */
const ensureDrgAttachment: NetworkHandler<typeof EnsureDrgAttachmentActivity> = async (ctx, input) => {
  const { oci } = ctx;
  const vcn = input.seenVcn ? { id: input.oci.vcnId, ...input.seenVcn } : await oci.getVcn(input.oci.vcnId);
  if (!vcn) return refusal("VcnNotFound", `no VCN ${input.oci.vcnId}`);
  const attachments = await oci.listDrgAttachments(vcn.compartmentId, { vcnId: vcn.id });
  const existing = attachments.find((attachment) => attachment.drgId === input.drgId);
  if (existing) return { kind: "ok" as const, attachmentId: existing.id, created: existing.freeformTags[OWNER_TAG] === ctx.owner, lifecycleState: existing.lifecycleState };
  const other = attachments[0];
  if (other) return refusal("VcnAttachedElsewhere", `the VCN is attached to DRG ${other.drgId}, not ${input.drgId}`);
  const created = await oci.createDrgAttachment(input.drgId, vcn.id, ctx.names.drgAttachment, ctx.tags, retryToken(ctx.operationId, "drg-attachment"));
  return { kind: "ok" as const, attachmentId: created.id, created: true, lifecycleState: created.lifecycleState };
};

/** Connects the gateway to the circuit. The connection sits in the hub VNet's region (`azure.region`, checked by preflight); the circuit is the one the setup built. */
const startConnection: NetworkHandler<typeof StartConnectionActivity> = async (ctx, { azure: where, gatewayId, circuitId, fastPath }) => {
  const azure = ctx.azure(where);
  const circuit = circuitId ? { id: circuitId } : await azure.getExpressRouteCircuit(where.resourceGroup, ctx.names.expressRouteCircuit);
  if (!circuit) return refusal("CircuitNotFound", `no ExpressRoute circuit ${ctx.names.expressRouteCircuit}`);
  const connection = await azure.putExpressRouteConnection(where.resourceGroup, ctx.names.gatewayConnection, { location: where.region, gatewayId, circuitId: circuit.id, fastPath, tags: ctx.tags });
  return { kind: "ok" as const, connectionId: connection.id, operations: operationsOf(connection) };
};

const readConnection: NetworkHandler<typeof ReadConnectionActivity> = async (ctx, { azure: where }) => {
  const connection = await ctx.azure(where).getConnection(where.resourceGroup, ctx.names.gatewayConnection);
  if (!connection) return { kind: "ok" as const, exists: false };
  return { kind: "ok" as const, exists: true, ...(connection.provisioningState ? { provisioningState: connection.provisioningState } : {}), ...(connection.connectionStatus ? { connectionStatus: connection.connectionStatus } : {}) };
};

const resizeCircuit: NetworkHandler<typeof ResizeCircuitActivity> = async (ctx, { azure: where, bandwidthMbps }) => {
  const started = await ctx.azure(where).setCircuitBandwidth(where.resourceGroup, ctx.names.expressRouteCircuit, bandwidthMbps);
  return { kind: "ok" as const, operations: operationsOf(started) };
};

const resizeVirtualCircuit: NetworkHandler<typeof ResizeVirtualCircuitActivity> = async (ctx, input) => {
  const shape = ociShapeForBandwidth(input.bandwidthMbps);
  if (!shape) return refusal("BandwidthNotSupported", `no FastConnect shape matches ${input.bandwidthMbps} Mbps`);
  await ctx.oci.setVirtualCircuitBandwidth(input.virtualCircuitId, shape);
  return { kind: "ok" as const };
};

export function createCircuitActivities(deps: NetworkDeps) {
  return {
    StartCircuitActivity: networkActivity(deps, StartCircuitActivity, startCircuit),
    ReadCircuitActivity: networkActivity(deps, ReadCircuitActivity, readCircuit),
    StartGatewayActivity: networkActivity(deps, StartGatewayActivity, startGateway),
    EnsureGatewayPublicIpActivity: networkActivity(deps, EnsureGatewayPublicIpActivity, ensureGatewayPublicIp),
    ReadGatewayActivity: networkActivity(deps, ReadGatewayActivity, readGateway),
    StartVirtualCircuitActivity: networkActivity(deps, StartVirtualCircuitActivity, startVirtualCircuit),
    ReadVirtualCircuitActivity: networkActivity(deps, ReadVirtualCircuitActivity, readVirtualCircuit),
    EnsureDrgAttachmentActivity: networkActivity(deps, EnsureDrgAttachmentActivity, ensureDrgAttachment),
    StartConnectionActivity: networkActivity(deps, StartConnectionActivity, startConnection),
    ReadConnectionActivity: networkActivity(deps, ReadConnectionActivity, readConnection),
    ResizeCircuitActivity: networkActivity(deps, ResizeCircuitActivity, resizeCircuit),
    ResizeVirtualCircuitActivity: networkActivity(deps, ResizeVirtualCircuitActivity, resizeVirtualCircuit),
  };
}
