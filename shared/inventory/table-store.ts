import { odata, RestError, TableClient, type TableEntityResult } from "@azure/data-tables";
import { InventoryListing, InventoryRecord } from "../domain/inventory";
import { type InventoryPage, type InventoryPageQuery, type InventoryStore } from "./store";

const PARTITION = "interconnect";
const MAX_CONFLICT_RETRIES = 8;

/** Columns holding JSON; each stays far below Table storage's 32K-character property limit. */
const JSON_COLUMNS = ["spec", "resources", "operations", "steps", "evidence", "warnings", "lastHealth"] as const;

type Entity = { partitionKey: string; rowKey: string } & Record<string, string | number | undefined>;

function toEntity(record: InventoryRecord): Entity {
  const entity: Entity = {
    partitionKey: PARTITION,
    rowKey: record.name,
    state: record.state,
    sequence: record.sequence,
    specHash: record.specHash,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
  for (const column of JSON_COLUMNS) {
    const value = record[column];
    if (value !== undefined) entity[column] = JSON.stringify(value);
  }
  return entity;
}

function fromEntity(entity: TableEntityResult<Record<string, unknown>>): InventoryRecord {
  const raw: Record<string, unknown> = {
    name: entity.rowKey,
    state: entity.state,
    sequence: entity.sequence,
    specHash: entity.specHash,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
  for (const column of JSON_COLUMNS) {
    const text = entity[column];
    if (typeof text === "string") raw[column] = JSON.parse(text) as unknown;
  }
  return InventoryRecord.parse(raw);
}

/** The columns the list reads (the others hold steps, evidence and resources). */
const LISTING_COLUMNS = ["RowKey", "state", "spec", "operations", "lastHealth", "updatedAt"] as const;

function listingOf(entity: TableEntityResult<Record<string, unknown>>): InventoryListing {
  const json = (column: string) => (typeof entity[column] === "string" ? (JSON.parse(entity[column]) as unknown) : undefined);
  return InventoryListing.parse({ name: entity.rowKey, state: entity.state, spec: json("spec"), operations: json("operations"), lastHealth: json("lastHealth"), updatedAt: entity.updatedAt });
}

const isStatus = (error: unknown, status: number) => error instanceof RestError && error.statusCode === status;

/** The inventory in Azure Table storage (Azurite locally), one row per interconnect. */
export class TableInventoryStore implements InventoryStore {
  private ready: Promise<void> | undefined;

  constructor(private readonly table: TableClient) {}

  static fromConnectionString(connectionString: string, tableName = "interconnects"): TableInventoryStore {
    return new TableInventoryStore(TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: true }));
  }

  async get(name: string): Promise<InventoryRecord | null> {
    return (await this.read(name))?.record ?? null;
  }

  async list(): Promise<InventoryRecord[]> {
    await this.ensureTable();
    const records: InventoryRecord[] = [];
    for await (const entity of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter: `PartitionKey eq '${PARTITION}'` } })) {
      records.push(fromEntity(entity));
    }
    return records.sort((a, b) => a.name.localeCompare(b.name));
  }

  async page({ top, after, state }: InventoryPageQuery): Promise<InventoryPage> {
    await this.ensureTable();
    const filter = [
      odata`PartitionKey eq ${PARTITION}`,
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

  async update(name: string, change: (current: InventoryRecord | null) => InventoryRecord | null): Promise<InventoryRecord | null> {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const current = await this.read(name);
      const next = change(current?.record ?? null);
      if (next === null) return current?.record ?? null;
      const entity = toEntity(InventoryRecord.parse(next));
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

  private async read(name: string): Promise<{ record: InventoryRecord; etag: string } | null> {
    await this.ensureTable();
    try {
      const entity = await this.table.getEntity<Record<string, unknown>>(PARTITION, name);
      return { record: fromEntity(entity), etag: entity.etag };
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
