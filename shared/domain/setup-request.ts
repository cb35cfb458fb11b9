import "./zod-messages";
import { z } from "zod";
import { checkAddressPlan, type AddressPlan, type LabelledCidr } from "./address-plan";
import { fastPathProblem, GATEWAY_SKUS, regionPairProblem, SKU_FAMILIES, SKU_TIERS, skuProblem, SUPPORTED_BANDWIDTHS_MBPS } from "./catalogue";
import { Ipv4CidrText, vnetAddressSpaces } from "./cidr";
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
import { spokeListProblems, SpokeVnet } from "./spokes";
import { PeeredVcn, peeredVcnProblems } from "./peered-vcn";
import { bindingShapeProblems } from "./security/binding";
import { TrafficRule } from "./traffic";

export const BandwidthMbps = z
  .number()
  .int("must be a whole number of Mbps")
  .refine((value) => SUPPORTED_BANDWIDTHS_MBPS.includes(value), {
    message: `must be one of ${SUPPORTED_BANDWIDTHS_MBPS.join(", ")} Mbps: FastConnect to Azure offers 1, 2, 5 or 10 Gbps and the ExpressRoute bandwidth must match`,
  });

const CircuitSku = z
  .object({
    tier: z.enum(SKU_TIERS).meta({
      description: "ExpressRoute SKU tier. Standard reaches VNets in the peering location's geopolitical region; Premium (extra monthly charge) reaches beyond it; Local only the Azure region(s) local to the peering location.",
      examples: ["Standard"],
    }),
    family: z.enum(SKU_FAMILIES).meta({ description: "Billing model: MeteredData bills outbound data per GB; UnlimitedData has a higher fixed price. Local is only sold as UnlimitedData.", examples: ["MeteredData"] }),
  })
  .strict()
  .describe("The ExpressRoute circuit SKU (ARM sku.name is <tier>_<family>).")
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

const GatewayOptions = z
  .object({
    publicIp: GatewayPublicIpMode.default("auto").meta({
      description:
        "How the gateway gets its public IP: managed (Azure assigns and manages it), static (Interlink creates a Standard static public IP <vnet>-ergw-pip, tagged, and deletes it with the gateway) or auto (managed where Azure offers it, else static).",
      examples: ["auto"],
    }),
    sku: z.enum(GATEWAY_SKUS, { message: `must be one of ${GATEWAY_SKUS.join(", ")}` }).default("ErGw1AZ").meta({
      description: "The ExpressRoute gateway SKU Interlink creates (a VNet's existing gateway keeps its own): ErGw1AZ (default), ErGw2AZ, ErGw3AZ, ErGwScale, or UltraPerformance where the region still offers it.",
      examples: ["ErGw1AZ"],
    }),
    fastPath: z.boolean().default(false).describe("FastPath on the gateway connection: traffic to the VNet bypasses the gateway. Only with the ErGw3AZ, ErGwScale or UltraPerformance SKU."),
  })
  .strict()
  .superRefine((gateway, ctx) => {
    const problem = fastPathProblem(gateway.sku, gateway.fastPath);
    if (problem) ctx.addIssue({ code: "custom", path: ["fastPath"], message: problem });
  });

const AzureSide = z
  .object({
    subscriptionId: SubscriptionId.meta({ description: "The Azure subscription that holds the VNet and gets the circuit, gateway and connection.", examples: ["00000000-0000-0000-0000-000000000000"] }),
    resourceGroup: ResourceGroupName.meta({
      description: "The resource group of the VNet; Interlink creates the circuit, gateway, connection, NSG and route table in it.",
      examples: ["rg-net"],
    }),
    region: AzureRegion.meta({
      description:
        "The Azure region of the VNet (and of the circuit resource). It must be reachable from the peering location: in its geopolitical area with a Standard circuit (e.g. eastus2 or centralus for Washington DC), anywhere with Premium, its local region with Local.",
      examples: ["eastus"],
    }),
    vnet: z
      .object({
        name: AzureResourceName.meta({ description: "The existing VNet to connect. Interlink never creates or deletes it.", examples: ["vnet-app"] }),
        addressSpaces: vnetAddressSpaces(
          "The VNet's address spaces (IPv4 CIDRs, at most 32). Optional: read from Azure at preflight when omitted, and checked against Azure when given. They must not overlap the VCN, peered VCNs or BGP blocks.",
          "10.10.0.0/16",
        ),
      })
      .strict()
      .describe("The Azure virtual network whose workloads reach OCI."),
    gatewaySubnetPrefix: Ipv4CidrText.meta({
      description:
        "The range of the VNet's GatewaySubnet, which hosts the ExpressRoute gateway: /27 or larger, inside the VNet address space, overlapping nothing on the OCI side. Created when the VNet has no GatewaySubnet; an existing one is used as it is.",
      examples: ["10.10.255.0/27"],
    }),
    circuit: z
      .object({
        bandwidthMbps: BandwidthMbps.meta({
          description: "Bandwidth of both circuits in Mbps: 1000, 2000, 5000 or 10000 (FastConnect to Azure offers 1, 2, 5 or 10 Gbps; the ExpressRoute circuit gets the same). It can grow later with PATCH, never shrink in place.",
          examples: [1000],
        }),
        peeringLocation: z
          .string()
          .min(1, "must name an ExpressRoute peering location")
          .meta({ description: "The ExpressRoute peering location interconnected with oci.region (Washington DC for us-ashburn-1...), as Azure spells it.", examples: ["Washington DC"] }),
        sku: CircuitSku,
      })
      .strict()
      .describe("The ExpressRoute circuit Interlink creates (provider Oracle Cloud FastConnect), named <name>-erc."),
    networkSecurityGroup: AzureResourceName.optional().meta({
      description: "An existing NSG to add the interconnect's rules to (named interlink-<name>-*, at free priorities). When omitted, Interlink creates <name>-nsg.",
      examples: ["nsg-app"],
    }),
    appSubnets: z
      .array(AzureResourceName)
      .max(32)
      .optional()
      .meta({
        description:
          "Names of the VNet's subnets whose workloads use the interconnect (at most 32). Interlink associates its NSG and route table with them; a subnet that already has a route table (a UDR to a firewall, say) keeps it, and Interlink adds its own routes (named interlink-<name>-*) there and removes only those. When omitted, both are created but associated with nothing (the plan warns).",
        examples: [["app"]],
      }),
    gateway: GatewayOptions.default({ publicIp: "auto", sku: "ErGw1AZ", fastPath: false }).describe("The ExpressRoute gateway Interlink creates when the VNet has none (a VNet's existing gateway is used as it is)."),
    spokes: z
      .array(SpokeVnet)
      .max(50)
      .default([])
      .describe(
        "VNets peered with this VNet (the hub, which holds the ExpressRoute gateway) that reach OCI through its gateway: hub-spoke, at most 50. Interlink peers each one after the gateway is built (hub side allowGatewayTransit, then spoke side useRemoteGateways) and routes its address spaces to OCI.",
      ),
  })
  .strict()
  .describe("The Azure side: the existing VNet and the ExpressRoute circuit to create.");

const OciSide = z
  .object({
    region: OciRegion.meta({ description: "The OCI region of the VCN. It must be interconnected with azure.circuit.peeringLocation.", examples: ["us-ashburn-1"] }),
    compartmentId: Ocid("compartment", "tenancy").meta({
      description: "The compartment (or the tenancy, for the root compartment) where Interlink creates the virtual circuit, DRG and NSG.",
      examples: ["ocid1.compartment.oc1..aaaa"],
    }),
    vcnId: Ocid("vcn").meta({ description: "The existing VCN to connect. Interlink never creates or deletes it.", examples: ["ocid1.vcn.oc1.iad.aaaa"] }),
    vcnCidrs: z
      .array(Ipv4CidrText)
      .min(1, "must list at least one CIDR when given")
      .max(32)
      .optional()
      .meta({
        description: "The VCN's CIDR blocks (at most 32). Optional: read from OCI at preflight when omitted, and checked against OCI when given. They must not overlap the VNet.",
        examples: [["10.20.0.0/16"]],
      }),
    drgId: Ocid("drg").optional().meta({
      description: "An existing dynamic routing gateway (DRG) to use; it is never deleted. When omitted, Interlink creates <name>-drg and deletes it at teardown if nothing else uses it.",
      examples: ["ocid1.drg.oc1.iad.aaaa"],
    }),
    routeTableId: Ocid("routetable").optional().meta({
      description: "The VCN route table that gets the rules sending the VNet's CIDRs to the DRG. When omitted, the VCN's default route table.",
      examples: ["ocid1.routetable.oc1.iad.aaaa"],
    }),
    routeTableIds: z
      .array(Ocid("routetable"))
      .min(1, "must list at least one route table when given")
      .max(16)
      .optional()
      .meta({
        description:
          "Several VCN route tables (at most 16), for subnets that use different ones: each gets the rules sending the Azure CIDRs to the DRG, beside its own rules, which Interlink never touches. Instead of oci.routeTableId.",
        examples: [["ocid1.routetable.oc1.iad.aaaa", "ocid1.routetable.oc1.iad.bbbb"]],
      }),
    subnetIds: z
      .array(Ocid("subnet"))
      .max(16)
      .default([])
      .meta({
        description:
          "The VCN subnets whose traffic crosses the interconnect (at most 16). Interlink adds its rules (marked interlink:<name>) to each subnet's first security list and removes exactly those at teardown. Every other subnet using that list is covered too (the plan says so).",
        examples: [["ocid1.subnet.oc1.iad.aaaa"]],
      }),
    vnicIds: z
      .array(Ocid("vnic"))
      .max(32)
      .default([])
      .meta({
        description:
          "VNICs whose traffic crosses the interconnect (at most 32), with security.mode nsg: Interlink adds its NSG <name>-nsg to each VNIC's NSGs (keeping the others; a VNIC is in at most 5) and takes it out again at teardown.",
        examples: [["ocid1.vnic.oc1.iad.aaaa"]],
      }),
    security: z
      .discriminatedUnion("mode", [
        z.object({ mode: z.literal("nsg").describe("Interlink creates the network security group <name>-nsg in the VCN.") }).strict(),
        z
          .object({
            mode: z.literal("securityList").describe("Interlink adds its rules to an existing security list (and removes them at teardown)."),
            securityListId: Ocid("securitylist").meta({ description: "The security list that gets the rules.", examples: ["ocid1.securitylist.oc1.iad.aaaa"] }),
          })
          .strict(),
      ])
      .default({ mode: "nsg" })
      .meta({ description: "Where the OCI security rules for the declared traffic go: a new NSG (default) or an existing security list.", examples: [{ mode: "nsg" }] }),
    peeredVcns: z
      .array(PeeredVcn)
      .max(16)
      .default([])
      .describe("VCNs peered to the connected VCN whose traffic should reach the VNet too (VNet -> VCN -> peered VCN); at most 16. Needed for traffic rules with oci-peered."),
  })
  .strict()
  .describe("The OCI side: the existing VCN and where the FastConnect virtual circuit and DRG go.");

export const BgpBlocks = z
  .object({
    primary: Ipv4CidrText.meta({
      description: "The /30 of the primary BGP session: its 2nd address is Oracle's, its 3rd Azure's (the 1st and last are reserved). It must overlap no network and not the secondary.",
      examples: ["10.99.0.0/30"],
    }),
    secondary: Ipv4CidrText.meta({ description: "The /30 of the secondary BGP session, addressed the same way; different from the primary and overlapping nothing.", examples: ["10.99.0.4/30"] }),
  })
  .strict()
  .describe("Two private /30 blocks for the two BGP sessions (both are needed for the ExpressRoute SLA).");

export const SetupOptions = z
  .object({
    rollbackOnFailure: z
      .boolean()
      .default(true)
      .describe("When a step fails, undo what the setup created (the interconnect ends RolledBack). false keeps it for inspection (the interconnect ends Failed; DELETE removes it)."),
    provisioningTimeoutMinutes: z
      .number()
      .int()
      .min(5, "must be at least 5 minutes")
      .max(10080, "must be at most 7 days (10080 minutes)")
      .default(120)
      .meta({
        description: "How long the setup waits for the clouds (circuits, gateway, provider provisioning) before it fails with ProvisioningTimeout: 5 to 10080 minutes. The gateway alone can take 45 minutes.",
        examples: [120],
      }),
    allowUnboundRules: z
      .boolean()
      .default(false)
      .describe(
        "Set up even when the security rules would protect nothing on a side: no Azure subnet (azure.appSubnets, azure.spokes[].subnets or an associated azure.networkSecurityGroup) or no OCI subnet or VNIC (oci.subnetIds, oci.vnicIds or security.mode securityList). false (default): such a request is refused; true: it proceeds and the plan and status warn.",
      ),
    applyPolicies: z
      .boolean()
      .default(false)
      .describe(
        "Before anything else, create or complete the OCI IAM policies the plan needs (as POST /api/policies/apply does), in each tenancy with its own credentials. false: only check them; a missing statement stops the setup at preflight.",
      ),
  })
  .strict()
  .describe("How the setup behaves on failure and how long it waits.");

const labelled = (values: readonly string[] | undefined, path: string): LabelledCidr[] | undefined =>
  values?.map((text, index) => ({ path: `${path}[${index}]`, text }));

/** The address ranges of a request, labelled with their fields, for the overlap rules. */
export function addressPlanOf(request: {
  azure: { vnet: { addressSpaces?: string[] | undefined }; gatewaySubnetPrefix: string; spokes?: Array<{ vnet: { addressSpaces?: string[] | undefined } }> | undefined };
  oci: { vcnCidrs?: string[] | undefined; peeredVcns?: Array<{ cidrs: string[] }> | undefined };
  bgp: { primary: string; secondary: string };
}): AddressPlan {
  const peered = (request.oci.peeredVcns ?? []).flatMap((vcn, i) => labelled(vcn.cidrs, `oci.peeredVcns[${i}].cidrs`) ?? []);
  const spokes = (request.azure.spokes ?? []).flatMap((spoke, i) => labelled(spoke.vnet.addressSpaces, `azure.spokes[${i}].vnet.addressSpaces`) ?? []);
  return {
    vnetAddressSpaces: labelled(request.azure.vnet.addressSpaces, "azure.vnet.addressSpaces"),
    spokeAddressSpaces: spokes,
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
 * A request to build one interconnect (docs/request-reference.md). Parsing runs every rule that can be
 * checked without a cloud: shapes, the catalogue, the SKU, the address plan and the traffic list.
 */
export const SetupRequest = z
  .object({
    name: InterconnectName.meta({
      description: "The interconnect's name: 3-40 lowercase letters, digits and hyphens. It names what Interlink creates (<name>-erc, <name>-vc, <name>-nsg...) and the interconnect in every route.",
      examples: ["erp-db-link"],
    }),
    ticketId: TicketId.optional().meta({
      description: "Your change ticket. Tagged on what Interlink creates (interlink-ticket) and carried on every event; a request with the same spec and ticket is a replay.",
      examples: ["CHG0012345"],
    }),
    azure: AzureSide,
    oci: OciSide,
    bgp: BgpBlocks,
    traffic: z
      .array(TrafficRule)
      .min(1, "must declare at least one traffic rule: only declared traffic is allowed through the interconnect")
      .max(50)
      .describe("The traffic allowed across the interconnect (1 to 50 rules). Interlink writes NSG and security rules for exactly this, on both sides."),
    options: SetupOptions.default({ rollbackOnFailure: true, provisioningTimeoutMinutes: 120, allowUnboundRules: false, applyPolicies: false }),
  })
  .strict()
  .describe("A request to build one interconnect between an Azure VNet and an OCI VCN. Every rule that needs no cloud is checked before anything starts.")
  .superRefine((request, ctx) => {
    const pair = regionPairProblem(request.azure.region, request.oci.region, request.azure.circuit.peeringLocation, request.azure.circuit.sku.tier);
    if (pair) ctx.addIssue({ code: "custom", path: toPath(pair.field), message: pair.message });
    for (const error of [...spokeListProblems(request.azure, request.azure.spokes), ...checkAddressPlan(addressPlanOf(request))]) {
      ctx.addIssue({ code: "custom", path: toPath(error.path), message: error.message });
    }
    if (request.oci.routeTableId && request.oci.routeTableIds) {
      ctx.addIssue({ code: "custom", path: ["oci", "routeTableIds"], message: "give oci.routeTableId or oci.routeTableIds, not both" });
    }
    request.oci.routeTableIds?.forEach((id, index, all) => {
      if (all.indexOf(id) !== index) ctx.addIssue({ code: "custom", path: ["oci", "routeTableIds", index], message: `${id} is listed twice` });
    });
    for (const problem of bindingShapeProblems(request)) ctx.addIssue({ code: "custom", path: toPath(problem.path), message: problem.message });
    for (const problem of peeredVcnProblems(request.oci)) ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
    request.traffic.forEach((rule, index) => {
      if ((rule.from === "oci-peered" || rule.to === "oci-peered") && request.oci.peeredVcns.length === 0) {
        ctx.addIssue({ code: "custom", path: ["traffic", index], message: "traffic to 'oci-peered' needs oci.peeredVcns to list the peered VCNs and their CIDRs" });
      }
    });
  });
export type SetupRequest = z.infer<typeof SetupRequest>;
export type SetupRequestInput = z.input<typeof SetupRequest>;
