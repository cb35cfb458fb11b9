import { type HealthSweepInput } from "./health";

/** An interconnect a sweep checks: which shared lists it is read from (`scope`), and when it last had a deep check. */
export interface SweepTarget {
  name: string;
  /** Index into the sweep's scopes (subscription/resource group + compartment/VCN). */
  scope: number;
  /** Epoch ms of the last deep check; null when it never had one. */
  deepCheckedAt: number | null;
}

/** Items per list page the clouds return (ARM and OCI both default to about 100). */
const PAGE = 100;
/**
 * Calls a sweep makes, as planned. Cheap tier per batch: Azure lists circuits, connections and NSGs (pages) and reads
 * the VNet, plus the gateway's learned routes its deep checks share (a long-running POST, then a poll); OCI lists
 * virtual circuits and the VCN's NSGs (pages) and reads the VCN, its route table and its security lists (about 3).
 * A deep check: the circuit's two routes-table reads on Azure (each a long-running POST, polled at once and, as ARM
 * takes a few seconds, again after the sweep's timer), the NSG's rules on OCI.
 */
export const DEEP_CHECK_CALLS = { azure: 6, oci: 1 } as const;
export const cheapCalls = (interconnects: number) => {
  const pages = Math.ceil(interconnects / PAGE);
  return { azure: 3 * pages + 3, oci: 2 * pages + 3 };
};
/** A sweep plans to use this share of its schedule, leaving room for deep checks a changed cheap fact asks for. */
const PLANNED_SHARE = 0.9;

export interface SweepBatch {
  names: string[];
  /** The batch's interconnects due for a deep check by rotation. */
  deep: string[];
}

export interface SweepPlan {
  batches: SweepBatch[];
  /** Deep checks rotation wanted this sweep, and how many were planned (fewer when the sweep would overrun). */
  deepWanted: number;
  deepPlanned: number;
  /** Seconds the sweep's calls take at the clients' limits: with every wanted deep check, and as planned. */
  projectedSeconds: number;
  plannedSeconds: number;
  scheduleSeconds: number;
}

const seconds = (calls: { azure: number; oci: number }, rate: HealthSweepInput["requestsPerSecond"]) => Math.max(calls.azure / rate.azure, calls.oci / rate.oci);

/**
 * Plans one sweep. Every interconnect gets the cheap tier. Deep checks rotate oldest first: each sweep takes its
 * share (interconnects x schedule / deep interval), and more when more would pass the interval before the next
 * sweep (never checked ones first). When the calls would not fit the schedule at the clients' limits, deep checks
 * are cut first (the oldest kept); the rest wait for the next sweeps.
 */
export function planSweep(targets: readonly SweepTarget[], input: HealthSweepInput, nowMs: number): SweepPlan {
  const byAge = [...targets].sort((a, b) => (a.deepCheckedAt ?? -Infinity) - (b.deepCheckedAt ?? -Infinity) || a.name.localeCompare(b.name));
  const dueBefore = nowMs - (input.deepCheckIntervalMs - input.scheduleMs);
  const due = byAge.filter((target) => target.deepCheckedAt === null || target.deepCheckedAt <= dueBefore).length;
  // The steady share spreads deep checks evenly; the due ones guarantee the interval.
  const share = Math.floor((targets.length * input.scheduleMs) / input.deepCheckIntervalMs);
  const deepWanted = Math.min(targets.length, Math.max(due, share));

  const groups = new Map<number, string[]>();
  for (const target of targets) {
    const names = groups.get(target.scope);
    if (names) names.push(target.name);
    else groups.set(target.scope, [target.name]);
  }
  const batchNames: string[][] = [];
  for (const names of groups.values()) for (let index = 0; index < names.length; index += input.batchSize) batchNames.push(names.slice(index, index + input.batchSize));
  const cheap = batchNames.reduce((sum, names) => ({ azure: sum.azure + cheapCalls(names.length).azure, oci: sum.oci + cheapCalls(names.length).oci }), { azure: 0, oci: 0 });
  const withDeep = (count: number) => ({ azure: cheap.azure + count * DEEP_CHECK_CALLS.azure, oci: cheap.oci + count * DEEP_CHECK_CALLS.oci });

  const scheduleSeconds = input.scheduleMs / 1000;
  const budget = scheduleSeconds * PLANNED_SHARE;
  const rate = input.requestsPerSecond;
  const fits = Math.floor(Math.min((budget * rate.azure - cheap.azure) / DEEP_CHECK_CALLS.azure, (budget * rate.oci - cheap.oci) / DEEP_CHECK_CALLS.oci));
  const deepPlanned = Math.max(0, Math.min(deepWanted, fits));
  const picked = new Set(byAge.slice(0, deepPlanned).map((target) => target.name));
  return {
    batches: batchNames.map((names) => ({ names, deep: names.filter((name) => picked.has(name)) })),
    deepWanted,
    deepPlanned,
    projectedSeconds: round(seconds(withDeep(deepWanted), rate)),
    plannedSeconds: round(seconds(withDeep(deepPlanned), rate)),
    scheduleSeconds,
  };
}

const round = (value: number) => Math.round(value * 10) / 10;
