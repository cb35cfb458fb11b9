/** What the cloud ports answer besides their views (ports.ts and vpn-ports.ts both use these). */

export type Tags = Record<string, string>;

/** A resource that cannot be used or changed yet (being deleted, still provisioning): try again later. */
export interface NotReady {
  notReady: string;
}

export const isNotReady = <T extends object>(value: T | NotReady): value is NotReady => "notReady" in value;

/** An ARM operation started but not awaited: serialised so an orchestrator can check on it later. */
export type OperationHandle = string;

/** A PUT ARM accepted: the resource's id and, while ARM is still working on it, the operation to ask why it failed. */
export interface Started {
  id: string;
  operation?: OperationHandle;
}
