import { type PolicyAttachment } from "./policy-set";
import { type SameTenancyAttachment } from "./scenario-request";

/** Where each generated policy goes, and why: the reasons are shown to the person creating it. */

export function crossTenancyAttachment(tenancyOcid: string | undefined): PolicyAttachment {
  return {
    kind: "tenancy",
    ...(tenancyOcid === undefined ? {} : { ocid: tenancyOcid }),
    reason:
      "Must be attached to the tenancy (root compartment), not a compartment: policies that enable cross-tenancy access (Define tenancy, Endorse, Admit) only work there.",
  };
}

export function tenancyScopeAttachment(tenancyOcid: string | undefined): PolicyAttachment {
  return {
    kind: "tenancy",
    ...(tenancyOcid === undefined ? {} : { ocid: tenancyOcid }),
    reason: "Attached to the tenancy (root compartment): the statements grant access 'in tenancy', which only a policy in the root compartment can do.",
  };
}

/**
 * Same-tenancy policies may go in the tenancy or in the compartment they grant access to (Oracle's "IAM Policies for Routing Between VCNs").
 * Interlink defaults to the tenancy: the requestor and acceptor compartments can sit anywhere in the
 * hierarchy, the aliases name them by OCID, and only tenancy administrators can loosen the grant.
 */
export function sameTenancyAttachment(
  choice: SameTenancyAttachment,
  tenancyOcid: string | undefined,
  compartment: { alias: string; ocid: string },
): PolicyAttachment {
  if (choice === "compartment") {
    return {
      kind: "compartment",
      ocid: compartment.ocid,
      reason: `Attached to compartment ${compartment.alias}, the compartment the statements grant access in (Oracle allows this or the tenancy): its own administrators can maintain the policy.`,
    };
  }
  return {
    kind: "tenancy",
    ...(tenancyOcid === undefined ? {} : { ocid: tenancyOcid }),
    reason: `Attached to the tenancy (root compartment), Interlink's default; Oracle also allows compartment ${compartment.alias}. At the root the policy works wherever the compartments sit in the hierarchy, and only tenancy administrators can change it.`,
  };
}
