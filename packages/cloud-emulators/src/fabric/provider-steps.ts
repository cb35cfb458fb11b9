import type { ProviderStep, World } from "../core/world";
import { ociEtag } from "../core/ids";
import type { VirtualCircuitRecord } from "../oci/model";
import { ociRecordOf } from "../oci/store";

/**
 * What the provider shows while it works on a virtual circuit, beyond PROVISIONING: the states of the SDK model
 * (PENDING_PROVIDER, VERIFYING, INACTIVE) or ones it does not know, injected by the `virtualCircuitStates` fault.
 * The circuit passes through the steps in order, then provisions as usual (PROVISIONING for `provisioningMs`).
 */
export function startProviderSteps(world: World, vc: VirtualCircuitRecord, steps: ProviderStep[], provisioningMs: number): void {
  vc.providerSteps = [...steps];
  vc.provisioningAfterStepsMs = provisioningMs;
  nextStep(world, vc);
}

function nextStep(world: World, vc: VirtualCircuitRecord): void {
  const step = vc.providerSteps?.shift();
  vc.etag = ociEtag();
  world.dirty = true;
  if (!step) {
    delete vc.providerSteps;
    vc.lifecycleState = "PROVISIONING";
    world.schedule(vc.provisioningAfterStepsMs ?? 0, "oci.ready", { id: vc.id });
    delete vc.provisioningAfterStepsMs;
    return;
  }
  vc.lifecycleState = step.lifecycleState;
  if (step.providerState !== undefined) vc.providerState = step.providerState;
  // A step without a duration holds: the provider never moves on.
  if (step.ms !== undefined) world.schedule(step.ms, "fabric.vc.step", { id: vc.id });
}

export function registerProviderStepEvents(world: World): void {
  world.on("fabric.vc.step", (w, event) => {
    const vc = ociRecordOf(w, "virtualcircuit", String(event.data.id));
    // Deleted meanwhile: the steps end with it.
    if (!vc || !vc.providerSteps || vc.lifecycleState === "TERMINATING" || vc.lifecycleState === "TERMINATED") return;
    nextStep(w, vc);
  });
}
