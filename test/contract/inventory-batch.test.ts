// The inventory's batch reads and writes against Azure Table storage (Azurite): a sweep batch reads its records in one
// query and stores its reports in transactions, and a record another writer changed in between is not overwritten.
import { TableClient, type TransactionAction } from "@azure/data-tables";
import { specHash } from "../../shared/domain/fingerprint";
import { InventoryRecord } from "../../shared/domain/inventory";
import { SetupRequest } from "../../shared/domain/setup-request";
import { TableInventoryStore } from "../../shared/inventory/table-store";
import { startAzurite, type TestAzurite } from "../support/azurite";
import { designRequest } from "../support/requests";

jest.setTimeout(60_000);

const AT = "2026-11-22T12:00:00.000Z";
const recordOf = (name: string) => {
  const spec = SetupRequest.parse(designRequest((request) => (request.name = name)));
  return InventoryRecord.parse({ name, state: "Active", sequence: 1, spec, specHash: specHash(spec), resources: {}, operations: [], steps: [], warnings: [], createdAt: AT, updatedAt: AT });
};
const name = (index: number) => `link-${String(index).padStart(3, "0")}`;

describe("inventory batch reads and writes", () => {
  let azurite: TestAzurite;
  let table: TableClient;
  let store: TableInventoryStore;

  beforeAll(async () => {
    azurite = await startAzurite();
    table = TableClient.fromConnectionString(azurite.connectionString, "batch", { allowInsecureConnection: true });
    store = new TableInventoryStore(table);
  });
  afterAll(async () => {
    await azurite.stop();
  });

  it("when 250 records are written at once, then they go in transactions of at most 100 and read back as written", async () => {
    const submit = jest.spyOn(table, "submitTransaction");
    await store.updateMany(new Map(Array.from({ length: 250 }, (_unused, index) => [name(index), () => recordOf(name(index))])));
    expect(submit.mock.calls.map(([actions]) => actions.length)).toEqual([100, 100, 50]);
    submit.mockRestore();
    const some = await store.getMany([name(3), name(120), name(249), "link-999"]);
    expect([...some.keys()].sort()).toEqual([name(3), name(120), name(249)]);
    expect(some.get(name(120))).toEqual(recordOf(name(120)));
  });

  it("when only one column changes, then only that column is written, and a change returning null leaves its record", async () => {
    const submit = jest.spyOn(table, "submitTransaction");
    const changes = new Map([
      [name(1), (current: InventoryRecord | null) => (current ? { ...current, warnings: ["checked"] } : null)],
      [name(2), () => null],
    ]);
    await store.updateMany(changes);
    const actions = submit.mock.calls.flatMap(([batch]) => batch);
    submit.mockRestore();
    expect(actions.map((action) => [action[0], Object.keys(action[1]).sort(), action[2]])).toEqual([["update", ["partitionKey", "rowKey", "warnings"], "Merge"]]);
    expect((await store.get(name(1)))?.warnings).toEqual(["checked"]);
    expect(await store.get(name(2))).toEqual(recordOf(name(2)));
  });

  it("when another writer changes a record between the read and the transaction, then its change is kept and the batch's is applied on top", async () => {
    const original = table.submitTransaction.bind(table);
    let raced = false;
    const submit = jest.spyOn(table, "submitTransaction").mockImplementation(async (actions: TransactionAction[]) => {
      if (!raced) {
        raced = true;
        await store.update(name(5), (current) => (current ? { ...current, state: "Suspended" } : null));
      }
      return original(actions);
    });
    const lastHealthAt = (current: InventoryRecord | null) => (current ? { ...current, updatedAt: "2026-11-22T12:05:00.000Z" } : null);
    await store.updateMany(new Map([name(4), name(5), name(6)].map((each) => [each, lastHealthAt])));
    submit.mockRestore();
    const after = await store.getMany([name(4), name(5), name(6)]);
    expect([...after.values()].map((record) => [record.name, record.state, record.updatedAt])).toEqual([
      [name(4), "Active", "2026-11-22T12:05:00.000Z"],
      [name(5), "Suspended", "2026-11-22T12:05:00.000Z"],
      [name(6), "Active", "2026-11-22T12:05:00.000Z"],
    ]);
  });
});
