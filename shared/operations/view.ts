import { deriveBgpAddressing } from "../domain/bgp";
import { cidr } from "../domain/cidr";
import { type InventoryRecord, runningOperation } from "../domain/inventory";
import { OperationProgress } from "../domain/progress";
import { type InstanceStatus } from "./ports";

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

export interface InterconnectSummary {
  name: string;
  state: string;
  ticketId?: string;
  bandwidthMbps: number;
  azureRegion: string;
  ociRegion: string;
  currentOperation: string | null;
  lastHealth: string | null;
  updatedAt: string;
}

export function summaryOf(record: InventoryRecord): InterconnectSummary {
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
    updatedAt: record.updatedAt,
  };
}

/** The full view of one interconnect: inventory, live progress of a running operation, derived BGP. */
export function detailOf(record: InventoryRecord, live: InstanceStatus | null, basePath: string) {
  const running = runningOperation(record);
  // Custom status is whatever the orchestration last published (nothing yet right after the start).
  const parsed = OperationProgress.safeParse(live?.customStatus);
  const progress = parsed.success ? parsed.data : null;
  return redact({
    name: record.name,
    state: record.state,
    spec: record.spec,
    bgp: deriveBgpAddressing(cidr(record.spec.bgp.primary), cidr(record.spec.bgp.secondary)),
    resources: record.resources,
    currentOperation:
      running && live
        ? { instanceId: running.instanceId, operation: running.operation, runtimeStatus: live.runtimeStatus, progress }
        : null,
    steps: progress?.steps ?? record.steps,
    operations: record.operations,
    evidence: record.evidence ?? null,
    lastHealth: record.lastHealth ?? null,
    warnings: record.warnings,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    links: { self: `${basePath}/interconnects/${record.name}`, health: `${basePath}/interconnects/${record.name}/health` },
  });
}
