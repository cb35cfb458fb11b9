import { type z } from "zod";
import { type ActivityContract } from "./contract";

/** What a flow asks the scheduler to do next: run one activity, run several side by side, or wait until a time. */
export type FlowRequest =
  | { kind: "call"; contract: ActivityContract; input: unknown }
  | { kind: "calls"; contract: ActivityContract; inputs: unknown[] }
  | { kind: "sleep"; untilMs: number };

/**
 * A flow is a plain generator of requests. Flows hold workflow logic; the scheduler turns their requests
 * into Durable tasks, which lets several flows wait side by side in one orchestration without sub-orchestrations.
 */
export type Flow<T> = Generator<FlowRequest, T, unknown>;

/** Calls an activity; its output is parsed with the contract, so a flow never handles `any`. */
export function* call<I extends z.ZodType, O extends z.ZodType>(contract: ActivityContract<I, O>, input: z.input<I>): Flow<z.output<O>> {
  const raw = yield { kind: "call", contract, input: contract.input.parse(input) };
  return contract.output.parse(raw) as z.output<O>;
}

/**
 * Calls one activity once per input, all at the same time, and returns the outputs in input order. For fan-out
 * over many independent items (each call a longer piece of work); the caller bounds how many go at once.
 */
export function* callEach<I extends z.ZodType, O extends z.ZodType>(contract: ActivityContract<I, O>, inputs: ReadonlyArray<z.input<I>>): Flow<Array<z.output<O>>> {
  if (inputs.length === 0) return [];
  const raw = yield { kind: "calls", contract, inputs: inputs.map((input) => contract.input.parse(input)) };
  if (!Array.isArray(raw) || raw.length !== inputs.length) throw new Error(`expected ${inputs.length} outputs of ${contract.name}`);
  return raw.map((output) => contract.output.parse(output) as z.output<O>);
}

/** Waits until an absolute time (milliseconds since the epoch, from the orchestration clock). */
export function* sleepUntil(untilMs: number): Flow<void> {
  yield { kind: "sleep", untilMs };
}
