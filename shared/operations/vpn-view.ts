import { z } from "zod";
import { OperationProgress, StepProgress } from "../domain/progress";
import { azureSidesOf, type PointToSiteRequest, tunnelInside, VpnLinkRequest, VpnLinkResources, vpnResourceNames } from "../domain/vpn-link";
import { P2S_SETUP_STEPS, P2S_TEARDOWN_STEPS, VNET2VNET_SETUP_STEPS, VNET2VNET_TEARDOWN_STEPS, type VpnLinkRecord, VpnHealthReport, VpnLinkState, VpnOperationRecord, VPN_SETUP_STEPS, VPN_TEARDOWN_STEPS, VPN_OPERATIONS } from "../domain/vpn-link-record";
import { ociPhasesFor } from "../domain/vpn-policy";
import { AzureIpsecPolicy } from "../domain/vpn-views";
import { type InstanceStatus } from "./ports";
import { LastError, lastErrorOf, operationPath, redact } from "./view";

const Links = z.record(z.string(), z.string()).describe("Related routes of this API (paths under the same host).");

export const VpnStartAccepted = z
  .object({
    name: z.string().describe("The VPN link."),
    operation: z.enum(VPN_OPERATIONS),
    instanceId: z.string().describe("The operation's instance id, `vpn.<name>.<operation>.<sequence>`."),
    replayed: z.boolean().describe("True when this request repeats one already accepted: the existing operation is reported and nothing new starts."),
    statusUri: z.string().describe("Where to follow the operation (also the Location header): GET it until `done` is true."),
    vpnLinkUri: z.string().describe("The VPN link's own route."),
  })
  .describe("202 Accepted for a VPN link operation. Location and statusUri point at Interlink's operation status route.");

const TunnelBgp = z.object({
  tunnel: z.number().int().describe("1 or 2: the OCI tunnel."),
  block: z.string().describe("The tunnel's inside /30."),
  oracleAddress: z.string().describe("Oracle's BGP address (OCI oracleInterfaceIp): the block's first host."),
  azureApipaAddress: z.string().describe("Azure's APIPA BGP address (the connection's custom BGP address; OCI customerInterfaceIp): the block's second host."),
  oracleAsn: z.number().int(),
  azureAsn: z.number().int(),
});

export const VpnLinkSummary = z
  .object({
    name: z.string(),
    type: z.string(),
    state: VpnLinkState,
    ticketId: z.string().optional(),
    routing: z.enum(["bgp", "static"]).nullable().describe("azure-oci: BGP or static; null for vnet-to-vnet."),
    azureVnets: z.array(z.string()).describe("The Azure VNet(s) joined."),
    ociVcn: z.string().nullable().describe("The OCI VCN (azure-oci only)."),
    currentOperation: z.string().nullable().describe("Instance id of the operation running now, or null."),
    lastHealth: z.string().nullable().describe("Verdict of the last health check, or null when never checked."),
    carriedBy: z.string().nullable().describe("Which path carried the pair's traffic at the last check: VPN, ExpressRoute or none."),
    lastError: LastError.nullable(),
    updatedAt: z.string(),
  })
  .describe("One VPN link in the list.");
export type VpnLinkSummary = z.infer<typeof VpnLinkSummary>;

export const VpnLinkList = z.object({ value: z.array(VpnLinkSummary).describe("Every VPN link except deleted ones.") });

export const VpnLinkDetail = z
  .object({
    name: z.string(),
    state: VpnLinkState,
    spec: VpnLinkRequest.describe("The request as stored, defaults filled in."),
    bgp: z.array(TunnelBgp).nullable().describe("Each tunnel's BGP addressing (null with static routing)."),
    resources: VpnLinkResources.describe("What this link created or adopted (ids), so teardown knows what to remove."),
    currentOperation: z
      .object({ instanceId: z.string(), operation: z.string(), runtimeStatus: z.string(), progress: OperationProgress.nullable(), links: Links })
      .nullable()
      .describe("The operation running now, or null."),
    steps: z.array(StepProgress).describe("The steps of the latest operation (live while it runs)."),
    operations: z.array(VpnOperationRecord).describe("The latest operations on this link (at most 20), oldest first."),
    lastError: LastError.nullable(),
    lastHealth: VpnHealthReport.nullable(),
    warnings: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    links: Links,
  })
  .describe("One VPN link: state, step progress, resource ids, BGP addressing, last health, last error. No shared key: Interlink never holds one.");
export type VpnLinkDetail = z.infer<typeof VpnLinkDetail>;

const PlannedStep = z.object({ id: z.string(), title: z.string(), dependsOn: z.array(z.string()) });

export const VpnPlan = z
  .object({
    name: z.string(),
    type: z.string(),
    steps: z.array(PlannedStep).describe("The setup steps; a step starts when those it depends on have ended."),
    teardownSteps: z.array(PlannedStep),
    resources: z.object({
      azure: z.object({ gateways: z.array(z.string()), publicIps: z.array(z.string()), localNetworkGateways: z.array(z.string()), connections: z.array(z.string()) }),
      oci: z.object({ cpe: z.string(), ipsecConnection: z.string(), tunnels: z.array(z.string()) }).nullable(),
    }),
    routing: z.enum(["bgp", "static"]).nullable(),
    bgp: z.array(TunnelBgp).nullable(),
    ipsecPolicy: z.object({ azure: AzureIpsecPolicy, oci: z.record(z.string(), z.unknown()).nullable().describe("The same policy in OCI's phase one/two terms.") }).nullable().describe("Null for point-to-site."),
    clientAddressPool: z.array(z.string()).optional().describe("Point-to-site: the ranges clients get addresses from."),
    sharedKeys: z.string().describe("How the pre-shared keys are made and kept."),
  })
  .describe("What a VPN link setup would build, from the request alone (no cloud is called).");
export type VpnPlan = z.infer<typeof VpnPlan>;

/** One VPN link in the list. */
export function vpnSummaryOf(record: VpnLinkRecord): VpnLinkSummary {
  const running = record.operations.find((operation) => operation.status === "Running");
  return {
    name: record.name,
    type: record.spec.type,
    state: record.state,
    ...(record.spec.ticketId ? { ticketId: record.spec.ticketId } : {}),
    routing: record.spec.type === "azure-oci" ? record.spec.routing.mode : null,
    azureVnets: azureSidesOf(record.spec).map((side) => side.vnet.name),
    ociVcn: record.spec.type === "azure-oci" ? record.spec.oci.vcnId : null,
    currentOperation: running ? running.instanceId : null,
    lastHealth: record.lastHealth?.verdict ?? null,
    carriedBy: record.lastHealth?.carriedBy ?? null,
    lastError: lastErrorOf(record),
    updatedAt: record.updatedAt,
  };
}

/** The full view of one VPN link: its spec, resources, BGP addressing, live progress, last health and last error. */
export function vpnDetailOf(record: VpnLinkRecord, live: InstanceStatus | null, basePath: string): VpnLinkDetail {
  const running = record.operations.find((operation) => operation.status === "Running");
  const parsed = OperationProgress.safeParse(live?.customStatus);
  const progress = parsed.success ? parsed.data : null;
  const self = `${basePath}/vpn-links/${record.name}`;
  return redact({
    name: record.name,
    state: record.state,
    spec: record.spec,
    bgp: bgpOf(record.spec),
    resources: record.resources,
    currentOperation:
      running && live
        ? { instanceId: running.instanceId, operation: running.operation, runtimeStatus: live.runtimeStatus, progress, links: { status: operationPath(basePath, record.name, running.instanceId, "vpn-links") } }
        : null,
    steps: progress?.steps ?? record.steps,
    operations: record.operations,
    lastError: lastErrorOf(record),
    lastHealth: record.lastHealth ?? null,
    warnings: record.warnings,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    links: linksOf(record, self),
  });
}

/** Each tunnel's inside addresses (BGP routing), as both clouds get them. */
function bgpOf(request: VpnLinkRequest): z.infer<typeof TunnelBgp>[] | null {
  if (request.type !== "azure-oci" || request.routing.mode !== "bgp") return null;
  return request.routing.tunnels.map((block, index) => {
    const inside = tunnelInside(block);
    return { tunnel: index + 1, block, oracleAddress: inside.oracle, azureApipaAddress: inside.azure, oracleAsn: 31898, azureAsn: request.azure.gateway.asn };
  });
}

/** What a setup would build and in which order, from the request alone (no cloud is called). */
export function planVpnLink(request: VpnLinkRequest): VpnPlan {
  const sides = azureSidesOf(request);
  const names = vpnResourceNames(request.name, sides[0]?.vnet.name ?? "");
  if (request.type === "point-to-site") return planPointToSite(request);
  const phases = ociPhasesFor(request.ipsecPolicy);
  const step = (definition: { id: string; title: string; dependsOn: readonly string[] }) => ({ id: definition.id, title: definition.title, dependsOn: [...definition.dependsOn] });
  const site = request.type === "azure-oci";
  return {
    name: request.name,
    type: request.type,
    steps: (site ? VPN_SETUP_STEPS : VNET2VNET_SETUP_STEPS).map(step),
    teardownSteps: (site ? VPN_TEARDOWN_STEPS : VNET2VNET_TEARDOWN_STEPS).map(step),
    resources: {
      azure: {
        gateways: sides.map((side) => `${vpnResourceNames(request.name, side.vnet.name).gateway} in ${side.resourceGroup} (reused when the VNet has a VPN gateway; ${side.gateway.sku}, ASN ${side.gateway.asn})`),
        publicIps: sides.map((side) => vpnResourceNames(request.name, side.vnet.name).gatewayPublicIp),
        localNetworkGateways: site ? [names.localNetworkGateway(0), names.localNetworkGateway(1)] : [],
        connections: [names.connection(0), names.connection(1)],
      },
      oci: site ? { cpe: names.cpe, ipsecConnection: names.ipsecConnection, tunnels: [names.tunnel(0), names.tunnel(1)] } : null,
    },
    routing: site ? request.routing.mode : null,
    bgp: bgpOf(request),
    ipsecPolicy: { azure: request.ipsecPolicy, oci: site && !("problem" in phases) ? { ...phases } : null },
    sharedKeys: "generated by a CSPRNG when the link is set up, kept only by the clouds (OCI's tunnels, Azure's connections), never stored or returned by Interlink",
  };
}

const plannedStep = (definition: { id: string; title: string; dependsOn: readonly string[] }) => ({ id: definition.id, title: definition.title, dependsOn: [...definition.dependsOn] });

function planPointToSite(request: PointToSiteRequest): VpnPlan {
  const names = vpnResourceNames(request.name, request.azure.vnet.name);
  return {
    name: request.name,
    type: request.type,
    steps: P2S_SETUP_STEPS.map(plannedStep),
    teardownSteps: P2S_TEARDOWN_STEPS.map(plannedStep),
    resources: {
      azure: {
        gateways: [`${names.gateway} in ${request.azure.resourceGroup} (reused when the VNet has a VPN gateway; ${request.azure.gateway.sku}, ASN ${request.azure.gateway.asn})`],
        publicIps: [names.gatewayPublicIp],
        localNetworkGateways: [],
        connections: [],
      },
      oci: null,
    },
    routing: null,
    bgp: null,
    ipsecPolicy: null,
    clientAddressPool: request.clientAddressPool,
    sharedKeys: "none: clients authenticate with certificates. The root certificate's private key is generated by Interlink and kept sealed in its secret store (never returned); client certificates are issued on request and their private keys returned once, never stored",
  };
}

function linksOf(record: VpnLinkRecord, self: string): Record<string, string> {
  const links: Record<string, string> = { self, health: `${self}/health` };
  if (record.spec.type === "point-to-site") Object.assign(links, { clientCertificates: `${self}/client-certificates`, clientPackage: `${self}/client-package` });
  else links.rotateKey = `${self}/rotate-key`;
  return links;
}
