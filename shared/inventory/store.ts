import { type InventoryRecord } from "../domain/inventory";

/** Lifecycle records by name (interconnects, VPN links). A port: the Azure Table implementation is the only production one. */
export interface RecordStore<R> {
  get(name: string): Promise<R | null>;
  list(): Promise<R[]>;
  /**
   * Read-modify-write with optimistic concurrency: `change` gets the current record (or null) and returns
   * the new one (or null to leave it). Retried when another writer got in between.
   */
  update(name: string, change: (current: R | null) => R | null): Promise<R | null>;
}

/** The inventory of interconnects. */
export type InventoryStore = RecordStore<InventoryRecord>;
