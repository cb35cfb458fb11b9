import { RecordOperationActivity, type RecordOperationInput } from "../contracts/inventory";
import { call, type Flow } from "../flow/steps";
import { type LifecycleInput } from "./input";
import { expectOk } from "./kit";
import { type Operation } from "../../shared/domain/naming";

type Change = Omit<RecordOperationInput, "name" | "instanceId" | "operation" | "requestHash" | "ticketId" | "at">;

/** Writes one inventory change for this operation (through an activity: orchestrators do no I/O). */
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
}
