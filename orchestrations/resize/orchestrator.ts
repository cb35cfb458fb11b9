import { type OrchestrationContext, type Task } from "durable-functions";
import { ociShapeForBandwidth } from "../../shared/domain/catalogue";
import { RESIZE_STEPS } from "../../shared/domain/steps";
import { describeVirtualCircuitState, unknownStateWatch } from "../../shared/domain/virtual-circuit-states";
import { targetOf } from "../contracts/common";
import { ReadCircuitActivity, ReadVirtualCircuitActivity } from "../contracts/provisioning";
import { ResizeCircuitActivity, ResizeVirtualCircuitActivity } from "../contracts/teardown";
import { StepFailure } from "../flow/failure";
import { call, type Flow } from "../flow/steps";
import { waitUntil } from "../flow/wait";
import { type LifecycleOutcome } from "../lifecycle/input";
import { expectOk, minutes } from "../lifecycle/kit";
import { lifecycle, OperationRun } from "../lifecycle/operation";
import { callAndSettle } from "../lifecycle/settle";

const RESIZE_DEADLINE_MINUTES = 120;
/** OCI shows a change under way at once; a circuit still PROVISIONED at its old shape this long after asking did not take it. */
const RESIZE_START_GRACE_MS = 5 * 60_000;

/**
 * Changes the bandwidth of both circuits in place: ExpressRoute first (it bills and limits), then the
 * FastConnect virtual circuit to the matching shape. ExpressRoute cannot shrink in place, so a decrease
 * is refused before anything changes.
 */
export function* resizeOrchestrator(context: OrchestrationContext): Generator<Task, LifecycleOutcome, unknown> {
  const op = new OperationRun(context, "resize", RESIZE_STEPS);
  const { input, request, instanceId, nowMs } = op;
  const bandwidthMbps = input.bandwidthMbps ?? request.azure.circuit.bandwidthMbps;
  const shape = ociShapeForBandwidth(bandwidthMbps) ?? "";
  const deadlineMs = nowMs() + minutes(RESIZE_DEADLINE_MINUTES);
  const base = targetOf({ request, operationId: instanceId });
  const virtualCircuitId = input.resources.virtualCircuitId ?? "";

  // The runbook; its steps are the function declarations below it.
  return yield* lifecycle(op, {
    *run() {
      yield* op.step("preflight", checkInPlace());
      yield* op.step("circuit", resizeCircuit());
      yield* op.step("virtual-circuit", resizeVirtualCircuit());
      yield* op.step("verify", confirm());
      return { spec: { ...request, azure: { ...request.azure, circuit: { ...request.azure.circuit, bandwidthMbps } } } };
    },
  });

  function* checkInPlace(): Flow<string> {
    const current = expectOk("preflight", yield* call(ReadCircuitActivity, base)).circuit;
    if (!current.exists) throw new StepFailure("preflight", { cloud: "azure", code: "CircuitNotFound", message: "the ExpressRoute circuit does not exist" });
    if ((current.bandwidthMbps ?? 0) > bandwidthMbps) {
      throw new StepFailure("preflight", {
        cloud: "interlink",
        code: "BandwidthDecreaseNotSupported",
        message: `ExpressRoute cannot lower a circuit's bandwidth in place (${current.bandwidthMbps} -> ${bandwidthMbps} Mbps); tear down and set up again`,
      });
    }
    return `${current.bandwidthMbps ?? "?"} -> ${bandwidthMbps} Mbps`;
  }

  function* resizeCircuit(): Flow<string> {
    yield* callAndSettle(ResizeCircuitActivity, { ...base, bandwidthMbps }, {
      step: "circuit",
      what: "change the circuit's bandwidth",
      deadlineMs,
      nowMs,
      subscriptionId: request.azure.subscriptionId,
      // ARM changes a circuit's bandwidth as long as it takes to create one.
      typical: "expressRouteCircuit",
    });
    yield* waitUntil({
      step: "circuit",
      what: "the circuit bandwidth change",
      read: function* () {
        return expectOk("circuit", yield* call(ReadCircuitActivity, base)).circuit;
      },
      isDone: (state) => state.provisioningState === "Succeeded" && state.bandwidthMbps === bandwidthMbps,
      failure: (state) => (state.provisioningState === "Failed" ? { cloud: "azure", code: "ProvisioningFailed", message: "the circuit update failed" } : null),
      describe: (state) => `${state.provisioningState ?? "?"} at ${state.bandwidthMbps ?? "?"} Mbps`,
      deadlineMs,
      nowMs,
    });
    return `${bandwidthMbps} Mbps`;
  }

  /**
   * The provider may take the change through intermediate states, report one Interlink does not know (a failure once it
   * lasts), or not accept it: the circuit is then PROVISIONED again at its old shape, which is reported as such.
   */
  function* resizeVirtualCircuit(): Flow<string> {
    expectOk("virtual-circuit", yield* call(ResizeVirtualCircuitActivity, { ...base, virtualCircuitId, bandwidthMbps }));
    const unknownState = unknownStateWatch(nowMs);
    const requestedAt = nowMs();
    let changeSeen = false;
    yield* waitUntil({
      step: "virtual-circuit",
      what: "the virtual circuit bandwidth change",
      read: function* () {
        const state = expectOk("virtual-circuit", yield* call(ReadVirtualCircuitActivity, { ...base, virtualCircuitId })).virtualCircuit;
        changeSeen ||= state.lifecycleState !== "PROVISIONED" || state.bandwidthShapeName === shape;
        return state;
      },
      isDone: (state) => state.lifecycleState === "PROVISIONED" && state.bandwidthShapeName === shape,
      failure: (state) => {
        if (state.lifecycleState === "FAILED") return { cloud: "oci", code: "VirtualCircuitFailed", message: "the virtual circuit update failed" };
        // Back at PROVISIONED with the old shape once the change was under way (or long after asking): not accepted.
        const settledElsewhere = state.lifecycleState === "PROVISIONED" && state.bandwidthShapeName !== shape && (changeSeen || nowMs() - requestedAt >= RESIZE_START_GRACE_MS);
        if (settledElsewhere) {
          return {
            cloud: "oci",
            code: "VirtualCircuitResizeRejected",
            message: `the provider did not accept the change to ${shape}: the virtual circuit is PROVISIONED at ${state.bandwidthShapeName ?? "its old shape"}; the ExpressRoute circuit is already at ${bandwidthMbps} Mbps, so resize again or raise it with the provider`,
          };
        }
        return unknownState(state.lifecycleState);
      },
      describe: (state) => `${describeVirtualCircuitState(state.lifecycleState)} at ${state.bandwidthShapeName ?? "?"}`,
      deadlineMs,
      nowMs,
    });
    return shape;
  }

  function* confirm(): Flow<string> {
    const azure = expectOk("verify", yield* call(ReadCircuitActivity, base)).circuit;
    const oci = expectOk("verify", yield* call(ReadVirtualCircuitActivity, { ...base, virtualCircuitId })).virtualCircuit;
    if (azure.bandwidthMbps !== bandwidthMbps || oci.bandwidthShapeName !== shape) {
      throw new StepFailure("verify", { cloud: "interlink", code: "BandwidthMismatch", message: `Azure reports ${azure.bandwidthMbps} Mbps, OCI ${oci.bandwidthShapeName}` });
    }
    return `Azure ${azure.bandwidthMbps} Mbps, OCI ${oci.bandwidthShapeName}`;
  }
}
