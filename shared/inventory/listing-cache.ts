import { type InventoryRecord } from "../domain/inventory";
import { type InventoryPage, type InventoryPageQuery, type InventoryStore } from "./store";

/** How long a page of the list is shared; writes through this process clear it at once. */
export const LISTING_TTL_MS = 1_000;
/** Distinct pages kept at most (each a page of summaries, a few tens of KiB). */
const MAX_PAGES = 256;

/**
 * The inventory with its list pages shared for a moment: clients polling the list at once cost one table query per
 * page instead of one each. A write through this store clears every page, so this process never lists older than
 * what it wrote; a write by another instance shows within LISTING_TTL_MS. Single records are always read fresh.
 */
export class ListingCache implements InventoryStore {
  private readonly pages = new Map<string, { at: number; page: Promise<InventoryPage> }>();

  constructor(
    private readonly store: InventoryStore,
    private readonly now: () => number = Date.now,
  ) {}

  get(name: string): Promise<InventoryRecord | null> {
    return this.store.get(name);
  }

  list(): Promise<InventoryRecord[]> {
    return this.store.list();
  }

  async update(name: string, change: (current: InventoryRecord | null) => InventoryRecord | null): Promise<InventoryRecord | null> {
    // Cleared before and after: a page read while the write was under way is not kept either.
    this.pages.clear();
    try {
      return await this.store.update(name, change);
    } finally {
      this.pages.clear();
    }
  }

  getMany(names: readonly string[]): Promise<Map<string, InventoryRecord>> {
    return this.store.getMany(names);
  }

  async updateMany(changes: ReadonlyMap<string, (current: InventoryRecord | null) => InventoryRecord | null>): Promise<void> {
    this.pages.clear();
    try {
      await this.store.updateMany(changes);
    } finally {
      this.pages.clear();
    }
  }

  page(query: InventoryPageQuery): Promise<InventoryPage> {
    const key = JSON.stringify([query.top, query.after ?? null, query.state ?? null]);
    const cached = this.pages.get(key);
    if (cached && this.now() - cached.at < LISTING_TTL_MS) return cached.page;
    const entry = { at: this.now(), page: this.store.page(query) };
    this.pages.set(key, entry);
    entry.page.catch(() => {
      if (this.pages.get(key) === entry) this.pages.delete(key);
    });
    if (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value ?? key);
    return entry.page;
  }
}
