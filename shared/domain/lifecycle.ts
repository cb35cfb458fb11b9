import { z } from "zod";
import "./zod-messages";
import { ConnectivityEvidence } from "./evidence";
import { Failure } from "./failure";
import { InterconnectResources, type InterconnectState } from "./inventory";
import { type Operation } from "./naming";
import { SetupRequest } from "./setup-request";

export const SETUP_ORCHESTRATOR = "SetupInterconnectOrchestrator";
export const TEARDOWN_ORCHESTRATOR = "TeardownInterconnectOrchestrator";
export const RESIZE_ORCHESTRATOR = "ResizeInterconnectOrchestrator";
export const SUSPEND_ORCHESTRATOR = "SuspendInterconnectOrchestrator";
export const RESUME_ORCHESTRATOR = "ResumeInterconnectOrchestrator";
export const UPDATE_ORCHESTRATOR = "UpdateInterconnectOrchestrator";

export type LifecycleOperationName = Exclude<Operation, "health">;

/** How each operation moves the interconnect's inventory state; absent: the state stays as it was. */
export const OPERATION_STATES: Record<LifecycleOperationName, { running?: InterconnectState; succeeded: InterconnectState; failed?: InterconnectState; compensated?: InterconnectState }> = {
  setup: { running: "Provisioning", succeeded: "Active", failed: "Failed", compensated: "RolledBack" },
  teardown: { running: "TearingDown", succeeded: "Deleted", failed: "Failed" },
  resize: { running: "Updating", succeeded: "Active", failed: "Active" },
  suspend: { succeeded: "Suspended" },
  resume: { succeeded: "Active" },
  // A topology change that failed and was undone leaves the interconnect as it was.
  update: { running: "Updating", succeeded: "Active", failed: "Failed", compensated: "Active" },
};

/**
 * Input of every lifecycle orchestration. The starter validated the request already; the orchestrator
 * parses again as its first statement because history is a trust boundary too.
 */
export const LifecycleInput = z.object({
  request: SetupRequest,
  requestHash: z.string(),
  ticketId: z.string().optional(),
  /** What earlier operations created (teardown, resize, suspend and resume start from the inventory). */
  resources: InterconnectResources.default({}),
  /** Resize only: the new bandwidth of both circuits. */
  bandwidthMbps: z.number().int().optional(),
  /** Update only: the spec after the topology change (`request` is the spec before it). */
  target: SetupRequest.optional(),
});
export type LifecycleInput = z.infer<typeof LifecycleInput>;

/**
 * The output of a lifecycle orchestration that completed. A failed operation ends `Failed` in Durable (its
 * output is the error message; the record and the custom status carry the step and the cloud's error), so
 * `status: "failed"` and its fields only appear in instances that finished before that change.
 */
export const LifecycleOutcome = z.object({
  status: z.enum(["succeeded", "failed"]),
  operation: z.string(),
  name: z.string(),
  failedStep: z.string().optional(),
  error: Failure.optional(),
  rolledBack: z.boolean().optional(),
  resources: InterconnectResources,
  evidence: ConnectivityEvidence.optional(),
  warnings: z.array(z.string()).default([]),
});
export type LifecycleOutcome = z.infer<typeof LifecycleOutcome>;
