import { z } from "zod";
import { InterconnectState, StepRecord } from "../../shared/domain/inventory";
import { OPERATIONS } from "../../shared/domain/naming";
import { SetupRequest } from "../../shared/domain/setup-request";
import { defineActivity, Failure, FailedResult } from "../flow/contract";
import { InterconnectResources } from "./common";

/**
 * One change to an interconnect's inventory record, written by an activity (orchestrators do no I/O).
 * Idempotent: replaying the same change leaves the same record.
 */
export const RecordOperationActivity = defineActivity(
  "RecordOperationActivity",
  z.object({
    name: z.string(),
    instanceId: z.string(),
    operation: z.enum(OPERATIONS),
    requestHash: z.string(),
    ticketId: z.string().optional(),
    phase: z.enum(["started", "progress", "succeeded", "failed"]),
    at: z.string(),
    state: InterconnectState.optional(),
    spec: SetupRequest.optional(),
    resources: InterconnectResources.optional(),
    steps: z.array(StepRecord).optional(),
    failedStep: z.string().optional(),
    error: Failure.optional(),
    rolledBack: z.boolean().optional(),
    evidence: z.record(z.string(), z.unknown()).optional(),
    warnings: z.array(z.string()).optional(),
  }),
  z.discriminatedUnion("kind", [z.object({ kind: z.literal("ok") }), FailedResult]),
);
export type RecordOperationInput = z.input<typeof RecordOperationActivity.input>;
