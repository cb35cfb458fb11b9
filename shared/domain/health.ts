import "./zod-messages";
import { z } from "zod";
import { CircuitState, VirtualCircuitState } from "./cloud-views";

/** `suspended`: the operator withdrew the routes on purpose and nothing else is wrong (down or degraded win). */
export const Verdict = z.enum(["healthy", "degraded", "down", "suspended"]);
export type Verdict = z.infer<typeof Verdict>;

/** One health check of one interconnect: what was read, what is wrong, and the overall verdict. */
export const HealthReport = z.object({
  name: z.string(),
  verdict: Verdict,
  reasons: z.array(z.string()),
  checkedAt: z.string(),
  azure: z.object({
    circuit: CircuitState.pick({ exists: true, provisioningState: true, serviceProviderProvisioningState: true, circuitProvisioningState: true }),
    privatePeeringState: z.string().nullable(),
    connectionStatus: z.string().nullable(),
    learnedVcnPrefixes: z.object({ primary: z.array(z.string()), secondary: z.array(z.string()) }),
    /** What the VNet's ExpressRoute gateway learned over the connection (reports stored before it was read have none). */
    gatewayLearnedPrefixes: z.array(z.string()).default([]),
  }),
  oci: z.object({
    virtualCircuit: VirtualCircuitState.pick({ exists: true, lifecycleState: true, providerState: true, bgpSessionState: true }),
    vnetRoutesPresent: z.boolean(),
    missingRouteRules: z.array(z.string()),
  }),
  security: z.object({
    drift: z.array(z.object({ cloud: z.enum(["azure", "oci"]), kind: z.enum(["missing", "changed", "unexpected"]), rule: z.string(), fields: z.array(z.string()).optional() })),
    exposure: z.array(z.object({ cloud: z.enum(["azure", "oci"]), severity: z.string(), code: z.string(), resource: z.string(), rule: z.string(), message: z.string() })),
  }),
  suspended: z.boolean(),
});
export type HealthReport = z.infer<typeof HealthReport>;

export const HEALTH_SWEEP_ORCHESTRATOR = "HealthSweepOrchestrator";
/** One sweep at a time: the timer starts this instance id and skips a tick while it runs. */
export const HEALTH_SWEEP_INSTANCE_ID = "interlink-health-sweep";

export const HealthSweepInput = z.object({
  /** Interconnects per activity call; the per-cloud rate limiter inside the activities paces the API calls. */
  batchSize: z.number().int().min(1).max(500).default(25),
  /** Activity calls in flight at once. */
  concurrency: z.number().int().min(1).max(64).default(4),
});
export type HealthSweepInput = z.infer<typeof HealthSweepInput>;

export const HealthSweepOutcome = z.object({
  checked: z.number().int(),
  healthy: z.number().int(),
  degraded: z.number().int(),
  down: z.number().int(),
  suspended: z.number().int().default(0),
  changed: z.number().int(),
  failedChecks: z.array(z.object({ name: z.string(), message: z.string() })),
  /** The VPN links checked after the interconnects: each one's verdict, and the checks that could not be done. */
  vpnLinks: z.object({ checked: z.number().int(), verdicts: z.record(z.string(), z.string()), failed: z.array(z.object({ name: z.string(), message: z.string() })) }).optional(),
});
export type HealthSweepOutcome = z.infer<typeof HealthSweepOutcome>;
