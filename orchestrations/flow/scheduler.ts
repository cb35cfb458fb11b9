import * as df from "durable-functions";
import { type OrchestrationContext } from "durable-functions";
import { dateAt } from "../../shared/domain/time";
import { type Flow, type FlowRequest } from "./steps";

/**
 * Activities throw only on transient cloud errors; these retries absorb throttling storms and 5xx bursts
 * (2 s, 4 s, ... capped at 60 s: about six minutes over ten attempts).
 */
export const TRANSIENT_RETRY = Object.assign(new df.RetryOptions(2_000, 10), {
  backoffCoefficient: 2,
  maxRetryIntervalInMilliseconds: 60_000,
});

/** A flow's end: its value, its failure, or `stopped` when another flow's failure ended the run first. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown; stopped?: true };

type FlowResult<F> = F extends Flow<infer T> ? T : never;

export interface Running {
  key: string;
  flow: Flow<unknown>;
  pending: FlowRequest | null;
  settled: Settled<unknown> | null;
}

/** Flows to start once the flow with this key succeeded with this value (placed right after it in visiting order). */
export type Successors = (key: string, value: unknown) => Array<{ key: string; flow: Flow<unknown> }>;

type Resume = (entry: Running) => IteratorResult<FlowRequest, unknown>;

function advance(entry: Running, resume: Resume): void {
  try {
    const next = resume(entry);
    if (next.done) {
      entry.settled = { ok: true, value: next.value };
      entry.pending = null;
    } else {
      entry.pending = next.value;
    }
  } catch (error) {
    entry.settled = { ok: false, error };
    entry.pending = null;
  }
}

const begin: Resume = (entry) => entry.flow.next();

function task(context: OrchestrationContext, request: Extract<FlowRequest, { kind: "call" | "calls" }>): df.Task {
  if (request.kind === "call") return context.df.callActivityWithRetry(request.contract.name, TRANSIENT_RETRY, request.input);
  return context.df.Task.all(request.inputs.map((input) => context.df.callActivityWithRetry(request.contract.name, TRANSIENT_RETRY, input)));
}

/**
 * The scheduling loop under runFlows and runGraph. Activity requests are executed one after another (each is a
 * single quick cloud call, or one fan-out of calls), and while every flow is waiting a single durable timer
 * sleeps until the earliest wake-up. When a flow fails, no flow is advanced any further (fail fast).
 * Deterministic: flows are visited in list order and only the orchestration clock is read.
 */
export function* drive(context: OrchestrationContext, running: Running[], successors?: Successors): Generator<df.Task, void, unknown> {
  const move = (entry: Running, resume: Resume): void => {
    advance(entry, resume);
    if (!successors || !entry.settled?.ok) return;
    const started = successors(entry.key, entry.settled.value).map(({ key, flow }): Running => ({ key, flow, pending: null, settled: null }));
    running.splice(running.indexOf(entry) + 1, 0, ...started);
    for (const next of started) move(next, begin);
  };
  for (const entry of [...running]) move(entry, begin);

  for (;;) {
    if (running.some((entry) => entry.settled && !entry.settled.ok)) return;
    const caller = running.find((entry) => entry.pending?.kind === "call" || entry.pending?.kind === "calls");
    if (caller && (caller.pending?.kind === "call" || caller.pending?.kind === "calls")) {
      const request = caller.pending;
      try {
        const output: unknown = yield task(context, request);
        move(caller, (entry) => entry.flow.next(output));
      } catch (error) {
        move(caller, (entry) => entry.flow.throw(error));
      }
      continue;
    }
    const sleepers = running.filter((entry): entry is Running & { pending: { kind: "sleep"; untilMs: number } } => entry.pending?.kind === "sleep");
    if (sleepers.length === 0) return;
    const wakeAt = Math.min(...sleepers.map((entry) => entry.pending.untilMs));
    if (wakeAt > context.df.currentUtcDateTime.getTime()) yield context.df.createTimer(dateAt(wakeAt));
    const now = context.df.currentUtcDateTime.getTime();
    for (const entry of sleepers) if (entry.pending.untilMs <= now) move(entry, (sleeper) => sleeper.flow.next());
  }
}

/**
 * Runs flows side by side in one orchestration (see `drive`) and reports how each ended; flows that a
 * failure stopped end as `stopped`.
 */
export function* runFlows<Flows extends Record<string, Flow<unknown>>>(
  context: OrchestrationContext,
  flows: Flows,
): Generator<df.Task, { [K in keyof Flows]: Settled<FlowResult<Flows[K]>> }, unknown> {
  const running: Running[] = Object.keys(flows).map((key) => ({ key, flow: flows[key] as Flow<unknown>, pending: null, settled: null }));
  yield* drive(context, running);
  const results: Record<string, Settled<unknown>> = {};
  for (const entry of running) results[entry.key] = entry.settled ?? { ok: false, stopped: true, error: new Error(`flow ${entry.key} was stopped because another flow failed`) };
  return results as { [K in keyof Flows]: Settled<FlowResult<Flows[K]>> };
}

/** The failure that ended a runFlows call (not the flows it stopped), or undefined when all succeeded. */
export function firstFailure(results: Record<string, Settled<unknown>>): unknown {
  const failures = Object.values(results).filter((result): result is { ok: false; error: unknown; stopped?: true } => !result.ok);
  return (failures.find((failure) => !failure.stopped) ?? failures[0])?.error;
}

/** Runs one flow and returns its value, rethrowing its failure. */
export function* runFlow<T>(context: OrchestrationContext, flow: Flow<T>): Generator<df.Task, T, unknown> {
  const { only } = yield* runFlows(context, { only: flow });
  if (!only.ok) throw only.error;
  return only.value as T;
}
