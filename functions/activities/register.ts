import { type InvocationContext } from "@azure/functions";
import * as df from "durable-functions";
import { type z } from "zod";
import { type ActivityContract } from "../../orchestrations/flow/contract";
import { type ClassifiedError } from "../../shared/domain/failure";

export type ErrorClassifier = (error: unknown) => ClassifiedError;

export type ActivityInput<C extends ActivityContract> = z.output<C["input"]>;
export type ActivityOutput<C extends ActivityContract> = z.input<C["output"]>;
export type ActivityHandler<C extends ActivityContract> = (input: ActivityInput<C>, context: InvocationContext) => Promise<ActivityOutput<C>>;

/** One activity ready to register: its contract and the wrapped handler the Functions host calls. */
export interface Activity<C extends ActivityContract = ActivityContract> {
  contract: C;
  run(raw: unknown, context: InvocationContext): Promise<z.output<C["output"]>>;
}

/** A factory's activities, keyed by the name of the contract each implements. */
export type ActivitySet = Record<string, Activity>;

/**
 * Wraps an activity handler with the project's rules: the input and output are parsed with the contract;
 * a resource that is busy or not ready yet becomes `{ kind: "notReady", reason }` when the contract has that
 * result (the orchestrator waits on a durable timer and calls again); other transient errors are rethrown
 * (Durable retries them with RetryOptions); permanent ones become `{ kind: "failed", error }` carrying the
 * cloud's code and message, so the orchestrator fails fast. Rethrown errors carry only the classified code
 * and message, never request bodies or secrets.
 */
export function wrapActivity<C extends ActivityContract>(contract: C, handler: ActivityHandler<C>, classify: ErrorClassifier) {
  return async (raw: unknown, context: InvocationContext): Promise<z.output<C["output"]>> => {
    const input = contract.input.parse(raw) as ActivityInput<C>;
    let output: ActivityOutput<C>;
    try {
      output = await handler(input, context);
    } catch (error) {
      const verdict = classify(error);
      const summary = `${verdict.failure.cloud} ${verdict.failure.status ?? ""} ${verdict.failure.code}: ${verdict.failure.message}`.replace(/\s+/g, " ");
      const waiting = verdict.notReady ? contract.output.safeParse({ kind: "notReady", reason: `${verdict.failure.code}: ${verdict.failure.message}` }) : undefined;
      if (waiting?.success) {
        // Waiting is the normal course of provisioning (dozens of polls per setup): debug, not the console.
        context.debug(`${contract.name}: not ready: ${summary}; the orchestration waits and calls again`);
        return waiting.data as z.output<C["output"]>;
      }
      if (verdict.retryable) {
        context.warn(`${contract.name}: transient ${summary}; Durable will retry`);
        throw new Error(summary);
      }
      context.error(`${contract.name}: permanent ${summary}`);
      output = { kind: "failed", error: verdict.failure } as ActivityOutput<C>;
    }
    return contract.output.parse(output) as z.output<C["output"]>;
  };
}

/** Binds a handler to its contract and error classifier; nothing is registered until the composition root says so. */
export function activity<C extends ActivityContract>(contract: C, handler: ActivityHandler<C>, classify: ErrorClassifier): Activity<C> {
  return { contract, run: wrapActivity(contract, handler, classify) };
}

/** Registers activities with the Functions host, each under its contract's name. */
export function registerActivities(...sets: ActivitySet[]): void {
  for (const set of sets) {
    for (const [key, bound] of Object.entries(set)) {
      if (key !== bound.contract.name) throw new Error(`activity ${key} implements ${bound.contract.name}; key it by its contract's name`);
      df.app.activity(bound.contract.name, { handler: (raw: unknown, context: InvocationContext) => bound.run(raw, context) });
    }
  }
}
