/**
 * Resource types, families and the permissions each verb grants, after Oracle's "Details for the Core
 * Services" (networking resource types, "Details for Verb + Resource-Type Combinations") and "Details for
 * IAM without Identity Domains". Verbs are cumulative: inspect < read < use < manage. Only the permissions
 * the emulated operations need are listed; other documented resource types are known (a statement naming
 * them is accepted) but grant nothing the emulator checks.
 */

export const VERB_ORDER = ["inspect", "read", "use", "manage"] as const;
export type Verb = (typeof VERB_ORDER)[number];

type PermissionsByVerb = Partial<Record<Verb, readonly string[]>>;

const crud = (prefix: string, extraManage: string[] = [], use: string[] = []): PermissionsByVerb => ({
  inspect: [`${prefix}_READ`],
  use,
  manage: [`${prefix}_CREATE`, `${prefix}_UPDATE`, `${prefix}_DELETE`, `${prefix}_MOVE`, ...extraManage],
});

/** Individual resource types and what each verb adds. */
export const RESOURCE_TYPES: Record<string, PermissionsByVerb> = {
  vcns: crud("VCN", ["VCN_ATTACH", "VCN_DETACH"]),
  subnets: crud("SUBNET", [], ["SUBNET_ATTACH", "SUBNET_DETACH"]),
  "route-tables": crud("ROUTE_TABLE", ["ROUTE_TABLE_ATTACH", "ROUTE_TABLE_DETACH"]),
  "security-lists": crud("SECURITY_LIST", ["SECURITY_LIST_ATTACH", "SECURITY_LIST_DETACH"]),
  "network-security-groups": {
    inspect: ["NETWORK_SECURITY_GROUP_INSPECT"],
    read: ["NETWORK_SECURITY_GROUP_READ", "NETWORK_SECURITY_GROUP_LIST_SECURITY_RULES"],
    use: ["NETWORK_SECURITY_GROUP_UPDATE_MEMBERS"],
    manage: ["NETWORK_SECURITY_GROUP_CREATE", "NETWORK_SECURITY_GROUP_UPDATE", "NETWORK_SECURITY_GROUP_DELETE", "NETWORK_SECURITY_GROUP_UPDATE_SECURITY_RULES", "NETWORK_SECURITY_GROUP_MOVE"],
  },
  "drg-object": crud("DRG", [], ["DRG_ATTACH", "DRG_DETACH"]),
  "drg-attachments": { inspect: ["DRG_ATTACHMENT_READ"], manage: ["DRG_ATTACHMENT_CREATE", "DRG_ATTACHMENT_UPDATE", "DRG_ATTACHMENT_DELETE"] },
  "drg-route-tables": { inspect: ["DRG_ROUTE_TABLE_READ", "DRG_ROUTE_RULE_READ"], use: ["DRG_ROUTE_TABLE_ATTACH"], manage: ["DRG_ROUTE_TABLE_CREATE", "DRG_ROUTE_TABLE_UPDATE", "DRG_ROUTE_TABLE_DELETE", "DRG_ROUTE_RULE_UPDATE"] },
  "drg-route-distributions": { inspect: ["DRG_ROUTE_DISTRIBUTION_READ"], use: ["DRG_ROUTE_DISTRIBUTION_ATTACH"], manage: ["DRG_ROUTE_DISTRIBUTION_CREATE", "DRG_ROUTE_DISTRIBUTION_UPDATE", "DRG_ROUTE_DISTRIBUTION_DELETE"] },
  "local-peering-gateways": {
    inspect: ["LOCAL_PEERING_GATEWAY_READ"],
    use: ["LOCAL_PEERING_GATEWAY_ATTACH", "LOCAL_PEERING_GATEWAY_DETACH"],
    manage: ["LOCAL_PEERING_GATEWAY_CREATE", "LOCAL_PEERING_GATEWAY_UPDATE", "LOCAL_PEERING_GATEWAY_DELETE", "LOCAL_PEERING_GATEWAY_MOVE", "LOCAL_PEERING_GATEWAY_CONNECT_FROM", "LOCAL_PEERING_GATEWAY_CONNECT_TO"],
  },
  "local-peering-from": { manage: ["LOCAL_PEERING_GATEWAY_CONNECT_FROM"] },
  "local-peering-to": { manage: ["LOCAL_PEERING_GATEWAY_CONNECT_TO"] },
  "remote-peering-connections": {
    inspect: ["REMOTE_PEERING_CONNECTION_READ"],
    manage: ["REMOTE_PEERING_CONNECTION_CREATE", "REMOTE_PEERING_CONNECTION_UPDATE", "REMOTE_PEERING_CONNECTION_DELETE", "REMOTE_PEERING_CONNECTION_RESOURCE_MOVE", "REMOTE_PEERING_CONNECTION_CONNECT_FROM", "REMOTE_PEERING_CONNECTION_CONNECT_TO"],
  },
  "remote-peering-from": { manage: ["REMOTE_PEERING_CONNECTION_CONNECT_FROM"] },
  "remote-peering-to": { manage: ["REMOTE_PEERING_CONNECTION_CONNECT_TO"] },
  "virtual-circuits": { inspect: ["VIRTUAL_CIRCUIT_READ"], use: ["VIRTUAL_CIRCUIT_UPDATE"], manage: ["VIRTUAL_CIRCUIT_CREATE", "VIRTUAL_CIRCUIT_DELETE", "VIRTUAL_CIRCUIT_RESOURCE_MOVE"] },
  cpes: crud("CPE"),
  "ipsec-connections": { inspect: ["IPSEC_CONNECTION_READ"], read: ["IPSEC_CONNECTION_DEVICE_CONFIG_READ"], manage: ["IPSEC_CONNECTION_CREATE", "IPSEC_CONNECTION_UPDATE", "IPSEC_CONNECTION_DELETE", "IPSEC_CONNECTION_DEVICE_CONFIG_UPDATE"] },
  "dhcp-options": crud("DHCP"),
  "cross-connects": crud("CROSS_CONNECT"),
  "cross-connect-groups": crud("CROSS_CONNECT_GROUP"),
  "internet-gateways": crud("INTERNET_GATEWAY", [], ["INTERNET_GATEWAY_ATTACH", "INTERNET_GATEWAY_DETACH"]),
  "nat-gateways": crud("NAT_GATEWAY", [], ["NAT_GATEWAY_ATTACH", "NAT_GATEWAY_DETACH"]),
  "service-gateways": crud("SERVICE_GATEWAY", [], ["SERVICE_GATEWAY_ATTACH", "SERVICE_GATEWAY_DETACH"]),
  "private-ips": crud("PRIVATE_IP"),
  "public-ips": crud("PUBLIC_IP"),
  vnics: crud("VNIC"),
  "vnic-attachments": crud("VNIC_ATTACHMENT"),
  vlans: crud("VLAN"),
  compartments: { inspect: ["COMPARTMENT_INSPECT"], read: ["COMPARTMENT_READ"], manage: ["COMPARTMENT_CREATE", "COMPARTMENT_UPDATE", "COMPARTMENT_DELETE"] },
  users: { inspect: ["USER_INSPECT"], read: ["USER_READ"], use: ["USER_UPDATE"], manage: ["USER_CREATE", "USER_DELETE", "USER_APIKEY_ADD", "USER_APIKEY_REMOVE"] },
  groups: { inspect: ["GROUP_INSPECT"], read: ["GROUP_READ"], use: ["GROUP_UPDATE"], manage: ["GROUP_CREATE", "GROUP_DELETE"] },
  "dynamic-groups": { inspect: ["DYNAMIC_GROUP_INSPECT"], manage: ["DYNAMIC_GROUP_CREATE", "DYNAMIC_GROUP_UPDATE", "DYNAMIC_GROUP_DELETE"] },
  policies: { inspect: ["POLICY_READ"], manage: ["POLICY_CREATE", "POLICY_UPDATE", "POLICY_DELETE"] },
  tenancies: { inspect: ["TENANCY_INSPECT"], manage: ["TENANCY_UPDATE"] },
};

/** Aggregate types: a statement on a family is one statement per member ("Details for the Core Services"). */
export const FAMILIES: Record<string, readonly string[]> = {
  drgs: ["drg-object", "drg-attachments", "drg-route-tables", "drg-route-distributions"],
  "local-peering-gateways": ["local-peering-from", "local-peering-to"],
  "remote-peering-connections": ["remote-peering-from", "remote-peering-to"],
  "virtual-network-family": [
    "vcns",
    "subnets",
    "route-tables",
    "security-lists",
    "network-security-groups",
    "dhcp-options",
    "drgs",
    "local-peering-gateways",
    "remote-peering-connections",
    "virtual-circuits",
    "cpes",
    "ipsec-connections",
    "cross-connects",
    "cross-connect-groups",
    "internet-gateways",
    "nat-gateways",
    "service-gateways",
    "private-ips",
    "public-ips",
    "vnics",
    "vnic-attachments",
    "vlans",
  ],
  "all-resources": ["virtual-network-family", "compartments", "users", "groups", "dynamic-groups", "policies", "tenancies"],
};

/**
 * Singular names Oracle's own cross-tenancy examples use ("manage drg-attachment", "manage drg"). The emulator
 * reads `drg` as the DRG object only (not the whole drgs family): that is what lets the VCN tenancy's admins
 * associate a route table with a cross-tenancy attachment without changing its DRG route table, as documented.
 */
const ALIASES: Record<string, string> = {
  drg: "drg-object",
  "drg-attachment": "drg-attachments",
  "drg-route-table": "drg-route-tables",
  "drg-route-distribution": "drg-route-distributions",
};

export function canonicalType(name: string): string {
  const lower = name.toLowerCase();
  return ALIASES[lower] ?? lower;
}

export function isKnownType(name: string): boolean {
  const type = canonicalType(name);
  return type in RESOURCE_TYPES || type in FAMILIES;
}

/** Every individual type a (family) type stands for, itself included. */
export function expandType(name: string): Set<string> {
  const out = new Set<string>();
  const visit = (type: string) => {
    if (out.has(type)) return;
    out.add(type);
    for (const member of FAMILIES[type] ?? []) visit(member);
  };
  visit(canonicalType(name));
  return out;
}

/** Operations the emulator's table does not list need `manage virtual-network-family` (see operations.ts). */
export const UNLISTED_OPERATION = "UNLISTED_OPERATION";

/** Whether `verb` on `resourceType` (possibly a family) grants `permission`. */
export function grants(verb: Verb, resourceType: string, permission: string): boolean {
  if (permission === UNLISTED_OPERATION) return verb === "manage" && expandType(resourceType).has("virtual-network-family");
  const level = VERB_ORDER.indexOf(verb);
  for (const type of expandType(resourceType)) {
    const byVerb = RESOURCE_TYPES[type];
    if (!byVerb) continue;
    for (const [index, granted] of VERB_ORDER.entries()) {
      if (index <= level && byVerb[granted]?.includes(permission)) return true;
    }
  }
  return false;
}

/** The narrowest statements that grant a permission (for messages): "manage local-peering-to", ... */
export function grantingPhrases(permission: string): string[] {
  if (permission === UNLISTED_OPERATION) return ["manage virtual-network-family"];
  const found: { phrase: string; size: number }[] = [];
  for (const [type, byVerb] of Object.entries(RESOURCE_TYPES)) {
    const verb = VERB_ORDER.find((candidate) => byVerb[candidate]?.includes(permission));
    if (verb) found.push({ phrase: `${verb} ${type}`, size: Object.values(byVerb).flat().length });
  }
  return found.sort((a, b) => a.size - b.size).map((entry) => entry.phrase);
}
