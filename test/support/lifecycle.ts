import { type FaultRuleInput } from "@interlink/cloud-emulators";
import { type Failure } from "../../shared/domain/failure";
import { LifecycleOutcome } from "../../shared/domain/lifecycle";
import { OperationStatus } from "../../shared/operations/view";
import { type SetupRequestInput } from "../../shared/domain/setup-request";
import { type InProcessStack } from "./in-process-stack";
import { designRequest } from "./requests";

/** DESIGN.md's example under another name (resources are named after it), optionally changed. */
export function namedRequest(name: string, change?: (request: SetupRequestInput) => void): SetupRequestInput {
  return designRequest((request) => {
    request.name = name;
    change?.(request);
  });
}

/** One request to the app as a client with the host key (needed for every route when keys are enforced). */
export async function run(stack: InProcessStack, method: string, path: string, json?: unknown) {
  const headers = { "x-functions-key": stack.host.host.keys.all.hostKeys.default ?? "" };
  const response = await stack.host.http.request(method, path, json === undefined ? { headers } : { json, headers });
  return { status: response.status, headers: response.headers, body: response.json<Record<string, unknown>>() };
}

/**
 * Runs the host until a started operation finishes and reads it back from its 202's Location (Interlink's status
 * route): a failed operation ends `Failed` in Durable, so its step, error and rollback come from there.
 */
export async function finished(stack: InProcessStack, instanceId: string, location: string, timeoutMs = 60_000) {
  const status = await stack.host.waitForCompletion(instanceId, { timeoutMs });
  const operation = OperationStatus.parse((await run(stack, "GET", location)).body);
  if (status.runtimeStatus === "Completed") return { instanceId, status, operation, outcome: LifecycleOutcome.parse(status.output) };
  // What it left is on the record; the outcome says how it ended.
  const { step, ...error } = operation.error ?? { step: undefined };
  const failed: LifecycleOutcome = {
    status: "failed",
    operation: operation.operation,
    name: operation.name,
    ...(step ? { failedStep: step, error: error as Failure } : {}),
    ...(operation.rolledBack !== undefined ? { rolledBack: operation.rolledBack } : {}),
    resources: {},
    warnings: [],
  };
  return { instanceId, status, operation, outcome: failed };
}

/** Starts an operation over HTTP and follows it to its end. */
export async function operate(stack: InProcessStack, method: string, path: string, json?: unknown) {
  const started = await run(stack, method, path, json);
  if (started.status !== 202) throw new Error(`expected 202, got ${started.status}: ${JSON.stringify(started.body)}`);
  return finished(stack, String(started.body.instanceId), String(started.headers.location));
}

export const setup = (stack: InProcessStack, request: SetupRequestInput) => operate(stack, "POST", "/api/interconnects", request);
export const teardown = (stack: InProcessStack, name: string) => operate(stack, "DELETE", `/api/interconnects/${name}`);

export async function fault(stack: InProcessStack, rule: FaultRuleInput) {
  return stack.emulators.admin.addFault(rule);
}

/** Resources of both clouds tagged for an interconnect, as the emulators hold them. */
export async function taggedResources(stack: InProcessStack, name: string) {
  // Deletes ARM accepted finish in emulated time; let it pass before looking.
  await stack.host.clock.advance(60 * 60_000);
  const snapshot = await stack.emulators.admin.snapshot();
  const live = (state: unknown) => !["TERMINATED", "TERMINATING", "DETACHED", "DETACHING"].includes(String(state));
  return [
    ...snapshot.azure.filter((entry) => (entry.resource.tags as Record<string, string> | undefined)?.interlink === name).map((entry) => `azure ${entry.kind} ${String(entry.resource.name)}`),
    ...snapshot.oci
      .filter((entry) => (entry.resource.freeformTags as Record<string, string> | undefined)?.interlink === name && live(entry.resource.lifecycleState))
      .map((entry) => `oci ${entry.kind} ${String(entry.resource.displayName)}`),
  ];
}
