// Counts work in flight (episodes, activities, trigger invocations) so callers can wait until the host is idle.
import { setImmediate as nextTurn } from "node:timers/promises";

export class WorkTracker {
  private count = 0;
  private started = 0;
  private waiters: Array<() => void> = [];

  /** Work started so far: a caller compares two readings to tell whether anything new began. */
  get starts(): number {
    return this.started;
  }

  get busy(): boolean {
    return this.count > 0;
  }

  /** Marks one unit of work as started; call the returned function exactly once when it ends. */
  begin(): () => void {
    this.count++;
    this.started++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.count--;
      if (this.count === 0) void this.settle();
    };
  }

  async track<T>(work: Promise<T>): Promise<T> {
    const end = this.begin();
    try {
      return await work;
    } finally {
      end();
    }
  }

  /** Resolves once nothing is in flight (checked again a turn later, so work that chains new work is not missed). */
  async whenIdle(): Promise<void> {
    for (;;) {
      if (this.count > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
      await nextTurn();
      if (this.count === 0) return;
    }
  }

  private async settle(): Promise<void> {
    await nextTurn();
    if (this.count !== 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
