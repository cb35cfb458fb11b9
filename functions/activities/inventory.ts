import { RecordOperationActivity } from "../../orchestrations/contracts/inventory";
import { specHash } from "../../shared/domain/fingerprint";
import { applyOperationChange } from "../../shared/domain/inventory";
import { type InventoryStore } from "../../shared/inventory/store";
import { inventory } from "../runtime";
import { type ActivityHandler, registerActivity } from "./register";
import { classifyStorageError } from "./storage-errors";

/** Applies one operation change to the inventory record (idempotent). */
export function recordOperation(store: () => InventoryStore): ActivityHandler<typeof RecordOperationActivity> {
  return async (change) => {
    const hash = change.spec ? specHash(change.spec) : "";
    await store().update(change.name, (current) => applyOperationChange(current, change, hash || current?.specHash || ""));
    return { kind: "ok" };
  };
}

registerActivity(RecordOperationActivity, recordOperation(inventory), classifyStorageError);
