import * as df from "durable-functions";
import { specHash } from "../../shared/domain/fingerprint";
import { applyOperationChange } from "../../shared/domain/inventory";
import { RecordOperationActivity } from "../../orchestrations/contracts/inventory";
import { type InventoryStore } from "../../shared/inventory/store";
import { inventory } from "../runtime";

/** Applies one operation change to the inventory; storage errors throw so Durable retries them. */
export function createRecordOperation(store: () => InventoryStore) {
  return async (raw: unknown) => {
    const change = RecordOperationActivity.input.parse(raw);
    const hash = change.spec ? specHash(change.spec) : "";
    await store().update(change.name, (current) => applyOperationChange(current, change, hash || current?.specHash || ""));
    return RecordOperationActivity.output.parse({ kind: "ok" });
  };
}

df.app.activity(RecordOperationActivity.name, { handler: createRecordOperation(inventory) });
