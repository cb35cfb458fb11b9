import { TableInventoryStore } from "../shared/inventory/table-store";
import { type InventoryStore } from "../shared/inventory/store";

let inventoryStore: InventoryStore | undefined;

/** The inventory store, built once per process from the `AzureWebJobsStorage` connection. */
export function inventory(): InventoryStore {
  inventoryStore ??= TableInventoryStore.fromConnectionString(process.env.AzureWebJobsStorage ?? "UseDevelopmentStorage=true");
  return inventoryStore;
}
