import { type LintFinding, type LintPolicy } from "./lint-request";

/**
 * Endorse (source tenancy) and Admit (destination tenancy) grant nothing alone: "Without a corresponding
 * statement that specifies access, a particular Endorse or Admit statement grants no access" (seed 002).
 * A pair matches on the same group (by OCID when both sides define one, else by name), the same verb and
 * the same resource type(s), in policies of different tenancies.
 */
export interface CrossTenancyGrant {
  policy: number;
  statementIndex: number;
  kind: "endorse" | "admit";
  group: { name?: string; ocid?: string };
  verb: string;
  /** Resource type, or `first|second` for associate statements. */
  resourceKey: string;
  /** Endorse: the tenancy it reaches into; `any` for any-tenancy. */
  target?: { any: true } | { any: false; ocid?: string };
  /** Admit: OCID of the `of tenancy` alias, when defined. */
  subjectTenancyOcid?: string;
}

type Emit = (finding: Omit<LintFinding, "policyName">) => void;

export function matchEndorseAdmit(policies: readonly LintPolicy[], grants: readonly CrossTenancyGrant[], emit: Emit): void {
  const endorses = grants.filter((grant) => grant.kind === "endorse");
  const admits = grants.filter((grant) => grant.kind === "admit");

  for (const endorse of endorses) {
    const partners = admits.filter((admit) => otherTenancy(policies, endorse.policy, admit.policy));
    if (partners.some((admit) => pairs(policies, endorse, admit))) continue;
    emit({
      policy: endorse.policy,
      statementIndex: endorse.statementIndex,
      code: "endorse-without-admit",
      ...(partners.length === 0
        ? {
            severity: "warning",
            message: `No policy from another tenancy with Admit statements was given, so this Endorse could not be checked: the other tenancy needs 'Admit group ${groupLabel(endorse)} of tenancy <this tenancy> to ${describe(endorse)} ...'.`,
          }
        : {
            severity: "error",
            message: `No Admit in the other tenancy's policies matches this Endorse (same group ${groupLabel(endorse)}, verb and resource type: '${describe(endorse)}'${tenancyHint(endorse)}); without it the Endorse grants nothing.`,
          }),
    });
  }

  for (const admit of admits) {
    const partners = endorses.filter((endorse) => otherTenancy(policies, endorse.policy, admit.policy));
    if (partners.some((endorse) => pairs(policies, endorse, admit))) continue;
    emit({
      policy: admit.policy,
      statementIndex: admit.statementIndex,
      code: "admit-without-endorse",
      ...(partners.length === 0
        ? {
            severity: "warning",
            message: `No policy from another tenancy with Endorse statements was given, so this Admit could not be checked: the group's tenancy needs 'Endorse group ${groupLabel(admit)} to ${describe(admit)} in tenancy <this tenancy>'.`,
          }
        : {
            severity: "error",
            message: `No Endorse in the other tenancy's policies matches this Admit (same group ${groupLabel(admit)}, verb and resource type: '${describe(admit)}'); without it the Admit grants nothing.`,
          }),
    });
  }
}

/** Policies labelled with the same tenancy are one tenancy; unlabelled ones may be either. */
function otherTenancy(policies: readonly LintPolicy[], a: number, b: number): boolean {
  if (a === b) return false;
  const labelA = policies[a]?.tenancy;
  const labelB = policies[b]?.tenancy;
  return labelA === undefined || labelB === undefined || labelA !== labelB;
}

function pairs(policies: readonly LintPolicy[], endorse: CrossTenancyGrant, admit: CrossTenancyGrant): boolean {
  if (endorse.verb !== admit.verb || endorse.resourceKey !== admit.resourceKey) return false;
  if (!sameGroup(endorse.group, admit.group)) return false;
  // When the real tenancy OCIDs are known, the aliases on each side must point at each other.
  const admitTenancy = policies[admit.policy]?.tenancyOcid;
  if (endorse.target?.any === false && endorse.target.ocid !== undefined && admitTenancy !== undefined && endorse.target.ocid !== admitTenancy) return false;
  const endorseTenancy = policies[endorse.policy]?.tenancyOcid;
  if (admit.subjectTenancyOcid !== undefined && endorseTenancy !== undefined && admit.subjectTenancyOcid !== endorseTenancy) return false;
  return true;
}

function sameGroup(a: CrossTenancyGrant["group"], b: CrossTenancyGrant["group"]): boolean {
  if (a.ocid !== undefined && b.ocid !== undefined) return a.ocid === b.ocid;
  if (a.name !== undefined && b.name !== undefined) return a.name.toLowerCase() === b.name.toLowerCase();
  return false;
}

function groupLabel(grant: CrossTenancyGrant): string {
  return grant.group.name ?? `id ${grant.group.ocid ?? "?"}`;
}

function describe(grant: CrossTenancyGrant): string {
  const [first, second] = grant.resourceKey.split("|");
  return second === undefined ? `${grant.verb} ${first ?? ""}` : `${grant.verb} ${first ?? ""} ... with ${second}`;
}

function tenancyHint(endorse: CrossTenancyGrant): string {
  return endorse.target?.any === false && endorse.target.ocid !== undefined ? `, in tenancy ${endorse.target.ocid}` : "";
}
