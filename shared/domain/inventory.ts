import "./zod-messages";
import { z } from "zod";
import { OPERATIONS } from "./naming";
import { ConnectivityEvidence } from "./evidence";
import { Failure } from "./failure";
import { HealthReport } from "./health";
import { StepProgress } from "./progress";
import { SetupRequest } from "./setup-request";

/** What this interconnect created or adopted, so compensation and teardown know what to remove. */
export const InterconnectResources = z.object({
  gatewaySubnetCreated: z.boolean().optional(),
  drgId: z.string().optional(),
  drgCreated: z.boolean().optional(),
  drgAttachmentId: z.string().optional(),
  drgAttachmentCreated: z.boolean().optional(),
  circuitId: z.string().optional(),
  gatewayId: z.string().optional(),
  gatewayCreated: z.boolean().optional(),
  /** The gateway's own public IP, when Azure did not manage one (and whether Interlink created it). */
  gatewayPublicIpId: z.string().optional(),
  gatewayPublicIpCreated: z.boolean().optional(),
  virtualCircuitId: z.string().optional(),
  connectionId: z.string().optional(),
  azureNetworkSecurityGroupId: z.string().optional(),
  ociNetworkSecurityGroupId: z.string().optional(),
  azureRouteTableId: z.string().optional(),
  ociRouteTableId: z.string().optional(),
});
export type InterconnectResources = z.infer<typeof InterconnectResources>;

/**
 * Where an interconnect stands. `RolledBack`: its setup failed and the rollback removed everything it created;
 * the record stays (with the error) until it is deleted or set up again. `Deleted` records stay too, hidden
 * from the list, so a name's history and generation survive.
 */
export const InterconnectState = z
  .enum(["Provisioning", "Active", "Degraded", "Suspended", "Failed", "RolledBack", "Updating", "TearingDown", "Deleted"])
  .describe(
    "Provisioning: setup running. Active: built and healthy. Degraded: built, last health check found a problem. Suspended: route rules withdrawn, circuits kept. " +
      "Updating: resize or topology change (update) running. TearingDown: teardown running. Failed: an operation failed and left resources (see the last error; DELETE removes them). " +
      "RolledBack: the setup failed and everything it created was removed (DELETE clears the record; a new setup may reuse the name). Deleted: torn down.",
  );
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
  error: Failure.optional(),
  rolledBack: z.boolean().optional(),
});
export type OperationRecord = z.infer<typeof OperationRecord>;

/** What Interlink remembers about one interconnect (Azure Table storage; written only by activities). */
export const InventoryRecord = z.object({
  name: z.string(),
  state: InterconnectState,
  /** Counts operations on this name; instance ids are `<name>.<operation>.<sequence>`. */
  sequence: z.number().int().nonnegative(),
  spec: SetupRequest,
  specHash: z.string(),
  resources: InterconnectResources.default({}),
  operations: z.array(OperationRecord).default([]),
  steps: z.array(StepProgress).default([]),
  evidence: ConnectivityEvidence.optional(),
  warnings: z.array(z.string()).default([]),
  lastHealth: HealthReport.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InventoryRecord = z.infer<typeof InventoryRecord>;

/**
 * What the list shows of a record, parsed without the rest of it: the stored spec was validated when it was written,
 * and checking a whole page of specs again costs more than the read (about 1 ms each).
 */
export const InventoryListing = z.object({
  name: z.string(),
  state: InterconnectState,
  spec: z.object({
    ticketId: z.string().optional(),
    azure: z.object({ region: z.string(), circuit: z.object({ bandwidthMbps: z.number() }) }),
    oci: z.object({ region: z.string() }),
  }),
  operations: z.array(OperationRecord).default([]),
  lastHealth: HealthReport.pick({ verdict: true, checkedAt: true }).optional(),
  updatedAt: z.string(),
});
export type InventoryListing = z.infer<typeof InventoryListing>;

/** States in which nothing of the interconnect exists in the clouds: the name is free for a new setup. */
export const GONE_STATES: readonly InterconnectState[] = ["Deleted", "RolledBack"];

export function isGone(record: InventoryRecord): boolean {
  return GONE_STATES.includes(record.state);
}

/** The operation still running on a record, if any (one live operation per interconnect). */
export function runningOperation(record: Pick<InventoryRecord, "operations">): OperationRecord | undefined {
  return record.operations.find((operation) => operation.status === "Running");
}

/** One change an operation makes to its interconnect's record (RecordOperationActivity's input). */
export const OperationChange = z.object({
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
  steps: z.array(StepProgress).optional(),
  failedStep: z.string().optional(),
  error: Failure.optional(),
  rolledBack: z.boolean().optional(),
  evidence: ConnectivityEvidence.optional(),
  warnings: z.array(z.string()).optional(),
});
export type OperationChange = z.infer<typeof OperationChange>;

/** Operations kept per record; older ones are dropped (the Durable history keeps the detail). */
export const OPERATION_HISTORY_LIMIT = 20;

function sequenceOf(instanceId: string): number {
  const match = /\.(\d+)$/.exec(instanceId);
  return match ? Number(match[1]) : 0;
}

/** The fields every lifecycle record has (an interconnect's, a VPN link's), whatever its spec and resources. */
export interface LifecycleRecordShape<State extends string = string, Spec = unknown, Resources extends object = object> {
  name: string;
  state: State;
  sequence: number;
  spec: Spec;
  specHash: string;
  resources: Resources;
  operations: Array<Omit<OperationRecord, "operation"> & { operation: string }>;
  steps: StepProgress[];
  warnings: string[];
  createdAt: string;
  updatedAt: string;
}

/** One change to a lifecycle record, whatever it describes. */
export interface LifecycleChangeShape<R extends LifecycleRecordShape> {
  name: string;
  instanceId: string;
  operation: R["operations"][number]["operation"];
  requestHash: string;
  ticketId?: string | undefined;
  phase: "started" | "progress" | "succeeded" | "failed";
  at: string;
  state?: R["state"] | undefined;
  spec?: R["spec"] | undefined;
  resources?: Partial<R["resources"]> | undefined;
  steps?: StepProgress[] | undefined;
  failedStep?: string | undefined;
  error?: Failure | undefined;
  rolledBack?: boolean | undefined;
  warnings?: string[] | undefined;
}

/**
 * Applies an operation's change to the record. Idempotent (replaying a change gives the same record) and
 * order-tolerant: a late "started" never reopens an operation that already ended.
 */
export function applyOperationChange(current: InventoryRecord | null, change: OperationChange, specHash: string): InventoryRecord | null {
  const record = applyLifecycleChange(current, change, specHash);
  if (record && change.evidence) record.evidence = change.evidence;
  return record;
}

/** applyOperationChange for any lifecycle record: the operation's bookkeeping, state, resources, steps and warnings. */
export function applyLifecycleChange<R extends LifecycleRecordShape>(current: R | null, change: LifecycleChangeShape<R>, specHash: string): R | null {
  const spec = change.spec ?? current?.spec;
  if (spec === undefined) return null; // nothing to attach the change to (only setup creates records)
  const record: R = current
    ? structuredClone(current)
    : ({ name: change.name, state: "Provisioning", sequence: 0, spec, specHash, resources: {}, operations: [], steps: [], warnings: [], createdAt: change.at, updatedAt: change.at } as unknown as R);

  if (change.spec !== undefined) {
    record.spec = change.spec;
    record.specHash = specHash;
  }
  record.sequence = Math.max(record.sequence, sequenceOf(change.instanceId));
  const existing = record.operations.find((operation) => operation.instanceId === change.instanceId);
  const ended = existing !== undefined && existing.status !== "Running";
  if (!existing) {
    record.operations.push({
      instanceId: change.instanceId,
      operation: change.operation,
      requestHash: change.requestHash,
      ...(change.ticketId ? { ticketId: change.ticketId } : {}),
      status: "Running",
      startedAt: change.at,
    });
    record.operations = record.operations.slice(-OPERATION_HISTORY_LIMIT);
  }
  const operation = record.operations.find((candidate) => candidate.instanceId === change.instanceId);
  if (ended && (change.phase === "started" || change.phase === "progress")) return record;

  if (change.phase === "succeeded" || change.phase === "failed") {
    if (operation) {
      operation.status = change.phase === "succeeded" ? "Succeeded" : "Failed";
      operation.endedAt = change.at;
      if (change.failedStep) operation.failedStep = change.failedStep;
      if (change.error) operation.error = change.error;
      if (change.rolledBack !== undefined) operation.rolledBack = change.rolledBack;
    }
  }
  if (change.state) record.state = change.state;
  const gone = change.state !== undefined && (GONE_STATES as readonly string[]).includes(change.state);
  if (change.resources) record.resources = (gone ? {} : { ...record.resources, ...change.resources }) as R["resources"];
  if (gone) record.resources = {} as R["resources"];
  if (change.steps) record.steps = change.steps;
  if (change.warnings) record.warnings = change.warnings;
  record.updatedAt = change.at;
  return record;
}
