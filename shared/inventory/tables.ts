import { RestError, TableClient } from "@azure/data-tables";

/** Whether an Azure Tables call failed with this HTTP status. */
export const isStatus = (error: unknown, status: number) => error instanceof RestError && error.statusCode === status;

/** A table from the storage connection string (Azurite is plain HTTP), created once per process on first use. */
export class Table {
  private ready: Promise<void> | undefined;

  constructor(readonly client: TableClient) {}

  static fromConnectionString(connectionString: string, tableName: string): Table {
    return new Table(TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: true }));
  }

  /** The client once the table exists; concurrent callers share the same attempt, a failed one is tried again. */
  async open(): Promise<TableClient> {
    this.ready ??= this.client.createTable().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    await this.ready;
    return this.client;
  }
}
