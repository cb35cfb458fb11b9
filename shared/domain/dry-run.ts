import { generatePolicies, type PolicySet } from "./iam";
import { planInterconnectCore, type InterconnectPlanCore } from "./plan";
import { parseWith, validationProblem, type ProblemDetails } from "./problem";
import { SetupRequest } from "./setup-request";

/** Either a value or the problem document that explains why the input was refused. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: ProblemDetails };

export function validateSetup(input: unknown): Outcome<SetupRequest> {
  const parsed = parseWith(SetupRequest, input);
  return parsed.ok ? parsed : { ok: false, problem: validationProblem(parsed.errors, "The setup request is not valid") };
}

export type InterconnectPlan = InterconnectPlanCore & {
  /** OCI IAM policies the operators need (seed 000: NetworkAdmins / VirtualCircuitAdmins), and where they go. */
  iamPolicies: PolicySet;
};

/** The dry run: everything the setup would do, computed from the request alone, touching nothing. */
export function planSetup(input: unknown): Outcome<InterconnectPlan> {
  const valid = validateSetup(input);
  if (!valid.ok) return valid;
  const core = planInterconnectCore(valid.value);
  const iamPolicies = generatePolicies({ scenario: "interconnect" });
  return {
    ok: true,
    value: {
      ...core,
      iamPolicies,
      warnings: [
        ...core.warnings,
        "Azure: the identity that runs Interlink needs Network Contributor on the resource group (circuits, gateways, connections, NSGs, route tables).",
      ],
    },
  };
}
