/** Oracle's caveats, worded for the person applying the policies (from "IAM Policies for Routing Between VCNs" unless marked). */

export const REGION_SUBSCRIPTION_NOTE =
  "Remote peering crosses regions: besides these policies, the tenancy must be subscribed to the other region (\"you must also subscribe to a region to share resources across regions\"); IAM also controls who may subscribe it.";

export const BOTH_SIDES_AGREE_NOTE =
  "Endorse and Admit work only as a pair: without the matching statement in the other tenancy, neither grants any access. Both tenancies must put their policy in place.";

export const DELETION_NOTE =
  "Deleting these policies later does not break an existing peering; it only stops new peerings from being created.";

export function networkAdminTipNote(requestorCompartmentAlias: string): string {
  return (
    `Policy R may already be covered: a group with 'manage virtual-network-family in compartment ${requestorCompartmentAlias}' has its permissions ` +
    "(virtual-network-family includes RPCs and LPGs). If that grant is 'in tenancy', the requestor has what it needs in both compartments and Policy A is not required."
  );
}

export function consoleInspectNote(acceptorCompartmentAlias: string, included: boolean): string {
  return included
    ? `The two 'inspect' statements in Policy A only let the requestor list the VCNs and LPGs in ${acceptorCompartmentAlias} to pick them in the Console UI; the 'manage local-peering-to' statement is the one that permits the connection.`
    : `Policy A leaves out Oracle's two 'inspect' statements (vcns, local-peering-gateways): the requestor cannot pick the acceptor's VCN and LPG in the Console UI and must give the LPG OCID instead.`;
}

export function shareOcidsNote(tellAcceptor: string[], tellRequestor: string[]): string {
  return `OCIDs to exchange: the acceptor's administrator needs ${tellAcceptor.join(" and ")}; the requestor's administrator needs ${tellRequestor.join(" and ")}.`;
}

export const INTERCONNECT_ADMINISTRATORS_NOTE =
  "A user in the Administrators group already has the required authority (Oracle's documented prerequisites for the Azure interconnect); these policies are for everyone else.";

export const INTERCONNECT_SCOPE_NOTE =
  "The network-admins policy generally covers all Networking resources; the virtual-circuit-admins policy is the minimum to create and manage a virtual circuit (Oracle's documented prerequisites). Interlink's setup also changes VCN route tables and security rules, so the identity it runs as needs the network-admins policy.";
