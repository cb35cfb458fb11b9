import { QueueEventSink } from "../shared/events/queue-sink";
import { type EventSink } from "../shared/events/sink";
import { TableInventoryStore } from "../shared/inventory/table-store";
import { type InventoryStore } from "../shared/inventory/store";

let inventoryStore: InventoryStore | undefined;

/** The inventory store, built once per process from the `AzureWebJobsStorage` connection. */
export function inventory(): InventoryStore {
  inventoryStore ??= TableInventoryStore.fromConnectionString(process.env.AzureWebJobsStorage ?? "UseDevelopmentStorage=true");
  return inventoryStore;
}

let sink: EventSink | undefined;

/** The event sink (interconnect-events queue + dedupe markers), built once per process. */
export function eventSink(): EventSink {
  sink ??= QueueEventSink.fromConnectionString(process.env.AzureWebJobsStorage ?? "UseDevelopmentStorage=true");
  return sink;
}
