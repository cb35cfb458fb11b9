import { RecordOperationActivity } from "../../orchestrations/contracts/inventory";
import { specHash } from "../../shared/domain/fingerprint";
import { applyOperationChange } from "../../shared/domain/inventory";
import { type InventoryStore } from "../../shared/inventory/store";
import { activity } from "./register";
import { classifyStorageError } from "./storage-errors";

/** Applies one operation change to the inventory record (idempotent). */
export function createInventoryActivities(store: () => InventoryStore) {
  return {
    RecordOperationActivity: activity(
      RecordOperationActivity,
      async (change) => {
        const hash = change.spec ? specHash(change.spec) : "";
        await store().update(change.name, (current) => applyOperationChange(current, change, hash || current?.specHash || ""));
        return { kind: "ok" as const };
      },
      classifyStorageError,
    ),
  };
}
