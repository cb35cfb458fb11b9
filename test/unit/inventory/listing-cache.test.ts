import { specHash } from "../../../shared/domain/fingerprint";
import { applyOperationChange } from "../../../shared/domain/inventory";
import { SetupRequest } from "../../../shared/domain/setup-request";
import { LISTING_TTL_MS, ListingCache } from "../../../shared/inventory/listing-cache";
import { type InventoryPageQuery } from "../../../shared/inventory/store";
import { MemoryInventory } from "../../support/fakes";
import { designRequest } from "../../support/requests";

/** A memory inventory that counts page reads and can fail the next one. */
class CountingInventory extends MemoryInventory {
  pageReads = 0;
  failNext = false;
  override async page(query: InventoryPageQuery) {
    this.pageReads++;
    if (this.failNext) {
      this.failNext = false;
      throw new Error("table unavailable");
    }
    return super.page(query);
  }
}

async function addRecord(store: { update: MemoryInventory["update"] }, name: string) {
  const spec = SetupRequest.parse(designRequest((request) => (request.name = name)));
  await store.update(name, (current) => applyOperationChange(current, { name, instanceId: `${name}.setup.1`, operation: "setup", requestHash: "h", phase: "started", at: "2026-11-22T12:00:00.000Z", state: "Provisioning", spec }, specHash(spec)));
}

describe("ListingCache", () => {
  function cached() {
    const inventory = new CountingInventory();
    let now = 0;
    const cache = new ListingCache(inventory, () => now);
    return { inventory, cache, advance: (ms: number) => (now += ms) };
  }

  it("when 32 callers ask for the same page at once, then the table is read once and all get it", async () => {
    const { inventory, cache } = cached();
    await addRecord(inventory, "link-a");
    const pages = await Promise.all(Array.from({ length: 32 }, () => cache.page({ top: 100 })));
    expect(inventory.pageReads).toBe(1);
    expect(pages.every((page) => page.records.map((record) => record.name).join() === "link-a")).toBe(true);
  });

  it("when the moment has passed, or another page or state is asked for, then the table is read again", async () => {
    const { inventory, cache, advance } = cached();
    await cache.page({ top: 100 });
    await cache.page({ top: 10 });
    await cache.page({ top: 100, state: "Active" });
    expect(inventory.pageReads).toBe(3);
    advance(LISTING_TTL_MS);
    await cache.page({ top: 100 });
    expect(inventory.pageReads).toBe(4);
  });

  it("when this process writes a record, then the next list shows it at once", async () => {
    const { inventory, cache } = cached();
    expect((await cache.page({ top: 100 })).records).toEqual([]);
    await addRecord(cache, "link-b");
    expect((await cache.page({ top: 100 })).records.map((record) => record.name)).toEqual(["link-b"]);
    expect(inventory.pageReads).toBe(2);
  });

  it("when a read fails, then it is not kept: the next caller reads again", async () => {
    const { inventory, cache } = cached();
    inventory.failNext = true;
    await expect(cache.page({ top: 100 })).rejects.toThrow("table unavailable");
    await expect(cache.page({ top: 100 })).resolves.toEqual({ records: [] });
    expect(inventory.pageReads).toBe(2);
  });
});
