import type { Cloud } from "./journal";

/**
 * What a call costs in emulated time when the emulators charge for calls (benchmarks): the time the caller
 * waits for its turn under the per-cloud request rate, then the operation's latency. Off by default, so
 * tests see every call answered at once.
 */
export interface CallLatencies {
  /** ARM GET of one resource, an operation's status or result. */
  armRead: number;
  /** ARM GET of a collection page. */
  armList: number;
  /** ARM PUT, PATCH or DELETE: the long-running operation is accepted. */
  armWrite: number;
  /** ARM POST action (routes and ARP tables, shared keys): accepted as a long-running operation. */
  armAction: number;
  /** OCI GET of one resource. */
  ociRead: number;
  /** OCI GET of a collection page. */
  ociList: number;
  /** OCI POST, PUT or DELETE (creates, updates, deletes, actions). */
  ociWrite: number;
}

export type CallKind = keyof CallLatencies;

/**
 * Emulated milliseconds per call. ARM reads answer in about 100-300 ms and an accepted long-running operation
 * takes about a second to come back; OCI Core calls answer in about 100-200 ms. Fixed values within those
 * ranges keep a benchmark's figures the same from run to run.
 */
export const DEFAULT_CALL_LATENCIES: CallLatencies = {
  armRead: 200,
  armList: 300,
  armWrite: 1000,
  armAction: 1000,
  ociRead: 150,
  ociList: 200,
  ociWrite: 200,
};

/** The client-side limit Interlink applies by default (AZURE_/OCI_MAX_REQUESTS_PER_SECOND). */
export const DEFAULT_CHARGED_REQUESTS_PER_SECOND = 20;

export interface CallCostOptions {
  /** Per-kind latency overrides, emulated milliseconds. */
  latencies?: Partial<CallLatencies>;
  /** Calls per emulated second per cloud; callers beyond a second's burst queue for their turn. Default 20. */
  requestsPerSecond?: Partial<Record<Cloud, number>>;
}

/** Which latency a request pays: by cloud, method and the operation's SDK name. */
export function callKindOf(cloud: Cloud, method: string, op: string | null): CallKind {
  const list = op !== null && (/\.list/i.test(op) || /^list/.test(op));
  if (cloud === "azure") {
    if (method === "GET") return list ? "armList" : "armRead";
    return method === "POST" ? "armAction" : "armWrite";
  }
  if (method === "GET") return list ? "ociList" : "ociRead";
  return "ociWrite";
}

/** A generic cell rate algorithm on emulated time: each call takes the next free slot; a second's worth may go at once. */
class Pacer {
  private theoreticalArrival = 0;
  private readonly intervalMs: number;
  private readonly toleranceMs: number;

  constructor(requestsPerSecond: number) {
    if (!(requestsPerSecond > 0) || !Number.isFinite(requestsPerSecond)) throw new RangeError(`requestsPerSecond must be a positive number, got ${requestsPerSecond}`);
    this.intervalMs = 1000 / requestsPerSecond;
    this.toleranceMs = (Math.max(1, Math.round(requestsPerSecond)) - 1) * this.intervalMs;
  }

  /** The emulated time at which a call arriving at `now` may go. */
  reserve(now: number): number {
    const arrival = Math.max(this.theoreticalArrival, now);
    this.theoreticalArrival = arrival + this.intervalMs;
    return Math.max(arrival - this.toleranceMs, now);
  }
}

/** Waits `ms` of emulated time (the owner of the clock moves it on). */
export type EmulatedSleep = (ms: number) => Promise<void>;

/** Charges each call its turn and its latency on the emulated clock. */
export class CallCost {
  readonly latencies: CallLatencies;
  readonly requestsPerSecond: Record<Cloud, number>;
  private pacers: Record<Cloud, Pacer>;
  private readonly charged: Record<Cloud, number> = { azure: 0, oci: 0 };
  private on = true;

  constructor(
    options: CallCostOptions,
    private readonly now: () => number,
    private readonly sleep: EmulatedSleep,
  ) {
    this.latencies = { ...DEFAULT_CALL_LATENCIES, ...(options.latencies ?? {}) };
    for (const [kind, ms] of Object.entries(this.latencies)) if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`latency ${kind} must be a number of milliseconds >= 0, got ${ms}`);
    this.requestsPerSecond = { azure: options.requestsPerSecond?.azure ?? DEFAULT_CHARGED_REQUESTS_PER_SECOND, oci: options.requestsPerSecond?.oci ?? DEFAULT_CHARGED_REQUESTS_PER_SECOND };
    this.pacers = { azure: new Pacer(this.requestsPerSecond.azure), oci: new Pacer(this.requestsPerSecond.oci) };
  }

  /** Whether calls are charged now. Turning charging back on starts the rates afresh (no queue from free calls). */
  get enabled(): boolean {
    return this.on;
  }

  set enabled(value: boolean) {
    if (value && !this.on) this.pacers = { azure: new Pacer(this.requestsPerSecond.azure), oci: new Pacer(this.requestsPerSecond.oci) };
    this.on = value;
  }

  /** Waits for the call's turn under its cloud's rate (before the cloud sees it). */
  async admit(cloud: Cloud): Promise<void> {
    if (!this.on) return;
    this.charged[cloud]++;
    const now = this.now();
    const at = this.pacers[cloud].reserve(now);
    if (at > now) await this.sleep(at - now);
  }

  /** Waits out the answer's latency (after the cloud has acted on it). */
  async answer(cloud: Cloud, method: string, op: string | null): Promise<void> {
    if (!this.on) return;
    const ms = this.latencies[callKindOf(cloud, method, op)];
    if (ms > 0) await this.sleep(ms);
  }

  /** Calls charged so far, per cloud. */
  get calls(): Record<Cloud, number> {
    return { ...this.charged };
  }
}
