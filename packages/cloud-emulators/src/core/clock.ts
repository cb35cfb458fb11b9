/**
 * Emulated time. Durations in the emulators are realistic (an ExpressRoute gateway takes 30 minutes),
 * so emulated time runs faster than the wall clock by `1 / timeScale` (0.001: one real millisecond is
 * one emulated second), and tests jump it forward with `advance` instead of sleeping.
 * `timeScale` 0 freezes time: only `advance` moves it, which makes tests fully deterministic.
 */
export class EmulatorClock {
  private baseReal: number;
  private baseVirtual: number;

  constructor(
    private readonly timeScale: number,
    startVirtual: number = Date.now(),
    private readonly realNow: () => number = Date.now,
  ) {
    if (!(timeScale >= 0) || !Number.isFinite(timeScale)) throw new RangeError(`timeScale must be a finite number >= 0, got ${timeScale}`);
    this.baseReal = realNow();
    this.baseVirtual = startVirtual;
  }

  get scale(): number {
    return this.timeScale;
  }

  /** Emulated epoch milliseconds. */
  now(): number {
    if (this.timeScale === 0) return this.baseVirtual;
    return this.baseVirtual + Math.floor((this.realNow() - this.baseReal) / this.timeScale);
  }

  /** Moves emulated time forward by `ms` emulated milliseconds. */
  advance(ms: number): number {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`advance needs a finite number of milliseconds >= 0, got ${ms}`);
    this.rebase(this.now() + ms);
    return this.now();
  }

  /** Restarts emulated time at `virtual` (used when state is reloaded). */
  rebase(virtual: number): void {
    this.baseReal = this.realNow();
    this.baseVirtual = virtual;
  }
}
