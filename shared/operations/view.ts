import { z } from "zod";
import { deriveBgpAddressing } from "../domain/bgp";
import { cidr } from "../domain/cidr";
import { ConnectivityEvidence } from "../domain/evidence";
import { Failure } from "../domain/failure";
import { HealthReport } from "../domain/health";
import { InterconnectResources, InterconnectState, type InventoryListing, type InventoryRecord, type LifecycleRecordShape, OperationRecord, runningOperation } from "../domain/inventory";
import { parseVpnInstanceId, VPN_CLIENT_PACKAGE_STEPS, VPN_ROTATE_STEPS, VPN_SETUP_STEPS, VPN_TEARDOWN_STEPS } from "../domain/vpn-link-record";
import { LifecycleOutcome } from "../domain/lifecycle";
import { OperationProgress, StepProgress } from "../domain/progress";
import { parseInstanceId } from "../domain/naming";
import { SetupRequest } from "../domain/setup-request";
import { STEPS_OF } from "../domain/steps";
import { type InstanceStatus, isTerminal } from "./ports";

const SECRET_KEY = /servicekey|sharedkey|privatekey|password|secret|passphrase/i;

/** Defence in depth: drops any secret-looking field from a value before it leaves the process. */
export function redact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(redact) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) out[key] = SECRET_KEY.test(key) ? "[redacted]" : redact(entry);
    return out as T;
  }
  return value;
}

/** Where a client follows an operation: Interlink's own status route (never Durable's management URLs). */
export function operationPath(basePath: string, name: string, instanceId: string, collection: "interconnects" | "vpn-links" = "interconnects"): string {
  return `${basePath}/${collection}/${name}/operations/${instanceId}`;
}

export const LastError = z
  .object({
    operation: z.string().describe("The operation that failed: setup, teardown, resize, suspend, resume or update."),
    instanceId: z.string().describe("Its instance id; GET /api/interconnects/{name}/operations/{instanceId} shows its steps."),
    step: z.string().describe("The step that failed."),
    ...Failure.shape,
    at: z.string().describe("When the failure was recorded (ISO 8601)."),
    rolledBack: z.boolean().optional().describe("Setup only: true when the rollback removed everything the setup had created."),
  })
  .describe("The error of the interconnect's latest operation, when that operation failed; null otherwise.");
export type LastError = z.infer<typeof LastError>;

/** The latest operation's error, when it failed (a later operation that succeeded clears it). */
export function lastErrorOf(record: Pick<LifecycleRecordShape, "operations" | "updatedAt">): LastError | null {
  const latest = record.operations.at(-1);
  if (!latest || latest.status !== "Failed" || !latest.error) return null;
  return {
    operation: latest.operation,
    instanceId: latest.instanceId,
    step: latest.failedStep ?? latest.operation,
    ...latest.error,
    at: latest.endedAt ?? record.updatedAt,
    ...(latest.rolledBack !== undefined ? { rolledBack: latest.rolledBack } : {}),
  };
}

export const InterconnectSummary = z
  .object({
    name: z.string(),
    state: InterconnectState,
    ticketId: z.string().optional(),
    bandwidthMbps: z.number().int(),
    azureRegion: z.string(),
    ociRegion: z.string(),
    currentOperation: z.string().nullable().describe("Instance id of the operation running now, or null."),
    lastHealth: z.string().nullable().describe("Verdict of the last health check (healthy, degraded, down, suspended), or null when never checked."),
    lastCheckedAt: z.string().nullable().describe("When the last health check ran, or null when never checked."),
    lastError: LastError.nullable(),
    updatedAt: z.string(),
  })
  .describe("One interconnect in the list.");
export type InterconnectSummary = z.infer<typeof InterconnectSummary>;

export const InterconnectList = z.object({
  value: z.array(InterconnectSummary).describe("One page of interconnects in name order: every one except deleted ones (Failed and RolledBack included), or those in the state asked for."),
  continuationToken: z.string().optional().describe("Present when more may follow: pass it as ?continuationToken= for the next page."),
  nextLink: z.string().optional().describe("The next page's path, with this page's query: present with continuationToken."),
});

export function summaryOf(record: InventoryListing): InterconnectSummary {
  const running = runningOperation(record);
  return {
    name: record.name,
    state: record.state,
    ...(record.spec.ticketId ? { ticketId: record.spec.ticketId } : {}),
    bandwidthMbps: record.spec.azure.circuit.bandwidthMbps,
    azureRegion: record.spec.azure.region,
    ociRegion: record.spec.oci.region,
    currentOperation: running ? running.instanceId : null,
    lastHealth: record.lastHealth?.verdict ?? null,
    lastCheckedAt: record.lastHealth?.checkedAt ?? null,
    lastError: lastErrorOf(record),
    updatedAt: record.updatedAt,
  };
}

const BgpSession = z.object({
  block: z.string().describe("The /30 block as requested; also Azure's peer address prefix."),
  oracleBgpPeeringIp: z.string().describe("OCI oracleBgpPeeringIp: the block's 2nd address, with the prefix length."),
  customerBgpPeeringIp: z.string().describe("OCI customerBgpPeeringIp (the Azure side): the block's 3rd address, with the prefix length."),
  azurePeerAddressPrefix: z.string(),
  oracleAddress: z.string(),
  azureAddress: z.string(),
});
/** The derived addressing is a domain interface; detailOf's return type keeps this schema in step with it. */
const Bgp = z.object({ primary: BgpSession, secondary: BgpSession }).describe("BGP addressing derived from the two /30 blocks.");

const Links = z.record(z.string(), z.string()).describe("Related routes of this API (paths under the same host).");

export const InterconnectDetail = z
  .object({
    name: z.string(),
    state: InterconnectState,
    spec: SetupRequest.describe("The setup request as stored, defaults filled in (after a resize, with the new bandwidth)."),
    bgp: Bgp,
    resources: InterconnectResources.describe("What this interconnect created or adopted (ids), so teardown knows what to remove."),
    currentOperation: z
      .object({
        instanceId: z.string(),
        operation: z.string(),
        runtimeStatus: z.string().describe("Durable Functions' runtime status of the instance."),
        progress: OperationProgress.nullable().describe("The steps as the orchestration last published them; null right after the start."),
        links: Links,
      })
      .nullable()
      .describe("The operation running now, or null."),
    steps: z.array(StepProgress).describe("The steps of the latest operation (live while it runs)."),
    operations: z.array(OperationRecord).describe("The latest operations on this interconnect (at most 20), oldest first."),
    lastError: LastError.nullable(),
    evidence: ConnectivityEvidence.nullable().describe("What the last passing connection test saw."),
    lastHealth: HealthReport.nullable(),
    warnings: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    links: Links,
  })
  .describe("One interconnect: state, step progress, resource ids, BGP, evidence, last health, last error.");
export type InterconnectDetail = z.infer<typeof InterconnectDetail>;

/** The full view of one interconnect: inventory, live progress of a running operation, derived BGP. */
export function detailOf(record: InventoryRecord, live: InstanceStatus | null, basePath: string): InterconnectDetail {
  const running = runningOperation(record);
  // Custom status is whatever the orchestration last published (nothing yet right after the start).
  const parsed = OperationProgress.safeParse(live?.customStatus);
  const progress = parsed.success ? parsed.data : null;
  const self = `${basePath}/interconnects/${record.name}`;
  return redact({
    name: record.name,
    state: record.state,
    spec: record.spec,
    bgp: deriveBgpAddressing(cidr(record.spec.bgp.primary), cidr(record.spec.bgp.secondary)),
    resources: record.resources,
    currentOperation:
      running && live
        ? {
            instanceId: running.instanceId,
            operation: running.operation,
            runtimeStatus: live.runtimeStatus,
            progress,
            links: { status: operationPath(basePath, record.name, running.instanceId) },
          }
        : null,
    steps: progress?.steps ?? record.steps,
    operations: record.operations,
    lastError: lastErrorOf(record),
    evidence: record.evidence ?? null,
    lastHealth: record.lastHealth ?? null,
    warnings: record.warnings,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    links: { self, health: `${self}/health` },
  });
}

export const OperationResult = z.enum(["running", "succeeded", "failed", "terminated"]);

export const OperationStatus = z
  .object({
    name: z.string(),
    instanceId: z.string(),
    operation: z.string(),
    result: OperationResult.describe("running until the operation ends; then succeeded, failed (see error) or terminated (stopped by an operator)."),
    done: z.boolean().describe("True once the operation has ended, whatever the result."),
    runtimeStatus: z.string().describe("Durable Functions' runtime status: Pending, Running, Completed, Failed or Terminated; Unknown when its history was purged."),
    step: z.string().nullable().describe("The step running now, or the one that ended last."),
    steps: z.array(StepProgress),
    error: Failure.extend({ step: z.string() }).optional().describe("Why it failed: the step and the cloud's code and message."),
    rolledBack: z.boolean().optional().describe("Setup only: whether the rollback removed everything the failed setup had created."),
    state: InterconnectState.nullable().describe("The interconnect's state now (null when it has no record)."),
    createdAt: z.string().optional(),
    lastUpdatedAt: z.string().optional(),
    links: Links,
  })
  .describe("One lifecycle operation as it runs and after it ended: the target of the Location header of every 202.");
export type OperationStatus = z.infer<typeof OperationStatus>;

/** What the operation routes serve: interconnects, or VPN links (their own steps and instance ids). */
export type Collection = "interconnects" | "vpn-links";

const VPN_STEPS_OF = { setup: VPN_SETUP_STEPS, teardown: VPN_TEARDOWN_STEPS, "rotate-key": VPN_ROTATE_STEPS, "client-package": VPN_CLIENT_PACKAGE_STEPS } as const;

function operationOfId(instanceId: string, collection: Collection): string | undefined {
  return collection === "vpn-links" ? parseVpnInstanceId(instanceId)?.operation : parseInstanceId(instanceId)?.operation;
}

/** Before the orchestration published anything: the operation's steps, all pending. */
function pendingSteps(operation: string | undefined, collection: Collection): z.infer<typeof StepProgress>[] {
  const table: Record<string, ReadonlyArray<{ id: string; title: string }>> = collection === "vpn-links" ? VPN_STEPS_OF : STEPS_OF;
  const definitions = operation ? table[operation] : undefined;
  return (definitions ?? []).map((step) => ({ id: step.id, title: step.title, status: "pending" }));
}

function resultOf(live: InstanceStatus | null, recorded: Pick<OperationRecord, "status"> | undefined): z.infer<typeof OperationResult> {
  if (live) {
    if (!isTerminal(live)) return "running";
    if (live.runtimeStatus === "Completed") {
      // Instances that finished before failures ended `Failed` report a failure as their output.
      const outcome = LifecycleOutcome.safeParse(live.output);
      return outcome.success && outcome.data.status === "failed" ? "failed" : "succeeded";
    }
    return live.runtimeStatus === "Failed" ? "failed" : "terminated";
  }
  return recorded?.status === "Succeeded" ? "succeeded" : recorded?.status === "Failed" ? "failed" : "running";
}

/**
 * One operation's status from Durable (runtime status, the published steps) and the inventory (the recorded
 * error and rollback, the interconnect's state); null when neither knows the instance.
 */
export function operationStatusOf(
  name: string,
  instanceId: string,
  record: Pick<InventoryRecord, "operations" | "steps" | "state"> | Pick<LifecycleRecordShape<InterconnectState>, "operations" | "steps" | "state"> | null,
  live: InstanceStatus | null,
  basePath: string,
  collection: Collection = "interconnects",
): OperationStatus | null {
  const recorded = record?.operations.find((operation) => operation.instanceId === instanceId);
  if (!live && !recorded) return null;
  const parsed = OperationProgress.safeParse(live?.customStatus);
  const progress = parsed.success ? parsed.data : null;
  const latest = record?.operations.at(-1)?.instanceId === instanceId;
  const steps = progress?.steps ?? (latest && record?.steps.length ? record.steps : undefined) ?? pendingSteps(recorded?.operation ?? operationOfId(instanceId, collection), collection);
  const result = resultOf(live, recorded);
  const recordedError = recorded?.error ? { ...recorded.error, step: recorded.failedStep ?? recorded.operation } : undefined;
  // A failure the orchestration could not record (e.g. the inventory was unreachable) still says why.
  const unrecorded =
    result === "failed" && !progress?.error && !recordedError
      ? { cloud: "interlink" as const, code: "OperationFailed", message: typeof live?.output === "string" ? live.output : "the operation failed", step: progress?.step ?? "unknown" }
      : undefined;
  const error = progress?.error ?? recordedError ?? unrecorded;
  return redact({
    name,
    instanceId,
    operation: recorded?.operation ?? progress?.operation ?? operationOfId(instanceId, collection) ?? "unknown",
    result,
    done: result !== "running",
    runtimeStatus: live?.runtimeStatus ?? "Unknown",
    step: progress?.step ?? steps.findLast((step) => step.status !== "pending")?.id ?? steps[0]?.id ?? null,
    steps,
    ...(error && result === "failed" ? { error } : {}),
    ...(recorded?.rolledBack !== undefined ? { rolledBack: recorded.rolledBack } : {}),
    state: record?.state ?? null,
    ...(live ? { createdAt: live.createdTime, lastUpdatedAt: live.lastUpdatedTime } : recorded ? { createdAt: recorded.startedAt, ...(recorded.endedAt ? { lastUpdatedAt: recorded.endedAt } : {}) } : {}),
    links: { self: operationPath(basePath, name, instanceId, collection), [collection === "vpn-links" ? "vpnLink" : "interconnect"]: `${basePath}/${collection}/${name}` },
  });
}
