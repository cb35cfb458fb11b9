import type { EmulatorReply } from "../core/http";
import type { EventData, World } from "../core/world";
import { ArmError } from "./errors";
import type { ArmCall } from "./kinds";
import { finishOperation, lroHeaders, startOperation } from "./lro";

/**
 * POST actions (listArpTable, getLearnedRoutes, ...) are LROs with `location` final state: 202, then
 * the body is served by `operationResults` once done. The result is computed when the operation
 * finishes, from the state at that emulated time.
 */
export type ActionComputation = (world: World, data: EventData) => unknown;

const computations = new Map<string, ActionComputation>();

export function defineAction(name: string, compute: ActionComputation): void {
  computations.set(name, compute);
}

export function startAction(call: ArmCall, name: string, resourceKey: string, location: string, data: EventData, durationMs = call.world.config.durations.armAction): EmulatorReply {
  if (!computations.has(name)) throw new Error(`unknown ARM action ${name}`);
  const operation = startOperation(call.world, "action", resourceKey, location);
  const failed = call.world.effects.lroFailed;
  call.world.scheduleProvisioning(durationMs, "arm.action.done", {
    ...data,
    action: name,
    opId: operation.id,
    ...(failed ? { failCode: failed.code, failMessage: failed.message } : {}),
  });
  return { status: 202, headers: lroHeaders(call.lro, operation) };
}

export function registerActionEvents(world: World): void {
  world.on("arm.action.done", (w, event) => {
    const opId = String(event.data.opId);
    if (typeof event.data.failCode === "string") {
      finishOperation(w, opId, { error: { code: event.data.failCode, message: String(event.data.failMessage ?? "An error occurred.") } });
      return;
    }
    const compute = computations.get(String(event.data.action));
    try {
      finishOperation(w, opId, { result: compute ? w.reading(() => compute(w, event.data)) : { value: [] } });
    } catch (error) {
      if (!(error instanceof ArmError)) throw error;
      finishOperation(w, opId, { error: { code: error.code, message: error.message } });
    }
  });
}
