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

interface Running {
  key: string;
  flow: Flow<unknown>;
  pending: FlowRequest | null;
  settled: Settled<unknown> | null;
}

function advance(entry: Running, resume: () => IteratorResult<FlowRequest, unknown>): void {
  try {
    const next = resume();
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

/**
 * Runs flows side by side in one orchestration: activity requests are executed one after another (each is
 * a single quick cloud call), and while every flow is waiting a single durable timer sleeps until the
 * earliest wake-up. When a flow fails, the others are not advanced any further (fail fast).
 * Deterministic: flows are visited in key order and only the orchestration clock is read.
 */
export function* runFlows<Flows extends Record<string, Flow<unknown>>>(
  context: OrchestrationContext,
  flows: Flows,
): Generator<df.Task, { [K in keyof Flows]: Settled<FlowResult<Flows[K]>> }, unknown> {
  const running: Running[] = Object.keys(flows).map((key) => ({ key, flow: flows[key] as Flow<unknown>, pending: null, settled: null }));
  for (const entry of running) advance(entry, () => entry.flow.next());

  for (;;) {
    if (running.some((entry) => entry.settled && !entry.settled.ok)) break;
    const caller = running.find((entry) => entry.pending?.kind === "call");
    if (caller && caller.pending?.kind === "call") {
      const request = caller.pending;
      try {
        const output: unknown = yield context.df.callActivityWithRetry(request.contract.name, TRANSIENT_RETRY, request.input);
        advance(caller, () => caller.flow.next(output));
      } catch (error) {
        advance(caller, () => caller.flow.throw(error));
      }
      continue;
    }
    const sleepers = running.filter((entry): entry is Running & { pending: { kind: "sleep"; untilMs: number } } => entry.pending?.kind === "sleep");
    if (sleepers.length === 0) break;
    const wakeAt = Math.min(...sleepers.map((entry) => entry.pending.untilMs));
    if (wakeAt > context.df.currentUtcDateTime.getTime()) yield context.df.createTimer(dateAt(wakeAt));
    const now = context.df.currentUtcDateTime.getTime();
    for (const entry of sleepers) if (entry.pending.untilMs <= now) advance(entry, () => entry.flow.next());
  }

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
