import { type InterconnectResources, type ObservedNetworks, type OperationBase, targetOf } from "../contracts/common";
import { EnsureDrgActivity, EnsureGatewaySubnetActivity, PreflightActivity, ReadDrgActivity } from "../contracts/preflight";
import {
  ApplyRoutesActivity,
  ApplySecurityRulesActivity,
  type CircuitState,
  type ConnectivityEvidence,
  EnsureDrgAttachmentActivity,
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
import { type SetupStepId } from "../../shared/domain/steps";
import { connectionTest } from "../lifecycle/connection-test";
import { expectOk } from "../lifecycle/kit";
import { callWhenReady, type WhenReadyOptions } from "../lifecycle/when-ready";
import { buildArmResource } from "./arm-build";

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

/** What every ARM build in a setup shares: the step's clock, deadline and progress. */
const armBuild = (ctx: SetupContext, step: SetupStepId) => ({
  step,
  subscriptionId: ctx.base.request.azure.subscriptionId,
  detail: (text: string) => ctx.progress.detail(step, text),
  deadlineMs: ctx.deadlineMs,
  nowMs: ctx.nowMs,
});

/** Step 0: read both networks, check the request against them, then create the GatewaySubnet and DRG if absent. */
export function* preflight(ctx: SetupContext): Flow<Preflighted> {
  const checked = yield* call(PreflightActivity, { ref: target(ctx).ref, request: ctx.base.request });
  if (checked.kind === "rejected") {
    throw new StepFailure("preflight", {
      cloud: "interlink",
      code: "PreflightRejected",
      message: checked.errors.map((error) => `${error.path}: ${error.message}`).join("; "),
    });
  }
  const { observed, findings, warnings } = expectOk("preflight", checked);
  const subnet = expectOk("preflight", yield* callWhenReady(EnsureGatewaySubnetActivity, { ...target(ctx), gatewaySubnetPrefix: ctx.base.request.azure.gatewaySubnetPrefix }, whenReady(ctx, "preflight", "create the GatewaySubnet")));
  ctx.resources.gatewaySubnetCreated = subnet.created;
  const drg = expectOk("preflight", yield* callWhenReady(EnsureDrgActivity, target(ctx), whenReady(ctx, "preflight", "find or create the DRG")));
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
      deadlineMs: ctx.deadlineMs,
      nowMs: ctx.nowMs,
    });
  }
  const auditWarnings = findings.map((finding) => `security audit (${finding.severity}) ${finding.code}: ${finding.message}`);
  return { observed, drgId: drg.drgId, warnings: [...warnings, ...auditWarnings] };
}

/** Task 1. */
export function* security(ctx: SetupContext, observed: ObservedNetworks): Flow<string> {
  const applied = expectOk(
    "security",
    yield* callWhenReady(
      ApplySecurityRulesActivity,
      { ...target(ctx), traffic: ctx.base.request.traffic, vnetCidrs: observed.vnetCidrs, vcnCidrs: observed.vcnCidrs },
      whenReady(ctx, "security", "apply the security rules"),
    ),
  );
  ctx.resources.azureNetworkSecurityGroupId = applied.azureNetworkSecurityGroupId;
  if (applied.ociNetworkSecurityGroupId) ctx.resources.ociNetworkSecurityGroupId = applied.ociNetworkSecurityGroupId;
  return `${applied.azureRules} Azure rule(s), ${applied.ociRules} OCI rule(s)`;
}

function* readCircuit(ctx: SetupContext, step: string): Flow<CircuitState> {
  return expectOk(step, yield* call(ReadCircuitActivity, target(ctx))).circuit;
}

function* readVirtualCircuit(ctx: SetupContext, step: string, virtualCircuitId: string): Flow<VirtualCircuitState> {
  return expectOk(step, yield* call(ReadVirtualCircuitActivity, { ...target(ctx), virtualCircuitId })).virtualCircuit;
}

/** Task 2: the ExpressRoute circuit, until ARM reports it Succeeded (a transient failure builds it again). */
export function* circuit(ctx: SetupContext): Flow<string> {
  const { state } = yield* buildArmResource({
    ...armBuild(ctx, "circuit"),
    what: "the ExpressRoute circuit",
    start: function* () {
      const started = expectOk("circuit", yield* callWhenReady(StartCircuitActivity, { ...target(ctx), circuit: ctx.base.request.azure.circuit }, whenReady(ctx, "circuit", "create the ExpressRoute circuit")));
      ctx.resources.circuitId = started.circuitId;
      return started;
    },
    read: () => readCircuit(ctx, "circuit"),
    describe: (state) => state.provisioningState ?? "absent",
    onPoll: (state) => ctx.progress.detail("circuit", `provisioningState ${state.provisioningState ?? "absent"}`),
  });
  return `provider status ${state.serviceProviderProvisioningState ?? "unknown"}`;
}

/** Task 3: the FastConnect virtual circuit with the circuit's service key, and the DRG attachment. */
export function* virtualCircuit(ctx: SetupContext, drgId: string): Flow<string> {
  const started = expectOk("virtual-circuit", yield* callWhenReady(
      StartVirtualCircuitActivity,
      { ...target(ctx), bandwidthMbps: ctx.base.request.azure.circuit.bandwidthMbps, bgp: ctx.base.request.bgp, drgId },
      whenReady(ctx, "virtual-circuit", "create the FastConnect virtual circuit"),
    ));
  ctx.resources.virtualCircuitId = started.virtualCircuitId;
  const attachment = expectOk("virtual-circuit", yield* callWhenReady(EnsureDrgAttachmentActivity, { ...target(ctx), drgId }, whenReady(ctx, "virtual-circuit", "attach the DRG to the VCN")));
  ctx.resources.drgAttachmentId = attachment.attachmentId;
  ctx.resources.drgAttachmentCreated = attachment.created;
  return `virtual circuit ${started.virtualCircuitId}`;
}

/** Task 4: wait until Azure says Provisioned with the private peering, and OCI says PROVISIONED/ACTIVE. */
export function* provisioning(ctx: SetupContext): Flow<{ polls: number }> {
  const virtualCircuitId = ctx.resources.virtualCircuitId ?? "";
  const { polls } = yield* waitUntil({
    step: "provisioning",
    what: "provider provisioning of both circuits",
    read: function* () {
      const oci = yield* readVirtualCircuit(ctx, "provisioning", virtualCircuitId);
      const azure = yield* readCircuit(ctx, "provisioning");
      return { oci, azure };
    },
    isDone: ({ oci, azure }) =>
      oci.lifecycleState === "PROVISIONED" &&
      oci.providerState === "ACTIVE" &&
      azure.serviceProviderProvisioningState === "Provisioned" &&
      azure.privatePeering?.state === "Enabled",
    failure: ({ oci }) =>
      oci.lifecycleState === "FAILED" || !oci.exists
        ? { cloud: "oci", code: "VirtualCircuitFailed", message: `the FastConnect virtual circuit is ${oci.exists ? "FAILED" : "gone"}; check the service key, bandwidth and BGP addresses` }
        : null,
    describe: ({ oci, azure }) =>
      `OCI ${oci.lifecycleState ?? "?"}/${oci.providerState ?? "?"}, Azure ${azure.serviceProviderProvisioningState ?? "?"}, private peering ${azure.privatePeering?.state ?? "absent"}`,
    onPoll: ({ oci, azure }, count) =>
      ctx.progress.detail(
        "provisioning",
        `poll ${count}: OCI ${oci.lifecycleState ?? "?"}/${oci.providerState ?? "?"}, Azure ${azure.serviceProviderProvisioningState ?? "?"}`,
      ),
    deadlineMs: ctx.deadlineMs,
    nowMs: ctx.nowMs,
  });
  return { polls };
}

/** Task 2, in parallel with the circuits: reuse or build the VNet's ExpressRoute gateway (the slowest resource). */
export function* gateway(ctx: SetupContext): Flow<string> {
  const { started } = yield* buildArmResource({
    ...armBuild(ctx, "gateway"),
    what: "the ExpressRoute gateway",
    start: function* () {
      const started = expectOk("gateway", yield* callWhenReady(StartGatewayActivity, target(ctx), whenReady(ctx, "gateway", "create the ExpressRoute gateway")));
      ctx.resources.gatewayId = started.gatewayId;
      ctx.resources.gatewayCreated = started.created;
      return started;
    },
    read: function* () {
      return expectOk("gateway", yield* call(ReadGatewayActivity, { ...target(ctx), gatewayId: ctx.resources.gatewayId ?? "" }));
    },
    describe: (state) => state.provisioningState ?? "absent",
    onPoll: (state, count) => ctx.progress.detail("gateway", `poll ${count}: provisioningState ${state.provisioningState ?? "absent"}`),
  });
  return started.created ? "created" : "reused the VNet's existing gateway";
}

/** Task 5: connect the gateway to the circuit, then route the VNet CIDRs to the DRG and the VCN CIDRs to the gateway. */
export function* routing(ctx: SetupContext, observed: ObservedNetworks, drgId: string): Flow<string> {
  const gatewayId = ctx.resources.gatewayId ?? "";
  yield* buildArmResource({
    ...armBuild(ctx, "routing"),
    what: "the gateway connection",
    start: function* () {
      const connection = expectOk("routing", yield* callWhenReady(StartConnectionActivity, { ...target(ctx), gatewayId }, whenReady(ctx, "routing", "connect the gateway to the circuit")));
      ctx.resources.connectionId = connection.connectionId;
      return connection;
    },
    read: function* () {
      return expectOk("routing", yield* call(ReadConnectionActivity, target(ctx)));
    },
    describe: (state) => `${state.provisioningState ?? "absent"}/${state.connectionStatus ?? "?"}`,
  });
  const routes = expectOk(
    "routing",
    yield* call(ApplyRoutesActivity, { ...target(ctx), drgId, vnetCidrs: observed.vnetCidrs, vcnCidrs: observed.vcnCidrs, mode: "active" }),
  );
  ctx.resources.ociRouteTableId = routes.ociRouteTableId;
  ctx.resources.azureRouteTableId = routes.azureRouteTableId;
  const peered = routes.drgStaticRoutes > 0 ? `, ${routes.drgStaticRoutes} DRG route(s) for peered VCNs` : "";
  return `${routes.ociRules} VCN route rule(s), ${routes.azureRoutes} Azure route(s)${peered}`;
}

/** Task 6: the connection test, recorded with evidence. */
export function* verify(ctx: SetupContext, observed: ObservedNetworks): Flow<ConnectivityEvidence> {
  return yield* connectionTest({
    base: ctx.base,
    virtualCircuitId: ctx.resources.virtualCircuitId ?? "",
    networks: { vnetCidrs: observed.vnetCidrs, vcnCidrs: observed.vcnCidrs },
    deadlineMs: ctx.deadlineMs,
    nowMs: ctx.nowMs,
    onPoll: (passed, problems) => ctx.progress.detail("verify", passed ? "passed" : problems.join("; ")),
  });
}
