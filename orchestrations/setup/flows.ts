import { azureCidrsOf, type InterconnectResources, type ObservedNetworks, type OperationBase, seenVcnOf, targetOf } from "../contracts/common";
import { EnsureDrgActivity, EnsureGatewaySubnetActivity, PreflightActivity, ReadDrgActivity } from "../contracts/preflight";
import {
  ApplyRoutesActivity,
  ApplySecurityRulesActivity,
  type CircuitState,
  type ConnectivityEvidence,
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
  type VirtualCircuitState,
} from "../contracts/provisioning";
import { StepFailure } from "../flow/failure";
import { type Progress } from "../flow/progress";
import { call, type Flow } from "../flow/steps";
import { waitUntil } from "../flow/wait";
import { pollScheduleFor, readAtOnce } from "../../shared/domain/typical-durations";
import { type SetupStepId } from "../../shared/domain/steps";
import { describeVirtualCircuitState, unknownStateWatch } from "../../shared/domain/virtual-circuit-states";
import { connectionTest } from "../lifecycle/connection-test";
import { expectOk } from "../lifecycle/kit";
import { callAndSettle, callAndWatch, type SettleOptions } from "../lifecycle/settle";
import { callWhenReady, type WhenReadyOptions } from "../lifecycle/when-ready";
import { permissionPreflight } from "./permissions";
import { peerVcns } from "../peering/flows";

/** What every setup flow needs: the request and operation, the clock, the deadline and the record of what exists. */
export interface SetupContext {
  base: OperationBase;
  progress: Progress;
  nowMs: () => number;
  deadlineMs: number;
  resources: InterconnectResources;
}

export interface Preflighted {
  observed: ObservedNetworks;
  drgId: string;
  warnings: string[];
}

/** What the activities take from the request (each contract keeps the fields its activity needs). */
const target = (ctx: SetupContext) => targetOf(ctx.base);

/** A change a busy resource holds up is waited for within the setup's deadline, the wait shown on the step. */
const whenReady = (ctx: SetupContext, step: SetupStepId, what: string): WhenReadyOptions => ({
  step,
  what,
  deadlineMs: ctx.deadlineMs,
  nowMs: ctx.nowMs,
  onWait: (reason) => ctx.progress.detail(step, `waiting: ${reason}`),
});

/** An ARM write is done when the operations it started are: waited for like a busy resource, within the deadline. */
const settled = (ctx: SetupContext, step: SetupStepId, what: string): SettleOptions => ({ ...whenReady(ctx, step, what), subscriptionId: ctx.base.request.azure.subscriptionId });

/** Step 0: read both networks, check the request against them, then create the GatewaySubnet and DRG if absent. */
export function* preflight(ctx: SetupContext): Flow<Preflighted> {
  const permissions = yield* permissionPreflight(ctx);
  const checked = yield* call(PreflightActivity, { ref: target(ctx).ref, request: ctx.base.request, ...(permissions.vcn ? { vcn: permissions.vcn } : {}) });
  if (checked.kind === "rejected") {
    throw new StepFailure("preflight", {
      cloud: "interlink",
      code: "PreflightRejected",
      message: checked.errors.map((error) => `${error.path}: ${error.message}`).join("; "),
    });
  }
  const { observed, findings, warnings } = expectOk("preflight", checked);
  const subnet = yield* callAndSettle(EnsureGatewaySubnetActivity, { ...target(ctx), gatewaySubnetPrefix: ctx.base.request.azure.gatewaySubnetPrefix }, settled(ctx, "preflight", "create the GatewaySubnet"));
  ctx.resources.gatewaySubnetCreated = subnet.created;
  const givenDrgId = ctx.base.request.oci.drgId;
  // The DRG the request names was read just now: only one to find or create needs the activity.
  const drg =
    givenDrgId && observed.givenDrgState
      ? { drgId: givenDrgId, created: false, lifecycleState: observed.givenDrgState }
      : expectOk("preflight", yield* callWhenReady(EnsureDrgActivity, target(ctx), whenReady(ctx, "preflight", "find or create the DRG")));
  ctx.resources.drgId = drg.drgId;
  ctx.resources.drgCreated = drg.created;
  if (drg.lifecycleState !== "AVAILABLE") {
    yield* waitUntil({
      step: "preflight",
      what: "the DRG",
      read: function* () {
        return expectOk("preflight", yield* call(ReadDrgActivity, { drgId: drg.drgId }));
      },
      isDone: (state) => state.lifecycleState === "AVAILABLE",
      describe: (state) => state.lifecycleState ?? "absent",
      // A DRG found (not created) may be about done already.
      schedule: drg.created ? pollScheduleFor("drg") : readAtOnce(pollScheduleFor("drg")),
      deadlineMs: ctx.deadlineMs,
      nowMs: ctx.nowMs,
    });
  }
  return { observed, drgId: drg.drgId, warnings: [...permissions.warnings, ...warnings, ...auditWarnings(findings)] };
}

/** Preflight's security findings as recorded warnings: the health check's baseline of what the operator accepted. */
export function auditWarnings(findings: ReadonlyArray<{ severity: string; code: string; message: string }>): string[] {
  return findings.map((finding) => `security audit (${finding.severity}) ${finding.code}: ${finding.message}`);
}

/** Task 1. */
export function* security(ctx: SetupContext, observed: ObservedNetworks): Flow<string> {
  const applied = yield* callAndSettle(
    ApplySecurityRulesActivity,
    {
      ...target(ctx),
      traffic: ctx.base.request.traffic,
      vnetCidrs: azureCidrsOf(observed),
      vcnCidrs: observed.vcnCidrs,
      ...(observed.vnetLocation ? { vnetLocation: observed.vnetLocation } : {}),
      ...seenVcnOf(observed),
      ...(observed.boundSubnets ? { seenSubnets: observed.boundSubnets } : {}),
    },
    settled(ctx, "security", "apply the security rules"),
  );
  ctx.resources.azureNetworkSecurityGroupId = applied.azureNetworkSecurityGroupId;
  if (applied.ociNetworkSecurityGroupId) ctx.resources.ociNetworkSecurityGroupId = applied.ociNetworkSecurityGroupId;
  const rules = `${applied.azureRules} Azure rule(s), ${applied.ociRules} OCI rule(s)`;
  return applied.bound.length > 0 ? `${rules}; bound to ${applied.bound.join(", ")}` : rules;
}

function* readCircuit(ctx: SetupContext, step: string): Flow<CircuitState> {
  return expectOk(step, yield* call(ReadCircuitActivity, target(ctx))).circuit;
}

function* readVirtualCircuit(ctx: SetupContext, step: string, virtualCircuitId: string): Flow<VirtualCircuitState> {
  return expectOk(step, yield* call(ReadVirtualCircuitActivity, { ...target(ctx), virtualCircuitId })).virtualCircuit;
}

/** Task 2: the ExpressRoute circuit, until ARM reports it Succeeded (a transient failure builds it again). */
export function* circuit(ctx: SetupContext): Flow<string> {
  let last: CircuitState | undefined;
  const started = yield* callAndWatch(StartCircuitActivity, { ...target(ctx), circuit: ctx.base.request.azure.circuit }, settled(ctx, "circuit", "create the ExpressRoute circuit"), {
    what: "the ExpressRoute circuit",
    typical: "expressRouteCircuit",
    read: (started) => {
      // Recorded as soon as ARM accepted it, so a rollback knows it is there.
      ctx.resources.circuitId = started.circuitId;
      return readCircuit(ctx, "circuit");
    },
    isDone: (state) => state.exists && state.provisioningState === "Succeeded",
    isFailed: (state) => state.provisioningState === "Failed",
    describe: (state) => state.provisioningState ?? "absent",
    onPoll: (state) => {
      last = state;
      ctx.progress.detail("circuit", `provisioningState ${state.provisioningState ?? "absent"}`);
    },
  });
  ctx.resources.circuitId = started.circuitId;
  return `provider status ${last?.serviceProviderProvisioningState ?? "unknown"}`;
}

/** Task 3: the FastConnect virtual circuit with the circuit's service key, and the DRG attachment. */
export function* virtualCircuit(ctx: SetupContext, drgId: string, observed: ObservedNetworks): Flow<string> {
  const started = expectOk("virtual-circuit", yield* callWhenReady(
      StartVirtualCircuitActivity,
      { ...target(ctx), bandwidthMbps: ctx.base.request.azure.circuit.bandwidthMbps, bgp: ctx.base.request.bgp, drgId },
      whenReady(ctx, "virtual-circuit", "create the FastConnect virtual circuit"),
    ));
  ctx.resources.virtualCircuitId = started.virtualCircuitId;
  const attachment = expectOk("virtual-circuit", yield* callWhenReady(EnsureDrgAttachmentActivity, { ...target(ctx), drgId, ...seenVcnOf(observed) }, whenReady(ctx, "virtual-circuit", "attach the DRG to the VCN")));
  ctx.resources.drgAttachmentId = attachment.attachmentId;
  ctx.resources.drgAttachmentCreated = attachment.created;
  return `virtual circuit ${started.virtualCircuitId}`;
}

/**
 * Task 4: wait until OCI says PROVISIONED/ACTIVE, then until Azure says Provisioned with the private peering. The
 * provider does its part on the OCI side, so only the virtual circuit is polled (first near the provider's typical
 * time); the circuit is read once after, and again only while Azure has not caught up. The provider may pass through
 * PENDING_PROVIDER or VERIFYING, or report a state Interlink does not know: such a state that lasts is a failure
 * naming it, not a silent wait until the deadline.
 */
export function* provisioning(ctx: SetupContext): Flow<{ polls: number }> {
  const virtualCircuitId = ctx.resources.virtualCircuitId ?? "";
  const unknownState = unknownStateWatch(ctx.nowMs);
  const oci = yield* waitUntil({
    step: "provisioning",
    what: "provider provisioning of the FastConnect virtual circuit",
    read: () => readVirtualCircuit(ctx, "provisioning", virtualCircuitId),
    isDone: (state) => state.lifecycleState === "PROVISIONED" && state.providerState === "ACTIVE",
    failure: (state) =>
      state.lifecycleState === "FAILED" || !state.exists
        ? { cloud: "oci", code: "VirtualCircuitFailed", message: `the FastConnect virtual circuit is ${state.exists ? "FAILED" : "gone"}; check the service key, bandwidth and BGP addresses` }
        : unknownState(state.lifecycleState),
    describe: (state) => `OCI ${describeVirtualCircuitState(state.lifecycleState)}, provider state ${state.providerState ?? "?"}`,
    onPoll: (state, count) => ctx.progress.detail("provisioning", `poll ${count}: OCI ${state.lifecycleState ?? "?"}/${state.providerState ?? "?"}`),
    schedule: pollScheduleFor("providerProvisioning"),
    deadlineMs: ctx.deadlineMs,
    nowMs: ctx.nowMs,
  });
  const azure = yield* waitUntil({
    step: "provisioning",
    what: "Azure to see the circuit provisioned",
    read: () => readCircuit(ctx, "provisioning"),
    isDone: (state) => state.serviceProviderProvisioningState === "Provisioned" && state.privatePeering?.state === "Enabled",
    describe: (state) => `Azure ${state.serviceProviderProvisioningState ?? "?"}, private peering ${state.privatePeering?.state ?? "absent"}`,
    onPoll: (state) => ctx.progress.detail("provisioning", `OCI PROVISIONED/ACTIVE, Azure ${state.serviceProviderProvisioningState ?? "?"}`),
    schedule: readAtOnce(pollScheduleFor("azureSeesProvisioning")),
    deadlineMs: ctx.deadlineMs,
    nowMs: ctx.nowMs,
  });
  return { polls: oci.polls + azure.polls };
}

/** The gateway with a Standard static public IP of its own (created, tagged and recorded first). */
function* gatewayWithOwnIp(ctx: SetupContext) {
  const ip = yield* callAndSettle(EnsureGatewayPublicIpActivity, target(ctx), settled(ctx, "gateway", "create the gateway's public IP"));
  ctx.resources.gatewayPublicIpId = ip.publicIpId;
  ctx.resources.gatewayPublicIpCreated = ip.created;
  return yield* buildGateway(ctx, ip.publicIpId);
}

/** PUT (or reuse) the gateway and watch it until ARM has built it: the slowest resource, about half an hour. */
function* buildGateway(ctx: SetupContext, publicIpId?: string) {
  return yield* callAndWatch(StartGatewayActivity, { ...target(ctx), ...(publicIpId ? { publicIpId } : {}), sku: ctx.base.request.azure.gateway.sku }, settled(ctx, "gateway", "create the ExpressRoute gateway"), {
    what: "the ExpressRoute gateway",
    typical: "expressRouteGateway",
    read: function* (started) {
      ctx.resources.gatewayId = started.gatewayId;
      ctx.resources.gatewayCreated = started.created;
      return expectOk("gateway", yield* call(ReadGatewayActivity, { ...target(ctx), gatewayId: started.gatewayId }));
    },
    isDone: (state) => state.exists && state.provisioningState === "Succeeded",
    isFailed: (state) => state.provisioningState === "Failed",
    describe: (state) => state.provisioningState ?? "absent",
    onPoll: (state, count) => ctx.progress.detail("gateway", `poll ${count}: provisioningState ${state.provisioningState ?? "absent"}`),
  });
}

/**
 * The gateway's public IP: Azure-managed (`managed`), its own Standard static one (`static`), or managed where Azure
 * offers it and its own where ARM refuses a gateway without one (`auto`, on PublicIpForGatewayIsRequired, in the first
 * answer or in the operation). A VNet's existing gateway is reused as it is.
 */
function* startGatewayFor(ctx: SetupContext) {
  const mode = ctx.base.request.azure.gateway.publicIp;
  if (mode === "static") return yield* gatewayWithOwnIp(ctx);
  try {
    return yield* buildGateway(ctx);
  } catch (error) {
    if (mode !== "auto" || !(error instanceof StepFailure) || error.failure.code !== "PublicIpForGatewayIsRequired") throw error;
    ctx.progress.detail("gateway", "Azure does not manage gateway public IPs here: creating a Standard static public IP for the gateway");
    return yield* gatewayWithOwnIp(ctx);
  }
}

/** Task 2, in parallel with the circuits: reuse or build the VNet's ExpressRoute gateway (the slowest resource). */
export function* gateway(ctx: SetupContext): Flow<string> {
  const started = yield* startGatewayFor(ctx);
  ctx.resources.gatewayId = started.gatewayId;
  ctx.resources.gatewayCreated = started.created;
  if (!started.created) return "reused the VNet's existing gateway";
  return ctx.resources.gatewayPublicIpId ? `created with its own public IP ${ctx.resources.gatewayPublicIpId.split("/").pop() ?? ""}` : "created (Azure-managed public IP)";
}

/** Task 5: connect the gateway to the circuit, then route the VNet CIDRs to the DRG and the VCN CIDRs to the gateway. */
export function* routing(ctx: SetupContext, observed: ObservedNetworks, drgId: string): Flow<string> {
  const gatewayId = ctx.resources.gatewayId ?? "";
  const { circuitId } = ctx.resources;
  const connection = yield* callAndWatch(StartConnectionActivity, { ...target(ctx), gatewayId, ...(circuitId ? { circuitId } : {}), fastPath: ctx.base.request.azure.gateway.fastPath }, settled(ctx, "routing", "connect the gateway to the circuit"), {
    what: "the gateway connection",
    typical: "gatewayConnection",
    read: function* (started) {
      ctx.resources.connectionId = started.connectionId;
      return expectOk("routing", yield* call(ReadConnectionActivity, target(ctx)));
    },
    isDone: (state) => state.exists && state.provisioningState === "Succeeded",
    isFailed: (state) => state.provisioningState === "Failed",
    describe: (state) => `${state.provisioningState ?? "absent"}/${state.connectionStatus ?? "?"}`,
  });
  ctx.resources.connectionId = connection.connectionId;
  const peerings = yield* peerVcns(
    { base: ctx.base, drgId, vnetCidrs: azureCidrsOf(observed), virtualCircuitId: ctx.resources.virtualCircuitId, waiting: whenReady(ctx, "routing", "") },
    "active",
  );
  const routes = yield* callAndSettle(
    ApplyRoutesActivity,
    { ...target(ctx), drgId, vnetCidrs: azureCidrsOf(observed), vcnCidrs: observed.vcnCidrs, ...seenVcnOf(observed), mode: "active" },
    settled(ctx, "routing", "route the networks"),
  );
  ctx.resources.ociRouteTableId = routes.ociRouteTableId;
  ctx.resources.azureRouteTableId = routes.azureRouteTableId;
  const peered = routes.drgStaticRoutes > 0 ? `, ${routes.drgStaticRoutes} DRG route(s) for peered VCNs` : "";
  return [`${routes.ociRules} VCN route rule(s), ${routes.azureRoutes} Azure route(s)${peered}`, ...peerings].join("; ");
}

/** Task 6: the connection test, recorded with evidence. */
export function* verify(ctx: SetupContext, observed: ObservedNetworks): Flow<ConnectivityEvidence> {
  return yield* connectionTest({
    base: ctx.base,
    virtualCircuitId: ctx.resources.virtualCircuitId ?? "",
    networks: { vnetCidrs: azureCidrsOf(observed), vcnCidrs: observed.vcnCidrs },
    deadlineMs: ctx.deadlineMs,
    nowMs: ctx.nowMs,
    onPoll: (passed, problems) => ctx.progress.detail("verify", passed ? "passed" : problems.join("; ")),
  });
}
