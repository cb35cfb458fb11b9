import { AsyncLocalStorage } from "node:async_hooks";
import { createHttpHeaders, type PipelinePolicy } from "@azure/core-rest-pipeline";
import { isNotFound } from "../errors";
import { type DeleteOptions, type OperationHandle, type Started } from "../port-results";

/**
 * How the Azure adapters send ARM writes and read resources: shared by network.ts (the interconnect) and vpn.ts
 * (VPN gateways and connections), so both treat a missing resource, an accepted PUT and its operation alike.
 * The ARM SDK's long-running calls go through these helpers only, so a change of its poller API is made here.
 */

/** Reads that return null for a missing resource instead of throwing. */
export async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** What a `begin*` call of @azure/arm-network 36 resolves to (core-lro 2's SimplePollerLike), as far as we use it. */
export interface Lro<T> {
  getOperationState(): { status: string; result?: T; error?: Error };
  getResult(): T | undefined;
  toString(): string;
}

/**
 * A serialized operation, to ask later how it ended. Never with a resource body (a circuit's carries its service
 * key, a connection's its shared key), nor the resource's location: a handle is only asked how the operation ended,
 * and arm-network 36 keeps that location as its path template, which a resumed poller would fill with the resumed
 * call's (empty) arguments.
 */
export function serializedOperation(poller: Lro<unknown>): OperationHandle {
  const serialized = JSON.parse(poller.toString()) as { state?: { result?: unknown; config?: { resourceLocation?: string } } };
  delete serialized.state?.result;
  delete serialized.state?.config?.resourceLocation;
  return JSON.stringify(serialized);
}

/** Set while a `begin*` call sends its initial request (see `submit`). */
export const submitting = new AsyncLocalStorage<true>();

/**
 * A `begin*` call of arm-network 36 sends its initial request and then polls the operation once before it resolves.
 * The orchestrator reads the operation when the change is due (near its typical duration), so that first poll is an
 * ARM read spent for nothing (one per write, against the subscription's read limit): while a write is being
 * submitted, the poll is answered here, as "in progress", and never sent. Added to the one ARM client's pipeline.
 */
export const initialRequestOnly: PipelinePolicy = {
  name: "interlinkInitialRequestOnly",
  async sendRequest(request, next) {
    if (submitting.getStore() && request.method === "GET") return { request, status: 202, headers: createHttpHeaders({ "content-type": "application/json" }), bodyAsText: JSON.stringify({ status: "InProgress" }) };
    return next(request);
  },
};

/**
 * Sends an operation's initial request only and returns the operation when ARM has not finished it: ARM may accept a
 * request and fail it later, so the orchestrator waits for it (getOperationStatus) before moving on. A refusal in the
 * first answer throws, for the classifier. Pass the `begin*` call as a function so its first poll is not sent.
 */
export async function submit(start: () => Lro<unknown> | Promise<Lro<unknown>>): Promise<Started> {
  const poller = await submitting.run(true, start);
  const status = poller.getOperationState().status;
  return status === "running" || status === "notStarted" ? { operation: serializedOperation(poller) } : {};
}

/**
 * A `begin*` call resumed from a serialized operation sends no initial request: it polls once. The resource
 * arguments are not used then (the serialized state holds the URL to poll).
 */
export const RESUMED = "";

/** Sends a PUT and returns the resource's id (read back) with the operation's handle. */
export async function started(start: () => Lro<unknown> | Promise<Lro<unknown>>, read: () => Promise<{ id?: string }>): Promise<{ id: string } & Started> {
  const operation = await submit(start);
  return { id: (await read()).id ?? "", ...operation };
}

/**
 * Starts a delete when the resource exists; a resource already gone is a successful delete. ARM answers a DELETE of a
 * missing resource 204 like a done one, so the resource is read first, unless the caller has just read it (`justRead`).
 */
export async function startDelete(read: () => Promise<unknown>, remove: () => Promise<Lro<unknown>>, options: DeleteOptions = {}): Promise<{ existed: boolean } & Started> {
  if (!options.justRead && (await orNull(read)) === null) return { existed: false };
  try {
    return { existed: true, ...(await submit(remove)) };
  } catch (error) {
    if (isNotFound(error)) return { existed: false };
    throw error;
  }
}
