// Instance storage. The engine mutates records in memory and calls save() after each step; FileStore writes one
// JSON file per instance with write-to-temp + fsync + rename, so a kill -9 leaves either the old or the new state.
import { createHash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import type { InstanceRecord } from "./types";

export interface Store {
  get(instanceId: string): InstanceRecord | undefined;
  save(record: InstanceRecord): void;
  delete(instanceId: string): void;
  list(): InstanceRecord[];
}

export class MemoryStore implements Store {
  protected readonly records = new Map<string, InstanceRecord>();

  get(instanceId: string): InstanceRecord | undefined {
    return this.records.get(instanceId);
  }

  save(record: InstanceRecord): void {
    this.records.set(record.instanceId, record);
  }

  delete(instanceId: string): void {
    this.records.delete(instanceId);
  }

  list(): InstanceRecord[] {
    return [...this.records.values()];
  }
}

/** Leaves room for ".json.tmp" within 255 bytes. */
const MAX_ENCODED_NAME = 200;

export class FileStore extends MemoryStore {
  private readonly directory: string;

  /** Keeps `<stateDir>/<hub>/instances/<id>.json`; loads whatever a previous process left there. */
  constructor(stateDir: string, hubName: string) {
    super();
    this.directory = path.join(stateDir, hubName, "instances");
    mkdirSync(this.directory, { recursive: true });
    for (const file of readdirSync(this.directory)) {
      if (!file.endsWith(".json")) continue;
      const record = JSON.parse(readFileSync(path.join(this.directory, file), "utf8")) as InstanceRecord;
      this.records.set(record.instanceId, record);
    }
  }

  /** `<encoded id>.json`, or (past the file system's 255-byte names) `%%<sha256>.json`, which no encoded id can be. */
  private fileFor(instanceId: string): string {
    const encoded = encodeURIComponent(instanceId);
    const name = encoded.length <= MAX_ENCODED_NAME ? encoded : `%%${createHash("sha256").update(instanceId).digest("hex")}`;
    return path.join(this.directory, `${name}.json`);
  }

  /** Written to disk first: a failed write leaves no instance that exists only in memory. */
  override save(record: InstanceRecord): void {
    const file = this.fileFor(record.instanceId);
    const temporary = `${file}.tmp`;
    const descriptor = openSync(temporary, "w");
    try {
      writeSync(descriptor, JSON.stringify(record));
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, file);
    super.save(record);
  }

  override delete(instanceId: string): void {
    super.delete(instanceId);
    const file = this.fileFor(instanceId);
    if (existsSync(file)) rmSync(file);
  }
}
