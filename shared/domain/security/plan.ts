import { resourceNames } from "../naming";
import { type TrafficRule } from "../traffic";
import { allowanceOf, portText } from "./coverage";
import { type AzureSecurityRule, OCI_PROTOCOL, type SecurityListRule, type OciPortOptions, type OciSecurityRule, type PortRange, type SecurityRulePlan } from "./types";

export interface SecurityPlanInput {
  name: string;
  vnetCidrs: string[];
  vcnCidrs: string[];
  peeredVcnCidrs: string[];
  traffic: TrafficRule[];
  /** Priorities already taken in an existing NSG Interlink adds rules to (per direction). */
  existingAzurePriorities?: { Inbound?: number[]; Outbound?: number[] };
}

const FIRST_ALLOW_PRIORITY = 100;
/** Deny rules sit below every allow rule but above Azure's AllowVnet* defaults (65000), which admit ExpressRoute prefixes. */
const DENY_PRIORITY_CEILING = 4096;

const AZURE_PROTOCOL = { tcp: "Tcp", udp: "Udp", icmp: "Icmp", all: "*" } as const;

function slug(rule: TrafficRule): string {
  const ports = rule.protocol === "icmp" ? (rule.icmp ? `${rule.icmp.type}${rule.icmp.code === undefined ? "" : `-${rule.icmp.code}`}` : "all") : portText(allowanceOf(rule).ports);
  return rule.protocol === "all" ? "all" : `${rule.protocol}-${ports}`;
}

function key(rule: TrafficRule): string {
  return `${rule.from}>${rule.to}|${slug(rule)}|${rule.stateless ? "stateless" : "stateful"}`;
}

function allocate(taken: Set<number>, next: { value: number }): number {
  while (taken.has(next.value)) next.value++;
  const priority = next.value;
  taken.add(priority);
  next.value++;
  return priority;
}

function portOptions(range: PortRange | null, side: "destination" | "source"): OciPortOptions | undefined {
  if (!range) return undefined;
  return side === "destination" ? { destinationPortRange: range } : { sourcePortRange: range };
}

/**
 * The rules that allow exactly the declared traffic (seed Task 1): Azure NSG rules on the VNet side with
 * deterministic names and priorities, plus deny rules so Azure's default AllowVnet rules (which include
 * ExpressRoute-learned prefixes) do not let anything else through; OCI rules for the VCN, stateful by
 * default, stateless (with the return rule) where asked, as the seed recommends for high traffic.
 */
export function planSecurityRules(input: SecurityPlanInput): SecurityRulePlan {
  const names = resourceNames(input.name, "");
  const unique = new Map<string, TrafficRule>();
  for (const rule of input.traffic) if (rule.from !== "on-premises" && rule.to !== "on-premises") unique.set(key(rule), rule);
  const rules = [...unique.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, rule]) => rule);

  const taken = { Inbound: new Set(input.existingAzurePriorities?.Inbound ?? []), Outbound: new Set(input.existingAzurePriorities?.Outbound ?? []) };
  const cursor = { Inbound: { value: FIRST_ALLOW_PRIORITY }, Outbound: { value: FIRST_ALLOW_PRIORITY } };
  const azure: AzureSecurityRule[] = [];
  const oci: OciSecurityRule[] = [];
  const notes: string[] = [];
  const usedNames = new Set<string>();

  for (const rule of rules) {
    const outbound = rule.from === "azure";
    const remote = rule.to === "oci-peered" || rule.from === "oci-peered" ? input.peeredVcnCidrs : input.vcnCidrs;
    const allowance = allowanceOf(rule);
    const direction = outbound ? "Outbound" : "Inbound";
    const suffix = `${outbound ? "out" : "in"}-${slug(rule)}${remote === input.peeredVcnCidrs ? "-peered" : ""}${rule.stateless ? "-sl" : ""}`;
    let name = `${names.azureRulePrefix}${suffix}`;
    for (let n = 2; usedNames.has(name); n++) name = `${names.azureRulePrefix}${suffix}-${n}`;
    usedNames.add(name);
    azure.push({
      name,
      priority: allocate(taken[direction], cursor[direction]),
      direction,
      access: "Allow",
      protocol: AZURE_PROTOCOL[rule.protocol],
      sourceAddressPrefixes: outbound ? [...input.vnetCidrs] : [...remote],
      destinationAddressPrefixes: outbound ? [...remote] : [...input.vnetCidrs],
      sourcePortRange: "*",
      destinationPortRange: rule.protocol === "tcp" || rule.protocol === "udp" ? (portText(allowance.ports) === "all" ? "*" : portText(allowance.ports)) : "*",
      description: `Interlink ${input.name}: ${rule.description ?? `${rule.from} to ${rule.to} ${slug(rule)}`}`,
    });

    if (remote === input.peeredVcnCidrs) {
      notes.push(`Traffic ${rule.from} -> ${rule.to} (${slug(rule)}) reaches a peered VCN: its security rules live in that VCN and are not managed by Interlink.`);
      continue;
    }
    const protocol = OCI_PROTOCOL[rule.protocol];
    const icmpOptions = rule.protocol === "icmp" && rule.icmp ? { icmpOptions: { type: rule.icmp.type, ...(rule.icmp.code === undefined ? {} : { code: rule.icmp.code }) } } : {};
    for (const vnet of input.vnetCidrs) {
      // Traffic from Azure enters the VCN (ingress); traffic to Azure leaves it (egress).
      const forward: OciSecurityRule = outbound
        ? { direction: "INGRESS", protocol, source: vnet, sourceType: "CIDR_BLOCK", isStateless: rule.stateless }
        : { direction: "EGRESS", protocol, destination: vnet, destinationType: "CIDR_BLOCK", isStateless: rule.stateless };
      const ports = portOptions(rule.protocol === "tcp" || rule.protocol === "udp" ? allowance.ports : null, "destination");
      if (ports) forward[rule.protocol === "tcp" ? "tcpOptions" : "udpOptions"] = ports;
      Object.assign(forward, icmpOptions);
      forward.description = `${names.ociRuleMarker} ${outbound ? "in" : "out"}-${slug(rule)} ${outbound ? "from" : "to"} ${vnet}`;
      oci.push(forward);
      if (rule.stateless) {
        const reverse: OciSecurityRule = outbound
          ? { direction: "EGRESS", protocol, destination: vnet, destinationType: "CIDR_BLOCK", isStateless: true }
          : { direction: "INGRESS", protocol, source: vnet, sourceType: "CIDR_BLOCK", isStateless: true };
        const returnPorts = portOptions(rule.protocol === "tcp" || rule.protocol === "udp" ? allowance.ports : null, "source");
        if (returnPorts) reverse[rule.protocol === "tcp" ? "tcpOptions" : "udpOptions"] = returnPorts;
        Object.assign(reverse, icmpOptions);
        reverse.description = `${names.ociRuleMarker} return-${slug(rule)} ${outbound ? "to" : "from"} ${vnet}`;
        oci.push(reverse);
      }
    }
  }

  const everyRemote = [...input.vcnCidrs, ...input.peeredVcnCidrs];
  if (everyRemote.length > 0 && input.vnetCidrs.length > 0) {
    const denyNext = { Inbound: { value: DENY_PRIORITY_CEILING - 1 }, Outbound: { value: DENY_PRIORITY_CEILING - 1 } };
    for (const direction of ["Inbound", "Outbound"] as const) {
      while (taken[direction].has(denyNext[direction].value)) denyNext[direction].value--;
      taken[direction].add(denyNext[direction].value);
      azure.push({
        name: `${names.azureRulePrefix}deny-${direction === "Inbound" ? "in-from" : "out-to"}-oci`,
        priority: denyNext[direction].value,
        direction,
        access: "Deny",
        protocol: "*",
        sourceAddressPrefixes: direction === "Inbound" ? everyRemote : [...input.vnetCidrs],
        destinationAddressPrefixes: direction === "Inbound" ? [...input.vnetCidrs] : everyRemote,
        sourcePortRange: "*",
        destinationPortRange: "*",
        description: `Interlink ${input.name}: only the declared traffic crosses the interconnect`,
      });
    }
  }
  return { azure, oci, notes };
}

/** Splits planned OCI rules into a security list's two lists (security lists have no `direction`). */
export function toSecurityListRules(rules: OciSecurityRule[]): { ingressSecurityRules: SecurityListRule[]; egressSecurityRules: SecurityListRule[] } {
  const strip = ({ direction: _direction, ...rest }: OciSecurityRule): SecurityListRule => rest;
  return {
    ingressSecurityRules: rules.filter((rule) => rule.direction === "INGRESS").map(strip),
    egressSecurityRules: rules.filter((rule) => rule.direction === "EGRESS").map(strip),
  };
}
