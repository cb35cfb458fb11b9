import { isNotFound } from "../errors";
import { type Started } from "../port-results";

/**
 * How the Azure adapters send ARM writes and read resources: shared by network.ts (the interconnect) and vpn.ts
 * (VPN gateways and connections), so both treat a missing resource, an accepted PUT and its operation alike.
 * The ARM SDK's long-running calls are used here only, so a change of its poller API is made in this file.
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

/** What the adapters need of an ARM poller: its first request sent, whether it is done, its resumable state. */
export interface SubmittedPoller {
  submitted(): Promise<void>;
  isDone: boolean;
  serialize(): Promise<string>;
}

/**
 * Sends an operation's initial request and returns the operation when ARM has not finished it: ARM may accept a
 * request and fail it later, so the orchestrator waits for it (getOperationStatus) before moving on. A refusal in
 * the first answer throws, for the classifier.
 */
export async function submit(poller: SubmittedPoller): Promise<Started> {
  await poller.submitted();
  if (poller.isDone) return {};
  // The handle rides in orchestration history: never with a resource body (a circuit's service key, a connection's shared key).
  const serialized = JSON.parse(await poller.serialize()) as { state?: Record<string, unknown> };
  if (serialized.state) delete serialized.state.result;
  return { operation: JSON.stringify(serialized) };
}

/** Sends a PUT and returns the resource's id (read back) with the operation's handle. */
export async function started(poller: SubmittedPoller, read: () => Promise<{ id?: string }>): Promise<{ id: string } & Started> {
  const operation = await submit(poller);
  return { id: (await read()).id ?? "", ...operation };
}

/** Starts a delete when the resource exists; a resource already gone is a successful delete. */
export async function startDelete(read: () => Promise<unknown>, remove: () => SubmittedPoller): Promise<{ existed: boolean } & Started> {
  if ((await orNull(read)) === null) return { existed: false };
  try {
    return { existed: true, ...(await submit(remove())) };
  } catch (error) {
    if (isNotFound(error)) return { existed: false };
    throw error;
  }
}
