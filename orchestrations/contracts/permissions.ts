import { z } from "zod";
import { PermissionReport, PolicyChange } from "../../shared/domain/iam/permission-report";
import { SetupRequest } from "../../shared/domain/setup-request";
import { defineActivity, okOrFailed } from "../flow/contract";
import { InterconnectRef } from "./common";

/**
 * Before any write: optionally creates or completes the OCI policies the plan needs (options.applyPolicies), then
 * checks through OCI Identity that Interlink may do everything the plan needs. Reads only unless applying.
 */
export const CheckPermissionsActivity = defineActivity(
  "CheckPermissionsActivity",
  z.object({ ref: InterconnectRef, request: SetupRequest, apply: z.boolean() }),
  okOrFailed({ report: PermissionReport, applied: z.array(PolicyChange) }),
);
