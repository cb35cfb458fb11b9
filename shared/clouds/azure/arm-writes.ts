import { failedOperation, isNotFound } from "../errors";
import { type OperationHandle, type Started } from "../ports";

/**
 * How the Azure adapters send ARM writes and read resources: shared by network.ts (the interconnect) and vpn.ts
 * (VPN gateways and connections), so both treat a missing resource, an accepted PUT and its operation alike.
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

/**
 * Sends an operation's initial request and returns: the orchestrator watches the resource's own state.
 * An operation that ARM already reports Failed shows as provisioningState Failed on the next read, so
 * that is not an error here (the read turns it into a permanent step failure).
 */
export async function submit(poller: { submitted(): Promise<void> }): Promise<void> {
  try {
    await poller.submitted();
  } catch (error) {
    if (failedOperation(error)) return;
    throw error;
  }
}

type Poller = { operationState?: { status: string }; serialize(): Promise<string> };

/**
 * The handle of an operation ARM is still working on, to ask later why it failed. A finished poller may carry
 * the resource itself (a circuit's service key, a connection's shared key), so only a running one is kept, and
 * never its body.
 */
export async function operationHandle(poller: Poller): Promise<OperationHandle | undefined> {
  const status = poller.operationState?.status;
  if (status !== "running" && status !== "notStarted") return undefined;
  const serialized = JSON.parse(await poller.serialize()) as { state?: Record<string, unknown> };
  if (serialized.state) delete serialized.state.result;
  return JSON.stringify(serialized);
}

/** Sends a PUT and returns the resource's id (read back) with the operation's handle. */
export async function started(poller: Poller & { submitted(): Promise<void> }, read: () => Promise<{ id?: string }>): Promise<Started> {
  await submit(poller);
  const operation = await operationHandle(poller);
  return { id: (await read()).id ?? "", ...(operation ? { operation } : {}) };
}

/** Starts a delete when the resource exists; a resource already gone is a successful delete. */
export async function startDelete(read: () => Promise<unknown>, remove: () => { submitted(): Promise<void> }): Promise<{ existed: boolean }> {
  if ((await orNull(read)) === null) return { existed: false };
  try {
    await submit(remove());
  } catch (error) {
    if (isNotFound(error)) return { existed: false };
    throw error;
  }
  return { existed: true };
}
