import { describeMissing } from "../../shared/domain/iam/permission-report";
import { type SetupContext } from "./flows";
import { CheckPermissionsActivity } from "../contracts/permissions";
import { StepFailure } from "../flow/failure";
import { call, type Flow } from "../flow/steps";
import { expectOk } from "../lifecycle/kit";
import { type ReadVcn, targetOf } from "../contracts/common";

/**
 * The first thing preflight does, before any write: apply the plan's OCI policies when asked, then check that
 * Interlink's identity may do everything the plan needs. A missing statement stops the setup here, naming the
 * statement and where it belongs; statements that could not be read become warnings.
 */
export function* permissionPreflight(ctx: SetupContext): Flow<{ warnings: string[]; vcn?: ReadVcn }> {
  const target = targetOf(ctx.base);
  const result = expectOk("preflight", yield* call(CheckPermissionsActivity, { ref: target.ref, oci: target.oci, apply: ctx.base.request.options.applyPolicies }));
  const { report, applied, vcn } = result;
  if (applied.length > 0) ctx.progress.detail("preflight", `applied ${applied.length} OCI polic${applied.length === 1 ? "y" : "ies"}: ${applied.map((change) => `${change.policyName} (${change.action})`).join(", ")}`);
  if (report.problems.length > 0) {
    throw new StepFailure("preflight", { cloud: "interlink", code: "PreflightRejected", message: report.problems.map((entry) => `${entry.path}: ${entry.message}`).join("; ") });
  }
  if (report.missing.length > 0) {
    throw new StepFailure("preflight", {
      cloud: "oci",
      code: "PermissionsMissing",
      message: `Interlink's OCI identity lacks statements the plan needs (POST /api/policies/apply, or options.applyPolicies, adds them): ${describeMissing(report.missing)}`,
    });
  }
  ctx.progress.detail("preflight", `OCI permissions: ${report.checked} statement(s) granted`);
  return { warnings: report.warnings.map((warning) => `OCI permissions: ${warning}`), ...(vcn ? { vcn } : {}) };
}
