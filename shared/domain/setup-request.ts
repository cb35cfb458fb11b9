import "./zod-messages";
import { z } from "zod";
import { checkAddressPlan, type AddressPlan, type LabelledCidr } from "./address-plan";
import { regionPairProblem, SKU_FAMILIES, SKU_TIERS, skuProblem, SUPPORTED_BANDWIDTHS_MBPS } from "./catalogue";
import { Ipv4CidrText } from "./cidr";
import {
  AzureRegion,
  AzureResourceName,
  InterconnectName,
  Ocid,
  OciRegion,
  ResourceGroupName,
  SubscriptionId,
  TicketId,
} from "./identifiers";
import { TrafficRule } from "./traffic";

export const BandwidthMbps = z
  .number()
  .int("must be a whole number of Mbps")
  .refine((value) => SUPPORTED_BANDWIDTHS_MBPS.includes(value), {
    message: `must be one of ${SUPPORTED_BANDWIDTHS_MBPS.join(", ")} Mbps: FastConnect to Azure offers 1, 2, 5 or 10 Gbps and the ExpressRoute bandwidth must match`,
  });

const CircuitSku = z
  .object({ tier: z.enum(SKU_TIERS), family: z.enum(SKU_FAMILIES) })
  .strict()
  .superRefine((sku, ctx) => {
    const problem = skuProblem(sku.tier, sku.family);
    if (problem) ctx.addIssue({ code: "custom", path: ["family"], message: problem });
  });

/**
 * How the ExpressRoute gateway gets its public IP: `managed` (Azure assigns and manages it), `static` (Interlink creates
 * a Standard static public IP, tagged, and deletes it with the gateway) or `auto` (managed where Azure offers it, else
 * static). Only used when Interlink creates the gateway; a VNet's existing gateway is kept as it is.
 */
export const GatewayPublicIpMode = z.enum(["auto", "managed", "static"], { message: "must be auto, managed or static" });
export type GatewayPublicIpMode = z.infer<typeof GatewayPublicIpMode>;

const GatewayOptions = z.object({ publicIp: GatewayPublicIpMode.default("auto") }).strict();

const AzureSide = z
  .object({
    subscriptionId: SubscriptionId,
    resourceGroup: ResourceGroupName,
    region: AzureRegion,
    vnet: z
      .object({
        name: AzureResourceName,
        /** Optional: read from Azure when omitted, checked against Azure when given. */
        addressSpaces: z.array(Ipv4CidrText).min(1, "must list at least one address space when given").max(32).optional(),
      })
      .strict(),
    gatewaySubnetPrefix: Ipv4CidrText,
    circuit: z
      .object({
        bandwidthMbps: BandwidthMbps,
        peeringLocation: z.string().min(1, "must name an ExpressRoute peering location"),
        sku: CircuitSku,
      })
      .strict(),
    /** An existing NSG to add the interconnect's rules to; when omitted Interlink creates `<name>-nsg`. */
    networkSecurityGroup: AzureResourceName.optional(),
    /** VNet subnets whose traffic uses the interconnect; Interlink associates its NSG and route table with them. */
    appSubnets: z.array(AzureResourceName).max(32).optional(),
    /** The ExpressRoute gateway Interlink creates when the VNet has none. */
    gateway: GatewayOptions.default({ publicIp: "auto" }),
  })
  .strict();

const PeeredVcn = z
  .object({
    vcnId: Ocid("vcn").optional(),
    cidrs: z.array(Ipv4CidrText).min(1, "must list the peered VCN's CIDRs"),
  })
  .strict();

const OciSide = z
  .object({
    region: OciRegion,
    compartmentId: Ocid("compartment", "tenancy"),
    vcnId: Ocid("vcn"),
    vcnCidrs: z.array(Ipv4CidrText).min(1, "must list at least one CIDR when given").max(32).optional(),
    /** An existing DRG; when omitted Interlink creates `<name>-drg`. */
    drgId: Ocid("drg").optional(),
    /** The VCN route table that gets the VNet routes; the VCN's default route table when omitted. */
    routeTableId: Ocid("routetable").optional(),
    /** Where OCI security rules go: a new NSG (default) or an existing security list. */
    security: z
      .discriminatedUnion("mode", [
        z.object({ mode: z.literal("nsg") }).strict(),
        z.object({ mode: z.literal("securityList"), securityListId: Ocid("securitylist") }).strict(),
      ])
      .default({ mode: "nsg" }),
    /** VCNs peered to this VCN (the seed allows VNet -> VCN -> peered VCN traffic). */
    peeredVcns: z.array(PeeredVcn).max(16).default([]),
  })
  .strict();

export const BgpBlocks = z
  .object({
    primary: Ipv4CidrText,
    secondary: Ipv4CidrText,
  })
  .strict();

export const SetupOptions = z
  .object({
    rollbackOnFailure: z.boolean().default(true),
    provisioningTimeoutMinutes: z.number().int().min(5, "must be at least 5 minutes").max(10080, "must be at most 7 days (10080 minutes)").default(120),
  })
  .strict();

const labelled = (values: readonly string[] | undefined, path: string): LabelledCidr[] | undefined =>
  values?.map((text, index) => ({ path: `${path}[${index}]`, text }));

/** The address ranges of a request, labelled with their fields, for the overlap rules. */
export function addressPlanOf(request: {
  azure: { vnet: { addressSpaces?: string[] | undefined }; gatewaySubnetPrefix: string };
  oci: { vcnCidrs?: string[] | undefined; peeredVcns?: Array<{ cidrs: string[] }> | undefined };
  bgp: { primary: string; secondary: string };
}): AddressPlan {
  const peered = (request.oci.peeredVcns ?? []).flatMap((vcn, i) => labelled(vcn.cidrs, `oci.peeredVcns[${i}].cidrs`) ?? []);
  return {
    vnetAddressSpaces: labelled(request.azure.vnet.addressSpaces, "azure.vnet.addressSpaces"),
    vcnCidrs: labelled(request.oci.vcnCidrs, "oci.vcnCidrs"),
    peeredVcnCidrs: peered,
    gatewaySubnet: { path: "azure.gatewaySubnetPrefix", text: request.azure.gatewaySubnetPrefix },
    bgpPrimary: { path: "bgp.primary", text: request.bgp.primary },
    bgpSecondary: { path: "bgp.secondary", text: request.bgp.secondary },
  };
}

function toPath(path: string): Array<string | number> {
  return path.split(/\.|\[(\d+)\]/).filter((part) => part !== undefined && part !== "").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * A request to build one interconnect (DESIGN.md "Setup request"). Parsing runs every rule that can be
 * checked without a cloud: shapes, the catalogue, the SKU, the address plan and the traffic list.
 */
export const SetupRequest = z
  .object({
    name: InterconnectName,
    ticketId: TicketId.optional(),
    azure: AzureSide,
    oci: OciSide,
    bgp: BgpBlocks,
    traffic: z.array(TrafficRule).min(1, "must declare at least one traffic rule: the seed asks that all traffic be intended and well defined").max(50),
    options: SetupOptions.default({ rollbackOnFailure: true, provisioningTimeoutMinutes: 120 }),
  })
  .strict()
  .superRefine((request, ctx) => {
    const pair = regionPairProblem(request.azure.region, request.oci.region, request.azure.circuit.peeringLocation);
    if (pair) ctx.addIssue({ code: "custom", path: toPath(pair.field), message: pair.message });
    for (const error of checkAddressPlan(addressPlanOf(request))) {
      ctx.addIssue({ code: "custom", path: toPath(error.path), message: error.message });
    }
    request.traffic.forEach((rule, index) => {
      if ((rule.from === "oci-peered" || rule.to === "oci-peered") && request.oci.peeredVcns.length === 0) {
        ctx.addIssue({ code: "custom", path: ["traffic", index], message: "traffic to 'oci-peered' needs oci.peeredVcns to list the peered VCNs and their CIDRs" });
      }
    });
  });
export type SetupRequest = z.infer<typeof SetupRequest>;
export type SetupRequestInput = z.input<typeof SetupRequest>;
