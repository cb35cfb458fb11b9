// The dev stack's state directory: what a restart keeps (Azurite data, the emulated clouds, the host's
// orchestrations and timers), what `--fresh` and `npm run reset` clear together, and the lock that keeps two
// stacks (or a reset) off the same files.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Cleared together, so no part remembers what another has forgotten. TLS and OCI key material stay: they are credentials, not state. */
export const STATE_PARTS = [
  { dir: "azurite", what: "Azurite data (inventory, queues, leases)" },
  { dir: "emulators", what: "the emulated clouds" },
  { dir: "host", what: "the host's orchestrations, timers and keys" },
] as const;

const LOCK_FILE = "dev-stack.pid";

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid of a live stack using this state directory, if any. */
export function stackUsing(stateDir: string): number | undefined {
  const file = path.join(stateDir, LOCK_FILE);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && running(pid) ? pid : undefined;
}

export function busyMessage(stateDir: string, pid: number): string {
  return `Another dev stack (pid ${pid}) is using ${stateDir}: stop it first, or set INTERLINK_STATE_DIR to another directory (if no stack runs, delete ${path.join(stateDir, LOCK_FILE)}).`;
}

/** Takes the state directory for this process; returns the release function. */
export function lockState(stateDir: string): () => void {
  mkdirSync(stateDir, { recursive: true });
  const file = path.join(stateDir, LOCK_FILE);
  writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file);
    } catch {
      // already gone
    }
  };
}

/** Removes every part of the state; returns what was there. */
export function clearState(stateDir: string): string[] {
  const cleared: string[] = [];
  for (const part of STATE_PARTS) {
    const dir = path.join(stateDir, part.dir);
    if (!existsSync(dir)) continue;
    rmSync(dir, { recursive: true, force: true });
    cleared.push(part.what);
  }
  return cleared;
}
