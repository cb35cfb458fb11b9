import { type InterconnectState, type InventoryListing, type InventoryRecord } from "../domain/inventory";

/** One page of the inventory, in name order: after a name, at most `top`, in one state or (without) all but Deleted. */
export interface InventoryPageQuery {
  top: number;
  after?: string;
  state?: InterconnectState;
}

export interface InventoryPage {
  /** What the list shows of each record (a full record is one too). */
  records: InventoryListing[];
  /** The last name of this page when more records may follow (the next page starts after it). */
  continueAfter?: string;
}

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
export interface InventoryStore extends RecordStore<InventoryRecord> {
  /** Several records at once (a sweep batch reads its interconnects in one query, not one request each); missing names are absent. */
  getMany(names: readonly string[]): Promise<Map<string, InventoryRecord>>;
  /**
   * `update` for several records at once, their writes batched (a sweep batch stores its reports in a few requests).
   * Each change gets the current record, as with `update`, and is retried alone when another writer got in between.
   */
  updateMany(changes: ReadonlyMap<string, (current: InventoryRecord | null) => InventoryRecord | null>): Promise<void>;
  /** One page, read without the rest of the table (the list route pages; a fleet holds thousands of records). */
  page(query: InventoryPageQuery): Promise<InventoryPage>;
}
