import { CheckPermissionsActivity } from "../../orchestrations/contracts/permissions";
import { type OciAccounts } from "../../shared/clouds/oci/accounts";
import { classifyCloudError } from "../../shared/clouds/errors";
import { checkPermissions, planOrApplyPolicies } from "../../shared/operations/oci-permissions";
import { activity } from "./register";

/** The setup's permission preflight (and policy apply), over Interlink's OCI accounts. */
export function createPermissionActivities(deps: { accounts: () => Promise<OciAccounts> }) {
  return {
    [CheckPermissionsActivity.name]: activity(
      CheckPermissionsActivity,
      async (input) => {
        const accounts = await deps.accounts();
        const plan = { name: input.ref.name, oci: input.oci };
        const applied = input.apply ? await planOrApplyPolicies(accounts, plan, { operationId: input.ref.operationId }) : undefined;
        // Read once for both the check (the VCN's compartment) and preflight after it; a signer without an identity to check reads it in preflight.
        const own = await accounts.own();
        const vcn = own.identity.principal() ? await own.network().getVcn(input.oci.vcnId) : null;
        const report = await checkPermissions(accounts, { ...plan, ...(vcn ? { vcnCompartmentId: vcn.compartmentId } : {}) });
        return { kind: "ok" as const, report, applied: (applied?.changes ?? []).filter((change) => change.action !== "unchanged"), ...(vcn ? { vcn } : {}) };
      },
      classifyCloudError,
    ),
  };
}
