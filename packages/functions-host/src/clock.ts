// The host's notion of time. Durable timers and timer triggers are armed through it, so tests can swap the real
// clock for a virtual one that only moves when told to.

export type TimerKind = "durable" | "trigger";

export interface Clock {
  now(): number;
  /** Calls `callback` once `now() >= at`. Returns a cancel function. */
  schedule(at: number, kind: TimerKind, callback: () => void): () => void;
  dispose(): void;
}

// setTimeout overflows past 2^31-1 ms (about 24.8 days): long waits are re-armed in chunks.
const maxDelay = 2_147_483_647;

export class RealClock implements Clock {
  private readonly handles = new Set<NodeJS.Timeout>();

  now(): number {
    return Date.now();
  }

  schedule(at: number, _kind: TimerKind, callback: () => void): () => void {
    let handle: NodeJS.Timeout | undefined;
    const arm = () => {
      const delay = Math.max(0, at - Date.now());
      handle = setTimeout(() => {
        if (handle) this.handles.delete(handle);
        if (Date.now() < at) arm();
        else callback();
      }, Math.min(delay, maxDelay));
      this.handles.add(handle);
    };
    arm();
    return () => {
      if (handle) {
        clearTimeout(handle);
        this.handles.delete(handle);
      }
    };
  }

  dispose(): void {
    for (const handle of this.handles) clearTimeout(handle);
    this.handles.clear();
  }
}

/**
 * Wall time sped up by `1 / scale` from the moment the host starts (0.02: a 30-minute wait takes 36 s),
 * matching the cloud emulators' EMULATOR_TIME_SCALE so a demo stack finishes minutes of provisioning quickly.
 */
export class ScaledClock implements Clock {
  private readonly real = new RealClock();

  /**
   * At the real instant `startReal` the clock reads `startVirtual` (by default the same instant); a restarted
   * host passes the time its clock had reached, so its timeline goes on from there.
   */
  constructor(
    private readonly scale: number,
    private readonly startReal: number = Date.now(),
    private readonly startVirtual: number = startReal,
  ) {
    if (!(scale > 0 && scale <= 1)) throw new RangeError(`the time scale must be in (0, 1], got ${scale}`);
  }

  now(): number {
    return this.startVirtual + Math.floor((Date.now() - this.startReal) / this.scale);
  }

  schedule(at: number, kind: TimerKind, callback: () => void): () => void {
    // Convert the virtual due time to the real instant at which now() reaches it.
    return this.real.schedule(this.startReal + Math.ceil((at - this.startVirtual) * this.scale), kind, callback);
  }

  dispose(): void {
    this.real.dispose();
  }
}

interface VirtualTimer {
  at: number;
  sequence: number;
  kind: TimerKind;
  callback: () => void;
}

/** Time stands still until advanceTo() moves it, firing due timers in order. */
export class VirtualClock implements Clock {
  private current: number;
  private sequence = 0;
  private timers: VirtualTimer[] = [];

  constructor(start: number = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  schedule(at: number, kind: TimerKind, callback: () => void): () => void {
    const timer: VirtualTimer = { at, sequence: this.sequence++, kind, callback };
    this.timers.push(timer);
    this.timers.sort((a, b) => a.at - b.at || a.sequence - b.sequence);
    return () => {
      this.timers = this.timers.filter((candidate) => candidate !== timer);
    };
  }

  /** The earliest pending timer of a kind (any kind when omitted). */
  next(kind?: TimerKind): number | undefined {
    return this.timers.find((timer) => kind === undefined || timer.kind === kind)?.at;
  }

  /** Fires the earliest timer due at or before `until`, moving time to it. False when none is due. */
  fireNext(until: number): boolean {
    const timer = this.timers[0];
    if (!timer || timer.at > until) return false;
    this.timers.shift();
    if (timer.at > this.current) this.current = timer.at;
    timer.callback();
    return true;
  }

  /** Moves time forward without firing anything (used after the last due timer). */
  setNow(time: number): void {
    if (time > this.current) this.current = time;
  }

  dispose(): void {
    this.timers = [];
  }
}

/**
 * Where the host publishes its clock for the app it runs: `globalThis[Symbol.for("functions-host.clock")].now()`.
 * Durable timers, timer triggers and `context.df.currentUtcDateTime` follow the host's clock, which a scaled or
 * virtual clock moves faster than the wall clock; an app that shows times reads this one so that every time it
 * shows agrees (under a real Functions host it is absent and the app uses Date.now()).
 */
export const HOST_CLOCK = Symbol.for("functions-host.clock");

/** Publishes `clock` as the process's host clock; returns the function that puts back what was there. */
export function publishClock(clock: Clock): () => void {
  const slot = globalThis as { [HOST_CLOCK]?: { now(): number } };
  const previous = slot[HOST_CLOCK];
  const published = { now: () => clock.now() };
  slot[HOST_CLOCK] = published;
  return () => {
    if (slot[HOST_CLOCK] !== published) return;
    if (previous) slot[HOST_CLOCK] = previous;
    else delete slot[HOST_CLOCK];
  };
}
