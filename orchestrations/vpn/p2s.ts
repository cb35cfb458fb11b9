import { type OrchestrationContext, type Task } from "durable-functions";
import { type PointToSiteRequest } from "../../shared/domain/vpn-link";
import { P2S_SETUP_STEPS, type P2sSetupStepId, VPN_CLIENT_PACKAGE_STEPS, type VpnHealthReport, type VpnLifecycleOutcome } from "../../shared/domain/vpn-link-record";
import { type VpnAzureTarget } from "../contracts/vpn";
import { ConfigureP2sActivity, P2sClientPackageActivity, P2sPreflightActivity } from "../contracts/vpn-p2s";
import { StepFailure } from "../flow/failure";
import { runGraph } from "../flow/graph";
import { call, type Flow } from "../flow/steps";
import { waitUntil } from "../flow/wait";
import { expectOk } from "../lifecycle/kit";
import { callAndSettle } from "../lifecycle/settle";
import { callWhenReady } from "../lifecycle/when-ready";
import { waitForGateway } from "./p2s-teardown";
import { rollback } from "./rollback";
import { VpnOperationRun, vpnLifecycle } from "./run";
import { sideTarget } from "./teardown-flows";
import { gatewayFlow } from "./vnet2vnet";

interface Outputs {
  preflight: string[];
  gateway: string;
  "point-to-site": string;
  "client-package": string;
}

/**
 * Sets up point-to-site on the VNet's VPN gateway: the gateway (reused when the VNet has one), then Interlink's root
 * certificate (private key sealed in the secret store by the activity, never in history) uploaded with the client
 * address pool, then the VPN client package. Client certificates are issued later, on request, over HTTP.
 */
export function* p2sSetup(context: OrchestrationContext, op: VpnOperationRun, request: PointToSiteRequest): Generator<Task, VpnLifecycleOutcome, unknown> {
  const target = sideTarget(op, request.azure);
  const gatewayIds: string[] = [];
  return yield* vpnLifecycle(op, {
    started: { spec: request },
    *run() {
      yield* runGraph<P2sSetupStepId, Outputs>(context, P2S_SETUP_STEPS, {
        *preflight() {
          return yield* op.inStep(
            "preflight",
            (function* () {
              const checked = expectOk("preflight", yield* call(P2sPreflightActivity, { ...target, clientAddressPool: request.clientAddressPool }));
              op.warnings.push(...checked.warnings);
              return checked.vnetCidrs;
            })(),
            (cidrs) => `VNet ${cidrs.join(", ")}; clients ${request.clientAddressPool.join(", ")}`,
          );
        },
        gateway: () => op.inStep("gateway", gatewayFlow(op, request.azure, target, 0, gatewayIds, "gateway")),
        "point-to-site": () => op.inStep("point-to-site", configureFlow(op, target, gatewayIds[0] ?? "")),
        *"client-package"() {
          yield* op.checkpoint();
          return yield* op.inStep("client-package", clientPackageFlow(op, target, gatewayIds[0] ?? ""), () => "client package generated");
        },
      });
      const health: VpnHealthReport = { verdict: "healthy", checkedAt: context.df.currentUtcDateTime.toISOString(), tunnels: [], carriedBy: "VPN", routesLearned: { azure: [], oci: [] }, problems: [] };
      return { resources: op.resources, health, warnings: op.warnings };
    },
    *compensate() {
      const rolledBack = request.options.rollbackOnFailure && (yield* rollback(context, op));
      return { resources: op.resources, rolledBack, warnings: op.warnings };
    },
  });
}

/**
 * A new client package for a point-to-site link: Azure's download URL expires about an hour after it is generated,
 * so a user who comes back later asks for another. The link's state does not change.
 */
export function* vpnClientPackageOrchestrator(context: OrchestrationContext): Generator<Task, VpnLifecycleOutcome, unknown> {
  const op = new VpnOperationRun(context, "client-package", () => VPN_CLIENT_PACKAGE_STEPS);
  return yield* vpnLifecycle(op, {
    *run() {
      const request = op.request;
      const gatewayId = op.resources.gatewayIds?.[0];
      if (request.type !== "point-to-site" || !gatewayId) throw new StepFailure("client-package", { cloud: "interlink", code: "NoPointToSite", message: `${op.name} has no point-to-site gateway recorded` });
      yield* op.step("client-package", clientPackageFlow(op, sideTarget(op, request.azure), gatewayId), () => "client package generated");
      return { resources: op.resources };
    },
  });
}

/** Uploads the root and the pool, then waits until the gateway has applied them (an update of minutes). */
function* configureFlow(op: VpnOperationRun, target: VpnAzureTarget, gatewayId: string): Flow<string> {
  const configured = yield* callAndSettle(ConfigureP2sActivity, { ...target, gatewayId, clientAddressPool: op.request.type === "point-to-site" ? op.request.clientAddressPool : [] }, { ...op.settled("point-to-site", "configure point-to-site"), typical: "vpnGatewayUpdate" });
  op.resources.rootCertificateName = configured.rootCertificateName;
  op.resources.rootCertificateThumbprint = configured.rootCertificateThumbprint;
  yield* waitForGateway(op, target, gatewayId, "point-to-site");
  return `root certificate ${configured.rootCertificateName} (${configured.rootCertificateThumbprint}) uploaded`;
}

/** `generatevpnclientpackage` is a long-running POST: started once, then read between durable timers. */
function* clientPackageFlow(op: VpnOperationRun, target: VpnAzureTarget, gatewayId: string): Flow<string> {
  const settle = op.settled("client-package", "generate the VPN client package");
  let read = expectOk("client-package", yield* callWhenReady(P2sClientPackageActivity, { ...target, gatewayId }, settle));
  const { state } = yield* waitUntil({
    step: "client-package",
    what: "the VPN client package",
    read: function* () {
      if (!read.url && read.operation) read = expectOk("client-package", yield* callWhenReady(P2sClientPackageActivity, { ...target, gatewayId, operation: read.operation }, settle));
      return read;
    },
    isDone: (current) => current.url !== undefined,
    describe: () => "generating",
    deadlineMs: op.deadlineMs,
    nowMs: op.nowMs,
  });
  if (!state.url) throw new StepFailure("client-package", { cloud: "azure", code: "NoClientPackage", message: "generatevpnclientpackage returned no URL" });
  op.resources.clientPackageUrl = state.url;
  return state.url;
}
