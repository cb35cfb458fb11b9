// The scaled clock's timeline across restarts of the host. Everything the app shows (statuses, records, events)
// and every durable timer is on this clock, so a restart must never move it back; and a stopped host is a stopped
// clock (a weekend off must not put the demo stack months ahead).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ScaledClock } from "./clock";

/** How often the time reached is saved: a host killed without warning lost at most this much real time. */
const SAVE_EVERY_MS = 5_000;

interface Saved {
  scale: number;
  /** The clock's reading when saved. */
  reached: number;
}

function readSaved(file: string): Saved | undefined {
  try {
    const saved = JSON.parse(readFileSync(file, "utf8")) as Partial<Saved>;
    return typeof saved.scale === "number" && typeof saved.reached === "number" ? { scale: saved.scale, reached: saved.reached } : undefined;
  } catch {
    return undefined; // first start with this state directory
  }
}

export interface Timeline {
  clock: ScaledClock;
  /** Saves the time reached and stops saving (the host is stopping). */
  close(): void;
}

/**
 * A scaled clock that starts where the last run's stopped: at the time it had reached plus what it could have
 * reached before a crash cut the next save short, and never behind the wall clock.
 */
export function scaledTimeline(stateDir: string, scale: number): Timeline {
  const file = path.join(stateDir, "clock.json");
  const saved = readSaved(file);
  // A scale changed between runs does not matter: the saved time was reached at the saved scale.
  const resumeAt = saved ? saved.reached + Math.ceil(SAVE_EVERY_MS / saved.scale) : 0;
  const clock = new ScaledClock(scale, Date.now(), Math.max(Date.now(), resumeAt));
  mkdirSync(stateDir, { recursive: true });
  const save = () => {
    writeFileSync(`${file}.tmp`, JSON.stringify({ scale, reached: clock.now() } satisfies Saved));
    renameSync(`${file}.tmp`, file);
  };
  save();
  const timer = setInterval(save, SAVE_EVERY_MS);
  timer.unref();
  return {
    clock,
    close() {
      clearInterval(timer);
      save();
    },
  };
}
