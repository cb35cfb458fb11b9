import { type InvocationContext } from "@azure/functions";
import * as df from "durable-functions";
import { type z } from "zod";
import { type ActivityContract } from "../../orchestrations/flow/contract";
import { type ClassifiedError } from "../../shared/domain/failure";

export type ErrorClassifier = (error: unknown) => ClassifiedError;

export type ActivityHandler<C extends ActivityContract> = (input: z.output<C["input"]>, context: InvocationContext) => Promise<z.input<C["output"]>>;

/**
 * Wraps an activity handler with the project's rules: the input and output are parsed with the contract;
 * transient cloud errors are rethrown (Durable retries them with RetryOptions); permanent ones become
 * `{ kind: "failed", error }` carrying the cloud's code and message, so the orchestrator fails fast.
 * Rethrown errors carry only the classified code and message, never request bodies or secrets.
 */
export function wrapActivity<C extends ActivityContract>(contract: C, handler: ActivityHandler<C>, classify: ErrorClassifier) {
  return async (raw: unknown, context: InvocationContext): Promise<z.output<C["output"]>> => {
    const input = contract.input.parse(raw) as z.output<C["input"]>;
    let output: z.input<C["output"]>;
    try {
      output = await handler(input, context);
    } catch (error) {
      const verdict = classify(error);
      const summary = `${verdict.failure.cloud} ${verdict.failure.status ?? ""} ${verdict.failure.code}: ${verdict.failure.message}`.replace(/\s+/g, " ");
      if (verdict.retryable) {
        context.warn(`${contract.name}: transient ${summary}; Durable will retry`);
        throw new Error(summary);
      }
      context.error(`${contract.name}: permanent ${summary}`);
      output = { kind: "failed", error: verdict.failure } as z.input<C["output"]>;
    }
    return contract.output.parse(output) as z.output<C["output"]>;
  };
}

export function registerActivity<C extends ActivityContract>(contract: C, handler: ActivityHandler<C>, classify: ErrorClassifier): void {
  df.app.activity(contract.name, { handler: wrapActivity(contract, handler, classify) });
}
