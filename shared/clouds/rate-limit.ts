/**
 * A per-cloud client-side rate limit (generic cell rate algorithm: a token bucket without a timer).
 * Each call reserves the next free slot; callers beyond the burst wait for theirs. A 429 with Retry-After
 * pauses the whole cloud, since the cloud throttles the subscription or tenancy, not one caller.
 */
export class RateLimiter {
  private theoreticalArrival = 0;
  private pausedUntil = 0;
  private reservations = 0;
  private readonly intervalMs: number;
  private readonly toleranceMs: number;

  constructor(
    requestsPerSecond: number,
    burst = Math.max(1, Math.round(requestsPerSecond)),
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    if (!(requestsPerSecond > 0)) throw new RangeError(`requestsPerSecond must be positive, got ${requestsPerSecond}`);
    this.intervalMs = 1000 / requestsPerSecond;
    this.toleranceMs = (Math.max(1, burst) - 1) * this.intervalMs;
  }

  /** How long the caller must wait for its slot (0 = go now); reserves the slot. */
  reserve(): number {
    this.reservations++;
    const now = this.now();
    const arrival = Math.max(this.theoreticalArrival, now, this.pausedUntil);
    const allowedAt = Math.max(arrival - this.toleranceMs, this.pausedUntil, now);
    this.theoreticalArrival = arrival + this.intervalMs;
    return allowedAt - now;
  }

  async acquire(): Promise<void> {
    const waitMs = this.reserve();
    if (waitMs > 0) await this.sleep(waitMs);
  }

  /** Calls paced so far (for diagnostics and benchmarks). */
  get granted(): number {
    return this.reservations;
  }

  /** Honours a Retry-After: no call leaves before `ms` from now. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }
}

export interface CloudLimiters {
  azure: RateLimiter;
  oci: RateLimiter;
}

/**
 * ARM counts a subscription's reads in a token bucket (250 tokens, refilled at 25 per second) and says how many are
 * left in `x-ms-ratelimit-remaining-subscription-reads`. Below a floor, calls wait for the bucket to refill back to
 * it, rather than spend the last tokens and be throttled (429) mid-sweep.
 */
export const ARM_READS_FLOOR = 50;
export const ARM_READS_REFILL_PER_SECOND = 25;

/** How long to hold the cloud's calls, given the remaining-reads header (0: go on). */
export function armReadsPauseMs(remainingHeader: string | undefined | null): number {
  if (remainingHeader === undefined || remainingHeader === null || remainingHeader.trim() === "") return 0;
  const remaining = Number(remainingHeader);
  if (!Number.isFinite(remaining) || remaining >= ARM_READS_FLOOR) return 0;
  return Math.ceil(((ARM_READS_FLOOR - Math.max(0, remaining)) / ARM_READS_REFILL_PER_SECOND) * 1000);
}
