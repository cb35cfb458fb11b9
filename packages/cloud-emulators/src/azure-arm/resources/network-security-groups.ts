import { z } from "zod";
import { armEtag } from "../../core/ids";
import { parseArm, propertiesOf } from "../body";
import { badRequest } from "../errors";
import { renderChildren } from "../generic";
import type { ChildKind, TrackedKind } from "../kinds";
import type { NetworkSecurityGroupRecord, SecurityRuleChild, SecurityRuleProperties } from "../model";
import { subnetIdsReferencing } from "../queries";
import { findChild } from "../store";

const RuleProperties = z.object({
  protocol: z.enum(["Tcp", "Udp", "Icmp", "Esp", "*", "Ah"]),
  access: z.enum(["Allow", "Deny"]),
  direction: z.enum(["Inbound", "Outbound"]),
  priority: z.number().int(),
  description: z.string().optional(),
  sourcePortRange: z.string().optional(),
  sourcePortRanges: z.array(z.string()).optional(),
  destinationPortRange: z.string().optional(),
  destinationPortRanges: z.array(z.string()).optional(),
  sourceAddressPrefix: z.string().optional(),
  sourceAddressPrefixes: z.array(z.string()).optional(),
  destinationAddressPrefix: z.string().optional(),
  destinationAddressPrefixes: z.array(z.string()).optional(),
});

const InlineRule = z.object({ name: z.string().min(1), properties: RuleProperties });

function ruleProperties(parsed: z.infer<typeof RuleProperties>, ruleName: string): SecurityRuleProperties {
  if (parsed.priority < 100 || parsed.priority > 4096) {
    throw badRequest("SecurityRuleInvalidPriority", `Security rule ${ruleName} has invalid Priority. Value provided: ${parsed.priority} Allowed range 100-4096.`);
  }
  const pairs: [string, unknown, unknown][] = [
    ["SourcePortRange", parsed.sourcePortRange, parsed.sourcePortRanges],
    ["DestinationPortRange", parsed.destinationPortRange, parsed.destinationPortRanges],
    ["SourceAddressPrefix", parsed.sourceAddressPrefix, parsed.sourceAddressPrefixes],
    ["DestinationAddressPrefix", parsed.destinationAddressPrefix, parsed.destinationAddressPrefixes],
  ];
  for (const [label, single, many] of pairs) {
    if (single === undefined && (!Array.isArray(many) || many.length === 0)) {
      throw badRequest("SecurityRuleParameterMissing", `Security rule ${ruleName} is missing ${label}. Specify ${label} or ${label}s.`);
    }
  }
  const properties: SecurityRuleProperties = { protocol: parsed.protocol, access: parsed.access, direction: parsed.direction, priority: parsed.priority };
  for (const key of Object.keys(parsed) as (keyof typeof parsed)[]) {
    const value = parsed[key];
    if (value !== undefined) Object.assign(properties, { [key]: value });
  }
  return properties;
}

function checkPriorities(rules: SecurityRuleChild[]): void {
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) {
      const a = rules[i];
      const b = rules[j];
      if (a && b && a.properties.direction === b.properties.direction && a.properties.priority === b.properties.priority) {
        throw badRequest(
          "SecurityRuleConflict",
          `Security rule ${b.name} conflicts with rule ${a.name}. Rules cannot have the same Priority and Direction. To learn more, see aka.ms/nsgrules.`,
        );
      }
    }
  }
}

export const securityRules: ChildKind<"networkSecurityGroups", SecurityRuleChild> = {
  parentKind: "networkSecurityGroups",
  childType: "securityRules",
  opGroup: "securityRules",
  armType: "Microsoft.Network/networkSecurityGroups/securityRules",
  children: (nsg) => nsg.securityRules,
  setChildren: (nsg, children) => {
    nsg.securityRules = children;
  },
  build({ parent, name, body, existing }) {
    const properties = ruleProperties(parseArm(RuleProperties, propertiesOf(body), "properties"), name);
    const rule: SecurityRuleChild = { name, etag: existing?.etag ?? armEtag(), provisioningState: "Updating", properties };
    checkPriorities([...parent.securityRules.filter((other) => other.name.toLowerCase() !== name.toLowerCase()), rule]);
    return rule;
  },
  properties: (_world, _nsg, rule) => ({ ...rule.properties }),
  provisioningMs: (world) => world.config.durations.armSmallResource,
  deleteMs: (world) => world.config.durations.armSmallDelete,
};

interface DefaultRule {
  name: string;
  priority: number;
  direction: "Inbound" | "Outbound";
  access: "Allow" | "Deny";
  source: string;
  destination: string;
  description: string;
}

/** The six rules Azure adds to every NSG. */
const DEFAULT_RULES: DefaultRule[] = [
  { name: "AllowVnetInBound", priority: 65000, direction: "Inbound", access: "Allow", source: "VirtualNetwork", destination: "VirtualNetwork", description: "Allow inbound traffic from all VMs in VNET" },
  { name: "AllowAzureLoadBalancerInBound", priority: 65001, direction: "Inbound", access: "Allow", source: "AzureLoadBalancer", destination: "*", description: "Allow inbound traffic from azure load balancer" },
  { name: "DenyAllInBound", priority: 65500, direction: "Inbound", access: "Deny", source: "*", destination: "*", description: "Deny all inbound traffic" },
  { name: "AllowVnetOutBound", priority: 65000, direction: "Outbound", access: "Allow", source: "VirtualNetwork", destination: "VirtualNetwork", description: "Allow outbound traffic from all VMs to all VMs in VNET" },
  { name: "AllowInternetOutBound", priority: 65001, direction: "Outbound", access: "Allow", source: "*", destination: "Internet", description: "Allow outbound traffic from all VMs to Internet" },
  { name: "DenyAllOutBound", priority: 65500, direction: "Outbound", access: "Deny", source: "*", destination: "*", description: "Deny all outbound traffic" },
];

function defaultRuleChildren(nsg: NetworkSecurityGroupRecord): SecurityRuleChild[] {
  return DEFAULT_RULES.map((rule) => ({
    name: rule.name,
    // Stable per NSG so that reads of an unchanged NSG return equal JSON.
    etag: nsg.etag,
    provisioningState: "Succeeded",
    properties: {
      protocol: "*",
      access: rule.access,
      direction: rule.direction,
      priority: rule.priority,
      description: rule.description,
      sourcePortRange: "*",
      destinationPortRange: "*",
      sourceAddressPrefix: rule.source,
      destinationAddressPrefix: rule.destination,
    },
  }));
}

export const defaultSecurityRules: ChildKind<"networkSecurityGroups", SecurityRuleChild> = {
  parentKind: "networkSecurityGroups",
  childType: "defaultSecurityRules",
  opGroup: "defaultSecurityRules",
  armType: "Microsoft.Network/networkSecurityGroups/defaultSecurityRules",
  children: defaultRuleChildren,
  setChildren: () => undefined,
  build: () => {
    throw badRequest("InvalidRequestFormat", "Default security rules are read-only.");
  },
  properties: (_world, _nsg, rule) => ({ ...rule.properties }),
  provisioningMs: () => 0,
  deleteMs: () => 0,
  readOnly: true,
};

export const networkSecurityGroups: TrackedKind<"networkSecurityGroups"> = {
  kind: "networkSecurityGroups",
  type: "networkSecurityGroups",
  build({ body, existing }) {
    const properties = parseArm(z.object({ securityRules: z.array(InlineRule).optional() }), propertiesOf(body), "properties");
    // A PUT replaces the inline rule collection.
    const rules = (properties.securityRules ?? []).map((inline): SecurityRuleChild => {
      const before = existing ? findChild(existing.securityRules, inline.name) : undefined;
      return { name: before?.name ?? inline.name, etag: before?.etag ?? armEtag(), provisioningState: "Updating", properties: ruleProperties(inline.properties, inline.name) };
    });
    checkPriorities(rules);
    return { securityRules: rules };
  },
  afterPut(_world, record) {
    for (const rule of record.securityRules) if (rule.provisioningState === "Updating") rule.pendingOpId = record.pendingOpId ?? "";
  },
  properties(world, record) {
    const subnets = subnetIdsReferencing(world, "networkSecurityGroupId", record.id);
    return {
      securityRules: renderChildren(world, securityRules, record),
      defaultSecurityRules: renderChildren(world, defaultSecurityRules, record),
      ...(subnets.length > 0 ? { subnets: subnets.map((id) => ({ id })) } : {}),
    };
  },
  provisioningMs: (world) => world.config.durations.armSmallResource,
  deleteMs: (world) => world.config.durations.armSmallDelete,
  checkDelete(world, record) {
    const subnets = subnetIdsReferencing(world, "networkSecurityGroupId", record.id);
    if (subnets.length > 0) {
      throw badRequest(
        "InUseNetworkSecurityGroupCannotBeDeleted",
        `Network security group ${record.id} cannot be deleted because it is in use by the following resources: ${subnets.join(", ")}. In order to delete the Network security group, remove the association with the resource(s).`,
      );
    }
  },
};
