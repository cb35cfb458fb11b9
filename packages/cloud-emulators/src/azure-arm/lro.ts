import { guid } from "../core/ids";
import type { EmulatorReply } from "../core/http";
import type { World } from "../core/world";
import { ArmError } from "./errors";
import type { ArmOperation } from "./model";

/**
 * Long-running operations as @azure/core-lro 3 polls them:
 * - PUT answers 201/200 with `Azure-AsyncOperation`; the poller GETs that URL until `status` is
 *   terminal (`InProgress` keeps it polling), then GETs the resource for the result.
 * - DELETE and POST actions answer 202 with `Location` and `Azure-AsyncOperation`; DELETE has no final
 *   GET, POST actions finish with a GET on `Location` (`operationResults`), which then returns the body.
 * - A failed operation reports `{status:"Failed",error:{code,message}}`; the SDK throws
 *   "The long-running operation has failed. <code>. <message>".
 */
export interface LroContext {
  /** `https://host:port` the client used. */
  origin: string;
  subscriptionId: string;
  apiVersion: string;
}

export function normaliseLocation(location: string): string {
  return location.toLowerCase().replace(/\s+/g, "");
}

export function startOperation(world: World, kind: ArmOperation["kind"], resourceKey: string, location: string): ArmOperation {
  const operation: ArmOperation = { id: guid(), location: normaliseLocation(location), kind, resourceKey, status: "InProgress", startTime: world.now };
  world.state.azure.operations[operation.id] = operation;
  world.dirty = true;
  return operation;
}

export function finishOperation(world: World, operationId: string, outcome: { error?: { code: string; message: string }; result?: unknown }): void {
  const operation = world.state.azure.operations[operationId];
  if (!operation || operation.status !== "InProgress") return;
  operation.status = outcome.error ? "Failed" : "Succeeded";
  operation.endTime = world.now;
  if (outcome.error) operation.error = outcome.error;
  if (outcome.result !== undefined) operation.result = outcome.result;
  world.dirty = true;
}

export function operationInProgress(world: World, operationId: string | undefined): boolean {
  return operationId !== undefined && world.state.azure.operations[operationId]?.status === "InProgress";
}

function operationsBase(context: LroContext, operation: ArmOperation): string {
  return `${context.origin}/subscriptions/${context.subscriptionId}/providers/Microsoft.Network/locations/${operation.location}`;
}

export function lroHeaders(context: LroContext, operation: ArmOperation): Record<string, string> {
  const base = operationsBase(context, operation);
  const asyncOperation = `${base}/operations/${operation.id}?api-version=${context.apiVersion}`;
  if (operation.kind === "put") return { "azure-asyncoperation": asyncOperation };
  return { "azure-asyncoperation": asyncOperation, location: `${base}/operationResults/${operation.id}?api-version=${context.apiVersion}` };
}

function findOperation(world: World, operationId: string): ArmOperation {
  const operation = world.state.azure.operations[operationId.toLowerCase()] ?? world.state.azure.operations[operationId];
  if (!operation) throw new ArmError(404, "NotFound", `Operation ${operationId} not found.`);
  return operation;
}

/** GET `.../locations/{loc}/operations/{id}` (Azure-AsyncOperation). */
export function operationStatusReply(world: World, operationId: string): EmulatorReply {
  const operation = findOperation(world, operationId);
  const body: Record<string, unknown> = { id: operation.id, name: operation.id, status: operation.status, startTime: new Date(operation.startTime).toISOString() };
  if (operation.endTime !== undefined) body.endTime = new Date(operation.endTime).toISOString();
  if (operation.error) body.error = { ...operation.error, details: [] };
  return { status: 200, json: body };
}

/** GET `.../locations/{loc}/operationResults/{id}` (Location). */
export function operationResultReply(world: World, operationId: string, selfUrl: string): EmulatorReply {
  const operation = findOperation(world, operationId);
  if (operation.status === "InProgress") return { status: 202, headers: { location: selfUrl } };
  if (operation.status === "Failed") {
    const error = operation.error ?? { code: "InternalServerError", message: "An error occurred." };
    return { status: 400, json: { error } };
  }
  if (operation.kind === "action") return { status: 200, json: operation.result ?? { value: [] } };
  return { status: 204 };
}
