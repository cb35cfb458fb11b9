import "./zod-messages";
import { z } from "zod";
import { Failure } from "./failure";

export const StepStatus = z.enum(["pending", "running", "succeeded", "failed", "skipped", "compensated"]);
export type StepStatus = z.infer<typeof StepStatus>;

/** One step of an operation: published live as custom status and kept on the inventory record. */
export const StepProgress = z.object({
  id: z.string(),
  title: z.string(),
  status: StepStatus,
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  detail: z.string().optional(),
  /** While a running step waits (for a provider, a resource, a busy cloud): when it checks again. */
  nextCheckAt: z.string().optional().describe("While a running step waits: when it checks again (ISO 8601)."),
});
export type StepProgress = z.infer<typeof StepProgress>;

/**
 * A lifecycle orchestration's custom status: which step runs now (before the first starts, the first; between two
 * steps, the one that ended last) and the state of every step. `step` is null only in statuses of older versions.
 */
export const OperationProgress = z.object({
  operation: z.string(),
  name: z.string(),
  step: z.string().nullable(),
  steps: z.array(StepProgress),
  error: Failure.extend({ step: z.string() }).optional(),
});
export type OperationProgress = z.infer<typeof OperationProgress>;
