import { z } from "zod";
import { Ocid } from "../identifiers";
import { AliasName } from "./names";

/**
 * Requests for `generatePolicies`: one member per scenario of Oracle's "IAM Policies for Routing Between VCNs"
 * (plus the interconnect's documented prerequisites). Alias defaults are Oracle's own labels, so the default
 * output is Oracle's text.
 */

/** zod's default "expected string, received undefined" does not say the field is simply missing. */
function ocidField(...types: [string, ...string[]]) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be an OCID string") })
    .pipe(Ocid(...types));
}

const GroupOcid = ocidField("group");
/** The root compartment's OCID is the tenancy OCID, so both are accepted where a compartment is meant. */
const CompartmentOcid = ocidField("compartment", "tenancy");
const TenancyOcid = ocidField("tenancy");

/** The OCID fields the scenarios share, each with what it means (one description per field name). */
const field = {
  requestorGroupOcid: () => GroupOcid.meta({ description: "The IAM group (in the requestor's tenancy) whose members create the peering.", examples: ["ocid1.group.oc1..cccc"] }),
  requestorCompartmentOcid: () => CompartmentOcid.meta({ description: "The requestor's compartment (the tenancy OCID for the root compartment).", examples: ["ocid1.compartment.oc1..dddd"] }),
  acceptorCompartmentOcid: () => CompartmentOcid.meta({ description: "The acceptor's compartment (the tenancy OCID for the root compartment).", examples: ["ocid1.compartment.oc1..eeee"] }),
  requestorTenancyOcid: () => TenancyOcid.meta({ description: "The requestor's tenancy.", examples: ["ocid1.tenancy.oc1..aaaa"] }),
  acceptorTenancyOcid: () => TenancyOcid.meta({ description: "The acceptor's tenancy; must differ from the requestor's.", examples: ["ocid1.tenancy.oc1..bbbb"] }),
  tenancyOcid: () => TenancyOcid.optional().meta({ description: "Optional: the tenancy, only to say which tenancy to attach the policies to.", examples: ["ocid1.tenancy.oc1..aaaa"] }),
  attachPoliciesTo: () =>
    SameTenancyAttachment.default("tenancy").describe("Where the policies go: the tenancy (root compartment; default) or the compartment they grant access in. Oracle allows both."),
};

/** Where same-tenancy policies are attached: the tenancy (root) or the policy's own compartment, as Oracle allows. */
export const SameTenancyAttachment = z.enum(["tenancy", "compartment"]);
export type SameTenancyAttachment = z.infer<typeof SameTenancyAttachment>;

const ALIAS_MEANING: Record<string, string> = {
  requestorGroup: "the requestor's group",
  requestorCompartment: "the requestor's compartment",
  acceptorCompartment: "the acceptor's compartment",
  requestorTenancy: "the requestor's tenancy",
  acceptorTenancy: "the acceptor's tenancy",
  vcnAdminGroup: "the group that administers the VCN",
  drgAdminGroup: "the group that administers the DRG",
  networkAdmins: "the group that administers all networking (network-admins policy)",
  virtualCircuitAdmins: "the group that manages virtual circuits (virtual-circuit-admins policy)",
};

function aliasesWithDefaults<const T extends Record<string, string>>(defaults: T) {
  const shape = Object.fromEntries(
    Object.entries(defaults).map(([key, value]) => [key, AliasName.default(value).describe(`The name the statements use for ${ALIAS_MEANING[key] ?? key} (letters, digits, _ and -; not a policy keyword).`)]),
  ) as {
    [K in keyof T]: z.ZodDefault<typeof AliasName>;
  };
  const aliases = z.object(shape).strict();
  // Every key has a default, so an omitted `aliases` object parses to Oracle's labels.
  return aliases.prefault({} as z.input<typeof aliases>).describe("The names used in the statements (Define aliases and group names); each defaults to Oracle's own label.");
}

/** Two different things under one label would make the Define statements ambiguous. */
function requireDistinctAliases(aliases: Record<string, string>, ctx: z.RefinementCtx): void {
  const seen = new Map<string, string>();
  for (const [key, alias] of Object.entries(aliases)) {
    const previous = seen.get(alias.toLowerCase());
    if (previous !== undefined) {
      ctx.addIssue({ code: "custom", path: ["aliases", key], message: `must differ from aliases.${previous} ('${alias}'): each alias names one thing` });
    } else {
      seen.set(alias.toLowerCase(), key);
    }
  }
}

function requireDifferentTenancies(requestor: string | undefined, acceptor: string | undefined, ctx: z.RefinementCtx): void {
  if (requestor !== undefined && requestor === acceptor) {
    ctx.addIssue({
      code: "custom",
      path: ["acceptorTenancyOcid"],
      message: "must differ from requestorTenancyOcid: this scenario is for two tenancies; use the same-tenancy scenario instead",
    });
  }
}

export const RemotePeeringLegacyDrgRequest = z
  .object({
    scenario: z.literal("remote-peering-legacy-drg").describe("Remote peering (RPC) between VCNs of one tenancy, on a legacy DRG."),
    requestorGroupOcid: field.requestorGroupOcid(),
    requestorCompartmentOcid: field.requestorCompartmentOcid(),
    acceptorCompartmentOcid: field.acceptorCompartmentOcid(),
    tenancyOcid: field.tenancyOcid(),
    attachPoliciesTo: field.attachPoliciesTo(),
    aliases: aliasesWithDefaults({ requestorGroup: "RequestorGrp", requestorCompartment: "RequestorComp", acceptorCompartment: "AcceptorComp" }),
  })
  .strict()
  .superRefine((request, ctx) => requireDistinctAliases(request.aliases, ctx));

export const RemotePeeringUpgradedDrgRequest = z
  .object({
    scenario: z.literal("remote-peering-upgraded-drg").describe("Remote peering between two tenancies on upgraded DRGs."),
    requestorGroupOcid: field.requestorGroupOcid(),
    requestorCompartmentOcid: field.requestorCompartmentOcid(),
    requestorTenancyOcid: field.requestorTenancyOcid(),
    acceptorCompartmentOcid: field.acceptorCompartmentOcid(),
    acceptorTenancyOcid: field.acceptorTenancyOcid(),
    aliases: aliasesWithDefaults({
      requestorGroup: "requestorGroup",
      requestorCompartment: "requestorCompartment",
      acceptorTenancy: "Acceptor",
      requestorTenancy: "Requestor",
      acceptorCompartment: "acceptorCompartment",
    }),
  })
  .strict()
  .superRefine((request, ctx) => {
    requireDistinctAliases(request.aliases, ctx);
    requireDifferentTenancies(request.requestorTenancyOcid, request.acceptorTenancyOcid, ctx);
  });

export const LocalPeeringRequest = z
  .object({
    scenario: z.literal("local-peering").describe("Local peering (LPG) between VCNs of one tenancy."),
    requestorGroupOcid: field.requestorGroupOcid(),
    requestorCompartmentOcid: field.requestorCompartmentOcid(),
    acceptorCompartmentOcid: field.acceptorCompartmentOcid(),
    tenancyOcid: field.tenancyOcid(),
    attachPoliciesTo: field.attachPoliciesTo(),
    // The two `inspect` statements only serve the Console's VCN/LPG pickers.
    includeConsoleInspect: z
      .boolean()
      .default(true)
      .describe("Include the two inspect statements that let the requestor pick the acceptor's VCN and LPG in the Console; without them the LPG OCID must be given."),
    aliases: aliasesWithDefaults({ requestorGroup: "requestorGrp", requestorCompartment: "requestorComp", acceptorCompartment: "acceptorComp" }),
  })
  .strict()
  .superRefine((request, ctx) => requireDistinctAliases(request.aliases, ctx));

export const LocalPeeringCrossTenancyRequest = z
  .object({
    scenario: z.literal("local-peering-cross-tenancy").describe("Local peering between VCNs of two tenancies."),
    requestorGroupOcid: field.requestorGroupOcid(),
    requestorCompartmentOcid: field.requestorCompartmentOcid(),
    requestorTenancyOcid: field.requestorTenancyOcid(),
    acceptorCompartmentOcid: field.acceptorCompartmentOcid(),
    acceptorTenancyOcid: TenancyOcid.optional().meta({
      description: "The acceptor's tenancy; required unless anyTenancy is true (the requestor's Endorse names it). Must differ from the requestor's.",
      examples: ["ocid1.tenancy.oc1..bbbb"],
    }),
    anyTenancy: z.boolean().default(false).describe("Endorse the requestor group for any-tenancy instead of one acceptor tenancy (Oracle's variant)."),
    aliases: aliasesWithDefaults({
      requestorGroup: "requestorGrp",
      requestorCompartment: "requestorComp",
      acceptorCompartment: "acceptorComp",
      acceptorTenancy: "Acceptor",
      requestorTenancy: "Requestor",
    }),
  })
  .strict()
  .superRefine((request, ctx) => {
    requireDistinctAliases(request.aliases, ctx);
    requireDifferentTenancies(request.requestorTenancyOcid, request.acceptorTenancyOcid, ctx);
    if (!request.anyTenancy && request.acceptorTenancyOcid === undefined) {
      ctx.addIssue({ code: "custom", path: ["acceptorTenancyOcid"], message: "is required unless anyTenancy is true: Policy R's Endorse names the acceptor's tenancy" });
    }
  });

export const DrgAttachmentRequest = z
  .object({
    scenario: z.literal("drg-attachment").describe("Attaching a VCN to a DRG in the same tenancy."),
    vcnAdminGroupOcid: GroupOcid.meta({ description: "The group that administers the VCN and its DRG attachment.", examples: ["ocid1.group.oc1..cccc"] }),
    tenancyOcid: field.tenancyOcid(),
    includeRouteTableManagement: z.boolean().default(false).describe("Add the extra statement that lets the group associate a VCN route table with the attachment."),
    aliases: aliasesWithDefaults({ vcnAdminGroup: "VcnAdmin" }),
  })
  .strict();

export const DrgAttachmentCrossTenancyRequest = z
  .object({
    scenario: z.literal("drg-attachment-cross-tenancy").describe("Attaching a VCN of one tenancy to a DRG of another."),
    vcnAdminGroupOcid: GroupOcid.meta({ description: "The group in the VCN's (acceptor) tenancy.", examples: ["ocid1.group.oc1..cccc"] }),
    drgAdminGroupOcid: GroupOcid.meta({ description: "The group in the DRG's (requestor) tenancy; must differ from vcnAdminGroupOcid.", examples: ["ocid1.group.oc1..ffff"] }),
    requestorTenancyOcid: TenancyOcid.meta({ description: "The tenancy that owns the DRG.", examples: ["ocid1.tenancy.oc1..aaaa"] }),
    acceptorTenancyOcid: TenancyOcid.meta({ description: "The tenancy that owns the VCN; must differ from requestorTenancyOcid.", examples: ["ocid1.tenancy.oc1..bbbb"] }),
    aliases: aliasesWithDefaults({ vcnAdminGroup: "vcnAdmin", drgAdminGroup: "drgAdmin", acceptorTenancy: "acceptorVCN", requestorTenancy: "requestorDRG" }),
  })
  .strict()
  .superRefine((request, ctx) => {
    requireDistinctAliases(request.aliases, ctx);
    requireDifferentTenancies(request.requestorTenancyOcid, request.acceptorTenancyOcid, ctx);
    if (request.vcnAdminGroupOcid === request.drgAdminGroupOcid) {
      ctx.addIssue({ code: "custom", path: ["drgAdminGroupOcid"], message: "must differ from vcnAdminGroupOcid: the groups live in different tenancies" });
    }
  });

export const InterconnectPolicyKind = z.enum(["network-admins", "virtual-circuit-admins"]);
export type InterconnectPolicyKind = z.infer<typeof InterconnectPolicyKind>;

export const InterconnectPolicyRequest = z
  .object({
    scenario: z.literal("interconnect").describe("Oracle's documented prerequisites for the Azure interconnect: who may manage networking and virtual circuits."),
    compartmentOcid: CompartmentOcid.optional().meta({
      description: "Narrow the statements from 'in tenancy' to 'in compartment id <ocid>'; needed for attachPoliciesTo compartment.",
      examples: ["ocid1.compartment.oc1..aaaa"],
    }),
    tenancyOcid: field.tenancyOcid(),
    attachPoliciesTo: SameTenancyAttachment.default("tenancy").describe("Where the policies go: the tenancy (default) or, with compartmentOcid, that compartment."),
    include: z
      .array(InterconnectPolicyKind)
      .min(1, "must list at least one policy")
      .refine((kinds) => new Set(kinds).size === kinds.length, "must not list a policy twice")
      .default(["network-admins", "virtual-circuit-admins"])
      .describe("Which policies: network-admins (all networking; what Interlink's identity needs) and/or virtual-circuit-admins (virtual circuits only)."),
    groups: aliasesWithDefaults({ networkAdmins: "NetworkAdmins", virtualCircuitAdmins: "VirtualCircuitAdmins" }),
  })
  .strict()
  .superRefine((request, ctx) => {
    if (request.attachPoliciesTo === "compartment" && request.compartmentOcid === undefined) {
      ctx.addIssue({ code: "custom", path: ["attachPoliciesTo"], message: "can be 'compartment' only with compartmentOcid: statements 'in tenancy' belong in a policy attached to the tenancy" });
    }
  });

export const POLICY_SCENARIOS = [
  "remote-peering-legacy-drg",
  "remote-peering-upgraded-drg",
  "local-peering",
  "local-peering-cross-tenancy",
  "drg-attachment",
  "drg-attachment-cross-tenancy",
  "interconnect",
] as const;
export type PolicyScenario = (typeof POLICY_SCENARIOS)[number];

export const PolicyScenarioRequest = z.discriminatedUnion(
  "scenario",
  [
    RemotePeeringLegacyDrgRequest,
    RemotePeeringUpgradedDrgRequest,
    LocalPeeringRequest,
    LocalPeeringCrossTenancyRequest,
    DrgAttachmentRequest,
    DrgAttachmentCrossTenancyRequest,
    InterconnectPolicyRequest,
  ],
  { error: (issue) => (issue.code === "invalid_union" ? `must be one of ${POLICY_SCENARIOS.join(", ")}` : undefined) },
).describe("POST /api/policies: a scenario and its OCIDs; the answer is both tenancies' statements and where to attach them.");
/** The parsed request, defaults filled in. */
export type PolicyScenarioRequest = z.infer<typeof PolicyScenarioRequest>;
/** What a caller may send: aliases and options may be omitted. */
export type PolicyScenarioRequestInput = z.input<typeof PolicyScenarioRequest>;
