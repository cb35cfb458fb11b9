import { type OrchestrationContext, type Task } from "durable-functions";
import { tunnelInside } from "../../shared/domain/vpn-link";
import { P2S_SETUP_STEPS, type VpnHealthReport, type VpnLifecycleOutcome, VNET2VNET_SETUP_STEPS, VPN_SETUP_STEPS, type VpnSetupStepId } from "../../shared/domain/vpn-link-record";
import { EnsureGatewaySubnetActivity } from "../contracts/preflight";
import { EnsureDrgAttachmentActivity } from "../contracts/provisioning";
import {
  CheckVpnLinkActivity,
  EnsureIpsecConnectionActivity,
  EnsureVpnGatewayIpActivity,
  PutLocalNetworkGatewayActivity,
  PutVpnConnectionActivity,
  ReadIpsecConnectionActivity,
  ReadVpnGatewayActivity,
  ReadVpnPublicIpActivity,
  StartVpnGatewayActivity,
  type TunnelState,
  type VpnObserved,
  VpnPreflightActivity,
} from "../contracts/vpn";
import { runGraph } from "../flow/graph";
import { call, type Flow } from "../flow/steps";
import { waitUntil } from "../flow/wait";
import { expectOk } from "../lifecycle/kit";
import { callAndSettle, callAndWatch } from "../lifecycle/settle";
import { callWhenReady } from "../lifecycle/when-ready";
import { VpnOperationRun, vpnLifecycle } from "./run";
import { rollback } from "./rollback";
import { p2sSetup } from "./p2s";
import { vnet2vnetSetup } from "./vnet2vnet";

interface SetupOutputs {
  preflight: VpnObserved;
  "gateway-ip": { publicIpId?: string; address: string };
  gateway: string;
  ipsec: TunnelState[];
  connections: string;
  verify: VpnHealthReport;
}

/**
 * Sets up an azure-oci VPN link by its step graph:
 *   preflight -> gateway-ip -> { gateway (35-45 min) | ipsec (CPE, IPSec connection, two tunnels) } -> connections -> verify
 * so OCI's side is built while the gateway provisions. On failure the completed steps are undone by the teardown
 * steps unless rollbackOnFailure is false.
 */
export function* vpnSetupOrchestrator(context: OrchestrationContext): Generator<Task, VpnLifecycleOutcome, unknown> {
  const op = new VpnOperationRun(context, "setup", (request) => ({ "azure-oci": VPN_SETUP_STEPS, "vnet-to-vnet": VNET2VNET_SETUP_STEPS, "point-to-site": P2S_SETUP_STEPS })[request.type]);
  if (op.request.type === "vnet-to-vnet") return yield* vnet2vnetSetup(context, op, op.request);
  if (op.request.type === "point-to-site") return yield* p2sSetup(context, op, op.request);
  const { siteRequest: request, resources } = op;
  const bgp = request.routing.mode === "bgp" ? request.routing.tunnels.map(tunnelInside) : undefined;
  return yield* vpnLifecycle(op, {
    started: { spec: request },
    *run() {
      const outputs = yield* runGraph<VpnSetupStepId, SetupOutputs>(context, VPN_SETUP_STEPS, {
        *preflight() {
          return yield* op.inStep("preflight", preflightFlow(op), (observed) => `VNet ${observed.vnetCidrs.join(", ")}, VCN ${observed.vcnCidrs.join(", ")}`);
        },
        "gateway-ip": () => op.inStep("gateway-ip", gatewayIpFlow(op), (found) => `gateway address ${found.address}`),
        gateway: (done) =>
          op.inStep("gateway", gatewayFlow(op, done("gateway-ip").publicIpId, bgp?.map((inside) => inside.azure))),
        ipsec: (done) => op.inStep("ipsec", ipsecFlow(op, done("gateway-ip").address, done("preflight").vnetCidrs, bgp), (tunnels) => `tunnels ${tunnels.map((tunnel) => tunnel.vpnIp).join(", ")}`),
        *connections(done) {
          yield* op.checkpoint();
          return yield* op.inStep("connections", connectionsFlow(op, done("preflight"), done("ipsec"), bgp));
        },
        verify: (done) => op.inStep("verify", verifyFlow(op, done("preflight"), bgp !== undefined), (health) => `both tunnels UP, traffic carried by ${health.carriedBy}`),
      });
      return { resources, health: outputs.verify, warnings: op.warnings };
    },
    *compensate() {
      const rolledBack = request.options.rollbackOnFailure && (yield* rollback(context, op));
      return { resources, rolledBack, warnings: op.warnings };
    },
  });

}

function* preflightFlow(op: VpnOperationRun): Flow<VpnObserved> {
  const checked = expectOk("preflight", yield* call(VpnPreflightActivity, op.target));
  op.warnings.push(...checked.warnings);
  return checked.observed;
}

/** The VNet's VPN gateway's address, or (no gateway yet) the GatewaySubnet and the gateway's own public IP. */
function* gatewayIpFlow(op: VpnOperationRun): Flow<{ publicIpId?: string; address: string }> {
  const { target, siteRequest: request } = op;
  const scope = { subscriptionId: target.azure.subscriptionId, resourceGroup: target.azure.resourceGroup, vnet: target.azure.vnet };
  const subnet = yield* callAndSettle(EnsureGatewaySubnetActivity, { ref: target.ref, azure: scope, gatewaySubnetPrefix: request.azure.gatewaySubnetPrefix }, op.settled("gateway-ip", "create the GatewaySubnet"));
  op.resources.gatewaySubnetCreated = op.resources.gatewaySubnetCreated === true || subnet.created;
  const found = yield* callAndSettle(EnsureVpnGatewayIpActivity, target, op.settled("gateway-ip", "create the gateway's public IP"));
  if (found.existingGatewayId) {
    const gatewayId = found.existingGatewayId;
    const { state } = yield* waitUntil({
      step: "gateway-ip",
      what: "the VNet's VPN gateway",
      read: function* () {
        return expectOk("gateway-ip", yield* call(ReadVpnGatewayActivity, { ...target, gatewayId }));
      },
      isDone: (gateway) => gateway.publicIpAddress !== undefined,
      describe: (gateway) => gateway.provisioningState ?? "absent",
      deadlineMs: op.deadlineMs,
      nowMs: op.nowMs,
    });
    return { address: state.publicIpAddress ?? "" };
  }
  const publicIpId = found.publicIpId ?? "";
  op.resources.publicIpId = publicIpId;
  op.resources.publicIpCreated = found.created;
  const { state } = yield* waitUntil({
    step: "gateway-ip",
    what: "the gateway's public IP",
    read: function* () {
      return expectOk("gateway-ip", yield* call(ReadVpnPublicIpActivity, { ...target, publicIpId }));
    },
    isDone: (ip) => ip.ipAddress !== undefined,
    describe: (ip) => ip.provisioningState ?? "absent",
    deadlineMs: op.deadlineMs,
    nowMs: op.nowMs,
  });
  return { publicIpId, address: state.ipAddress ?? "" };
}

/** PUT (or reuse) the VNet's VPN gateway and watch it with durable timers until ARM has built it (35-45 minutes). */
function* gatewayFlow(op: VpnOperationRun, publicIpId: string | undefined, apipa: string[] | undefined): Flow<string> {
  const { target, siteRequest: request } = op;
  const started = yield* callAndWatch(
    StartVpnGatewayActivity,
    { ...target, ...(publicIpId ? { publicIpId } : {}), sku: request.azure.gateway.sku, asn: request.azure.gateway.asn, ...(apipa ? { apipa } : {}) },
    op.settled("gateway", "create the VPN gateway"),
    {
      what: "the VPN gateway",
      typical: "vpnGateway",
      read: function* (result) {
        op.resources.gatewayId = result.gatewayId;
        op.resources.gatewayCreated = op.resources.gatewayCreated === true || result.created;
        return expectOk("gateway", yield* call(ReadVpnGatewayActivity, { ...target, gatewayId: result.gatewayId }));
      },
      isDone: (state) => state.exists && state.provisioningState === "Succeeded",
      isFailed: (state) => state.provisioningState === "Failed",
      describe: (state) => state.provisioningState ?? "absent",
      onPoll: (state, count) => op.progress.detail("gateway", `poll ${count}: provisioningState ${state.provisioningState ?? "absent"}`),
    },
  );
  op.resources.gatewayId = started.gatewayId;
  return started.created ? "created" : "reused the VNet's VPN gateway";
}

/** The VCN on the DRG, the CPE for the gateway's address, and the IPSec connection with its two tunnels, AVAILABLE. */
function* ipsecFlow(op: VpnOperationRun, address: string, vnetCidrs: string[], bgp: Array<{ oracle: string; azure: string; prefixLength: number }> | undefined): Flow<TunnelState[]> {
  const { target, siteRequest: request } = op;
  const options = op.settled("ipsec", "create the IPSec connection");
  const attachment = expectOk("ipsec", yield* callWhenReady(EnsureDrgAttachmentActivity, { ref: target.ref, ...(target.ticketId ? { ticketId: target.ticketId } : {}), oci: { vcnId: target.oci.vcnId }, drgId: target.oci.drgId }, options));
  op.resources.drgAttachmentId = attachment.attachmentId;
  op.resources.drgAttachmentCreated = attachment.created;
  const ipsec = expectOk(
    "ipsec",
    yield* callWhenReady(EnsureIpsecConnectionActivity, { ...target, cpeIpAddress: address, azureAsn: request.azure.gateway.asn, ...(bgp ? { bgp } : {}), staticRoutes: vnetCidrs, policy: request.ipsecPolicy }, options),
  );
  op.resources.cpeId = ipsec.cpeId;
  op.resources.ipsecConnectionId = ipsec.ipsecConnectionId;
  const { state } = yield* waitUntil({
    step: "ipsec",
    what: "the IPSec connection",
    read: function* () {
      return expectOk("ipsec", yield* call(ReadIpsecConnectionActivity, { ref: target.ref, ipsecConnectionId: ipsec.ipsecConnectionId }));
    },
    isDone: (connection) => connection.lifecycleState === "AVAILABLE" && connection.tunnels.length === 2 && connection.tunnels.every((tunnel) => tunnel.vpnIp !== undefined),
    failure: (connection) => (!connection.exists || connection.lifecycleState === "TERMINATED" ? { cloud: "oci", code: "IpsecConnectionGone", message: "the IPSec connection was deleted while it was being set up" } : null),
    describe: (connection) => connection.lifecycleState ?? "absent",
    deadlineMs: op.deadlineMs,
    nowMs: op.nowMs,
  });
  op.resources.tunnelIds = state.tunnels.map((tunnel) => tunnel.id);
  return state.tunnels;
}

/** Per tunnel: a local network gateway for Oracle's headend, then the connection with the tunnel's key. */
function* connectionsFlow(op: VpnOperationRun, observed: VpnObserved, tunnels: TunnelState[], bgp: Array<{ oracle: string; azure: string; prefixLength: number }> | undefined): Flow<string> {
  const { target, siteRequest: request } = op;
  const gatewayId = op.resources.gatewayId ?? "";
  const localIds: string[] = [];
  const connectionIds: string[] = [];
  for (const [tunnel, state] of tunnels.entries()) {
    const inside = bgp?.[tunnel];
    const index = tunnel === 0 ? 0 : 1;
    const local = yield* callAndSettle(
      PutLocalNetworkGatewayActivity,
      { ...target, tunnel: index, location: observed.location, vpnIp: state.vpnIp ?? "", ...(inside ? { bgp: inside } : {}), vcnCidrs: observed.vcnCidrs },
      op.settled("connections", `create local network gateway ${tunnel + 1}`),
    );
    localIds.push(local.localNetworkGatewayId);
    op.resources.localNetworkGatewayIds = [...localIds];
    const connection = yield* callAndSettle(
      PutVpnConnectionActivity,
      {
        ...target,
        tunnel: index,
        location: observed.location,
        gatewayId,
        localNetworkGatewayId: local.localNetworkGatewayId,
        ipsecConnectionId: op.resources.ipsecConnectionId ?? "",
        tunnelId: state.id,
        ...(inside ? { bgp: inside } : {}),
        policy: request.ipsecPolicy,
      },
      { ...op.settled("connections", `create connection ${tunnel + 1}`), typical: "gatewayConnection" },
    );
    connectionIds.push(connection.connectionId);
    op.resources.connectionIds = [...connectionIds];
  }
  return `${connectionIds.length} connection(s) with the tunnels' keys`;
}

/** Polls the link's health until both tunnels (and their BGP sessions) are UP and each side learned the other's routes. */
export function* verifyFlow(op: VpnOperationRun, observed: VpnObserved, bgp: boolean): Flow<VpnHealthReport> {
  const { state } = yield* waitUntil({
    step: "verify",
    what: "both tunnels to come UP",
    read: function* () {
      return expectOk("verify", yield* call(CheckVpnLinkActivity, { ...op.target, ipsecConnectionId: op.resources.ipsecConnectionId ?? "", bgp, vnetCidrs: observed.vnetCidrs, vcnCidrs: observed.vcnCidrs })).health;
    },
    isDone: (health) => health.verdict === "healthy" && health.problems.length === 0,
    describe: (health) => health.problems.join("; ") || health.verdict,
    onPoll: (health) => op.progress.detail("verify", health.problems.join("; ") || "passed"),
    deadlineMs: op.deadlineMs,
    nowMs: op.nowMs,
    timeoutCode: "TunnelsNotUp",
  });
  return state;
}
