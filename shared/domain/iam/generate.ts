import { crossTenancyAttachment, sameTenancyAttachment, tenancyScopeAttachment } from "./attachment";
import {
  BOTH_SIDES_AGREE_NOTE,
  consoleInspectNote,
  DELETION_NOTE,
  INTERCONNECT_ADMINISTRATORS_NOTE,
  INTERCONNECT_SCOPE_NOTE,
  networkAdminTipNote,
  REGION_SUBSCRIPTION_NOTE,
  shareOcidsNote,
} from "./notes";
import { type GeneratedPolicy, type PolicySet } from "./policy-set";
import {
  type DrgAttachmentCrossTenancyRequest,
  type DrgAttachmentRequest,
  type InterconnectPolicyRequest,
  type LocalPeeringCrossTenancyRequest,
  type LocalPeeringRequest,
  PolicyScenarioRequest,
  type PolicyScenarioRequestInput,
  type RemotePeeringLegacyDrgRequest,
  type RemotePeeringUpgradedDrgRequest,
} from "./scenario-request";
import { type z } from "zod";

/**
 * Each builder writes the seed's statements in the seed's order, keyword case and `as` / `as id` form,
 * with the request's OCIDs and aliases substituted. Deviations from the seed's literal text are
 * deliberate and listed in the golden fixture (test/unit/domain/iam/fixtures/seed-statements.json).
 */

const POLICY_R = "Policy R (implemented by the requestor)";
const POLICY_A = "Policy A (implemented by the acceptor)";

/** Parses (filling defaults) and generates; throws a ZodError on invalid input, so parse at the boundary first. */
export function generatePolicies(request: PolicyScenarioRequestInput): PolicySet {
  const parsed = PolicyScenarioRequest.parse(request);
  switch (parsed.scenario) {
    case "remote-peering-legacy-drg":
      return remotePeeringLegacyDrg(parsed);
    case "remote-peering-upgraded-drg":
      return remotePeeringUpgradedDrg(parsed);
    case "local-peering":
      return localPeering(parsed);
    case "local-peering-cross-tenancy":
      return localPeeringCrossTenancy(parsed);
    case "drg-attachment":
      return drgAttachment(parsed);
    case "drg-attachment-cross-tenancy":
      return drgAttachmentCrossTenancy(parsed);
    case "interconnect":
      return interconnect(parsed);
  }
}

function remotePeeringLegacyDrg(request: z.infer<typeof RemotePeeringLegacyDrgRequest>): PolicySet {
  const { requestorGroup: group, requestorCompartment, acceptorCompartment } = request.aliases;
  const requestor: GeneratedPolicy = {
    side: "requestor",
    title: POLICY_R,
    name: "remote-peering-requestor",
    tenancy: "same",
    attachTo: sameTenancyAttachment(request.attachPoliciesTo, request.tenancyOcid, { alias: requestorCompartment, ocid: request.requestorCompartmentOcid }),
    statements: [
      `Define group ${group} as ${request.requestorGroupOcid}`,
      `Define compartment ${requestorCompartment} as ${request.requestorCompartmentOcid}`,
      `Allow group ${group} to manage remote-peering-from in compartment ${requestorCompartment}`,
    ],
  };
  const acceptor: GeneratedPolicy = {
    side: "acceptor",
    title: POLICY_A,
    name: "remote-peering-acceptor",
    tenancy: "same",
    attachTo: sameTenancyAttachment(request.attachPoliciesTo, request.tenancyOcid, { alias: acceptorCompartment, ocid: request.acceptorCompartmentOcid }),
    statements: [
      `Define group ${group} as ${request.requestorGroupOcid}`,
      `Define compartment ${acceptorCompartment} as ${request.acceptorCompartmentOcid}`,
      `Allow group ${group} to manage remote-peering-to in compartment ${acceptorCompartment}`,
    ],
  };
  return {
    scenario: request.scenario,
    policies: [requestor, acceptor],
    notes: [REGION_SUBSCRIPTION_NOTE, networkAdminTipNote(requestorCompartment), DELETION_NOTE],
  };
}

function remotePeeringUpgradedDrg(request: z.infer<typeof RemotePeeringUpgradedDrgRequest>): PolicySet {
  const { requestorGroup: group, requestorCompartment, acceptorTenancy, requestorTenancy, acceptorCompartment } = request.aliases;
  const requestor: GeneratedPolicy = {
    side: "requestor",
    title: POLICY_R,
    name: "remote-peering-requestor",
    tenancy: "requestor",
    attachTo: crossTenancyAttachment(request.requestorTenancyOcid),
    statements: [
      `Define group ${group} as ${request.requestorGroupOcid}`,
      `Define compartment ${requestorCompartment} as id ${request.requestorCompartmentOcid}`,
      `Define tenancy ${acceptorTenancy} as ${request.acceptorTenancyOcid}`,
      `Allow group ${group} to manage remote-peering-from in compartment ${requestorCompartment}`,
      `Endorse group ${group} to manage remote-peering-to in tenancy ${acceptorTenancy}`,
    ],
  };
  const acceptor: GeneratedPolicy = {
    side: "acceptor",
    title: POLICY_A,
    name: "remote-peering-acceptor",
    tenancy: "acceptor",
    attachTo: crossTenancyAttachment(request.acceptorTenancyOcid),
    statements: [
      `Define group ${group} as ${request.requestorGroupOcid}`,
      `Define tenancy ${requestorTenancy} as ${request.requestorTenancyOcid}`,
      `Define compartment ${acceptorCompartment} as id ${request.acceptorCompartmentOcid}`,
      // The seed writes `in compartment <acceptorCompartment>`: a leftover placeholder for the alias defined above.
      `Admit group ${group} of tenancy ${requestorTenancy} to manage remote-peering-to in compartment ${acceptorCompartment}`,
    ],
  };
  return {
    scenario: request.scenario,
    policies: [requestor, acceptor],
    notes: [
      REGION_SUBSCRIPTION_NOTE,
      BOTH_SIDES_AGREE_NOTE,
      shareOcidsNote(
        [`the requestor tenancy OCID (${request.requestorTenancyOcid})`, `the requestor group OCID (${request.requestorGroupOcid})`],
        [`the acceptor tenancy OCID (${request.acceptorTenancyOcid})`],
      ),
      DELETION_NOTE,
    ],
  };
}

function localPeering(request: z.infer<typeof LocalPeeringRequest>): PolicySet {
  const { requestorGroup: group, requestorCompartment, acceptorCompartment } = request.aliases;
  const requestor: GeneratedPolicy = {
    side: "requestor",
    title: POLICY_R,
    name: "local-peering-requestor",
    tenancy: "same",
    attachTo: sameTenancyAttachment(request.attachPoliciesTo, request.tenancyOcid, { alias: requestorCompartment, ocid: request.requestorCompartmentOcid }),
    statements: [
      `Define group ${group} as ${request.requestorGroupOcid}`,
      `Define compartment ${requestorCompartment} as ${request.requestorCompartmentOcid}`,
      `Allow group ${group} to manage local-peering-from in compartment ${requestorCompartment}`,
    ],
  };
  const consoleInspect = request.includeConsoleInspect
    ? [
        `Allow group ${group} to inspect vcns in compartment ${acceptorCompartment}`,
        `Allow group ${group} to inspect local-peering-gateways in compartment ${acceptorCompartment}`,
      ]
    : [];
  const acceptor: GeneratedPolicy = {
    side: "acceptor",
    title: POLICY_A,
    name: "local-peering-acceptor",
    tenancy: "same",
    attachTo: sameTenancyAttachment(request.attachPoliciesTo, request.tenancyOcid, { alias: acceptorCompartment, ocid: request.acceptorCompartmentOcid }),
    statements: [
      `Define group ${group} as ${request.requestorGroupOcid}`,
      `Define compartment ${acceptorCompartment} as id ${request.acceptorCompartmentOcid}`,
      `Allow group ${group} to manage local-peering-to in compartment ${acceptorCompartment}`,
      ...consoleInspect,
    ],
  };
  return {
    scenario: request.scenario,
    policies: [requestor, acceptor],
    notes: [consoleInspectNote(acceptorCompartment, request.includeConsoleInspect), networkAdminTipNote(requestorCompartment), DELETION_NOTE],
  };
}

function localPeeringCrossTenancy(request: z.infer<typeof LocalPeeringCrossTenancyRequest>): PolicySet {
  const { requestorGroup: group, requestorCompartment, acceptorCompartment, acceptorTenancy, requestorTenancy } = request.aliases;
  const target = request.anyTenancy ? "any-tenancy" : `tenancy ${acceptorTenancy}`;
  const defineAcceptorTenancy =
    request.anyTenancy || request.acceptorTenancyOcid === undefined ? [] : [`Define tenancy ${acceptorTenancy} as ${request.acceptorTenancyOcid}`];
  const requestor: GeneratedPolicy = {
    side: "requestor",
    title: POLICY_R,
    name: "local-peering-requestor",
    tenancy: "requestor",
    attachTo: crossTenancyAttachment(request.requestorTenancyOcid),
    statements: [
      ...defineAcceptorTenancy,
      `Define group ${group} as ${request.requestorGroupOcid}`,
      `Define compartment ${requestorCompartment} as id ${request.requestorCompartmentOcid}`,
      `Allow group ${group} to manage local-peering-from in compartment ${requestorCompartment}`,
      `Endorse group ${group} to manage local-peering-to in ${target}`,
      `Endorse group ${group} to associate local-peering-gateways in compartment ${requestorCompartment} with local-peering-gateways in ${target}`,
    ],
  };
  const acceptor: GeneratedPolicy = {
    side: "acceptor",
    title: POLICY_A,
    name: "local-peering-acceptor",
    tenancy: "acceptor",
    attachTo: crossTenancyAttachment(request.acceptorTenancyOcid),
    statements: [
      `Define tenancy ${requestorTenancy} as ${request.requestorTenancyOcid}`,
      `Define group ${group} as ${request.requestorGroupOcid}`,
      `Define compartment ${acceptorCompartment} as id ${request.acceptorCompartmentOcid}`,
      `Admit group ${group} of tenancy ${requestorTenancy} to manage local-peering-to in compartment ${acceptorCompartment}`,
      `Admit group ${group} of tenancy ${requestorTenancy} to associate local-peering-gateways in tenancy ${requestorTenancy} with local-peering-gateways in compartment ${acceptorCompartment}`,
    ],
  };
  const notes = [BOTH_SIDES_AGREE_NOTE];
  if (request.anyTenancy) {
    notes.push(
      `Policy R endorses ${group} for any-tenancy: the group may peer with an LPG in any tenancy whose administrator admits it, so Policy R names no acceptor tenancy.`,
    );
    if (request.acceptorTenancyOcid !== undefined) notes.push("acceptorTenancyOcid was not used: with anyTenancy, Policy R's Endorse statements name no tenancy.");
  }
  notes.push(
    shareOcidsNote(
      [`the requestor tenancy OCID (${request.requestorTenancyOcid})`, `the requestor group OCID (${request.requestorGroupOcid})`],
      request.anyTenancy ? ["nothing for Policy R (any-tenancy)"] : [`the acceptor tenancy OCID (${request.acceptorTenancyOcid ?? ""})`],
    ),
    DELETION_NOTE,
  );
  return { scenario: request.scenario, policies: [requestor, acceptor], notes };
}

function drgAttachment(request: z.infer<typeof DrgAttachmentRequest>): PolicySet {
  const group = request.aliases.vcnAdminGroup;
  const policy: GeneratedPolicy = {
    side: "single",
    title: "VCN administrators: create and manage VCN attachments and assign DRG route tables",
    name: "drg-attachment-vcn-admins",
    tenancy: "same",
    attachTo: tenancyScopeAttachment(request.tenancyOcid),
    statements: [
      `define group ${group} as ${request.vcnAdminGroupOcid}`,
      `Allow group ${group} to manage vcns in tenancy`,
      `Allow group ${group} to manage drgs in tenancy`,
      // The seed prints this line with `group VCN-Admin`, a typo for the group defined above.
      ...(request.includeRouteTableManagement ? [`Allow group ${group} to manage route-tables in tenancy`] : []),
    ],
  };
  const routeTableNote = request.includeRouteTableManagement
    ? `The 'manage route-tables' statement lets ${group} associate a VCN route table with the attachment.`
    : `To associate a VCN route table with the attachment, ${group} also needs 'manage route-tables in tenancy' (set includeRouteTableManagement).`;
  return { scenario: request.scenario, policies: [policy], notes: [routeTableNote] };
}

function drgAttachmentCrossTenancy(request: z.infer<typeof DrgAttachmentCrossTenancyRequest>): PolicySet {
  const { vcnAdminGroup, drgAdminGroup, acceptorTenancy, requestorTenancy } = request.aliases;
  const requestor: GeneratedPolicy = {
    side: "requestor",
    title: "Policy R (DRG in this tenancy)",
    name: "drg-attachment-drg-tenancy",
    tenancy: "requestor",
    attachTo: crossTenancyAttachment(request.requestorTenancyOcid),
    statements: [
      `define group ${vcnAdminGroup} as ${request.vcnAdminGroupOcid}`,
      `define group ${drgAdminGroup} as ${request.drgAdminGroupOcid}`,
      `define tenancy ${acceptorTenancy} as ${request.acceptorTenancyOcid}`,
      `endorse group ${drgAdminGroup} to manage drg-attachment in tenancy ${acceptorTenancy}`,
      // `in tenancy` with no name is this (the DRG's) tenancy.
      `admit group ${vcnAdminGroup} of tenancy ${acceptorTenancy} to manage drg in tenancy`,
    ],
  };
  const acceptor: GeneratedPolicy = {
    side: "acceptor",
    title: "Policy A (VCN in this tenancy)",
    name: "drg-attachment-vcn-tenancy",
    tenancy: "acceptor",
    attachTo: crossTenancyAttachment(request.acceptorTenancyOcid),
    statements: [
      `define tenancy ${requestorTenancy} as ${request.requestorTenancyOcid}`,
      `define group ${drgAdminGroup} as ${request.drgAdminGroupOcid}`,
      `define group ${vcnAdminGroup} as ${request.vcnAdminGroupOcid}`,
      `admit group ${drgAdminGroup} of tenancy ${requestorTenancy} to manage drg-attachment in tenancy`,
      `endorse group ${vcnAdminGroup} to manage drg in tenancy ${requestorTenancy}`,
    ],
  };
  return {
    scenario: request.scenario,
    policies: [requestor, acceptor],
    notes: [
      BOTH_SIDES_AGREE_NOTE,
      `OCIDs to exchange: the DRG tenancy's administrator needs the VCN tenancy OCID (${request.acceptorTenancyOcid}) and the ${vcnAdminGroup} group OCID (${request.vcnAdminGroupOcid}); the VCN tenancy's administrator needs the DRG tenancy OCID (${request.requestorTenancyOcid}) and the ${drgAdminGroup} group OCID (${request.drgAdminGroupOcid}).`,
      `${drgAdminGroup} can create the DRG attachment in the VCN tenancy; ${vcnAdminGroup} can associate a VCN route table with it (a transit VCN) but cannot change the attachment's DRG route table.`,
      "The VCN is attached only to this DRG, not to a DRG in its own tenancy, and both must be in the same region.",
    ],
  };
}

function interconnect(request: z.infer<typeof InterconnectPolicyRequest>): PolicySet {
  const location = request.compartmentOcid === undefined ? "tenancy" : `compartment id ${request.compartmentOcid}`;
  const attachTo =
    request.compartmentOcid === undefined
      ? tenancyScopeAttachment(request.tenancyOcid)
      : sameTenancyAttachment(request.attachPoliciesTo, request.tenancyOcid, { alias: request.compartmentOcid, ocid: request.compartmentOcid });
  const { networkAdmins, virtualCircuitAdmins } = request.groups;
  const policies: GeneratedPolicy[] = [];
  for (const kind of request.include) {
    if (kind === "network-admins") {
      policies.push({
        side: "single",
        title: "Network administrators: all Networking resources",
        name: "interconnect-network-admins",
        tenancy: "same",
        attachTo,
        statements: [`Allow group ${networkAdmins} to manage virtual-network-family in ${location}`],
      });
    } else {
      policies.push({
        side: "single",
        title: "Virtual circuit administrators: DRGs and FastConnect virtual circuits only",
        name: "interconnect-virtual-circuit-admins",
        tenancy: "same",
        attachTo,
        statements: [
          `Allow group ${virtualCircuitAdmins} to manage drgs in ${location}`,
          `Allow group ${virtualCircuitAdmins} to manage virtual-circuits in ${location}`,
        ],
      });
    }
  }
  return { scenario: request.scenario, policies, notes: [INTERCONNECT_ADMINISTRATORS_NOTE, INTERCONNECT_SCOPE_NOTE] };
}
