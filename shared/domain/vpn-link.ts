import "./zod-messages";
import { z } from "zod";
import { addressAt, cidr, contains, overlaps, parseIpv4Cidr } from "./cidr";
import { Ipv4CidrText } from "./cidr";
import { AzureRegion, AzureResourceName, InterconnectName, Ocid, OciRegion, ResourceGroupName, SubscriptionId, TicketId } from "./identifiers";
import { ociPhasesFor, RECOMMENDED_IPSEC_POLICY } from "./vpn-policy";
import { AzureIpsecPolicy } from "./vpn-views";

/**
 * A VPN link between an Azure VNet and an OCI VCN: an Azure VPN gateway, an OCI CPE for the gateway's public IP, an
 * OCI IPSec connection on the VCN's DRG (two tunnels), an Azure local network gateway and connection per tunnel.
 * Routing is BGP over link-local inside addresses (Azure takes APIPA addresses from 169.254.21.0-169.254.22.255) or
 * static. Everything the clouds would refuse is checked here, before any call.
 */

/** Azure VPN gateways take custom (APIPA) BGP addresses from this range only. */
export const AZURE_APIPA_RANGE = { first: "169.254.21.0", last: "169.254.22.255", blocks: ["169.254.21.0/24", "169.254.22.0/24"] } as const;
/** OCI's BGP ASN on every FastConnect and IPSec BGP session. */
export const ORACLE_BGP_ASN = 31898;
/** Azure's default VPN gateway ASN; Azure reserves 65515-65520 for itself apart from this default. */
export const AZURE_DEFAULT_ASN = 65515;
const AZURE_RESERVED_ASNS = [8074, 8075, 12076, 65516, 65517, 65518, 65519, 65520, 23456, ORACLE_BGP_ASN];

export const VpnGatewaySku = z.enum(["VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ"], { message: "must be one of VpnGw1AZ-VpnGw5AZ (zone-redundant, route-based)" });

/** One tunnel's inside /30: Oracle's end is its first host, Azure's (an APIPA address) the second. */
export function tunnelInside(block: string): { oracle: string; azure: string; prefixLength: number } {
  const parsed = cidr(block);
  return { oracle: addressAt(parsed, 1), azure: addressAt(parsed, 2), prefixLength: parsed.prefixLength };
}

const InsideBlock = Ipv4CidrText.superRefine((value, ctx) => {
  const parsed = parseIpv4Cidr(value);
  if (!parsed.ok) return;
  if (parsed.cidr.prefixLength !== 30) ctx.addIssue({ code: "custom", message: `must be a /30 (OCI takes a /30 or /31 per tunnel; Azure needs two usable hosts), not /${parsed.cidr.prefixLength}` });
  else if (!AZURE_APIPA_RANGE.blocks.some((block) => contains(cidr(block), parsed.cidr))) {
    ctx.addIssue({ code: "custom", message: `must lie in Azure's APIPA range ${AZURE_APIPA_RANGE.first}-${AZURE_APIPA_RANGE.last} (169.254.21.0/24 or 169.254.22.0/24)` });
  }
});

const BgpRouting = z
  .object({
    mode: z.literal("bgp").describe("BGP over each tunnel: Oracle (ASN 31898) and the Azure gateway exchange the VCN and VNet prefixes."),
    tunnels: z
      .array(InsideBlock)
      .length(2, "must give one inside /30 per OCI tunnel (two)")
      .meta({ description: "The inside /30 of each OCI tunnel, in Azure's APIPA range: Oracle's BGP address is its first host, Azure's (APIPA) the second.", examples: [["169.254.21.0/30", "169.254.22.0/30"]] }),
  })
  .strict()
  .superRefine((routing, ctx) => {
    const [first, second] = routing.tunnels.map((block) => parseIpv4Cidr(block));
    if (first?.ok && second?.ok && overlaps(first.cidr, second.cidr)) ctx.addIssue({ code: "custom", path: ["tunnels", 1], message: `must not overlap tunnels[0] (${routing.tunnels[0]})` });
  });

const StaticRouting = z
  .object({ mode: z.literal("static").describe("No BGP: the prefixes are configured on both sides from the VNet's and the VCN's CIDRs.") })
  .strict()
  .describe("Static routes: Azure routes the VCN CIDRs to the tunnels' local network gateways, OCI the VNet CIDRs to the IPSec connection.");

export const VpnRouting = z.discriminatedUnion("mode", [BgpRouting, StaticRouting], { message: "mode must be bgp or static" });
export type VpnRouting = z.infer<typeof VpnRouting>;

const IpsecPolicyInput = z
  .object({
    saLifeTimeSeconds: AzureIpsecPolicy.shape.saLifeTimeSeconds.describe("IPsec SA lifetime in seconds (OCI accepts 1200-28800)."),
    saDataSizeKilobytes: AzureIpsecPolicy.shape.saDataSizeKilobytes.describe("IPsec SA payload size in KB (Azure only)."),
    ipsecEncryption: AzureIpsecPolicy.shape.ipsecEncryption.describe("Azure IpsecEncryption, e.g. GCMAES256 (OCI AES_256_GCM)."),
    ipsecIntegrity: AzureIpsecPolicy.shape.ipsecIntegrity.describe("Azure IpsecIntegrity; with GCM the same as ipsecEncryption."),
    ikeEncryption: AzureIpsecPolicy.shape.ikeEncryption.describe("Azure IkeEncryption: AES256, AES192 or AES128 (OCI AES_*_CBC)."),
    ikeIntegrity: AzureIpsecPolicy.shape.ikeIntegrity.describe("Azure IkeIntegrity: SHA384, SHA256 or SHA1."),
    dhGroup: AzureIpsecPolicy.shape.dhGroup.describe("Azure DhGroup, e.g. ECP384 (OCI GROUP20)."),
    pfsGroup: AzureIpsecPolicy.shape.pfsGroup.describe("Azure PfsGroup, e.g. ECP384, or None."),
  })
  .strict()
  .superRefine((policy, ctx) => {
  const phases = ociPhasesFor(policy);
  if ("problem" in phases) {
    const field = /^(\w+)/.exec(phases.problem)?.[1] ?? "";
    ctx.addIssue({ code: "custom", path: field in policy ? [field] : [], message: `${phases.problem}: both clouds must accept the policy` });
  }
});

const AzureVpnSide = z
  .object({
    subscriptionId: SubscriptionId.meta({ description: "The Azure subscription of the VNet.", examples: ["00000000-0000-0000-0000-000000000000"] }),
    resourceGroup: ResourceGroupName.meta({ description: "The VNet's resource group; the gateway, local network gateways and connections go there.", examples: ["rg-net"] }),
    region: AzureRegion.meta({ description: "The VNet's Azure region.", examples: ["eastus"] }),
    vnet: z
      .object({ name: AzureResourceName.meta({ description: "The existing VNet. Interlink never creates or deletes it.", examples: ["vnet-app"] }) })
      .strict()
      .describe("The Azure virtual network the VPN connects."),
    gatewaySubnetPrefix: Ipv4CidrText.meta({ description: "The GatewaySubnet's range (/27 or larger, inside the VNet), created when the VNet has none.", examples: ["10.10.255.0/27"] }),
    gateway: z
      .object({
        sku: VpnGatewaySku.default("VpnGw1AZ").meta({ description: "The VPN gateway's zone-redundant SKU (route-based).", examples: ["VpnGw1AZ"] }),
        asn: z
          .number()
          .int()
          .min(1)
          .max(4294967295)
          .default(AZURE_DEFAULT_ASN)
          .refine((asn) => !AZURE_RESERVED_ASNS.includes(asn), { message: `is reserved by Azure or Oracle (${AZURE_RESERVED_ASNS.join(", ")})` })
          .meta({ description: "The gateway's BGP ASN (Azure's default 65515).", examples: [65515] }),
      })
      .strict()
      .default({ sku: "VpnGw1AZ", asn: AZURE_DEFAULT_ASN })
      .describe("The VNet's VPN gateway, created when the VNet has none (35-45 minutes); an existing one is reused."),
  })
  .strict();

const OciVpnSide = z
  .object({
    region: OciRegion.meta({ description: "The VCN's OCI region.", examples: ["us-ashburn-1"] }),
    compartmentId: Ocid("compartment", "tenancy").meta({ description: "Where the CPE and the IPSec connection are created.", examples: ["ocid1.compartment.oc1..aaaa"] }),
    vcnId: Ocid("vcn").meta({ description: "The existing VCN.", examples: ["ocid1.vcn.oc1.iad.aaaa"] }),
    drgId: Ocid("drg").meta({ description: "The existing DRG the IPSec connection terminates on; Interlink attaches the VCN to it when it is not.", examples: ["ocid1.drg.oc1.iad.aaaa"] }),
  })
  .strict();

const Options = z
  .object({
    provisioningTimeoutMinutes: z
      .number()
      .int()
      .min(60, "must be at least 60: a VPN gateway takes 35-45 minutes")
      .max(1440)
      .default(120)
      .describe("How long the setup may take before it fails (a VPN gateway alone takes 35-45 minutes)."),
    rollbackOnFailure: z.boolean().default(true).describe("Undo what a failed setup created (true), or keep it for inspection until DELETE (false)."),
  })
  .strict()
  .describe("How the setup runs.");

export const AzureOciVpnRequest = z
  .object({
    name: InterconnectName.meta({ description: "The VPN link's name; resources are named after it.", examples: ["erp-db-vpn"] }),
    type: z.literal("azure-oci").describe("azure-oci: a site-to-site IPSec VPN between an Azure VNet and an OCI VCN."),
    ticketId: TicketId.optional().meta({ description: "Your change ticket, carried on every event of the link's operations.", examples: ["CHG0012345"] }),
    azure: AzureVpnSide.describe("The Azure side: the existing VNet and its VPN gateway."),
    oci: OciVpnSide.describe("The OCI side: the existing VCN and the DRG the IPSec connection terminates on."),
    routing: VpnRouting.default({ mode: "bgp", tunnels: ["169.254.21.0/30", "169.254.22.0/30"] }).describe("BGP (default, with each tunnel's inside /30) or static routes."),
    ipsecPolicy: IpsecPolicyInput.default(RECOMMENDED_IPSEC_POLICY).describe("The custom IPsec/IKE policy (IKEv2) set on both clouds; the default is one both accept."),
    options: Options.default({ provisioningTimeoutMinutes: 120, rollbackOnFailure: true }),
  })
  .strict()
  .describe("A site-to-site IPSec VPN between an Azure VNet and an OCI VCN (standalone, or the backup of an interconnect between them).");

const sameVnet = (a: { subscriptionId: string; resourceGroup: string; vnet: { name: string } }, b: typeof a) =>
  a.subscriptionId === b.subscriptionId && a.resourceGroup.toLowerCase() === b.resourceGroup.toLowerCase() && a.vnet.name.toLowerCase() === b.vnet.name.toLowerCase();

export const Vnet2VnetRequest = z
  .object({
    name: InterconnectName.meta({ description: "The VPN link's name; resources are named after it.", examples: ["hub-spoke-vpn"] }),
    type: z.literal("vnet-to-vnet").describe("vnet-to-vnet: two Azure VNets (any subscriptions and regions), a VPN gateway in each and a connection each way with one key."),
    ticketId: TicketId.optional().meta({ description: "Your change ticket, carried on every event of the link's operations.", examples: ["CHG0012345"] }),
    vnets: z
      .array(AzureVpnSide)
      .length(2, "must name the two VNets to join")
      .describe("The two VNets; each gets a VPN gateway unless it has one (reused)."),
    ipsecPolicy: IpsecPolicyInput.default(RECOMMENDED_IPSEC_POLICY).describe("The custom IPsec/IKE policy (IKEv2) on both connections."),
    options: Options.default({ provisioningTimeoutMinutes: 120, rollbackOnFailure: true }),
  })
  .strict()
  .superRefine((request, ctx) => {
    const [first, second] = request.vnets;
    if (first && second && sameVnet(first, second)) ctx.addIssue({ code: "custom", path: ["vnets", 1], message: "must be another VNet than vnets[0]" });
    if (first && second && first.gateway.asn === second.gateway.asn && first.gateway.asn !== AZURE_DEFAULT_ASN) {
      ctx.addIssue({ code: "custom", path: ["vnets", 1, "gateway", "asn"], message: "must differ from vnets[0]'s gateway ASN" });
    }
  })
  .describe("A VNet-to-VNet VPN between two Azure VNets, across subscriptions and regions.");

/** Where point-to-site clients may take addresses from: the private ranges (RFC 1918) and shared address space (RFC 6598). */
export const CLIENT_POOL_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"] as const;

const ClientPoolBlock = Ipv4CidrText.superRefine((value, ctx) => {
  const parsed = parseIpv4Cidr(value);
  if (!parsed.ok) return;
  if (!CLIENT_POOL_RANGES.some((range) => contains(cidr(range), parsed.cidr))) ctx.addIssue({ code: "custom", message: `must lie in a private range (${CLIENT_POOL_RANGES.join(", ")})` });
  else if (parsed.cidr.prefixLength > 29) ctx.addIssue({ code: "custom", message: `must be a /29 or larger: Azure hands clients addresses from it, not /${parsed.cidr.prefixLength}` });
});

export const PointToSiteRequest = z
  .object({
    name: InterconnectName.meta({ description: "The VPN link's name; resources are named after it.", examples: ["staff-p2s"] }),
    type: z.literal("point-to-site").describe("point-to-site: VPN clients connect to the VNet's VPN gateway with certificates from a root Interlink generates."),
    ticketId: TicketId.optional().meta({ description: "Your change ticket, carried on every event of the link's operations.", examples: ["CHG0012345"] }),
    azure: AzureVpnSide.describe("The VNet and its VPN gateway (created when the VNet has none, reused otherwise)."),
    clientAddressPool: z
      .array(ClientPoolBlock)
      .min(1, "must give at least one range")
      .max(4, "must give at most 4 ranges")
      .meta({ description: "The ranges VPN clients get addresses from: private (RFC 1918) or shared (100.64.0.0/10), overlapping neither each other, the VNet, nor the GatewaySubnet.", examples: [["172.16.201.0/24"]] }),
    options: Options.default({ provisioningTimeoutMinutes: 120, rollbackOnFailure: true }),
  })
  .strict()
  .superRefine((request, ctx) => {
    const pool = request.clientAddressPool.map((block) => parseIpv4Cidr(block));
    const gatewaySubnet = parseIpv4Cidr(request.azure.gatewaySubnetPrefix);
    pool.forEach((block, index) => {
      if (!block.ok) return;
      const earlier = pool.findIndex((other, at) => at < index && other.ok && overlaps(other.cidr, block.cidr));
      if (earlier >= 0) ctx.addIssue({ code: "custom", path: ["clientAddressPool", index], message: `must not overlap clientAddressPool[${earlier}] (${request.clientAddressPool[earlier]})` });
      if (gatewaySubnet.ok && overlaps(gatewaySubnet.cidr, block.cidr)) ctx.addIssue({ code: "custom", path: ["clientAddressPool", index], message: `must not overlap azure.gatewaySubnetPrefix (${request.azure.gatewaySubnetPrefix})` });
    });
  })
  .describe("Point-to-site VPN: an address pool for clients and a root certificate on the VNet's VPN gateway; client certificates on request.");

export const VpnLinkRequest = z.discriminatedUnion("type", [AzureOciVpnRequest, Vnet2VnetRequest, PointToSiteRequest], { message: "type must be azure-oci, vnet-to-vnet or point-to-site" });
export type PointToSiteRequest = z.infer<typeof PointToSiteRequest>;
export type AzureOciVpnRequest = z.infer<typeof AzureOciVpnRequest>;
export type Vnet2VnetRequest = z.infer<typeof Vnet2VnetRequest>;
export type VpnLinkRequest = z.infer<typeof VpnLinkRequest>;
export type VpnLinkRequestInput = z.input<typeof VpnLinkRequest>;

/** Deterministic names of a VPN link's resources (the gateway is the VNet's, shared like the ExpressRoute gateway). */
export function vpnResourceNames(name: string, vnet: string) {
  return {
    gateway: `${vnet}-vpngw`,
    gatewayPublicIp: `${vnet}-vpngw-pip`,
    cpe: `${name}-cpe`,
    ipsecConnection: `${name}-ipsec`,
    drgAttachment: `${name}-drg-attachment`,
    localNetworkGateway: (tunnel: number) => `${name}-lng-${tunnel + 1}`,
    connection: (tunnel: number) => `${name}-conn-${tunnel + 1}`,
    tunnel: (tunnel: number) => `${name}-tunnel-${tunnel + 1}`,
  };
}

/** What a VPN link created or adopted, so teardown knows what to remove. */
export const VpnLinkResources = z.object({
  gatewaySubnetCreated: z.boolean().optional(),
  publicIpId: z.string().optional(),
  publicIpCreated: z.boolean().optional(),
  gatewayId: z.string().optional(),
  gatewayCreated: z.boolean().optional(),
  drgAttachmentId: z.string().optional(),
  drgAttachmentCreated: z.boolean().optional(),
  cpeId: z.string().optional(),
  ipsecConnectionId: z.string().optional(),
  tunnelIds: z.array(z.string()).optional(),
  localNetworkGatewayIds: z.array(z.string()).optional(),
  connectionIds: z.array(z.string()).optional(),
  /** vnet-to-vnet: each VNet's gateway, and whether Interlink created it and its GatewaySubnet. */
  gatewayIds: z.array(z.string()).optional(),
  gatewaysCreated: z.array(z.boolean()).optional(),
  gatewaySubnetsCreated: z.array(z.boolean()).optional(),
  /** point-to-site: the root certificate uploaded to the gateway (its private key is only in the secret store). */
  rootCertificateName: z.string().optional(),
  rootCertificateThumbprint: z.string().optional(),
  /** point-to-site: the VPN client package's download URL from generatevpnclientpackage (Azure's expires after an hour). */
  clientPackageUrl: z.string().optional(),
});
export type VpnLinkResources = z.infer<typeof VpnLinkResources>;

/** The Azure sides of a link: one for azure-oci, both VNets for vnet-to-vnet. */
export function azureSidesOf(request: VpnLinkRequest): Array<z.infer<typeof AzureVpnSide>> {
  return request.type === "vnet-to-vnet" ? request.vnets : [request.azure];
}
