import { z } from "zod";
import { OperationChange } from "../../shared/domain/inventory";
import { defineActivity, FailedResult } from "../flow/contract";

/**
 * One change to an interconnect's inventory record, written by an activity (orchestrators do no I/O).
 * Idempotent: replaying the same change leaves the same record.
 */
export const RecordOperationActivity = defineActivity(
  "RecordOperationActivity",
  OperationChange,
  z.discriminatedUnion("kind", [z.object({ kind: z.literal("ok") }), FailedResult]),
);
export type RecordOperationInput = z.input<typeof RecordOperationActivity.input>;
