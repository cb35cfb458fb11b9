import { odata, RestError, TableClient, type TableEntityResult, type TransactionAction } from "@azure/data-tables";
import { InventoryListing, InventoryRecord } from "../domain/inventory";
import { type InventoryPage, type InventoryPageQuery, type InventoryStore, type RecordStore } from "./store";

const MAX_CONFLICT_RETRIES = 8;
/** Table storage takes at most 100 operations and 4 MiB per transaction; a margin stays under the size. */
const TRANSACTION_OPERATIONS = 100;
const TRANSACTION_CHARACTERS = 3_000_000;

type Entity = { partitionKey: string; rowKey: string } & Record<string, string | number | undefined>;

/** A lifecycle record's scalar columns; the rest are JSON columns, each far below Table storage's 32K-character limit. */
const SCALAR_COLUMNS = ["state", "sequence", "specHash", "createdAt", "updatedAt"] as const;

/** How one kind of record is kept: its partition, its schema and its JSON columns. */
export interface RecordLayout<R> {
  partition: string;
  parse: (raw: unknown) => R;
  jsonColumns: readonly string[];
}

const INVENTORY_LAYOUT: RecordLayout<InventoryRecord> = {
  partition: "interconnect",
  parse: (raw) => InventoryRecord.parse(raw),
  jsonColumns: ["spec", "resources", "operations", "steps", "evidence", "warnings", "lastHealth"],
};

function toEntity<R extends { name: string }>(layout: RecordLayout<R>, record: R): Entity {
  const fields = record as unknown as Record<string, unknown>;
  const entity: Entity = { partitionKey: layout.partition, rowKey: record.name };
  for (const column of SCALAR_COLUMNS) entity[column] = fields[column] as string | number;
  for (const column of layout.jsonColumns) {
    const value = fields[column];
    if (value !== undefined) entity[column] = JSON.stringify(value);
  }
  return entity;
}

function fromEntity<R>(layout: RecordLayout<R>, entity: TableEntityResult<Record<string, unknown>>): R {
  const raw: Record<string, unknown> = { name: entity.rowKey };
  for (const column of SCALAR_COLUMNS) raw[column] = entity[column];
  for (const column of layout.jsonColumns) {
    const text = entity[column];
    if (typeof text === "string") raw[column] = JSON.parse(text) as unknown;
  }
  return layout.parse(raw);
}

const isStatus = (error: unknown, status: number) => error instanceof RestError && error.statusCode === status;

/**
 * The write that turns one row into another, if they differ, kept only if the row still has `etag`: a merge of the
 * changed columns (a health report rewrites one column of a large row), or a replace when a column went away.
 */
function changedColumns(before: Entity, after: Entity, etag: string): TransactionAction | undefined {
  if (Object.keys(before).some((column) => after[column] === undefined)) return ["update", after, "Replace", { etag }];
  const merged: Entity = { partitionKey: after.partitionKey, rowKey: after.rowKey };
  let changed = false;
  for (const [column, value] of Object.entries(after)) {
    if (value === before[column]) continue;
    merged[column] = value;
    changed = true;
  }
  return changed ? ["update", merged, "Merge", { etag }] : undefined;
}

/** Lifecycle records in Azure Table storage (Azurite locally), one row per name, with optimistic concurrency. */
export class TableRecordStore<R extends { name: string }> implements RecordStore<R> {
  private ready: Promise<void> | undefined;

  constructor(
    protected readonly table: TableClient,
    private readonly layout: RecordLayout<R>,
  ) {}

  async get(name: string): Promise<R | null> {
    return (await this.read(name))?.record ?? null;
  }

  async list(): Promise<R[]> {
    await this.ensureTable();
    const records: R[] = [];
    for await (const entity of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter: `PartitionKey eq '${this.layout.partition}'` } })) {
      records.push(fromEntity(this.layout, entity));
    }
    return records.sort((a, b) => a.name.localeCompare(b.name));
  }

  async update(name: string, change: (current: R | null) => R | null): Promise<R | null> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const current = await this.read(name);
      const next = change(current?.record ?? null);
      if (next === null) return current?.record ?? null;
      const entity = toEntity(this.layout, this.layout.parse(next));
      try {
        if (current) await this.table.updateEntity(entity, "Replace", { etag: current.etag });
        else await this.table.createEntity(entity);
        return next;
      } catch (error) {
        if (isStatus(error, 412) || isStatus(error, 409)) continue;
        throw error;
      }
    }
    throw new Error(`inventory record ${name} kept changing under concurrent writers; giving up after ${MAX_CONFLICT_RETRIES} attempts`);
  }

  /** Several records at once: one query over the names' key range (a page per 1,000 rows), not one request each. */
  async getMany(names: readonly string[]): Promise<Map<string, R>> {
    const read = await this.readMany(names);
    return new Map([...read].map(([name, { record }]) => [name, record]));
  }

  /**
   * `update` for many records: one read of their range, then the changed columns written in transactions (up to 100
   * records each, one request), each record only if nobody wrote it since the read. A transaction that loses such a
   * race is done again one record at a time, through `update`.
   */
  async updateMany(changes: ReadonlyMap<string, (current: R | null) => R | null>): Promise<void> {
    const current = await this.readMany([...changes.keys()]);
    const writes: Array<{ name: string; action: TransactionAction; size: number }> = [];
    for (const [name, change] of changes) {
      const before = current.get(name);
      const next = change(before?.record ?? null);
      if (next === null) continue;
      const entity = toEntity(this.layout, this.layout.parse(next));
      const action = before ? changedColumns(toEntity(this.layout, before.record), entity, before.etag) : (["create", entity] as TransactionAction);
      if (action) writes.push({ name, action, size: JSON.stringify(action[1]).length });
    }
    let chunk: typeof writes = [];
    let size = 0;
    const submit = async () => {
      if (chunk.length === 0) return;
      const names = chunk.map((write) => write.name);
      try {
        await this.table.submitTransaction(chunk.map((write) => write.action));
      } catch (error) {
        if (!(isStatus(error, 412) || isStatus(error, 409) || isStatus(error, 404))) throw error;
        for (const name of names) await this.update(name, changes.get(name) ?? ((record) => record));
      }
      chunk = [];
      size = 0;
    };
    for (const write of writes) {
      if (chunk.length === TRANSACTION_OPERATIONS || size + write.size > TRANSACTION_CHARACTERS) await submit();
      chunk.push(write);
      size += write.size;
    }
    await submit();
  }

  /** The named records with their etags, from the rows between the first and the last name. */
  private async readMany(names: readonly string[]): Promise<Map<string, { record: R; etag: string }>> {
    const found = new Map<string, { record: R; etag: string }>();
    const wanted = new Set(names);
    if (wanted.size === 0) return found;
    await this.ensureTable();
    const sorted = [...wanted].sort();
    const [first, last] = [sorted[0] ?? "", sorted.at(-1) ?? ""];
    const filter = [odata`PartitionKey eq ${this.layout.partition}`, odata`RowKey ge ${first}`, odata`RowKey le ${last}`].join(" and ");
    for await (const entity of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      const name = entity.rowKey;
      if (name !== undefined && wanted.has(name)) found.set(name, { record: fromEntity(this.layout, entity), etag: entity.etag });
    }
    return found;
  }

  private async read(name: string): Promise<{ record: R; etag: string } | null> {
    await this.ensureTable();
    try {
      const entity = await this.table.getEntity<Record<string, unknown>>(this.layout.partition, name);
      return { record: fromEntity(this.layout, entity), etag: entity.etag };
    } catch (error) {
      if (isStatus(error, 404)) return null;
      throw error;
    }
  }

  /** Creates the table once per process; concurrent callers share the same attempt. */
  protected ensureTable(): Promise<void> {
    this.ready ??= this.table.createTable().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}

/** The columns the list reads (the others hold steps, evidence and resources). */
const LISTING_COLUMNS = ["RowKey", "state", "spec", "operations", "lastHealth", "updatedAt"] as const;

function listingOf(entity: TableEntityResult<Record<string, unknown>>): InventoryListing {
  const json = (column: string) => (typeof entity[column] === "string" ? (JSON.parse(entity[column]) as unknown) : undefined);
  return InventoryListing.parse({ name: entity.rowKey, state: entity.state, spec: json("spec"), operations: json("operations"), lastHealth: json("lastHealth"), updatedAt: entity.updatedAt });
}

/** The inventory of interconnects. */
export class TableInventoryStore extends TableRecordStore<InventoryRecord> implements InventoryStore {
  constructor(table: TableClient) {
    super(table, INVENTORY_LAYOUT);
  }

  static fromConnectionString(connectionString: string, tableName = "interconnects"): TableInventoryStore {
    return new TableInventoryStore(TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: true }));
  }

  async page({ top, after, state }: InventoryPageQuery): Promise<InventoryPage> {
    await this.ensureTable();
    const filter = [
      odata`PartitionKey eq ${INVENTORY_LAYOUT.partition}`,
      ...(after !== undefined ? [odata`RowKey gt ${after}`] : []),
      state !== undefined ? odata`state eq ${state}` : odata`state ne ${"Deleted"}`,
    ].join(" and ");
    const records: InventoryListing[] = [];
    let more = false;
    // The service may answer a filtered query with short pages: read on until the page is full or the table ends.
    for await (const page of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: [...LISTING_COLUMNS] } }).byPage({ maxPageSize: top })) {
      for (const entity of page) records.push(listingOf(entity));
      more = page.continuationToken !== undefined;
      if (records.length >= top || !more) break;
    }
    const taken = records.slice(0, top);
    const last = taken.at(-1);
    return { records: taken, ...((more || records.length > top) && last ? { continueAfter: last.name } : {}) };
  }
}
