import { z } from "zod";
import { Failure } from "../../shared/domain/failure";
import { HealthReport } from "../../shared/domain/health";
import { StepProgress } from "../../shared/domain/progress";

/**
 * How the CLI reads Interlink's answers. Nested documents reuse the app's own schemas; the parts that grow as the
 * API evolves (states, operation statuses, extra fields, the status document behind `Location`) are read leniently,
 * so a newer server does not break an older CLI. JSON output prints the server's document, not this reading.
 */

export const Problem = z.looseObject({
  type: z.string().optional(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
});
export type Problem = z.infer<typeof Problem>;

const BgpSession = z.looseObject({ block: z.string(), oracleBgpPeeringIp: z.string(), customerBgpPeeringIp: z.string() });

export const PlanView = z.looseObject({
  name: z.string(),
  ticketId: z.string().optional(),
  bgp: z.looseObject({ primary: BgpSession, secondary: BgpSession }),
  setup: z.array(
    z.looseObject({
      id: z.string(),
      title: z.string(),
      dependsOn: z.array(z.string()).default([]),
      resources: z.array(z.looseObject({ cloud: z.string(), kind: z.string(), name: z.string(), action: z.string() })).default([]),
    }),
  ),
  warnings: z.array(z.string()).default([]),
});
export type PlanView = z.infer<typeof PlanView>;

const PlannedChange = z.looseObject({ cloud: z.string(), kind: z.string(), name: z.string(), action: z.string() });

/** `POST /interconnects/{name}/plan` with a topology change: what each step adds and removes, and what it never touches. */
export const ChangePlanView = z.looseObject({
  name: z.string(),
  steps: z.array(
    z.looseObject({
      id: z.string(),
      title: z.string(),
      dependsOn: z.array(z.string()).default([]),
      add: z.array(PlannedChange).default([]),
      remove: z.array(PlannedChange).default([]),
    }),
  ),
  unchanged: z.array(z.string()).default([]),
  warnings: z.array(z.string()).default([]),
});
export type ChangePlanView = z.infer<typeof ChangePlanView>;

/** The 202 of a started (or replayed) operation: Interlink's fields, whatever status links come with them. */
export const StartedView = z.looseObject({
  name: z.string().optional(),
  operation: z.string().optional(),
  instanceId: z.string().optional(),
  replayed: z.boolean().optional(),
});
export type StartedView = z.infer<typeof StartedView>;

/** What a step failure carries: the cloud's code and message, and (in newer documents) the step. */
export const FailureView = Failure.extend({ cloud: z.string(), step: z.string().optional() });
export type FailureView = z.infer<typeof FailureView>;

export const OperationView = z.looseObject({
  instanceId: z.string(),
  operation: z.string(),
  ticketId: z.string().optional(),
  /** Running, Succeeded or Failed. */
  status: z.string(),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  failedStep: z.string().optional(),
  error: FailureView.optional(),
  rolledBack: z.boolean().optional(),
});
export type OperationView = z.infer<typeof OperationView>;

const LiveProgress = z.looseObject({ step: z.string().nullable().optional(), steps: z.array(StepProgress), error: FailureView.optional() });

/**
 * What every record Interlink runs operations on answers (`GET /interconnects/{name}`, `GET /vpn-links/{name}`):
 * its state, the live progress of a running operation, its operations and the last error. Following an operation
 * reads only this.
 */
export const OperatedView = z.looseObject({
  name: z.string(),
  state: z.string(),
  spec: z.unknown().optional(),
  currentOperation: z
    .looseObject({ instanceId: z.string(), operation: z.string(), runtimeStatus: z.string().optional(), progress: LiveProgress.nullable().optional() })
    .nullable()
    .optional(),
  steps: z.array(StepProgress).default([]),
  operations: z.array(OperationView).default([]),
  resources: z.record(z.string(), z.unknown()).default({}),
  lastError: FailureView.nullable().optional(),
  warnings: z.array(z.string()).default([]),
  updatedAt: z.string().optional(),
});
export type OperatedView = z.infer<typeof OperatedView>;

/** `GET /interconnects/{name}`: the inventory record with the live progress of a running operation. */
export const InterconnectView = OperatedView.extend({
  lastHealth: z.looseObject({ verdict: z.string(), checkedAt: z.string().optional(), reasons: z.array(z.string()).default([]) }).nullable().optional(),
  bgp: z.looseObject({ primary: BgpSession, secondary: BgpSession }).optional(),
});
export type InterconnectView = z.infer<typeof InterconnectView>;

export const SummaryView = z.looseObject({
  name: z.string(),
  state: z.string(),
  ticketId: z.string().optional(),
  bandwidthMbps: z.number().optional(),
  azureRegion: z.string().optional(),
  ociRegion: z.string().optional(),
  currentOperation: z.string().nullable().optional(),
  lastHealth: z.string().nullable().optional(),
  updatedAt: z.string().optional(),
});
export type SummaryView = z.infer<typeof SummaryView>;


export { HealthReport };

/**
 * The document behind a 202's `Location`: Durable's status (runtimeStatus, customStatus, output) or Interlink's own
 * operation status. Read only for what tells an operation has ended before the inventory shows it.
 */
export const StatusDocument = z.looseObject({
  runtimeStatus: z.string().optional(),
  status: z.string().optional(),
  output: z
    .looseObject({ status: z.string().optional(), failedStep: z.string().optional(), error: FailureView.optional(), rolledBack: z.boolean().optional() })
    .nullable()
    .optional()
    .catch(null),
  error: FailureView.nullable().optional().catch(null),
  failedStep: z.string().optional().catch(undefined),
  /** Interlink's operation status route: the steps and the record's state, also once the record itself is gone. */
  steps: z.array(StepProgress).optional().catch(undefined),
  state: z.string().nullable().optional().catch(undefined),
});
export type StatusDocument = z.infer<typeof StatusDocument>;
