import { type z } from "zod";
import { OperationChange } from "../../shared/domain/inventory";
import { defineActivity, okOrFailed } from "../flow/contract";

/**
 * One change to an interconnect's inventory record, written by an activity (orchestrators do no I/O).
 * Idempotent: replaying the same change leaves the same record.
 */
export const RecordOperationActivity = defineActivity(
  "RecordOperationActivity",
  OperationChange,
  okOrFailed({}),
);
export type RecordOperationInput = z.input<typeof RecordOperationActivity.input>;
