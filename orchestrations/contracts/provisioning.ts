import { z } from "zod";
import { CircuitTableReads } from "../../shared/domain/circuit-tables";
import { CircuitState, ConnectionState, GatewayState, VirtualCircuitState } from "../../shared/domain/cloud-views";
import { ConnectivityEvidence } from "../../shared/domain/evidence";
import { defineActivity, okOrFailed as ok } from "../flow/contract";
import { SetupRequest } from "../../shared/domain/setup-request";
import { AzureGroup, AzureScope, AzureTarget, InterconnectRef, OciTarget, okFailedOrNotReady as change, SeenSubnet, SeenVcn, StartedOperations, TicketId } from "./common";

const Request = SetupRequest.shape;

export { CircuitState, ConnectivityEvidence, VirtualCircuitState };

/** Task 1: the NSG rules on Azure and the NSG or security-list rules on OCI, for exactly the declared traffic. */
export const ApplySecurityRulesActivity = defineActivity(
  "ApplySecurityRulesActivity",
  z.object({
    ref: InterconnectRef,
    ticketId: TicketId,
    azure: AzureTarget.pick({ subscriptionId: true, resourceGroup: true, vnet: true, region: true, networkSecurityGroup: true, appSubnets: true, spokes: true }),
    oci: OciTarget.pick({ compartmentId: true, vcnId: true, security: true, peeredVcns: true, subnetIds: true, vnicIds: true }),
    traffic: Request.traffic,
    vnetCidrs: z.array(z.string()),
    vcnCidrs: z.array(z.string()),
    /** The VNet's region as preflight read it (checked against azure.region); read from Azure when omitted. */
    vnetLocation: z.string().optional(),
    seenVcn: SeenVcn.optional(),
    /** oci.subnetIds as preflight checked them; a subnet not among them is read. */
    seenSubnets: z.array(SeenSubnet).optional(),
  }),
  change({
    azureNetworkSecurityGroupId: z.string(),
    ociNetworkSecurityGroupId: z.string().optional(),
    azureRules: z.number().int(),
    ociRules: z.number().int(),
    /** What the rules were bound to beyond Interlink's own NSGs: OCI subnets' security lists, VNICs, spoke subnets (absent before bindings). */
    bound: z.array(z.string()).default([]),
    ...StartedOperations,
  }),
);

/** Task 2: PUT the ExpressRoute circuit (provider Oracle Cloud FastConnect). Returns at once; waiting is the orchestrator's. */
export const StartCircuitActivity = defineActivity(
  "StartCircuitActivity",
  z.object({ ref: InterconnectRef, ticketId: TicketId, azure: AzureTarget.pick({ subscriptionId: true, resourceGroup: true, region: true }), circuit: Request.azure.shape.circuit }),
  change({ circuitId: z.string(), ...StartedOperations }),
);

/** The reads an orchestrator polls name the circuit and connection after the interconnect. */
const AzureRead = z.object({ ref: InterconnectRef, azure: AzureGroup });

/** One read of the circuit's state. Never returns the service key. */
export const ReadCircuitActivity = defineActivity("ReadCircuitActivity", AzureRead, ok({ circuit: CircuitState }));

/**
 * Task 2 (in parallel): reuse the VNet's ExpressRoute gateway or PUT one in GatewaySubnet, with `publicIpId` when it
 * needs an IP of its own (without one, Azure manages its public IP).
 */
export const StartGatewayActivity = defineActivity(
  "StartGatewayActivity",
  z.object({ ref: InterconnectRef, ticketId: TicketId, azure: AzureScope, publicIpId: z.string().optional(), sku: z.string().default("ErGw1AZ") }),
  change({ gatewayId: z.string(), created: z.boolean(), ...StartedOperations }),
);

/** The gateway's own Standard static public IP, `<vnet>-ergw-pip`, found or created (tagged); for where Azure manages none. */
export const EnsureGatewayPublicIpActivity = defineActivity(
  "EnsureGatewayPublicIpActivity",
  z.object({ ref: InterconnectRef, ticketId: TicketId, azure: AzureScope }),
  change({ publicIpId: z.string(), created: z.boolean(), ...StartedOperations }),
);

export const ReadGatewayActivity = defineActivity(
  "ReadGatewayActivity",
  AzureRead.extend({ gatewayId: z.string() }),
  ok(GatewayState.shape),
);

/**
 * Task 3: create the FastConnect private virtual circuit with the Microsoft Azure provider service. The
 * activity reads the ExpressRoute service key itself, so the secret never passes through orchestration history.
 */
export const StartVirtualCircuitActivity = defineActivity(
  "StartVirtualCircuitActivity",
  z.object({
    ref: InterconnectRef,
    ticketId: TicketId,
    /** Where the circuit whose service key the virtual circuit uses lives. */
    azure: AzureGroup,
    oci: OciTarget.pick({ region: true, compartmentId: true }),
    bandwidthMbps: z.number().int(),
    bgp: Request.bgp,
    drgId: z.string(),
  }),
  change({ virtualCircuitId: z.string() }),
);

export const ReadVirtualCircuitActivity = defineActivity(
  "ReadVirtualCircuitActivity",
  z.object({ ref: InterconnectRef, virtualCircuitId: z.string() }),
  ok({ virtualCircuit: VirtualCircuitState }),
);

/** Task 3: attach the DRG to the VCN unless an attachment already exists. */
export const EnsureDrgAttachmentActivity = defineActivity(
  "EnsureDrgAttachmentActivity",
  z.object({ ref: InterconnectRef, ticketId: TicketId, oci: OciTarget.pick({ vcnId: true }), drgId: z.string(), seenVcn: SeenVcn.optional() }),
  change({ attachmentId: z.string(), created: z.boolean(), lifecycleState: z.string() }),
);

/** Task 5: the ExpressRoute connection between the gateway and the circuit. */
export const StartConnectionActivity = defineActivity(
  "StartConnectionActivity",
  z.object({
    ref: InterconnectRef,
    ticketId: TicketId,
    azure: AzureTarget.pick({ subscriptionId: true, resourceGroup: true, vnet: true, region: true }),
    gatewayId: z.string(),
    /** The circuit as the setup recorded it; read by name when absent. */
    circuitId: z.string().optional(),
    fastPath: z.boolean().default(false),
  }),
  change({ connectionId: z.string(), ...StartedOperations }),
);

export const ReadConnectionActivity = defineActivity(
  "ReadConnectionActivity",
  AzureRead,
  ok(ConnectionState.shape),
);

/**
 * Task 5: VCN route rules for the VNet CIDRs -> DRG, the Azure route table for the VCN (and peered VCN) CIDRs,
 * and static DRG rules that advertise VCNs peered through the interconnected VCN over the virtual circuit.
 * `mode: "blackhole"` is suspend: OCI rules (and those DRG rules) removed, Azure routes pointed at None;
 * circuits untouched. Suspend and resume call it too, so a busy subnet here is retried by Durable
 * (a transient error) rather than returned as `notReady`.
 */
export const ApplyRoutesActivity = defineActivity(
  "ApplyRoutesActivity",
  z.object({
    ref: InterconnectRef,
    ticketId: TicketId,
    azure: AzureTarget.pick({ subscriptionId: true, resourceGroup: true, vnet: true, addressSpaces: true, region: true, networkSecurityGroup: true, appSubnets: true, spokes: true }),
    oci: OciTarget.pick({ compartmentId: true, vcnId: true, routeTableId: true, routeTableIds: true, peeredVcns: true }),
    drgId: z.string(),
    /** Read from the clouds when omitted (suspend and resume). */
    vnetCidrs: z.array(z.string()).optional(),
    vcnCidrs: z.array(z.string()).optional(),
    seenVcn: SeenVcn.optional(),
    mode: z.enum(["active", "blackhole"]),
    /**
     * A topology change (or its rollback): what the spec routed before. VCN route tables and app subnets only it names
     * lose what Interlink put there; static DRG rules for peered VCN CIDRs only it declares are withdrawn.
     */
    previous: z
      .object({
        routeTableId: z.string().optional(),
        routeTableIds: z.array(z.string()).optional(),
        appSubnets: z.array(z.string()).optional(),
        peeredVcnCidrs: z.array(z.string()).default([]),
      })
      .optional(),
  }),
  ok({
    /** What a topology change took Interlink's routes (and NSG) away from, for the step's progress. */
    released: z.array(z.string()).default([]),
    ociRouteTableId: z.string(),
    azureRouteTableId: z.string(),
    ociRules: z.number().int(),
    azureRoutes: z.number().int(),
    /** Static DRG rules in place for VCNs peered through the interconnected VCN. */
    drgStaticRoutes: z.number().int().default(0),
    ...StartedOperations,
  }),
);

/**
 * Task 6: both BGP sessions up, each side has learned the other's CIDRs, the connection is Connected. The
 * circuit's tables are ARM long-running reads: the activity never waits for them, it returns `tableReads`
 * while any is running and the orchestrator passes them back on its next poll.
 */
export const VerifyConnectivityActivity = defineActivity(
  "VerifyConnectivityActivity",
  z.object({
    ref: InterconnectRef,
    azure: AzureTarget.pick({ subscriptionId: true, resourceGroup: true, vnet: true, addressSpaces: true, spokes: true }),
    oci: OciTarget.pick({ vcnId: true, peeredVcns: true }),
    bgp: Request.bgp,
    virtualCircuitId: z.string(),
    vnetCidrs: z.array(z.string()).optional(),
    vcnCidrs: z.array(z.string()).optional(),
    tableReads: CircuitTableReads.optional(),
  }),
  ok({ passed: z.boolean(), problems: z.array(z.string()), evidence: ConnectivityEvidence, tableReads: CircuitTableReads.optional() }),
);
