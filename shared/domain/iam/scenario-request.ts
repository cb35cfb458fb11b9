import { z } from "zod";
import { Ocid } from "../identifiers";
import { AliasName } from "./names";

/**
 * Requests for `generatePolicies`: one member per scenario in seed 002 (plus seed 000's interconnect
 * prerequisites). Alias defaults are the seed's own labels, so the default output is the seed's text.
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

/** Where same-tenancy policies are attached; the seed allows the tenancy (root) or the policy's own compartment. */
export const SameTenancyAttachment = z.enum(["tenancy", "compartment"]);
export type SameTenancyAttachment = z.infer<typeof SameTenancyAttachment>;

function aliasesWithDefaults<const T extends Record<string, string>>(defaults: T) {
  const shape = Object.fromEntries(Object.entries(defaults).map(([key, value]) => [key, AliasName.default(value)])) as {
    [K in keyof T]: z.ZodDefault<typeof AliasName>;
  };
  const aliases = z.object(shape).strict();
  // Every key has a default, so an omitted `aliases` object parses to the seed's labels.
  return aliases.prefault({} as z.input<typeof aliases>);
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
    scenario: z.literal("remote-peering-legacy-drg"),
    requestorGroupOcid: GroupOcid,
    requestorCompartmentOcid: CompartmentOcid,
    acceptorCompartmentOcid: CompartmentOcid,
    /** Optional: only used to say which tenancy to attach the policies to. */
    tenancyOcid: TenancyOcid.optional(),
    attachPoliciesTo: SameTenancyAttachment.default("tenancy"),
    aliases: aliasesWithDefaults({ requestorGroup: "RequestorGrp", requestorCompartment: "RequestorComp", acceptorCompartment: "AcceptorComp" }),
  })
  .strict()
  .superRefine((request, ctx) => requireDistinctAliases(request.aliases, ctx));

export const RemotePeeringUpgradedDrgRequest = z
  .object({
    scenario: z.literal("remote-peering-upgraded-drg"),
    requestorGroupOcid: GroupOcid,
    requestorCompartmentOcid: CompartmentOcid,
    requestorTenancyOcid: TenancyOcid,
    acceptorCompartmentOcid: CompartmentOcid,
    acceptorTenancyOcid: TenancyOcid,
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
    scenario: z.literal("local-peering"),
    requestorGroupOcid: GroupOcid,
    requestorCompartmentOcid: CompartmentOcid,
    acceptorCompartmentOcid: CompartmentOcid,
    tenancyOcid: TenancyOcid.optional(),
    attachPoliciesTo: SameTenancyAttachment.default("tenancy"),
    /** The seed's two `inspect` statements only serve the Console's VCN/LPG pickers. */
    includeConsoleInspect: z.boolean().default(true),
    aliases: aliasesWithDefaults({ requestorGroup: "requestorGrp", requestorCompartment: "requestorComp", acceptorCompartment: "acceptorComp" }),
  })
  .strict()
  .superRefine((request, ctx) => requireDistinctAliases(request.aliases, ctx));

export const LocalPeeringCrossTenancyRequest = z
  .object({
    scenario: z.literal("local-peering-cross-tenancy"),
    requestorGroupOcid: GroupOcid,
    requestorCompartmentOcid: CompartmentOcid,
    requestorTenancyOcid: TenancyOcid,
    acceptorCompartmentOcid: CompartmentOcid,
    /** Required unless `anyTenancy`: the requestor's Endorse names the acceptor's tenancy. */
    acceptorTenancyOcid: TenancyOcid.optional(),
    /** Endorse the requestor group for `any-tenancy` instead of one acceptor tenancy (seed's variant). */
    anyTenancy: z.boolean().default(false),
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
    scenario: z.literal("drg-attachment"),
    vcnAdminGroupOcid: GroupOcid,
    tenancyOcid: TenancyOcid.optional(),
    /** Adds the seed's extra line that lets the group associate a VCN route table with the attachment. */
    includeRouteTableManagement: z.boolean().default(false),
    aliases: aliasesWithDefaults({ vcnAdminGroup: "VcnAdmin" }),
  })
  .strict();

export const DrgAttachmentCrossTenancyRequest = z
  .object({
    scenario: z.literal("drg-attachment-cross-tenancy"),
    /** Group in the VCN (acceptor) tenancy. */
    vcnAdminGroupOcid: GroupOcid,
    /** Group in the DRG (requestor) tenancy. */
    drgAdminGroupOcid: GroupOcid,
    /** Tenancy that owns the DRG. */
    requestorTenancyOcid: TenancyOcid,
    /** Tenancy that owns the VCN. */
    acceptorTenancyOcid: TenancyOcid,
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
    scenario: z.literal("interconnect"),
    /** Narrow the statements from `in tenancy` to `in compartment id <ocid>`. */
    compartmentOcid: CompartmentOcid.optional(),
    tenancyOcid: TenancyOcid.optional(),
    attachPoliciesTo: SameTenancyAttachment.default("tenancy"),
    include: z
      .array(InterconnectPolicyKind)
      .min(1, "must list at least one policy")
      .refine((kinds) => new Set(kinds).size === kinds.length, "must not list a policy twice")
      .default(["network-admins", "virtual-circuit-admins"]),
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
);
/** The parsed request, defaults filled in. */
export type PolicyScenarioRequest = z.infer<typeof PolicyScenarioRequest>;
/** What a caller may send: aliases and options may be omitted. */
export type PolicyScenarioRequestInput = z.input<typeof PolicyScenarioRequest>;
