import { isStatus, Table } from "./tables";

/**
 * Who created a resource that cannot carry Interlink's owner tag (the GatewaySubnet: ARM subnets have no tags).
 * A claim is written before the create is sent, so an activity retried after a lost answer, a rollback or a later
 * teardown (of any interconnect on the VNet) knows Interlink made it; it goes when the resource is deleted.
 */
export interface CreationClaim {
  /** The ARM id of the resource (compared case-insensitively, as ARM does). */
  resourceId: string;
  /** The interconnect whose operation created it. */
  owner: string;
  operationId: string;
  at: string;
}

/** A port: the Azure Table implementation is the production one. */
export interface CreationClaims {
  /** Records (or replaces) the claim; idempotent. */
  record(claim: CreationClaim): Promise<void>;
  get(resourceId: string): Promise<CreationClaim | null>;
  remove(resourceId: string): Promise<void>;
}

const PARTITION = "claim";
const rowKey = (resourceId: string) => encodeURIComponent(resourceId.toLowerCase());

/** Claims in Azure Table storage (Azurite locally), beside the inventory. */
export class TableCreationClaims implements CreationClaims {
  constructor(private readonly table: Table) {}

  static fromConnectionString(connectionString: string, tableName = "interlinkclaims"): TableCreationClaims {
    return new TableCreationClaims(Table.fromConnectionString(connectionString, tableName));
  }

  async record(claim: CreationClaim): Promise<void> {
    await (await this.table.open()).upsertEntity({ partitionKey: PARTITION, rowKey: rowKey(claim.resourceId), ...claim }, "Replace");
  }

  async get(resourceId: string): Promise<CreationClaim | null> {
    const table = await this.table.open();
    try {
      const entity = await table.getEntity<CreationClaim>(PARTITION, rowKey(resourceId));
      return { resourceId: entity.resourceId, owner: entity.owner, operationId: entity.operationId, at: entity.at };
    } catch (error) {
      if (isStatus(error, 404)) return null;
      throw error;
    }
  }

  async remove(resourceId: string): Promise<void> {
    const table = await this.table.open();
    try {
      await table.deleteEntity(PARTITION, rowKey(resourceId));
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
    }
  }
}
