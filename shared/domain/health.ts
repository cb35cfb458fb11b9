import "./zod-messages";
import { z } from "zod";
import { RouteTableReads } from "./circuit-tables";
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
  /**
   * When the routes each side learned and the OCI NSG's rules were last read (a deep check). Cheap checks in
   * between carry those findings forward; absent before the first deep check.
   */
  deepCheckedAt: z.string().optional(),
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

/**
 * A deep check whose routes-table reads ARM has not finished: the reads' operations and everything else the check
 * already judged, so resuming it polls only those reads. No secrets (names, prefixes, operation handles).
 */
export const PendingDeepCheck = z.object({
  subscriptionId: z.string(),
  resourceGroup: z.string(),
  owners: z.object({ circuit: z.string(), gateway: z.string().optional() }),
  tableReads: RouteTableReads,
  peering: z.boolean(),
  advertised: z.array(z.string()),
  down: z.array(z.string()),
  degraded: z.array(z.string()),
  report: HealthReport,
  /** Epoch ms when the routes-table reads were started: the sweep reads them first near their typical duration after. */
  tablesStartedAt: z.number().optional(),
});
export type PendingDeepCheck = z.infer<typeof PendingDeepCheck>;

export const HEALTH_SWEEP_ORCHESTRATOR = "HealthSweepOrchestrator";
/** One sweep at a time: the timer starts this instance id and skips a tick while it runs. */
export const HEALTH_SWEEP_INSTANCE_ID = "interlink-health-sweep";

export const HealthSweepInput = z.object({
  /**
   * Interconnects per activity call. Each activity reads the lists its interconnects share once, so larger
   * batches mean fewer list reads; the per-cloud rate limiter inside the activities paces the API calls.
   */
  batchSize: z.number().int().min(1).max(5000).default(1000),
  /** Activity calls in flight at once. */
  concurrency: z.number().int().min(1).max(64).default(4),
  /** Every interconnect gets a deep check at least this often (HEALTH_DEEP_CHECK_INTERVAL). */
  deepCheckIntervalMs: z.number().int().min(60_000).default(3_600_000),
  /** How often sweeps start (from HEALTH_CHECK_SCHEDULE): a sweep plans to finish within it. */
  scheduleMs: z.number().int().min(1_000).default(300_000),
  /** The clients' limits (AZURE_/OCI_MAX_REQUESTS_PER_SECOND), to project how long a sweep's calls take. */
  requestsPerSecond: z.object({ azure: z.number().positive(), oci: z.number().positive() }).default({ azure: 20, oci: 20 }),
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
  /** Deep checks done: those due by rotation, and those a changed cheap fact asked for. */
  deepChecks: z.object({ rotation: z.number().int(), changedFacts: z.number().int() }).default({ rotation: 0, changedFacts: 0 }),
  /** The planned sweep time from its calls at the clients' limits, and deep checks left for later sweeps to fit the schedule. */
  projectedSeconds: z.number().default(0),
  deferredDeepChecks: z.number().int().default(0),
});
export type HealthSweepOutcome = z.infer<typeof HealthSweepOutcome>;
