import { type OrchestrationContext, type Task } from "durable-functions";
import { ociShapeForBandwidth } from "../../shared/domain/catalogue";
import { RESIZE_STEPS } from "../../shared/domain/steps";
import { targetOf } from "../contracts/common";
import { ReadCircuitActivity, ReadVirtualCircuitActivity } from "../contracts/provisioning";
import { ResizeCircuitActivity, ResizeVirtualCircuitActivity } from "../contracts/teardown";
import { failureFromThrown, StepFailure } from "../flow/failure";
import { Progress } from "../flow/progress";
import { runFlow } from "../flow/scheduler";
import { call, type Flow } from "../flow/steps";
import { waitUntil } from "../flow/wait";
import { LifecycleInput, type LifecycleOutcome } from "../lifecycle/input";
import { expectOk, inStep, minutes } from "../lifecycle/kit";
import { record } from "../lifecycle/record";

const RESIZE_DEADLINE_MINUTES = 120;

/**
 * Changes the bandwidth of both circuits in place: ExpressRoute first (it bills and limits), then the
 * FastConnect virtual circuit to the matching shape. ExpressRoute cannot shrink in place, so a decrease
 * is refused before anything changes.
 */
export function* resizeOrchestrator(context: OrchestrationContext): Generator<Task, LifecycleOutcome, unknown> {
  const input = LifecycleInput.parse(context.df.getInput());
  const { request } = input;
  const bandwidthMbps = input.bandwidthMbps ?? request.azure.circuit.bandwidthMbps;
  const shape = ociShapeForBandwidth(bandwidthMbps) ?? "";
  const instanceId = context.df.instanceId;
  const nowMs = () => context.df.currentUtcDateTime.getTime();
  const deadlineMs = nowMs() + minutes(RESIZE_DEADLINE_MINUTES);
  const progress = new Progress(context.df, "resize", request.name, RESIZE_STEPS);
  const base = targetOf({ request, operationId: instanceId });
  const virtualCircuitId = input.resources.virtualCircuitId ?? "";
  const steps = () => progress.snapshot().steps;
  yield* runFlow(context, record(input, "resize", instanceId, context.df.currentUtcDateTime, { phase: "started", state: "Updating", steps: steps() }));

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
    expectOk("circuit", yield* call(ResizeCircuitActivity, { ...base, bandwidthMbps }));
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

  function* resizeVirtualCircuit(): Flow<string> {
    expectOk("virtual-circuit", yield* call(ResizeVirtualCircuitActivity, { ...base, virtualCircuitId, bandwidthMbps }));
    yield* waitUntil({
      step: "virtual-circuit",
      what: "the virtual circuit bandwidth change",
      read: function* () {
        return expectOk("virtual-circuit", yield* call(ReadVirtualCircuitActivity, { ...base, virtualCircuitId })).virtualCircuit;
      },
      isDone: (state) => state.lifecycleState === "PROVISIONED" && state.bandwidthShapeName === shape,
      failure: (state) => (state.lifecycleState === "FAILED" ? { cloud: "oci", code: "VirtualCircuitFailed", message: "the virtual circuit update failed" } : null),
      describe: (state) => `${state.lifecycleState ?? "?"} at ${state.bandwidthShapeName ?? "?"}`,
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

  try {
    yield* runFlow(context, inStep(progress, "preflight", checkInPlace(), (detail) => detail));
    yield* runFlow(context, inStep(progress, "circuit", resizeCircuit(), (detail) => detail));
    yield* runFlow(context, inStep(progress, "virtual-circuit", resizeVirtualCircuit(), (detail) => detail));
    yield* runFlow(context, inStep(progress, "verify", confirm(), (detail) => detail));
  } catch (error) {
    const failure = failureFromThrown("resize", error);
    yield* runFlow(
      context,
      record(input, "resize", instanceId, context.df.currentUtcDateTime, { phase: "failed", state: "Active", steps: steps(), failedStep: failure.step, error: failure.failure }),
    );
    return { status: "failed", operation: "resize", name: request.name, failedStep: failure.step, error: failure.failure, resources: input.resources, warnings: [] };
  }
  const spec = { ...request, azure: { ...request.azure, circuit: { ...request.azure.circuit, bandwidthMbps } } };
  yield* runFlow(context, record(input, "resize", instanceId, context.df.currentUtcDateTime, { phase: "succeeded", state: "Active", spec, steps: steps() }));
  return { status: "succeeded", operation: "resize", name: request.name, resources: input.resources, warnings: [] };
}
