import { type PeeredVcn, peeringSuffix } from "../peered-vcn";
import { generatePolicies } from "./generate";
import { type GeneratedPolicy } from "./policy-set";
import { type PolicyScenarioRequestInput } from "./scenario-request";

/**
 * The OCI IAM policies a setup plan needs, as the generator writes them, with the real OCIDs of who acts where:
 * Interlink's own group everywhere it creates or changes resources, and for a peered VCN of another tenancy the
 * cross-tenancy pair of Oracle's scenario (Endorse in the source tenancy, Admit in the destination) plus what
 * Interlink's identity in that tenancy needs for the acceptor's side.
 */

export interface ActingGroup {
  tenancyId: string;
  id: string;
  name: string;
}

export interface PlanIdentities {
  interconnect: string;
  /** Interlink's own identity's group. */
  requestor: ActingGroup;
  /** Where Interlink creates the DRG, virtual circuit, NSG (request.oci.compartmentId). */
  compartmentId: string;
  /** The connected VCN's compartment (its route tables). */
  vcnCompartmentId: string;
  peers: Array<{ index: number; peer: PeeredVcn; compartmentId: string; tenancyId: string; acceptor: ActingGroup }>;
}

/** A policy to exist in a tenancy, attached to a compartment (the root for cross-tenancy statements). */
export interface RequiredPolicy {
  name: string;
  tenancyId: string;
  compartmentId: string;
  description: string;
  statements: string[];
  /** Why the plan needs it, in the user's words. */
  purpose: string;
}

/** OCI policy names: letters, digits, hyphens, underscores and periods, at most 100 characters. */
const policyName = (interconnect: string, suffix: string) => `interlink-${interconnect}-${suffix}`.slice(0, 100);

function place(generated: GeneratedPolicy, identities: PlanIdentities, tenancyId: string, suffix: string, purpose: string): RequiredPolicy {
  return {
    name: policyName(identities.interconnect, suffix),
    tenancyId,
    compartmentId: generated.attachTo.ocid ?? tenancyId,
    description: `Interlink, interconnect ${identities.interconnect}: ${generated.title}`,
    statements: generated.statements,
    purpose,
  };
}

function networkAdmins(identities: PlanIdentities, group: ActingGroup, compartmentId: string, suffix: string, purpose: string): RequiredPolicy {
  const set = generatePolicies({ scenario: "interconnect", compartmentOcid: compartmentId, tenancyOcid: group.tenancyId, include: ["network-admins"], groups: { networkAdmins: group.name } });
  const [policy] = set.policies;
  if (!policy) throw new Error("the interconnect scenario generated no policy");
  return place(policy, identities, group.tenancyId, suffix, purpose);
}

function pair(identities: PlanIdentities, request: PolicyScenarioRequestInput, acceptorTenancy: string, suffix: string, purpose: string): RequiredPolicy[] {
  return generatePolicies(request).policies.map((policy) =>
    place(policy, identities, policy.tenancy === "acceptor" ? acceptorTenancy : identities.requestor.tenancyId, `${policy.name}-${suffix}`, `${purpose} (${policy.title})`),
  );
}

/** Every policy the plan needs, deduplicated by tenancy and name. */
export function requiredPolicies(identities: PlanIdentities): RequiredPolicy[] {
  const { requestor } = identities;
  const policies: RequiredPolicy[] = [networkAdmins(identities, requestor, identities.compartmentId, "network", "Interlink creates the DRG, virtual circuit and security rules here")];
  if (identities.vcnCompartmentId !== identities.compartmentId) {
    policies.push(networkAdmins(identities, requestor, identities.vcnCompartmentId, "vcn", "Interlink attaches the connected VCN and changes its route table"));
  }
  for (const { index, peer, compartmentId, tenancyId, acceptor } of identities.peers) {
    // Named after the VCN, like its peering resources, so removing another peered VCN renames no policy.
    const suffix = peer.vcnId ? peeringSuffix(peer.vcnId) : `peer${index}`;
    const crossTenancy = tenancyId !== requestor.tenancyId;
    const what = `oci.peeredVcns[${index}] (${peer.kind ?? "existing"} peering)`;
    policies.push(networkAdmins(identities, acceptor, compartmentId, `${suffix}-network`, `Interlink changes the route table of ${what}${peer.kind === "drg" ? "" : " and creates its gateway"}`));
    if (!crossTenancy) continue;
    const base = { requestorGroupOcid: requestor.id, requestorCompartmentOcid: identities.compartmentId, requestorTenancyOcid: requestor.tenancyId, acceptorCompartmentOcid: compartmentId, acceptorTenancyOcid: tenancyId };
    if (peer.kind === "local") policies.push(...pair(identities, { scenario: "local-peering-cross-tenancy", ...base }, tenancyId, suffix, `the local peering of ${what}`));
    if (peer.kind === "remote") policies.push(...pair(identities, { scenario: "remote-peering-upgraded-drg", ...base }, tenancyId, suffix, `the remote peering of ${what}`));
    if (peer.kind === "drg") {
      policies.push(
        ...pair(
          identities,
          { scenario: "drg-attachment-cross-tenancy", vcnAdminGroupOcid: acceptor.id, drgAdminGroupOcid: requestor.id, requestorTenancyOcid: requestor.tenancyId, acceptorTenancyOcid: tenancyId },
          tenancyId,
          suffix,
          `the DRG attachment of ${what}`,
        ),
      );
    }
  }
  const seen = new Set<string>();
  return policies.filter((policy) => {
    const key = `${policy.tenancyId}/${policy.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
