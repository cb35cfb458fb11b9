/**
 * The policy vocabulary the linter knows, in one table with where each word comes from.
 * Seeds: ../shared/reference/seeds/002_9bb584cecd64cf9b.txt (IAM Policies for Routing Between VCNs)
 * and 000_ff56676d4cd203d1.txt (Access to Microsoft Azure, "Prerequisites: Required IAM Policy").
 * Rows not in the seeds come from OCI's "Details for the Core Services" networking resource-type list,
 * so that ordinary networking policies lint clean too.
 */

const SEED_002 = "seed 002 (IAM Policies for Routing Between VCNs)";
const SEED_000 = "seed 000 (Prerequisites: Required IAM Policy)";
const CORE_REFERENCE = "OCI policy reference, Details for the Core Services (networking resource types)";
const POLICY_SYNTAX = "OCI policy syntax (verbs)";

export interface VocabularyEntry {
  readonly name: string;
  readonly source: string;
  /** True when the word appears in a statement in one of the seeds. */
  readonly inSeeds: boolean;
}

export const POLICY_VERBS: readonly VocabularyEntry[] = [
  { name: "inspect", source: `${SEED_002}: LPG Policy A`, inSeeds: true },
  { name: "read", source: POLICY_SYNTAX, inSeeds: false },
  { name: "use", source: POLICY_SYNTAX, inSeeds: false },
  { name: "manage", source: `${SEED_002}; ${SEED_000}`, inSeeds: true },
  { name: "associate", source: `${SEED_002}: cross-tenancy LPG (associate ... with ...)`, inSeeds: true },
];

export const RESOURCE_TYPES: readonly VocabularyEntry[] = [
  { name: "virtual-network-family", source: `${SEED_002} (NetworkAdmin tip); ${SEED_000}`, inSeeds: true },
  { name: "vcns", source: `${SEED_002}: LPG Policy A, DRG attachment`, inSeeds: true },
  { name: "drgs", source: `${SEED_002}: DRG attachment; ${SEED_000}`, inSeeds: true },
  { name: "drg", source: `${SEED_002}: cross-tenancy DRG attachment`, inSeeds: true },
  { name: "drg-attachment", source: `${SEED_002}: cross-tenancy DRG attachment`, inSeeds: true },
  { name: "route-tables", source: `${SEED_002}: DRG attachment note`, inSeeds: true },
  { name: "local-peering-gateways", source: `${SEED_002}: LPG`, inSeeds: true },
  { name: "local-peering-from", source: `${SEED_002}: LPG Policy R`, inSeeds: true },
  { name: "local-peering-to", source: `${SEED_002}: LPG Policy A`, inSeeds: true },
  { name: "remote-peering-from", source: `${SEED_002}: remote peering Policy R`, inSeeds: true },
  { name: "remote-peering-to", source: `${SEED_002}: remote peering Policy A`, inSeeds: true },
  { name: "virtual-circuits", source: SEED_000, inSeeds: true },
  { name: "security-lists", source: `${CORE_REFERENCE}; named in seed 002 prose`, inSeeds: false },
  { name: "remote-peering-connections", source: `${CORE_REFERENCE}; RPCs in seed 002 prose`, inSeeds: false },
  { name: "subnets", source: CORE_REFERENCE, inSeeds: false },
  { name: "network-security-groups", source: CORE_REFERENCE, inSeeds: false },
  { name: "dhcp-options", source: CORE_REFERENCE, inSeeds: false },
  { name: "private-ips", source: CORE_REFERENCE, inSeeds: false },
  { name: "public-ips", source: CORE_REFERENCE, inSeeds: false },
  { name: "internet-gateways", source: CORE_REFERENCE, inSeeds: false },
  { name: "nat-gateways", source: CORE_REFERENCE, inSeeds: false },
  { name: "service-gateways", source: CORE_REFERENCE, inSeeds: false },
  { name: "drg-object", source: CORE_REFERENCE, inSeeds: false },
  { name: "drg-attachments", source: CORE_REFERENCE, inSeeds: false },
  { name: "drg-route-tables", source: CORE_REFERENCE, inSeeds: false },
  { name: "drg-route-distributions", source: CORE_REFERENCE, inSeeds: false },
  { name: "cpes", source: CORE_REFERENCE, inSeeds: false },
  { name: "ipsec-connections", source: CORE_REFERENCE, inSeeds: false },
  { name: "cross-connects", source: CORE_REFERENCE, inSeeds: false },
  { name: "cross-connect-groups", source: CORE_REFERENCE, inSeeds: false },
  { name: "vnics", source: CORE_REFERENCE, inSeeds: false },
  { name: "vnic-attachments", source: CORE_REFERENCE, inSeeds: false },
  { name: "vlans", source: CORE_REFERENCE, inSeeds: false },
  { name: "all-resources", source: "OCI policy syntax (aggregate of every resource type)", inSeeds: false },
];

const VERB_NAMES = new Set(POLICY_VERBS.map((entry) => entry.name));
const RESOURCE_TYPE_NAMES = new Set(RESOURCE_TYPES.map((entry) => entry.name));

/** Policy keywords and names are case-insensitive (the seed itself mixes `define` and `Define`). */
export function isKnownVerb(verb: string): boolean {
  return VERB_NAMES.has(verb.toLowerCase());
}

export function isKnownResourceType(resourceType: string): boolean {
  return RESOURCE_TYPE_NAMES.has(resourceType.toLowerCase());
}
