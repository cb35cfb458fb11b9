import { type InterlinkEvent } from "../../shared/domain/events";
import { type InventoryRecord } from "../../shared/domain/inventory";
import { type LifecycleInput } from "../../shared/domain/lifecycle";
import { type CreationClaim, type CreationClaims } from "../../shared/inventory/claims";
import { type InventoryPageQuery, type InventoryStore } from "../../shared/inventory/store";
import { type InstanceStatus, type OrchestrationClientPort } from "../../shared/operations/ports";

/** In-memory InventoryStore (a port we own) for unit tests of the use cases. */
export class MemoryInventory implements InventoryStore {
  readonly records = new Map<string, InventoryRecord>();

  async get(name: string) {
    return structuredClone(this.records.get(name) ?? null);
  }

  async list() {
    return [...this.records.values()].map((record) => structuredClone(record));
  }

  async page({ top, after, state }: InventoryPageQuery) {
    const matching = [...this.records.values()]
      .filter((record) => (after === undefined || record.name > after) && (state ? record.state === state : record.state !== "Deleted"))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const records = matching.slice(0, top).map((record) => structuredClone(record));
    const last = records.at(-1);
    return { records, ...(matching.length > top && last ? { continueAfter: last.name } : {}) };
  }

  async update(name: string, change: (current: InventoryRecord | null) => InventoryRecord | null) {
    const next = change(structuredClone(this.records.get(name) ?? null));
    if (next) this.records.set(name, structuredClone(next));
    return next;
  }

  async getMany(names: readonly string[]) {
    return new Map(names.flatMap((name) => (this.records.has(name) ? [[name, structuredClone(this.records.get(name) as InventoryRecord)] as const] : [])));
  }

  async updateMany(changes: ReadonlyMap<string, (current: InventoryRecord | null) => InventoryRecord | null>) {
    for (const [name, change] of changes) await this.update(name, change);
  }
}

/** In-memory CreationClaims (a port we own), keyed case-insensitively like the table. */
export class MemoryClaims implements CreationClaims {
  readonly claims = new Map<string, CreationClaim>();

  async record(claim: CreationClaim) {
    this.claims.set(claim.resourceId.toLowerCase(), { ...claim });
  }

  async get(resourceId: string) {
    const claim = this.claims.get(resourceId.toLowerCase());
    return claim ? { ...claim } : null;
  }

  async remove(resourceId: string) {
    this.claims.delete(resourceId.toLowerCase());
  }
}

/** Records starts and answers status like Durable would (instances start Running). */
export class FakeOrchestrations implements OrchestrationClientPort {
  readonly instances = new Map<string, InstanceStatus>();
  readonly started: Array<{ orchestrator: string; instanceId: string; input: LifecycleInput }> = [];
  /** Starts that fail as an unavailable task hub would, before anything is created. */
  failingStarts = 0;

  async getStatus(instanceId: string) {
    return this.instances.get(instanceId) ?? null;
  }

  async start(orchestrator: string, instanceId: string, input: LifecycleInput) {
    if (this.failingStarts > 0) {
      this.failingStarts--;
      throw Object.assign(new Error("The task hub storage is unavailable"), { statusCode: 503 });
    }
    const existing = this.instances.get(instanceId);
    if (existing && !["Completed", "Failed", "Terminated"].includes(existing.runtimeStatus)) throw new Error(`instance ${instanceId} already exists`);
    this.started.push({ orchestrator, instanceId, input });
    const now = new Date().toISOString();
    this.instances.set(instanceId, { instanceId, runtimeStatus: "Running", input, customStatus: null, output: null, createdTime: now, lastUpdatedTime: now });
  }

  finish(instanceId: string, runtimeStatus = "Completed") {
    const instance = this.instances.get(instanceId);
    if (instance) instance.runtimeStatus = runtimeStatus;
  }
}

/** Collects events and poisoned messages, deduplicating by event id like the queue sink. */
export class MemoryEventSink {
  readonly events: Array<InterlinkEvent> = [];
  readonly poisoned: Array<{ message: unknown; reason: { errors: Array<{ path: string; message: string }>; detail: string } }> = [];

  async emit(event: InterlinkEvent) {
    if (this.events.some((sent) => sent.eventId === event.eventId)) return false;
    this.events.push(event);
    return true;
  }

  async poison(message: unknown, reason: { errors: Array<{ path: string; message: string }>; detail: string }) {
    this.poisoned.push({ message, reason });
  }
}
