import { EmitEventActivity } from "../contracts/events";
import { RecordOperationActivity, type RecordOperationInput } from "../contracts/inventory";
import { call, type Flow } from "../flow/steps";
import { type LifecycleInput } from "./input";
import { expectOk } from "./kit";
import { type Operation } from "../../shared/domain/naming";

/** The fields of one inventory change that the operation decides (the rest come from its input). */
export type Change = Omit<RecordOperationInput, "name" | "instanceId" | "operation" | "requestHash" | "ticketId" | "at">;

const OUTCOMES = { started: "accepted", succeeded: "succeeded", failed: "failed" } as const;

/**
 * Writes one inventory change for this operation (through an activity: orchestrators do no I/O) and, for
 * the transitions a ticketing system follows (accepted, succeeded, failed), one event.
 */
export function* record(input: LifecycleInput, operation: Operation, instanceId: string, at: Date, change: Change): Flow<void> {
  expectOk(
    "inventory",
    yield* call(RecordOperationActivity, {
      name: input.request.name,
      instanceId,
      operation,
      requestHash: input.requestHash,
      ...(input.ticketId ? { ticketId: input.ticketId } : {}),
      at: at.toISOString(),
      ...change,
    }),
  );
  yield* emitPhaseEvent({ name: input.request.name, ticketId: input.ticketId, action: operation, instanceId, at }, change);
}

/** The event a ticketing system follows for an operation's accepted, succeeded and failed transitions (none for progress). */
export function* emitPhaseEvent(
  subject: { name: string; ticketId?: string | undefined; action: string; instanceId: string; at: Date },
  change: { phase: "started" | "progress" | "succeeded" | "failed"; state?: string | undefined; failedStep?: string | undefined; error?: { cloud: string; code: string; message: string } | undefined; rolledBack?: boolean | undefined },
): Flow<void> {
  if (change.phase === "progress") return;
  const { instanceId, at } = subject;
  const outcome = OUTCOMES[change.phase];
  const detail: Record<string, unknown> = { instanceId };
  if (change.state) detail.state = change.state;
  if (change.failedStep) detail.step = change.failedStep;
  if (change.error) Object.assign(detail, { cloud: change.error.cloud, code: change.error.code, message: change.error.message });
  if (change.rolledBack !== undefined) detail.rolledBack = change.rolledBack;
  expectOk(
    "events",
    yield* call(EmitEventActivity, {
      eventId: `${instanceId}:${outcome}`,
      ...(subject.ticketId ? { ticketId: subject.ticketId } : {}),
      name: subject.name,
      action: subject.action,
      outcome,
      detail,
      at: at.toISOString(),
    }),
  );
}
