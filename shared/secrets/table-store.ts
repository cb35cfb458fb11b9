import { isStatus, type Table } from "../inventory/tables";
import { type SecretSealer } from "./sealing";
import { type SecretStore } from "./store";

const PARTITION = "secret";

/** Secrets sealed with AES-256-GCM in an Azure Table (Azurite offline): the table never holds a plaintext value. */
export class TableSecretStore implements SecretStore {
  constructor(
    private readonly table: Table,
    private readonly sealer: SecretSealer,
  ) {}

  async put(name: string, value: string): Promise<void> {
    const client = await this.table.open();
    await client.upsertEntity({ partitionKey: PARTITION, rowKey: name, sealed: this.sealer.seal(name, value) }, "Replace");
  }

  async get(name: string): Promise<string | null> {
    const client = await this.table.open();
    try {
      const entity = await client.getEntity<{ sealed: string }>(PARTITION, name);
      return this.sealer.open(name, entity.sealed);
    } catch (error) {
      if (isStatus(error, 404)) return null;
      throw error;
    }
  }

  async delete(name: string): Promise<{ existed: boolean }> {
    const client = await this.table.open();
    try {
      await client.deleteEntity(PARTITION, name);
      return { existed: true };
    } catch (error) {
      if (isStatus(error, 404)) return { existed: false };
      throw error;
    }
  }
}
