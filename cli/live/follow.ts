import { type InterlinkApi } from "../api/client";
import { type Collection } from "../api/collections";
import { type FailureView, type OperatedView, type OperationView, type StatusDocument } from "../api/schemas";
import { CliError } from "../errors";
import { EXIT } from "../exit-codes";
import { type Runtime } from "../io";
import { type ProgressDisplay, type ProgressSnapshot } from "./display";

/** The operation to follow: by instance id when known, else by ticket, else the running (or latest) one of its kind. */
export interface FollowTarget {
  /** What it runs on: an interconnect or a VPN link. */
  collection: Collection;
  name: string;
  operation: string;
  instanceId?: string;
  /** The newest operation started for this ticket (once it shows in the inventory). */
  ticketId?: string;
  /** The status URL a 202 named, read while the inventory does not show the operation yet. */
  location?: URL;
}

export interface FollowOptions {
  intervalMs: number;
  timeoutMs?: number;
}

export interface StepFailureInfo {
  step?: string;
  error?: FailureView;
  rolledBack?: boolean;
}

export type FollowEnd =
  | { kind: "succeeded"; view: OperatedView | null; operation?: OperationView }
  | { kind: "failed"; view: OperatedView | null; operation?: OperationView; failure: StepFailureInfo }
  | { kind: "timedOut"; view: OperatedView | null; operation?: OperationView; elapsedMs: number }
  | { kind: "interrupted"; view: OperatedView | null; operation?: OperationView };

const TERMINAL_RUNTIME = new Set(["Completed", "Failed", "Terminated", "Canceled"]);
const TERMINAL_STATUS = new Set(["Succeeded", "Failed", "Completed", "Terminated", "RolledBack", "Canceled"]);

function ended(document: StatusDocument): boolean {
  return (document.runtimeStatus !== undefined && TERMINAL_RUNTIME.has(document.runtimeStatus)) || (document.status !== undefined && TERMINAL_STATUS.has(document.status));
}

/** What a finished status document says: success, or the failed step and the cloud's error. */
function outcomeOf(document: StatusDocument): { succeeded: true } | { succeeded: false; failure: StepFailureInfo } {
  const output = document.output ?? undefined;
  const succeeded = document.runtimeStatus === "Completed" ? output?.status !== "failed" : document.status === "Succeeded" || document.status === "Completed";
  if (succeeded) return { succeeded: true };
  const step = output?.failedStep ?? document.failedStep ?? document.error?.step;
  const error = output?.error ?? document.error ?? undefined;
  const rolledBack = output?.rolledBack;
  return { succeeded: false, failure: { ...(step ? { step } : {}), ...(error ? { error } : {}), ...(rolledBack !== undefined ? { rolledBack } : {}) } };
}

/** The instance id in a status URL such as `.../instances/<id>?...` or `.../operations/<id>`, if it names one of `name`'s. */
export function instanceIdIn(location: URL | undefined, name: string, collection: Pick<Collection, "ownsInstance">): string | undefined {
  const segments = location?.pathname.split("/").map((segment) => decodeURIComponent(segment)) ?? [];
  return segments.reverse().find((segment) => collection.ownsInstance(segment, name));
}

export function findOperation(view: OperatedView, target: FollowTarget): OperationView | undefined {
  if (target.instanceId) return view.operations.find((operation) => operation.instanceId === target.instanceId);
  if (target.ticketId) return view.operations.filter((operation) => operation.ticketId === target.ticketId).at(-1);
  const ofKind = view.operations.filter((operation) => operation.operation === target.operation);
  return ofKind.find((operation) => operation.status === "Running") ?? ofKind.at(-1);
}

function failureOf(view: OperatedView, operation: OperationView): StepFailureInfo {
  const error = operation.error ?? view.lastError ?? view.currentOperation?.progress?.error;
  const step = operation.failedStep ?? error?.step;
  return { ...(step ? { step } : {}), ...(error ? { error } : {}), ...(operation.rolledBack !== undefined ? { rolledBack: operation.rolledBack } : {}) };
}

function snapshotOf(target: FollowTarget, view: OperatedView | null, operation: OperationView | undefined): ProgressSnapshot {
  if (!view || !operation) {
    const what = target.ticketId ? `an operation for ticket ${target.ticketId}` : `the ${target.operation}`;
    return { name: target.name, operation: target.operation, ...(view ? { state: view.state } : {}), steps: [], note: `waiting for ${what} to start` };
  }
  // `steps` is the live progress while the operation runs and the record's steps once it has started or ended.
  return { name: target.name, operation: operation.operation, state: view.state, steps: view.steps };
}

/**
 * Polls the record (`GET /interconnects/{name}`, `GET /vpn-links/{name}`: state, steps, operations, last error) until the operation
 * ends, the timeout passes or the user interrupts; the display shows every poll. While the inventory does not
 * show the operation yet, the status URL of the 202 says whether it ended before recording anything.
 */
export async function follow(api: Pick<InterlinkApi, "record" | "statusAt">, runtime: Runtime, display: ProgressDisplay, target: FollowTarget, options: FollowOptions): Promise<FollowEnd> {
  const started = runtime.now();
  let view: OperatedView | null = null;
  let operation: OperationView | undefined;
  try {
    for (;;) {
      if (runtime.signal?.aborted) return { kind: "interrupted", view, ...(operation ? { operation } : {}) };
      const read = await api.record(target.collection, target.name);
      view = read?.view ?? null;
      operation = view ? findOperation(view, target) : undefined;
      if (operation && operation.status !== "Running" && view) {
        display.update(snapshotOf(target, view, operation));
        return operation.status === "Succeeded" ? { kind: "succeeded", view, operation } : { kind: "failed", view, operation, failure: failureOf(view, operation) };
      }
      // A teardown removes what it tears down; a record that is gone altogether is gone (VPN links answer 404 once
      // Deleted): the operation's own status route still has its last steps to show.
      if (!view && target.operation === "teardown") {
        const status = target.location ? await api.statusAt(target.location) : null;
        if (status?.steps) display.update({ name: target.name, operation: target.operation, state: status.state ?? "Deleted", steps: status.steps });
        return { kind: "succeeded", view };
      }
      if (!operation && target.location) {
        const status = await api.statusAt(target.location);
        if (status && ended(status)) {
          const outcome = outcomeOf(status);
          display.update({ name: target.name, operation: target.operation, ...(view ? { state: view.state } : {}), steps: view?.steps ?? [] });
          return outcome.succeeded ? { kind: "succeeded", view } : { kind: "failed", view, failure: outcome.failure };
        }
      }
      display.update(snapshotOf(target, view, operation));
      const elapsedMs = runtime.now() - started;
      if (options.timeoutMs !== undefined && elapsedMs >= options.timeoutMs) return { kind: "timedOut", view, ...(operation ? { operation } : {}), elapsedMs };
      await runtime.sleep(options.timeoutMs === undefined ? options.intervalMs : Math.min(options.intervalMs, options.timeoutMs - elapsedMs), runtime.signal);
    }
  } catch (error) {
    if (error instanceof CliError && error.exitCode === EXIT.interrupted) return { kind: "interrupted", view, ...(operation ? { operation } : {}) };
    throw error;
  }
}
