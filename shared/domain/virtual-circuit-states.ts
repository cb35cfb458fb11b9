import { type Failure } from "./failure";

/**
 * A FastConnect virtual circuit's lifecycle states as the OCI SDK models them (oci-core `VirtualCircuit.LifecycleState`),
 * with what each means for someone waiting on it. Providers may report states the model does not list; the SDK
 * passes them through as they come.
 */
const KNOWN_STATES: Record<string, string> = {
  PENDING_PROVIDER: "waiting for the provider (Microsoft) to provision its side; check that the ExpressRoute circuit's service key is the one the virtual circuit uses",
  VERIFYING: "the provider is verifying the request",
  PROVISIONING: "being provisioned",
  PROVISIONED: "provisioned",
  FAILED: "failed",
  INACTIVE: "inactive: the provider has not provisioned it or has deprovisioned it",
  TERMINATING: "being deleted",
  TERMINATED: "deleted",
};

export const isKnownVirtualCircuitState = (state: string | undefined): boolean => state !== undefined && state in KNOWN_STATES;

/** A state with what it means, e.g. "PENDING_PROVIDER (waiting for the provider ...)"; unknown states say so. */
export function describeVirtualCircuitState(state: string | undefined): string {
  if (state === undefined) return "absent";
  const meaning = KNOWN_STATES[state];
  return meaning ? `${state} (${meaning})` : `'${state}', a state Interlink does not know`;
}

/** How long a wait tolerates a state it does not know before it stops waiting (the provider may be mid-change). */
export const UNKNOWN_STATE_GRACE_MS = 30 * 60_000;

/**
 * Watches the states a wait reads: a state Interlink does not know that lasts longer than the grace period is a
 * failure naming it, rather than a silent wait until the deadline. `nowMs` is the orchestration clock.
 */
export function unknownStateWatch(nowMs: () => number, graceMs = UNKNOWN_STATE_GRACE_MS): (state: string | undefined) => Failure | null {
  let current: { state: string; since: number } | undefined;
  return (state) => {
    if (state === undefined || isKnownVirtualCircuitState(state)) {
      current = undefined;
      return null;
    }
    if (current?.state !== state) current = { state, since: nowMs() };
    const lasted = nowMs() - current.since;
    if (lasted < graceMs) return null;
    return {
      cloud: "oci",
      code: "VirtualCircuitStateUnknown",
      message: `the FastConnect virtual circuit has reported the state '${state}', which Interlink does not know, for ${Math.round(lasted / 60_000)} minutes; check it in the OCI console (or with Oracle) before trying again`,
    };
  };
}
