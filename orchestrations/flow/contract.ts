import { z } from "zod";

import { Failure } from "../../shared/domain/failure";

export { Failure };

export const FailedResult = z.object({ kind: z.literal("failed"), error: Failure });
export type FailedResult = z.infer<typeof FailedResult>;

/**
 * The name and the input/output schemas of one activity: imported by the orchestrator (to call it)
 * and by the activity registration (to implement it), so neither imports the other.
 */
export interface ActivityContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: string;
  input: I;
  output: O;
}

export function defineActivity<I extends z.ZodType, O extends z.ZodType>(name: string, input: I, output: O): ActivityContract<I, O> {
  return { name, input, output };
}

/** Output schema of an activity whose success is `ok` and whose permanent failure is `failed`. */
export function okOrFailed<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.discriminatedUnion("kind", [z.object({ kind: z.literal("ok"), ...shape }), FailedResult]);
}
