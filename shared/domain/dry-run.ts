import { generatePolicies, type PolicySet } from "./iam";
import { planInterconnectCore, type InterconnectPlanCore } from "./plan";
import { planSecurityRules, type SecurityRulePlan } from "./security";
import { ruleBindings, unboundRuleProblems, unboundRuleWarnings, type RuleBinding } from "./security/binding";
import { parseWith, validationProblem, type ProblemDetails } from "./problem";
import { SetupRequest } from "./setup-request";
import { spokeCidrsOf } from "./spoke-plan";

/** Either a value or the problem document that explains why the input was refused. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: ProblemDetails };

/**
 * A new setup request: the schema's rules, and its security rules must protect something on both sides (unless
 * options.allowUnboundRules). Recorded interconnects are parsed with the schema alone.
 */
export function validateSetup(input: unknown): Outcome<SetupRequest> {
  const parsed = parseWith(SetupRequest, input);
  const errors = parsed.ok ? unboundRuleProblems(parsed.value) : parsed.errors;
  return parsed.ok && errors.length === 0 ? parsed : { ok: false, problem: validationProblem(errors, "The setup request is not valid") };
}

export type InterconnectPlan = InterconnectPlanCore & {
  /** OCI IAM policies the operators need (Oracle's documented prerequisites: NetworkAdmins / VirtualCircuitAdmins), and where they go. */
  iamPolicies: PolicySet;
  /** The security rules for exactly the declared traffic, on both sides. */
  securityRules: SecurityRulePlan;
  /** For each traffic rule, the subnets and VNICs its security rules protect on each side. */
  ruleBindings: RuleBinding[];
};

const FROM_CLOUD = "<read at preflight>";

/** The dry run: everything the setup would do, computed from the request alone, touching nothing. */
export function planSetup(input: unknown): Outcome<InterconnectPlan> {
  const valid = validateSetup(input);
  if (!valid.ok) return valid;
  const core = planInterconnectCore(valid.value);
  const iamPolicies = generatePolicies({ scenario: "interconnect" });
  const request = valid.value;
  const securityRules = planSecurityRules({
    name: request.name,
    vnetCidrs: [...(request.azure.vnet.addressSpaces ?? [FROM_CLOUD]), ...spokeCidrsOf(request, FROM_CLOUD)],
    vcnCidrs: request.oci.vcnCidrs ?? [FROM_CLOUD],
    peeredVcnCidrs: request.oci.peeredVcns.flatMap((vcn) => vcn.cidrs),
    traffic: request.traffic,
  });
  return {
    ok: true,
    value: {
      ...core,
      iamPolicies,
      securityRules,
      ruleBindings: ruleBindings(request),
      warnings: [
        ...core.warnings,
        ...unboundRuleWarnings(request),
        ...securityRules.notes,
        "Azure: the identity that runs Interlink needs Network Contributor on the resource group (circuits, gateways, connections, NSGs, route tables).",
      ],
    },
  };
}
