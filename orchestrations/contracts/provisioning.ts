import { z } from "zod";
import { CircuitTableReads } from "../../shared/domain/circuit-tables";
import { CircuitState, ConnectionState, GatewayState, VirtualCircuitState } from "../../shared/domain/cloud-views";
import { ConnectivityEvidence } from "../../shared/domain/evidence";
import { defineActivity, okOrFailed as ok } from "../flow/contract";
import { NetworkActivityInput } from "./common";

export { CircuitState, ConnectivityEvidence, VirtualCircuitState };

/** Task 1: the NSG rules on Azure and the NSG or security-list rules on OCI, for exactly the declared traffic. */
export const ApplySecurityRulesActivity = defineActivity(
  "ApplySecurityRulesActivity",
  NetworkActivityInput.extend({ vnetCidrs: z.array(z.string()), vcnCidrs: z.array(z.string()) }),
  ok({ azureNetworkSecurityGroupId: z.string(), ociNetworkSecurityGroupId: z.string().optional(), azureRules: z.number().int(), ociRules: z.number().int() }),
);

/** Task 2: PUT the ExpressRoute circuit (provider Oracle Cloud FastConnect). Returns at once; waiting is the orchestrator's. */
export const StartCircuitActivity = defineActivity("StartCircuitActivity", NetworkActivityInput, ok({ circuitId: z.string() }));

/** One read of the circuit's state. Never returns the service key. */
export const ReadCircuitActivity = defineActivity("ReadCircuitActivity", NetworkActivityInput, ok({ circuit: CircuitState }));

/** Task 2 (in parallel): reuse the VNet's ExpressRoute gateway or PUT one in GatewaySubnet. */
export const StartGatewayActivity = defineActivity("StartGatewayActivity", NetworkActivityInput, ok({ gatewayId: z.string(), created: z.boolean() }));

export const ReadGatewayActivity = defineActivity(
  "ReadGatewayActivity",
  NetworkActivityInput.extend({ gatewayId: z.string() }),
  ok(GatewayState.shape),
);

/**
 * Task 3: create the FastConnect private virtual circuit with the Microsoft Azure provider service. The
 * activity reads the ExpressRoute service key itself, so the secret never passes through orchestration history.
 */
export const StartVirtualCircuitActivity = defineActivity(
  "StartVirtualCircuitActivity",
  NetworkActivityInput.extend({ drgId: z.string() }),
  ok({ virtualCircuitId: z.string() }),
);

export const ReadVirtualCircuitActivity = defineActivity(
  "ReadVirtualCircuitActivity",
  NetworkActivityInput.extend({ virtualCircuitId: z.string() }),
  ok({ virtualCircuit: VirtualCircuitState }),
);

/** Task 3: attach the DRG to the VCN unless an attachment already exists. */
export const EnsureDrgAttachmentActivity = defineActivity(
  "EnsureDrgAttachmentActivity",
  NetworkActivityInput.extend({ drgId: z.string() }),
  ok({ attachmentId: z.string(), created: z.boolean(), lifecycleState: z.string() }),
);

/** Task 5: the ExpressRoute connection between the gateway and the circuit. */
export const StartConnectionActivity = defineActivity(
  "StartConnectionActivity",
  NetworkActivityInput.extend({ gatewayId: z.string() }),
  ok({ connectionId: z.string() }),
);

export const ReadConnectionActivity = defineActivity(
  "ReadConnectionActivity",
  NetworkActivityInput,
  ok(ConnectionState.shape),
);

/**
 * Task 5: VCN route rules for the VNet CIDRs -> DRG, the Azure route table for the VCN (and peered VCN) CIDRs,
 * and static DRG rules that advertise VCNs peered through the interconnected VCN over the virtual circuit.
 * `mode: "blackhole"` is suspend: OCI rules (and those DRG rules) removed, Azure routes pointed at None;
 * circuits untouched.
 */
export const ApplyRoutesActivity = defineActivity(
  "ApplyRoutesActivity",
  NetworkActivityInput.extend({
    drgId: z.string(),
    /** Read from the clouds when omitted (suspend and resume). */
    vnetCidrs: z.array(z.string()).optional(),
    vcnCidrs: z.array(z.string()).optional(),
    mode: z.enum(["active", "blackhole"]),
  }),
  ok({
    ociRouteTableId: z.string(),
    azureRouteTableId: z.string(),
    ociRules: z.number().int(),
    azureRoutes: z.number().int(),
    /** Static DRG rules in place for VCNs peered through the interconnected VCN. */
    drgStaticRoutes: z.number().int().default(0),
  }),
);

/**
 * Task 6: both BGP sessions up, each side has learned the other's CIDRs, the connection is Connected. The
 * circuit's tables are ARM long-running reads: the activity never waits for them, it returns `tableReads`
 * while any is running and the orchestrator passes them back on its next poll.
 */
export const VerifyConnectivityActivity = defineActivity(
  "VerifyConnectivityActivity",
  NetworkActivityInput.extend({
    virtualCircuitId: z.string(),
    vnetCidrs: z.array(z.string()).optional(),
    vcnCidrs: z.array(z.string()).optional(),
    tableReads: CircuitTableReads.optional(),
  }),
  ok({ passed: z.boolean(), problems: z.array(z.string()), evidence: ConnectivityEvidence, tableReads: CircuitTableReads.optional() }),
);
