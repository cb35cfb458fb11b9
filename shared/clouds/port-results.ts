/** What the cloud ports answer besides their views (ports.ts and vpn-ports.ts both use these). */

export type Tags = Record<string, string>;

/** A resource that cannot be used or changed yet (being deleted, still provisioning): try again later. */
export interface NotReady {
  notReady: string;
}

export const isNotReady = <T extends object>(value: T | NotReady): value is NotReady => "notReady" in value;

/** An ARM operation started but not awaited: serialised so an orchestrator can check on it later. */
export type OperationHandle = string;

/** An ARM write's long-running operation, when ARM answered before finishing it: waited for, and asked why it failed. */
export interface Started {
  operation?: OperationHandle;
}

/** For a delete: the caller has just read the resource and found it, so the delete is sent without reading it again. */
export interface DeleteOptions {
  justRead?: boolean;
}
