import { type InterlinkEvent } from "../domain/events";
import { specHash } from "../domain/fingerprint";
import { applyOperationChange, type OperationChange } from "../domain/inventory";
import { type LifecycleInput, type LifecycleOperationName, OPERATION_STATES } from "../domain/lifecycle";
import { STEPS_OF } from "../domain/steps";
import { type EventSink } from "../events/sink";
import { type InventoryStore } from "../inventory/store";

export interface AcceptDeps {
  inventory: InventoryStore;
  events: EventSink;
}

export interface Accepted {
  operation: LifecycleOperationName;
  instanceId: string;
  input: LifecycleInput;
  at: Date;
}

/** The `accepted` event of an operation; the orchestration's own has the same id, so only one is ever sent. */
export function acceptedEvent({ operation, instanceId, input, at }: Accepted): InterlinkEvent {
  const state = OPERATION_STATES[operation].running;
  return {
    eventId: `${instanceId}:accepted`,
    ...(input.ticketId ? { ticketId: input.ticketId } : {}),
    name: input.request.name,
    action: operation,
    outcome: "accepted",
    detail: { instanceId, ...(state ? { state } : {}) },
    at: at.toISOString(),
  };
}

/**
 * Records an operation as accepted before its orchestration starts, by the starter itself: the record (with the
 * operation's pending steps) is there when the caller gets its 202, and the `accepted` event goes out at once instead
 * of waiting for an activity slot behind cloud calls. The orchestration records the same start again (the change is
 * idempotent) and its event is deduplicated by id.
 */
export async function acceptOperation(deps: AcceptDeps, accepted: Accepted): Promise<void> {
  const { operation, instanceId, input, at } = accepted;
  const state = OPERATION_STATES[operation].running;
  const change: OperationChange = {
    name: input.request.name,
    instanceId,
    operation,
    requestHash: input.requestHash,
    ...(input.ticketId ? { ticketId: input.ticketId } : {}),
    phase: "started",
    at: at.toISOString(),
    ...(state ? { state } : {}),
    ...(operation === "setup" ? { spec: input.request } : {}),
    steps: STEPS_OF[operation].map((step) => ({ id: step.id, title: step.title, status: "pending" as const })),
  };
  // Side by side: both are written before the orchestration starts, in either order.
  await Promise.all([
    deps.inventory.update(change.name, (current) => applyOperationChange(current, change, change.spec ? specHash(change.spec) : (current?.specHash ?? ""))),
    deps.events.emit(acceptedEvent(accepted)),
  ]);
}
