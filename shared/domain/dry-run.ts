import { generatePolicies, type PolicySet } from "./iam";
import { planInterconnectCore, type InterconnectPlanCore } from "./plan";
import { planSecurityRules, type SecurityRulePlan } from "./security";
import { parseWith, validationProblem, type ProblemDetails } from "./problem";
import { SetupRequest } from "./setup-request";
import { spokeCidrsOf } from "./spoke-plan";

/** Either a value or the problem document that explains why the input was refused. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: ProblemDetails };

export function validateSetup(input: unknown): Outcome<SetupRequest> {
  const parsed = parseWith(SetupRequest, input);
  return parsed.ok ? parsed : { ok: false, problem: validationProblem(parsed.errors, "The setup request is not valid") };
}

export type InterconnectPlan = InterconnectPlanCore & {
  /** OCI IAM policies the operators need (Oracle's documented prerequisites: NetworkAdmins / VirtualCircuitAdmins), and where they go. */
  iamPolicies: PolicySet;
  /** The security rules for exactly the declared traffic, on both sides. */
  securityRules: SecurityRulePlan;
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
      warnings: [
        ...core.warnings,
        ...securityRules.notes,
        "Azure: the identity that runs Interlink needs Network Contributor on the resource group (circuits, gateways, connections, NSGs, route tables).",
      ],
    },
  };
}
