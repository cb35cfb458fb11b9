import { type OrchestrationContext, type Task } from "durable-functions";
import { type Vnet2VnetRequest } from "../../shared/domain/vpn-link";
import { type VpnHealthReport, type VpnLifecycleOutcome, VNET2VNET_SETUP_STEPS, type Vnet2VnetSetupStepId } from "../../shared/domain/vpn-link-record";
import { EnsureGatewaySubnetActivity } from "../contracts/preflight";
import {
  EnsureVpnGatewayIpActivity,
  PutVnet2VnetConnectionActivity,
  ReadVnet2VnetActivity,
  ReadVpnGatewayActivity,
  ReadVpnPublicIpActivity,
  StartVpnGatewayActivity,
  Vnet2VnetPreflightActivity,
  type VpnAzureTarget,
} from "../contracts/vpn";
import { runGraph } from "../flow/graph";
import { call, type Flow } from "../flow/steps";
import { waitUntil } from "../flow/wait";
import { expectOk } from "../lifecycle/kit";
import { callAndSettle, callAndWatch } from "../lifecycle/settle";
import { rollback } from "./rollback";
import { type VpnOperationRun, vpnLifecycle } from "./run";
import { sideTarget } from "./teardown-flows";

type Side = { vnetId: string; location: string; cidrs: string[] };

interface Outputs {
  preflight: Side[];
  "gateway-1": string;
  "gateway-2": string;
  connections: string;
  verify: VpnHealthReport;
}

/**
 * Sets up a VNet-to-VNet link: both VNets' gateways side by side (each reused when the VNet has one), then a Vnet2Vnet
 * connection each way with one key (CSPRNG, made by the first connection's activity and read back from Azure by the
 * second's), then a wait until both are Connected. The VNets may be in different subscriptions and regions.
 */
export function* vnet2vnetSetup(context: OrchestrationContext, op: VpnOperationRun, request: Vnet2VnetRequest): Generator<Task, VpnLifecycleOutcome, unknown> {
  const sides = request.vnets.map((side) => sideTarget(op, side));
  const scopes = sides.map((side) => side.azure);
  const gatewayIds: string[] = [];
  return yield* vpnLifecycle(op, {
    started: { spec: request },
    *run() {
      const gatewayStep = (index: 0 | 1) => () => op.inStep(`gateway-${index + 1}`, gatewayFlow(op, request.vnets[index], sides[index] as VpnAzureTarget, index, gatewayIds));
      const outputs = yield* runGraph<Vnet2VnetSetupStepId, Outputs>(context, VNET2VNET_SETUP_STEPS, {
        *preflight() {
          return yield* op.inStep(
            "preflight",
            (function* () {
              const checked = expectOk("preflight", yield* call(Vnet2VnetPreflightActivity, { ref: { name: op.name, operationId: op.instanceId }, vnets: scopes }));
              op.warnings.push(...checked.warnings);
              return checked.sides;
            })(),
            (found) => found.map((side) => side.cidrs.join(", ")).join(" <-> "),
          );
        },
        "gateway-1": gatewayStep(0),
        "gateway-2": gatewayStep(1),
        connections: (done) => op.inStep("connections", connectionsFlow(op, request, sides, done("preflight"), gatewayIds)),
        verify: () => op.inStep("verify", verifyFlow(op, scopes), () => "both connections Connected"),
      });
      return { resources: op.resources, health: outputs.verify, warnings: op.warnings };
    },
    *compensate() {
      const rolledBack = request.options.rollbackOnFailure && (yield* rollback(context, op));
      return { resources: op.resources, rolledBack, warnings: op.warnings };
    },
  });
}

/**
 * One VNet's GatewaySubnet, public IP and VPN gateway (or its existing gateway), watched until built; recorded as the
 * link's gateway number `index` (point-to-site has one, in step "gateway").
 */
export function* gatewayFlow(op: VpnOperationRun, side: Vnet2VnetRequest["vnets"][number] | undefined, target: VpnAzureTarget, index: 0 | 1, gatewayIds: string[], step = `gateway-${index + 1}`): Flow<string> {
  const subscriptionId = target.azure.subscriptionId;
  const scope = { subscriptionId, resourceGroup: target.azure.resourceGroup, vnet: target.azure.vnet };
  const subnet = yield* callAndSettle(EnsureGatewaySubnetActivity, { ref: target.ref, azure: scope, gatewaySubnetPrefix: side?.gatewaySubnetPrefix ?? "" }, op.settled(step, "create the GatewaySubnet", subscriptionId));
  op.resources.gatewaySubnetsCreated = withAt(op.resources.gatewaySubnetsCreated, index, subnet.created || op.resources.gatewaySubnetsCreated?.[index] === true, false);
  const found = yield* callAndSettle(EnsureVpnGatewayIpActivity, target, op.settled(step, "create the gateway's public IP", subscriptionId));
  if (found.publicIpId) {
    const publicIpId = found.publicIpId;
    yield* waitUntil({
      step,
      what: "the gateway's public IP",
      read: function* () {
        return expectOk(step, yield* call(ReadVpnPublicIpActivity, { ...target, publicIpId }));
      },
      isDone: (ip) => ip.ipAddress !== undefined,
      describe: (ip) => ip.provisioningState ?? "absent",
      deadlineMs: op.deadlineMs,
      nowMs: op.nowMs,
    });
  }
  const started = yield* callAndWatch(
    StartVpnGatewayActivity,
    { ...target, ...(found.publicIpId ? { publicIpId: found.publicIpId } : {}), sku: side?.gateway.sku ?? "VpnGw1AZ", asn: side?.gateway.asn ?? 65515 },
    op.settled(step, "create the VPN gateway", subscriptionId),
    {
      what: `the VPN gateway of ${target.azure.vnet}`,
      typical: "vpnGateway",
      read: function* (result) {
        gatewayIds[index] = result.gatewayId;
        op.resources.gatewayIds = withAt(op.resources.gatewayIds, index, result.gatewayId, "");
        op.resources.gatewaysCreated = withAt(op.resources.gatewaysCreated, index, result.created, false);
        return expectOk(step, yield* call(ReadVpnGatewayActivity, { ...target, gatewayId: result.gatewayId }));
      },
      isDone: (state) => state.exists && state.provisioningState === "Succeeded",
      isFailed: (state) => state.provisioningState === "Failed",
      describe: (state) => state.provisioningState ?? "absent",
      onPoll: (state, count) => op.progress.detail(step, `poll ${count}: provisioningState ${state.provisioningState ?? "absent"}`),
    },
  );
  gatewayIds[index] = started.gatewayId;
  op.resources.gatewayIds = withAt(op.resources.gatewayIds, index, started.gatewayId, "");
  return started.created ? "created" : "reused the VNet's VPN gateway";
}

/** Both directions: the first keeps or makes the key, the second takes the first's. */
function* connectionsFlow(op: VpnOperationRun, request: Vnet2VnetRequest, sides: VpnAzureTarget[], found: Side[], gatewayIds: string[]): Flow<string> {
  const ids: string[] = [];
  for (const direction of [0, 1] as const) {
    const target = sides[direction] as VpnAzureTarget;
    const other = sides[1 - direction] as VpnAzureTarget;
    const connection = yield* callAndSettle(
      PutVnet2VnetConnectionActivity,
      {
        ...target,
        direction,
        location: found[direction]?.location ?? target.azure.region,
        gatewayId: gatewayIds[direction] ?? "",
        peerGatewayId: gatewayIds[1 - direction] ?? "",
        policy: request.ipsecPolicy,
        ...(direction === 1 ? { keyFrom: { subscriptionId: other.azure.subscriptionId, resourceGroup: other.azure.resourceGroup, direction: 0 } } : {}),
      },
      { ...op.settled("connections", `connect ${target.azure.vnet} to ${other.azure.vnet}`, target.azure.subscriptionId), typical: "gatewayConnection" },
    );
    ids.push(connection.connectionId);
    op.resources.connectionIds = [...ids];
  }
  return "a connection each way with one key";
}

function* verifyFlow(op: VpnOperationRun, scopes: VpnAzureTarget["azure"][]): Flow<VpnHealthReport> {
  const { state } = yield* waitUntil({
    step: "verify",
    what: "both connections to be Connected",
    read: function* () {
      return expectOk("verify", yield* call(ReadVnet2VnetActivity, { ref: { name: op.name, operationId: op.instanceId }, vnets: scopes })).health;
    },
    isDone: (health) => health.verdict === "healthy",
    describe: (health) => health.problems.join("; ") || health.verdict,
    onPoll: (health) => op.progress.detail("verify", health.problems.join("; ") || "passed"),
    deadlineMs: op.deadlineMs,
    nowMs: op.nowMs,
    timeoutCode: "ConnectionsNotConnected",
  });
  return state;
}

/** The list with one entry set; entries before it that were never set get `fill` (records hold no holes). */
function withAt<T>(values: T[] | undefined, index: number, value: T, fill: T): T[] {
  const next = Array.from({ length: Math.max(index + 1, values?.length ?? 0) }, (_, at) => values?.[at] ?? fill);
  next[index] = value;
  return next;
}
