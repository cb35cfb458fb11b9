import { type FaultRuleInput } from "@interlink/cloud-emulators";
import { LifecycleOutcome } from "../../shared/domain/lifecycle";
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

export async function run(stack: InProcessStack, method: string, path: string, json?: unknown) {
  const response = await stack.host.http.request(method, path, json === undefined ? {} : { json });
  return { status: response.status, body: response.json<Record<string, unknown>>() };
}

/** Starts an operation over HTTP and runs the host until it finishes; returns the parsed outcome. */
export async function operate(stack: InProcessStack, method: string, path: string, json?: unknown) {
  const started = await run(stack, method, path, json);
  if (started.status !== 202) throw new Error(`expected 202, got ${started.status}: ${JSON.stringify(started.body)}`);
  const instanceId = String(started.body.instanceId);
  const status = await stack.host.waitForCompletion(instanceId, { timeoutMs: 60_000 });
  return { instanceId, status, outcome: LifecycleOutcome.parse(status.output) };
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
