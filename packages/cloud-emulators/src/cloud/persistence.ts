import { join } from "node:path";
import { readTextIfExists, writeFileAtomic } from "../core/files";
import type { World, WorldState } from "../core/world";
import { emptyIdentityState } from "../oci/identity/model";

export function stateFileIn(stateDir: string): string {
  return join(stateDir, "emulators", "state.json");
}

function isWorldState(value: unknown): value is WorldState {
  if (value === null || typeof value !== "object") return false;
  const state = value as Partial<WorldState>;
  return state.version === 1 && typeof state.savedAt === "number" && Array.isArray(state.events) && typeof state.azure === "object" && typeof state.oci === "object";
}

/** Saves the world to `<stateDir>/emulators/state.json` (atomically) and reloads it on start. */
export class StatePersistence {
  constructor(readonly file: string) {}

  /** Loads saved state into the world; emulated time never goes backwards across a restart. */
  load(world: World): boolean {
    const text = readTextIfExists(this.file);
    if (text === undefined) return false;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      process.stderr.write(`emulators: ignoring unreadable state file ${this.file}\n`);
      return false;
    }
    if (!isWorldState(parsed)) {
      process.stderr.write(`emulators: ignoring state file ${this.file} (unknown format)\n`);
      return false;
    }
    // State saved before OCI Identity existed: start with none (the default tenancy is added at start).
    const oci: Partial<WorldState["oci"]> = parsed.oci;
    oci.identity ??= emptyIdentityState();
    oci.generatedKeys ??= {};
    world.state = parsed;
    if (parsed.savedAt > world.clock.now()) world.clock.rebase(parsed.savedAt);
    world.now = world.clock.now();
    world.dirty = false;
    return true;
  }

  saveIfDirty(world: World): void {
    if (!world.dirty) return;
    world.state.savedAt = world.now;
    writeFileAtomic(this.file, JSON.stringify(world.state));
    world.dirty = false;
  }
}
