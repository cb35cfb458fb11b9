/**
 * How long each cloud change usually takes, and where the figure comes from. Waits read a resource first near
 * its typical duration and then at a short fixed interval (see pollScheduleFor), so a half-hour gateway costs a
 * handful of reads instead of one every 30 s. Most figures are not documented by Microsoft or Oracle: they are
 * the values the offline cloud emulators model from what users of the clouds report (docs/durations.md).
 */
export interface TypicalDuration {
  /** Milliseconds from the start of the change until it is usually done. */
  readonly ms: number;
  readonly source: string;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

const EMULATOR_MODEL = "not documented; the emulator model";

export const TYPICAL_DURATIONS = {
  /** An ExpressRoute circuit's ARP or routes table, or the routes a gateway learned: an ARM long-running POST. */
  armTableRead: { ms: 3 * SECOND, source: `${EMULATOR_MODEL} (3 s per ARM action); users report a few seconds` },
  /** Subnets, NSGs and their rules, route tables, public IPs: one ARM write. */
  armSmallChange: { ms: 5 * SECOND, source: `${EMULATOR_MODEL} (5 s per ARM change)` },
  drg: { ms: 30 * SECOND, source: `${EMULATOR_MODEL} (DRG 30 s)` },
  drgAttachment: { ms: 30 * SECOND, source: `${EMULATOR_MODEL} (attachment 30 s)` },
  expressRouteCircuit: { ms: 150 * SECOND, source: `${EMULATOR_MODEL} (150 s); Microsoft: a few minutes` },
  expressRouteGateway: { ms: 30 * MINUTE, source: "Microsoft: up to 45 minutes; the emulator model and user reports: about 30 minutes" },
  /** The provider provisions the FastConnect side (PENDING_PROVIDER -> PROVISIONED), measured from the virtual circuit's creation. */
  providerProvisioning: { ms: 4 * MINUTE, source: `${EMULATOR_MODEL} (4 minutes); Oracle: filled in as the provider and Oracle each do their part` },
  /** From the provider's ACTIVE until Azure reports the circuit Provisioned. */
  azureSeesProvisioning: { ms: 30 * SECOND, source: `${EMULATOR_MODEL} (30 s)` },
  gatewayConnection: { ms: 90 * SECOND, source: `${EMULATOR_MODEL} (90 s)` },
  connectionDelete: { ms: 60 * SECOND, source: `${EMULATOR_MODEL} (60 s)` },
  virtualCircuitDelete: { ms: 90 * SECOND, source: `${EMULATOR_MODEL} (90 s until TERMINATED)` },
  /** From the virtual circuit's termination until Azure reports the circuit NotProvisioned. */
  deprovisioning: { ms: 150 * SECOND, source: "users report a few minutes; the emulator model: 3 minutes from the delete plus 60 s, less the 90 s termination" },
  circuitDelete: { ms: 60 * SECOND, source: `${EMULATOR_MODEL} (60 s)` },
  gatewayDelete: { ms: 10 * MINUTE, source: `${EMULATOR_MODEL} (10 minutes)` },
  drgDetach: { ms: 30 * SECOND, source: `${EMULATOR_MODEL} (attachment 30 s)` },
  vpnGateway: { ms: 35 * MINUTE, source: "Microsoft: 45 minutes or more (active-active longer); the emulator model: 35 minutes" },
  vpnGatewayUpdate: { ms: 10 * MINUTE, source: `${EMULATOR_MODEL} (a re-PUT of a VPN gateway, e.g. its point-to-site configuration: 10 minutes)` },
} as const satisfies Record<string, TypicalDuration>;

export type TypicalDurationName = keyof typeof TYPICAL_DURATIONS;

/**
 * How long one API call usually takes to answer, by kind: what a plan adds to its calls' turns under the rate limit.
 * ARM reads answer in about 100-300 ms, lists (a page) and accepted long-running POSTs in about 300 ms and 1 s; OCI
 * Core calls in about 100-200 ms (user reports; the emulators' latency model uses the same figures).
 */
export const TYPICAL_CALL_LATENCY_MS = { armRead: 200, armList: 300, armAction: 1_000, ociRead: 150, ociList: 200 } as const;

/** When a wait reads first (after its start) and how often after that. */
export interface PollSchedule {
  readonly firstReadMs: number;
  readonly intervalMs: number;
}

const MIN_INTERVAL_MS = SECOND;
const MAX_INTERVAL_MS = 30 * SECOND;

/**
 * The first read comes at the typical duration, so a change that takes its usual time costs one read (a read one
 * interval earlier would almost always find it still running); then reads come every fifth of the duration, between 1 s
 * and 30 s. An early finish is seen at the typical time; a resource that takes longer than usual is read at that fixed
 * interval until the wait's deadline.
 */
export function pollScheduleFor(typical: TypicalDuration | TypicalDurationName): PollSchedule {
  const { ms } = typeof typical === "string" ? TYPICAL_DURATIONS[typical] : typical;
  const intervalMs = Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, Math.round(ms / 5)));
  return { firstReadMs: ms, intervalMs };
}

/** How long a change takes, as progress and docs say it: seconds below 3 minutes ("90 s"), minutes above ("29 min 30 s"). */
export function spokenDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 180) return `${seconds} s`;
  const rest = seconds % 60;
  return `${Math.floor(seconds / 60)} min${rest ? ` ${rest} s` : ""}`;
}

/** For a wait on something that may already be done (a reused resource): read at once, then at the usual interval. */
export function readAtOnce(schedule: PollSchedule): PollSchedule {
  return { firstReadMs: 0, intervalMs: schedule.intervalMs };
}
