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
        const report = await checkPermissions(accounts, plan);
        return { kind: "ok" as const, report, applied: (applied?.changes ?? []).filter((change) => change.action !== "unchanged") };
      },
      classifyCloudError,
    ),
  };
}
