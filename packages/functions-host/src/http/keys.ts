// Function keys, as `func` keeps them for a deployed app: a master key, host keys, per-function keys and the
// extensions' system keys (the Durable management API's `durabletask_extension`). Only checked when
// FUNCTIONS_HOST_KEYS_ENFORCED=true; locally `func` does not check them at all.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const KeysFile = z.object({
  masterKey: z.string(),
  hostKeys: z.record(z.string(), z.string()),
  functionKeys: z.record(z.string(), z.record(z.string(), z.string())),
  /** Absent in files written before system keys existed: created on load. */
  systemKeys: z.record(z.string(), z.string()).optional(),
});
export type FunctionKeys = z.infer<typeof KeysFile>;

/** The system key the Durable extension's HTTP management API accepts (as in Azure, beside the master key). */
export const DURABLE_SYSTEM_KEY = "durabletask_extension";

const newKey = () => randomBytes(30).toString("base64url");

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class KeyStore {
  private constructor(private keys: FunctionKeys, private readonly file: string | undefined) {}

  /** Loads `<stateDir>/keys.json`, creating missing keys (and the file) as needed. Without a state dir keys live in memory. */
  static open(stateDir: string | undefined, functionNames: string[]): KeyStore {
    const file = stateDir ? path.join(stateDir, "keys.json") : undefined;
    const keys: FunctionKeys = file && existsSync(file) ? KeysFile.parse(JSON.parse(readFileSync(file, "utf8"))) : { masterKey: newKey(), hostKeys: { default: newKey() }, functionKeys: {} };
    let changed = !(file && existsSync(file));
    if (!keys.systemKeys?.[DURABLE_SYSTEM_KEY]) {
      keys.systemKeys = { ...keys.systemKeys, [DURABLE_SYSTEM_KEY]: newKey() };
      changed = true;
    }
    for (const name of functionNames) {
      if (!keys.functionKeys[name]) {
        keys.functionKeys[name] = { default: newKey() };
        changed = true;
      }
    }
    const store = new KeyStore(keys, file);
    if (changed) store.save();
    return store;
  }

  get all(): FunctionKeys {
    return this.keys;
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.keys, null, 2), { mode: 0o600 });
    renameSync(`${this.file}.tmp`, this.file);
  }

  systemKey(name: string): string | undefined {
    return this.keys.systemKeys?.[name];
  }

  /**
   * authLevel "function" accepts the function's keys, host keys and the master key; "admin" only the master key;
   * "system" (an extension's webhook, functionName = the system key's name) that system key or the master key.
   */
  authorize(authLevel: string, functionName: string, key: string | undefined): boolean {
    const level = authLevel.toLowerCase();
    if (level === "anonymous") return true;
    if (!key) return false;
    if (sameSecret(key, this.keys.masterKey)) return true;
    if (level === "system") {
      const systemKey = this.keys.systemKeys?.[functionName];
      return systemKey !== undefined && sameSecret(key, systemKey);
    }
    if (level === "admin") return false;
    const candidates = [...Object.values(this.keys.hostKeys), ...Object.values(this.keys.functionKeys[functionName] ?? {})];
    return candidates.some((candidate) => sameSecret(key, candidate));
  }
}
