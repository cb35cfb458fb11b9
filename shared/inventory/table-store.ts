import { RestError, TableClient, type TableEntityResult } from "@azure/data-tables";
import { InventoryRecord } from "../domain/inventory";
import { type RecordStore } from "./store";

const MAX_CONFLICT_RETRIES = 8;

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

/** Lifecycle records in Azure Table storage (Azurite locally), one row per name, with optimistic concurrency. */
export class TableRecordStore<R extends { name: string }> implements RecordStore<R> {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly table: TableClient,
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
  private ensureTable(): Promise<void> {
    this.ready ??= this.table.createTable().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}

/** The inventory of interconnects. */
export class TableInventoryStore extends TableRecordStore<InventoryRecord> {
  constructor(table: TableClient) {
    super(table, INVENTORY_LAYOUT);
  }

  static fromConnectionString(connectionString: string, tableName = "interconnects"): TableInventoryStore {
    return new TableInventoryStore(TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: true }));
  }
}
