import { z } from "zod";
import { PermissionReport, PolicyChange } from "../../shared/domain/iam/permission-report";
import { defineActivity, okOrFailed } from "../flow/contract";
import { InterconnectRef, OciTarget, ReadVcn } from "./common";

/**
 * Before any write: optionally creates or completes the OCI policies the plan needs (options.applyPolicies), then
 * checks through OCI Identity that Interlink may do everything the plan needs. Reads only unless applying.
 */
export const CheckPermissionsActivity = defineActivity(
  "CheckPermissionsActivity",
  z.object({ ref: InterconnectRef, oci: OciTarget.pick({ region: true, compartmentId: true, vcnId: true, peeredVcns: true }), apply: z.boolean() }),
  /** With the connected VCN as it read it (absent when it could not), for preflight. */
  okOrFailed({ report: PermissionReport, applied: z.array(PolicyChange), vcn: ReadVcn.optional() }),
);
