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
