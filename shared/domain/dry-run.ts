import { planInterconnectCore, type InterconnectPlanCore } from "./plan";
import { parseWith, validationProblem, type ProblemDetails } from "./problem";
import { SetupRequest } from "./setup-request";

/** Either a value or the problem document that explains why the input was refused. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: ProblemDetails };

export function validateSetup(input: unknown): Outcome<SetupRequest> {
  const parsed = parseWith(SetupRequest, input);
  return parsed.ok ? parsed : { ok: false, problem: validationProblem(parsed.errors, "The setup request is not valid") };
}

export type InterconnectPlan = InterconnectPlanCore;

/** The dry run: everything the setup would do, computed from the request alone, touching nothing. */
export function planSetup(input: unknown): Outcome<InterconnectPlan> {
  const valid = validateSetup(input);
  return valid.ok ? { ok: true, value: planInterconnectCore(valid.value) } : valid;
}
