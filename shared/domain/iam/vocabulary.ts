/**
 * The policy vocabulary the linter knows, in one table with where each word comes from: Oracle's "IAM Policies
 * for Routing Between VCNs" and "Access to Microsoft Azure" ("Prerequisites: Required IAM Policy"). Other rows
 * come from OCI's "Details for the Core Services" networking resource-type list, so that ordinary networking
 * policies lint clean too.
 */

const PEERING_POLICIES = "Oracle, IAM Policies for Routing Between VCNs";
const AZURE_PREREQUISITES = "Oracle, Access to Microsoft Azure: Required IAM Policy";
const CORE_REFERENCE = "OCI policy reference, Details for the Core Services (networking resource types)";
const POLICY_SYNTAX = "OCI policy syntax (verbs)";

export interface VocabularyEntry {
  readonly name: string;
  readonly source: string;
  /** True when the word appears in a statement of Oracle's example policies. */
  readonly inOracleExamples: boolean;
}

export const POLICY_VERBS: readonly VocabularyEntry[] = [
  { name: "inspect", source: `${PEERING_POLICIES}: LPG Policy A`, inOracleExamples: true },
  { name: "read", source: POLICY_SYNTAX, inOracleExamples: false },
  { name: "use", source: POLICY_SYNTAX, inOracleExamples: false },
  { name: "manage", source: `${PEERING_POLICIES}; ${AZURE_PREREQUISITES}`, inOracleExamples: true },
  { name: "associate", source: `${PEERING_POLICIES}: cross-tenancy LPG (associate ... with ...)`, inOracleExamples: true },
];

export const RESOURCE_TYPES: readonly VocabularyEntry[] = [
  { name: "virtual-network-family", source: `${PEERING_POLICIES} (NetworkAdmin tip); ${AZURE_PREREQUISITES}`, inOracleExamples: true },
  { name: "vcns", source: `${PEERING_POLICIES}: LPG Policy A, DRG attachment`, inOracleExamples: true },
  { name: "drgs", source: `${PEERING_POLICIES}: DRG attachment; ${AZURE_PREREQUISITES}`, inOracleExamples: true },
  { name: "drg", source: `${PEERING_POLICIES}: cross-tenancy DRG attachment`, inOracleExamples: true },
  { name: "drg-attachment", source: `${PEERING_POLICIES}: cross-tenancy DRG attachment`, inOracleExamples: true },
  { name: "route-tables", source: `${PEERING_POLICIES}: DRG attachment note`, inOracleExamples: true },
  { name: "local-peering-gateways", source: `${PEERING_POLICIES}: LPG`, inOracleExamples: true },
  { name: "local-peering-from", source: `${PEERING_POLICIES}: LPG Policy R`, inOracleExamples: true },
  { name: "local-peering-to", source: `${PEERING_POLICIES}: LPG Policy A`, inOracleExamples: true },
  { name: "remote-peering-from", source: `${PEERING_POLICIES}: remote peering Policy R`, inOracleExamples: true },
  { name: "remote-peering-to", source: `${PEERING_POLICIES}: remote peering Policy A`, inOracleExamples: true },
  { name: "virtual-circuits", source: AZURE_PREREQUISITES, inOracleExamples: true },
  { name: "security-lists", source: `${CORE_REFERENCE}; named in the peering page's text`, inOracleExamples: false },
  { name: "remote-peering-connections", source: `${CORE_REFERENCE}; RPCs in the peering page's text`, inOracleExamples: false },
  { name: "subnets", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "network-security-groups", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "dhcp-options", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "private-ips", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "public-ips", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "internet-gateways", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "nat-gateways", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "service-gateways", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "drg-object", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "drg-attachments", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "drg-route-tables", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "drg-route-distributions", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "cpes", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "ipsec-connections", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "cross-connects", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "cross-connect-groups", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "vnics", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "vnic-attachments", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "vlans", source: CORE_REFERENCE, inOracleExamples: false },
  { name: "all-resources", source: "OCI policy syntax (aggregate of every resource type)", inOracleExamples: false },
];

const VERB_NAMES = new Set(POLICY_VERBS.map((entry) => entry.name));
const RESOURCE_TYPE_NAMES = new Set(RESOURCE_TYPES.map((entry) => entry.name));

/** Policy keywords and names are case-insensitive (Oracle's own examples mix `define` and `Define`). */
export function isKnownVerb(verb: string): boolean {
  return VERB_NAMES.has(verb.toLowerCase());
}

export function isKnownResourceType(resourceType: string): boolean {
  return RESOURCE_TYPE_NAMES.has(resourceType.toLowerCase());
}
