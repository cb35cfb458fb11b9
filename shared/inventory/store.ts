import { type InventoryRecord } from "../domain/inventory";

/** The inventory of interconnects. A port: the Azure Table implementation is the only production one. */
export interface InventoryStore {
  get(name: string): Promise<InventoryRecord | null>;
  list(): Promise<InventoryRecord[]>;
  /**
   * Read-modify-write with optimistic concurrency: `change` gets the current record (or null) and returns
   * the new one (or null to leave it). Retried when another writer got in between.
   */
  update(name: string, change: (current: InventoryRecord | null) => InventoryRecord | null): Promise<InventoryRecord | null>;
}
