import "./zod-messages";
import { z } from "zod";
import { Failure } from "./failure";
import { OperationRecord } from "./inventory";
import { StepProgress } from "./progress";
import { type StepDefinition } from "./steps";
import { VpnLinkRequest, VpnLinkResources } from "./vpn-link";

/** What Interlink remembers about a VPN link, and the operations that change it (same bookkeeping as interconnects). */

export const VPN_OPERATIONS = ["setup", "teardown", "rotate-key", "client-package"] as const;
export type VpnOperation = (typeof VPN_OPERATIONS)[number];

export const VpnLinkState = z
  .enum(["Provisioning", "Active", "Degraded", "Failed", "RolledBack", "Updating", "TearingDown", "Deleted"])
  .describe(
    "Provisioning: setup running. Active: both tunnels were UP at the last check. Degraded: a tunnel is down (see lastHealth). Updating: a key rotation is running. " +
      "TearingDown: teardown running. Failed: an operation failed and left resources (DELETE removes them). RolledBack: setup failed and its rollback removed everything. Deleted: torn down.",
  );
export type VpnLinkState = z.infer<typeof VpnLinkState>;

export const VpnOperationRecord = OperationRecord.extend({ operation: z.enum(VPN_OPERATIONS) });
export type VpnOperationRecord = z.infer<typeof VpnOperationRecord>;

/** One tunnel as a health check saw it. */
export const TunnelHealth = z.object({
  tunnel: z.string().describe("The OCI tunnel's display name."),
  status: z.string().describe("OCI's tunnel status: UP, DOWN, DOWN_FOR_MAINTENANCE or PARTIAL_UP."),
  bgp: z.string().optional().describe("The tunnel's BGP session (BGP routing only): UP or DOWN."),
  azureConnection: z.string().optional().describe("The Azure connection's status: Connected, Connecting, NotConnected or Unknown."),
  reason: z.string().optional().describe("Why the tunnel is down, as OCI reports it."),
});
export type TunnelHealth = z.infer<typeof TunnelHealth>;

export const VpnHealthReport = z.object({
  verdict: z.enum(["healthy", "degraded", "down"]).describe("healthy: both tunnels UP; degraded: one down; down: both down."),
  checkedAt: z.string(),
  tunnels: z.array(TunnelHealth),
  carriedBy: z
    .enum(["VPN", "ExpressRoute", "none"])
    .describe("Which path the DRG uses towards the VNet: ExpressRoute when an interconnect for the same pair is up (its routes win on AS path length: Microsoft's ASN alone against the VPN gateway's), else the VPN."),
  routesLearned: z.object({ azure: z.array(z.string()).describe("VCN prefixes the Azure gateway learned over the tunnels."), oci: z.array(z.string()).describe("VNet prefixes the DRG learned over the tunnels.") }),
  problems: z.array(z.string()),
});
export type VpnHealthReport = z.infer<typeof VpnHealthReport>;

export const VpnLinkRecord = z.object({
  name: z.string(),
  state: VpnLinkState,
  sequence: z.number().int().nonnegative(),
  spec: VpnLinkRequest,
  specHash: z.string(),
  resources: VpnLinkResources.default({}),
  operations: z.array(VpnOperationRecord).default([]),
  steps: z.array(StepProgress).default([]),
  warnings: z.array(z.string()).default([]),
  lastHealth: VpnHealthReport.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VpnLinkRecord = z.infer<typeof VpnLinkRecord>;

/** One change a VPN operation makes to its link's record (RecordVpnOperationActivity's input). */
export const VpnOperationChange = z.object({
  name: z.string(),
  instanceId: z.string(),
  operation: z.enum(VPN_OPERATIONS),
  requestHash: z.string(),
  ticketId: z.string().optional(),
  phase: z.enum(["started", "progress", "succeeded", "failed"]),
  at: z.string(),
  state: VpnLinkState.optional(),
  spec: VpnLinkRequest.optional(),
  resources: VpnLinkResources.optional(),
  steps: z.array(StepProgress).optional(),
  failedStep: z.string().optional(),
  error: Failure.optional(),
  rolledBack: z.boolean().optional(),
  warnings: z.array(z.string()).optional(),
  health: VpnHealthReport.optional(),
});
export type VpnOperationChange = z.infer<typeof VpnOperationChange>;

export const VPN_SETUP_ORCHESTRATOR = "SetupVpnLinkOrchestrator";
export const VPN_TEARDOWN_ORCHESTRATOR = "TeardownVpnLinkOrchestrator";
export const VPN_ROTATE_ORCHESTRATOR = "RotateVpnKeyOrchestrator";
export const VPN_CLIENT_PACKAGE_ORCHESTRATOR = "VpnClientPackageOrchestrator";

/** Input of every VPN link orchestration (parsed again by the orchestrator: history is a trust boundary). */
export const VpnLifecycleInput = z.object({
  request: VpnLinkRequest,
  requestHash: z.string(),
  ticketId: z.string().optional(),
  resources: VpnLinkResources.default({}),
});
export type VpnLifecycleInput = z.infer<typeof VpnLifecycleInput>;

export const VpnLifecycleOutcome = z.object({
  status: z.literal("succeeded"),
  operation: z.string(),
  name: z.string(),
  resources: VpnLinkResources,
  health: VpnHealthReport.optional(),
  warnings: z.array(z.string()).default([]),
});
export type VpnLifecycleOutcome = z.infer<typeof VpnLifecycleOutcome>;

/** `vpn.<name>.<operation>.<sequence>`: apart from the interconnects' ids, so a VPN link may share an interconnect's name. */
export function vpnInstanceId(name: string, operation: VpnOperation, sequence: number): string {
  return `vpn.${name}.${operation}.${sequence}`;
}

export function parseVpnInstanceId(id: string): { name: string; operation: VpnOperation; sequence: number } | null {
  const match = /^vpn\.([a-z][a-z0-9-]+)\.([a-z-]+)\.(\d+)$/.exec(id);
  const operation = VPN_OPERATIONS.find((candidate) => candidate === match?.[2]);
  return match && operation ? { name: match[1] ?? "", operation, sequence: Number(match[3]) } : null;
}

export const VPN_SETUP_STEPS = [
  { id: "preflight", title: "Read both networks and check the request against them", dependsOn: [] },
  { id: "gateway-ip", title: "Find the VNet's VPN gateway, or create the GatewaySubnet and the gateway's public IP", dependsOn: ["preflight"] },
  { id: "gateway", title: "Set up the Azure VPN gateway (35-45 minutes)", dependsOn: ["gateway-ip"] },
  { id: "ipsec", title: "Create the OCI CPE and the IPSec connection (two tunnels) on the DRG", dependsOn: ["gateway-ip"] },
  { id: "connections", title: "Create a local network gateway and a connection per tunnel with its shared key", dependsOn: ["gateway", "ipsec"] },
  { id: "verify", title: "Confirm both tunnels are UP and routes are learned on both sides", dependsOn: ["connections"] },
] as const satisfies ReadonlyArray<StepDefinition>;
export type VpnSetupStepId = (typeof VPN_SETUP_STEPS)[number]["id"];

/** VNet-to-VNet: both gateways side by side, then a connection each way with one key. */
export const VNET2VNET_SETUP_STEPS = [
  { id: "preflight", title: "Read both VNets and check that their address spaces do not overlap", dependsOn: [] },
  { id: "gateway-1", title: "Set up the first VNet's VPN gateway (35-45 minutes; reused when it has one)", dependsOn: ["preflight"] },
  { id: "gateway-2", title: "Set up the second VNet's VPN gateway (35-45 minutes; reused when it has one)", dependsOn: ["preflight"] },
  { id: "connections", title: "Create a Vnet2Vnet connection each way with the same shared key", dependsOn: ["gateway-1", "gateway-2"] },
  { id: "verify", title: "Confirm both connections are Connected", dependsOn: ["connections"] },
] as const satisfies ReadonlyArray<StepDefinition>;
export type Vnet2VnetSetupStepId = (typeof VNET2VNET_SETUP_STEPS)[number]["id"];

/** Point-to-site: the gateway (reused when the VNet has one), its client configuration with Interlink's root, the client package. */
export const P2S_SETUP_STEPS = [
  { id: "preflight", title: "Read the VNet and check the client address pool against its address space", dependsOn: [] },
  { id: "gateway", title: "Set up the VNet's VPN gateway (35-45 minutes; reused when it has one)", dependsOn: ["preflight"] },
  { id: "point-to-site", title: "Generate the root certificate, keep its private key in the secret store, and upload its public data with the client address pool", dependsOn: ["gateway"] },
  { id: "client-package", title: "Generate the VPN client package", dependsOn: ["point-to-site"] },
] as const satisfies ReadonlyArray<StepDefinition>;
export type P2sSetupStepId = (typeof P2S_SETUP_STEPS)[number]["id"];

export const P2S_TEARDOWN_STEPS = [
  { id: "point-to-site", title: "Remove the gateway's point-to-site configuration, then the root's private key", dependsOn: [] },
  { id: "shared-resources", title: "Delete the VPN gateway, its public IP and GatewaySubnet if Interlink created them and nothing else uses them", dependsOn: ["point-to-site"] },
] as const satisfies ReadonlyArray<StepDefinition>;

export const VNET2VNET_TEARDOWN_STEPS = [
  { id: "connections", title: "Delete both connections", dependsOn: [] },
  { id: "shared-resources", title: "Delete each VPN gateway, its public IP and GatewaySubnet if Interlink created them and nothing else uses them", dependsOn: ["connections"] },
] as const satisfies ReadonlyArray<StepDefinition>;

/** Teardown in order: the connections before what they join, the tunnels before the CPE, the gateway last. */
export const VPN_TEARDOWN_STEPS = [
  { id: "connections", title: "Delete the Azure connections", dependsOn: [] },
  { id: "local-gateways", title: "Delete the local network gateways", dependsOn: ["connections"] },
  { id: "ipsec", title: "Delete the IPSec connection, then the CPE", dependsOn: ["connections"] },
  { id: "shared-resources", title: "Delete the VPN gateway, its public IP, the DRG attachment and the GatewaySubnet if Interlink created them and nothing else uses them", dependsOn: ["local-gateways", "ipsec"] },
] as const satisfies ReadonlyArray<StepDefinition>;
export type VpnTeardownStepId = (typeof VPN_TEARDOWN_STEPS)[number]["id"];

/** One tunnel at a time, so the other carries traffic while a key changes. */
/** A new point-to-site client package: Azure's download URL is short-lived (about an hour), so users ask again. */
export const VPN_CLIENT_PACKAGE_STEPS = [{ id: "client-package", title: "Generate a new VPN client package and record its download URL", dependsOn: [] }] as const satisfies ReadonlyArray<StepDefinition>;

export const VPN_ROTATE_STEPS = [
  { id: "tunnel-1", title: "New key on tunnel 1 (OCI, then Azure); wait until it is UP", dependsOn: [] },
  { id: "tunnel-2", title: "New key on tunnel 2 (OCI, then Azure); wait until it is UP", dependsOn: ["tunnel-1"] },
] as const satisfies ReadonlyArray<StepDefinition>;
