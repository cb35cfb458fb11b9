import { fingerprint, specHash } from "../domain/fingerprint";
import { isGone, runningOperation, type InventoryRecord, type OperationRecord } from "../domain/inventory";
import {
  LifecycleInput,
  RESIZE_ORCHESTRATOR,
  RESUME_ORCHESTRATOR,
  SETUP_ORCHESTRATOR,
  SUSPEND_ORCHESTRATOR,
  TEARDOWN_ORCHESTRATOR,
  UPDATE_ORCHESTRATOR,
} from "../domain/lifecycle";
import { instanceId as instanceIdOf, type Operation } from "../domain/naming";
import { type SetupRequest } from "../domain/setup-request";
import { type VpnOperation } from "../domain/vpn-link-record";
import { currentTime } from "../config/clock";
import { type EventSink } from "../events/sink";
import { type InventoryStore } from "../inventory/store";
import { acceptOperation } from "./accept";
import { isTerminal, type OrchestrationClientPort } from "./ports";

export type OperationCommand =
  | { operation: "setup"; request: SetupRequest }
  | { operation: "teardown" | "suspend" | "resume"; name: string; ticketId?: string | undefined; reason?: string | undefined }
  | { operation: "resize"; name: string; bandwidthMbps: number; ticketId?: string | undefined }
  /** A topology change: `request` is the whole spec after it (validated by the caller). */
  | { operation: "update"; name: string; request: SetupRequest; ticketId?: string | undefined };

export type StartOutcome =
  | { kind: "started"; instanceId: string; name: string; operation: Operation | VpnOperation }
  /** The same request again: the operation it started (its ticket, when it had one). */
  | { kind: "existing"; instanceId: string; name: string; operation: Operation | VpnOperation; ticketId?: string }
  | { kind: "conflict"; name: string; message: string; instanceId?: string }
  | { kind: "not-found"; name: string; message: string };

export interface StartDeps {
  inventory: InventoryStore;
  orchestrations: OrchestrationClientPort;
  /** Where the `accepted` event goes, written with the record before the orchestration starts. */
  events: EventSink;
  /** The time an operation is accepted at; the host's clock unless a test says otherwise. */
  now?: () => Date;
}

const ORCHESTRATORS: Record<OperationCommand["operation"], string> = {
  setup: SETUP_ORCHESTRATOR,
  teardown: TEARDOWN_ORCHESTRATOR,
  resize: RESIZE_ORCHESTRATOR,
  suspend: SUSPEND_ORCHESTRATOR,
  resume: RESUME_ORCHESTRATOR,
  update: UPDATE_ORCHESTRATOR,
};

const nameOf = (command: OperationCommand) => (command.operation === "setup" ? command.request.name : command.name);
const ticketOf = (command: OperationCommand) => (command.operation === "setup" ? command.request.ticketId : command.ticketId);

/** Setup requests are identified by their spec; other operations by what they ask for and their ticket. */
export function requestHashOf(command: OperationCommand): string {
  if (command.operation === "setup") return specHash(command.request);
  if (command.operation === "update") return fingerprint({ operation: "update", name: command.name, spec: specHash(command.request), ticketId: command.ticketId });
  const { reason: _reason, ...identity } = command as OperationCommand & { reason?: string };
  return fingerprint(identity);
}

/** Why an operation cannot run in the interconnect's current state, or null. */
function precondition(record: InventoryRecord, command: OperationCommand): string | null {
  const state = record.state;
  switch (command.operation) {
    case "setup":
    case "teardown":
      return null;
    case "suspend":
      return state === "Active" || state === "Degraded" ? null : `only an Active or Degraded interconnect can be suspended; ${record.name} is ${state}`;
    case "resume":
      return state === "Suspended" ? null : `only a Suspended interconnect can be resumed; ${record.name} is ${state}`;
    case "update":
      if (state !== "Active" && state !== "Degraded") return `only an Active or Degraded interconnect can change its topology; ${record.name} is ${state}`;
      return specHash(command.request) === record.specHash ? `${record.name} already has this topology: nothing to change` : null;
    case "resize": {
      if (!["Active", "Degraded", "Suspended"].includes(state)) return `only an Active, Degraded or Suspended interconnect can be resized; ${record.name} is ${state}`;
      const current = record.spec.azure.circuit.bandwidthMbps;
      if (command.bandwidthMbps === current) return `${record.name} already runs at ${current} Mbps`;
      if (command.bandwidthMbps < current) {
        return `ExpressRoute cannot lower a circuit's bandwidth in place (${current} -> ${command.bandwidthMbps} Mbps); tear the interconnect down and set it up again at the lower bandwidth`;
      }
      return null;
    }
  }
}

/**
 * The one start path behind both triggers (HTTP and queue): finds a replay of the same request, refuses a
 * second live operation or a different spec under the same name, and otherwise starts the orchestration
 * under a deterministic instance id `<name>.<operation>.<sequence>`.
 */
export async function startOperation(deps: StartDeps, command: OperationCommand): Promise<StartOutcome> {
  const name = nameOf(command);
  const operation = command.operation;
  const requestHash = requestHashOf(command);
  const ticketId = ticketOf(command);
  const record = await deps.inventory.get(name);
  const existing = (op: OperationRecord): StartOutcome => ({ kind: "existing", instanceId: op.instanceId, name, operation: op.operation, ...(op.ticketId ? { ticketId: op.ticketId } : {}) });

  // Accepted (recorded) but never started, because the start failed after the record was written: the same request
  // starts it now under its recorded id.
  const accepted = record ? runningOperation(record) : undefined;
  if (record && accepted && accepted.operation === operation && accepted.requestHash === requestHash && !(await deps.orchestrations.getStatus(accepted.instanceId))) {
    return launch(deps, command, record, accepted.instanceId, requestHash, ticketId);
  }

  if (operation === "setup") {
    // Deleted or rolled back: nothing of it is left in the clouds, so the name is free for any spec.
    if (record && !isGone(record)) {
      const lastSetup = record.operations.filter((op) => op.operation === "setup").at(-1);
      if (record.specHash !== requestHash || !lastSetup) {
        return { kind: "conflict", name, message: `interconnect ${name} already exists with a different specification; change its bandwidth, spokes, app subnets, peered VCNs, VCN route tables or traffic rules with PATCH (the rest needs a teardown first)` };
      }
      // The same spec again reports its setup, unless that setup is the latest operation and failed: then it retries.
      const retry = lastSetup.status === "Failed" && record.operations.at(-1) === lastSetup;
      if (!retry) return existing(lastSetup);
    }
  } else if (!record || record.state === "Deleted") {
    return { kind: "not-found", name, message: `no interconnect named ${name}` };
  }

  if (record) {
    const live = await liveOperation(deps.orchestrations, record);
    if (live) {
      if (live.operation === operation && live.requestHash === requestHash) return existing(live);
      return { kind: "conflict", name, instanceId: live.instanceId, message: `${live.operation} (${live.instanceId}) is still running on ${name}; one operation at a time` };
    }
    // A replay of the latest operation reports it, unless it failed: sending a failed request again retries it.
    const latest = record.operations.at(-1);
    const replayed =
      latest &&
      latest.status !== "Failed" &&
      latest.operation === operation &&
      latest.requestHash === requestHash &&
      (operation !== "setup" || (ticketId !== undefined && latest.ticketId === ticketId));
    if (latest && replayed) return existing(latest);
    const refusal = precondition(record, command);
    if (refusal) return { kind: "conflict", name, message: refusal };
  }

  return launch(deps, command, record, instanceIdOf(name, operation, (record?.sequence ?? 0) + 1), requestHash, ticketId);
}

/**
 * Records the operation as accepted (record and `accepted` event), then starts its orchestration under the given
 * deterministic id. A starter that lost the race for the id reports the winner's instance, or a conflict.
 */
async function launch(deps: StartDeps, command: OperationCommand, record: InventoryRecord | null, instanceId: string, requestHash: string, ticketId: string | undefined): Promise<StartOutcome> {
  const { operation } = command;
  const name = nameOf(command);
  const input: LifecycleInput = LifecycleInput.parse({
    request: command.operation === "setup" ? command.request : record?.spec,
    requestHash,
    ...(ticketId ? { ticketId } : {}),
    resources: record && operation !== "setup" ? record.resources : {},
    ...(command.operation === "resize" ? { bandwidthMbps: command.bandwidthMbps } : {}),
    ...(command.operation === "update" ? { target: command.request } : {}),
  });

  // Without a record no instance of this name was accepted; a racing starter is caught by start itself below.
  const before = record ? await deps.orchestrations.getStatus(instanceId) : null;
  if (before) return existingOrConflict(before.input, requestHash, name, instanceId, operation);
  await acceptOperation(deps, { operation, instanceId, input, at: (deps.now ?? currentTime)() });
  try {
    await deps.orchestrations.start(ORCHESTRATORS[operation], instanceId, input);
  } catch (error) {
    // Another starter won the race for this id: same request -> same instance; otherwise a conflict.
    const after = await deps.orchestrations.getStatus(instanceId);
    if (!after) throw error;
    return existingOrConflict(after.input, requestHash, name, instanceId, operation);
  }
  return { kind: "started", instanceId, name, operation };
}

function conflictWith(name: string, instanceId: string): StartOutcome {
  return { kind: "conflict", name, instanceId, message: `another request for ${name} started ${instanceId} first` };
}

/** An instance already under this id: the same request's (reported with its ticket), or another's (a conflict). */
function existingOrConflict(input: unknown, requestHash: string, name: string, instanceId: string, operation: Operation): StartOutcome {
  const parsed = LifecycleInput.safeParse(input);
  if (!parsed.success || parsed.data.requestHash !== requestHash) return conflictWith(name, instanceId);
  return { kind: "existing", instanceId, name, operation, ...(parsed.data.ticketId ? { ticketId: parsed.data.ticketId } : {}) };
}

/** The inventory's running operation, unless Durable says it has already ended (e.g. it was terminated). */
async function liveOperation(orchestrations: OrchestrationClientPort, record: InventoryRecord): Promise<OperationRecord | undefined> {
  const running = runningOperation(record);
  if (!running) return undefined;
  const status = await orchestrations.getStatus(running.instanceId);
  return status && !isTerminal(status) ? running : undefined;
}
