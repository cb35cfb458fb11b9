import { type HealthSweepInput } from "./health";
import { TYPICAL_CALL_LATENCY_MS, TYPICAL_DURATIONS } from "./typical-durations";

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
 * Calls a sweep makes, as planned. Cheap tier per batch: Azure lists the resource group's circuits, connections and
 * NSGs (pages of the whole scope, whatever the batch's share of it) and reads
 * the VNet, plus the gateway's learned routes its deep checks share (a long-running POST, then one read: the
 * operation's status, then its result); OCI lists virtual circuits and the VCN's NSGs (pages) and reads the VCN, its
 * route table and its security lists (about 3). A deep check: the circuit's two routes tables on Azure (each a
 * long-running POST, read after their typical duration: status, then result), the NSG's rules on OCI.
 */
export const DEEP_CHECK_CALLS = { azure: 6, oci: 1 } as const;
export const cheapCalls = (interconnectsInScope: number) => {
  const pages = Math.ceil(interconnectsInScope / PAGE);
  return { azure: 3 * pages + 4, oci: 2 * pages + 3 };
};
/** A sweep plans to use this share of its schedule, leaving room for deep checks a changed cheap fact asks for. */
const PLANNED_SHARE = 0.9;
/**
 * What the projection of a check's time in the next sweep may be off by (a fifth of the schedule): a check due within
 * it of the interval is done now, so a rotation does each interconnect in the last sweep before it would be late.
 */
const DUE_MARGIN_SHARE = 0.2;
/**
 * The share of the clients' limits a sweep's calls actually get: they come in bursts and gaps (list pages one after
 * another, deep checks waiting on their POSTs), so not every slot is used. Measured by the health benchmark at the
 * default 20 requests/s for 1,000 and 5,000 interconnects: 5/6.
 */
const PACING_EFFICIENCY = 5 / 6;
/** Checks a sweep activity runs at once (checkBatch's default). */
const CHECKS_IN_FLIGHT = 16;

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
  /** Projected seconds of the sweep (calls at the clients' limits, their latencies, the waits on table reads): with every wanted deep check, and as planned. */
  projectedSeconds: number;
  plannedSeconds: number;
  scheduleSeconds: number;
}

type Rate = HealthSweepInput["requestsPerSecond"];
/** A batch as the projection sees it: interconnects in the scope it lists, and its deep checks. */
interface Load {
  scope: number;
  deep: number;
}

/**
 * Seconds one window of batches (run at once) takes: its calls at the clients' limits; before them, the list pages
 * each batch reads one after another; the deep checks' latencies when the batch's check slots, not the rate, bound
 * them; after them, the routes-table reads' typical duration from the last POST and the reads themselves.
 */
function windowSeconds(loads: readonly Load[], rate: Rate): number {
  const calls = loads.reduce((sum, load) => ({ azure: sum.azure + cheapCalls(load.scope).azure + load.deep * DEEP_CHECK_CALLS.azure, oci: sum.oci + cheapCalls(load.scope).oci + load.deep * DEEP_CHECK_CALLS.oci }), { azure: 0, oci: 0 });
  const paced = Math.max(calls.azure / rate.azure, calls.oci / rate.oci) / PACING_EFFICIENCY;
  const latency = TYPICAL_CALL_LATENCY_MS;
  const pages = Math.max(0, ...loads.map((load) => Math.ceil(load.scope / PAGE))) * latency.armList;
  const slots = Math.max(0, ...loads.map((load) => (load.deep * (latency.armAction + latency.ociList)) / CHECKS_IN_FLIGHT));
  const deep = loads.some((load) => load.deep > 0);
  const tables = deep ? latency.armAction + TYPICAL_DURATIONS.armTableRead.ms + latency.armRead : latency.armRead;
  return Math.max(paced, slots / 1000) + (pages + tables) / 1000;
}

/** When each window of a sweep ends (seconds from its start), with `deepOf(batch)` deep checks in each batch. */
function windowEnds(scopeSizes: readonly number[], concurrency: number, rate: Rate, deepOf: (index: number) => number): number[] {
  const ends: number[] = [];
  let at = 0;
  for (let start = 0; start < scopeSizes.length; start += concurrency) {
    const loads = scopeSizes.slice(start, start + concurrency).map((scope, offset) => ({ scope, deep: deepOf(start + offset) }));
    at += windowSeconds(loads, rate);
    ends.push(at);
  }
  return ends;
}

/**
 * Plans one sweep. Every interconnect gets the cheap tier. Deep checks rotate oldest first. An interconnect is due
 * when waiting for the next sweep would pass the interval: its age when its check would run there (the next sweep's
 * start, one schedule on, plus the projected end of its batch's window in it) is over the interval, less a margin.
 * Each sweep also takes at least its even share (1 / the sweeps between two checks of one interconnect), so checks
 * spread instead of coming in waves. The projection counts the calls at the clients' limits, their latencies and the waits on routes-table reads. When
 * the sweep would not fit the schedule, deep checks are cut first (the oldest kept); the rest wait for the next ones.
 */
export function planSweep(targets: readonly SweepTarget[], input: HealthSweepInput, nowMs: number): SweepPlan {
  const order = new Map<number, SweepTarget[]>();
  for (const target of targets) {
    const group = order.get(target.scope);
    if (group) group.push(target);
    else order.set(target.scope, [target]);
  }
  const batchTargets: SweepTarget[][] = [];
  for (const group of order.values()) for (let index = 0; index < group.length; index += input.batchSize) batchTargets.push(group.slice(index, index + input.batchSize));
  const sizes = batchTargets.map((batch) => batch.length);
  const scopeSizes = batchTargets.map((batch) => order.get(batch[0]?.scope ?? 0)?.length ?? batch.length);
  const rate = input.requestsPerSecond;
  const scheduleSeconds = input.scheduleMs / 1000;
  const windowOf = (batch: number) => Math.floor(batch / input.concurrency);

  const margin = input.scheduleMs * DUE_MARGIN_SHARE;
  const spread = (count: number) => (batch: number) => (count * (sizes[batch] ?? 0)) / Math.max(1, targets.length);
  // The even share: a check early in one sweep must be done by the end of the sweep an interval later, so each
  // interconnect comes round every `cycle` sweeps (11 of 5 minutes for an hour), and each sweep does 1/cycle of them.
  const sweepMs = (windowEnds(scopeSizes, input.concurrency, rate, spread((targets.length * input.scheduleMs) / input.deepCheckIntervalMs)).at(-1) ?? 0) * 1000;
  const cycle = Math.max(1, Math.floor((input.deepCheckIntervalMs - sweepMs) / input.scheduleMs));
  const share = Math.floor(targets.length / cycle);
  // Due: its age when its check would run in the next sweep, with that sweep's deep checks spread over its batches.
  const dueWith = (nextDeep: number) => {
    const ends = windowEnds(scopeSizes, input.concurrency, rate, spread(nextDeep));
    const due = new Set<string>();
    batchTargets.forEach((batch, index) => {
      const runsAt = nowMs + input.scheduleMs + (ends[windowOf(index)] ?? 0) * 1000;
      for (const target of batch) if (target.deepCheckedAt === null || runsAt - target.deepCheckedAt > input.deepCheckIntervalMs - margin) due.add(target.name);
    });
    return due;
  };
  // The next sweep's deep checks depend on who is due now: project it with the even share, then with what that gives.
  const due = dueWith(Math.max(share, dueWith(share).size));
  const deepWanted = Math.min(targets.length, Math.max(due.size, share));

  const byAge = [...targets].sort((a, b) => Number(due.has(b.name)) - Number(due.has(a.name)) || (a.deepCheckedAt ?? -Infinity) - (b.deepCheckedAt ?? -Infinity) || a.name.localeCompare(b.name));
  const sweepSeconds = (count: number) => {
    const picked = new Set(byAge.slice(0, count).map((target) => target.name));
    const ends = windowEnds(scopeSizes, input.concurrency, rate, (batch) => (batchTargets[batch] ?? []).filter((target) => picked.has(target.name)).length);
    return ends.at(-1) ?? 0;
  };
  // The most deep checks that fit the planned share of the schedule (a search: the time grows with the count).
  const budget = scheduleSeconds * PLANNED_SHARE;
  let deepPlanned = deepWanted;
  if (sweepSeconds(deepWanted) > budget) {
    let low = 0;
    let high = deepWanted;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (sweepSeconds(middle) <= budget) low = middle;
      else high = middle - 1;
    }
    deepPlanned = low;
  }
  const picked = new Set(byAge.slice(0, deepPlanned).map((target) => target.name));
  return {
    batches: batchTargets.map((batch) => ({ names: batch.map((target) => target.name), deep: batch.filter((target) => picked.has(target.name)).map((target) => target.name) })),
    deepWanted,
    deepPlanned,
    projectedSeconds: round(sweepSeconds(deepWanted)),
    plannedSeconds: round(sweepSeconds(deepPlanned)),
    scheduleSeconds,
  };
}

const round = (value: number) => Math.round(value * 10) / 10;
