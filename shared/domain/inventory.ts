import "./zod-messages";
import { z } from "zod";
import { OPERATIONS } from "./naming";
import { SetupRequest } from "./setup-request";

/** Where an interconnect stands. `Deleted` records stay so a name's history and generation survive. */
export const InterconnectState = z.enum(["Provisioning", "Active", "Degraded", "Suspended", "Failed", "Updating", "TearingDown", "Deleted"]);
export type InterconnectState = z.infer<typeof InterconnectState>;

export const OperationRecord = z.object({
  instanceId: z.string(),
  operation: z.enum(OPERATIONS),
  requestHash: z.string(),
  ticketId: z.string().optional(),
  status: z.enum(["Running", "Succeeded", "Failed"]),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  failedStep: z.string().optional(),
  error: z.object({ cloud: z.string(), code: z.string(), message: z.string(), status: z.number().optional() }).optional(),
  rolledBack: z.boolean().optional(),
});
export type OperationRecord = z.infer<typeof OperationRecord>;

export const StepRecord = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  detail: z.string().optional(),
});

/** What Interlink remembers about one interconnect (Azure Table storage; written only by activities). */
export const InventoryRecord = z.object({
  name: z.string(),
  state: InterconnectState,
  /** Counts operations on this name; instance ids are `<name>.<operation>.<sequence>`. */
  sequence: z.number().int().nonnegative(),
  spec: SetupRequest,
  specHash: z.string(),
  resources: z.record(z.string(), z.union([z.string(), z.boolean()])).default({}),
  operations: z.array(OperationRecord).default([]),
  steps: z.array(StepRecord).default([]),
  evidence: z.record(z.string(), z.unknown()).optional(),
  warnings: z.array(z.string()).default([]),
  lastHealth: z.record(z.string(), z.unknown()).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InventoryRecord = z.infer<typeof InventoryRecord>;

/** The operation still running on a record, if any (one live operation per interconnect). */
export function runningOperation(record: InventoryRecord): OperationRecord | undefined {
  return record.operations.find((operation) => operation.status === "Running");
}
