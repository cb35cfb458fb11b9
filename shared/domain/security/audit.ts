import { type TrafficRule } from "../traffic";
import { type Allowance, allowanceOf, coveredByAny, portText, reachesAny } from "./coverage";
import { ANY_IPV4, type AzureSecurityRule, type OciSecurityRule, type SecurityFinding, type SecurityListRule } from "./types";

export interface OciSecurityListView {
  id: string;
  name: string;
  isDefault?: boolean;
  ingressSecurityRules: SecurityListRule[];
  egressSecurityRules: SecurityListRule[];
}

export interface OciNsgView {
  id: string;
  name: string;
  rules: OciSecurityRule[];
}

const PROTOCOLS: Record<string, Allowance["protocol"]> = { "6": "tcp", "17": "udp", "1": "icmp", all: "all" };

function ociAllowance(rule: SecurityListRule): Allowance | null {
  const protocol = PROTOCOLS[rule.protocol];
  if (!protocol) return null; // another IP protocol: never declared, so never covered
  const options = protocol === "tcp" ? rule.tcpOptions : protocol === "udp" ? rule.udpOptions : undefined;
  return { protocol, ports: protocol === "tcp" || protocol === "udp" ? (options?.destinationPortRange ?? { min: 1, max: 65535 }) : null, icmp: rule.icmpOptions };
}

function describeOci(rule: SecurityListRule, direction: "ingress" | "egress"): string {
  const allowance = ociAllowance(rule);
  const what = !allowance ? `protocol ${rule.protocol}` : allowance.protocol === "icmp" ? `ICMP${rule.icmpOptions ? ` type ${rule.icmpOptions.type}${rule.icmpOptions.code === undefined ? "" : ` code ${rule.icmpOptions.code}`}` : ""}` : allowance.protocol === "all" ? "all protocols" : `${allowance.protocol.toUpperCase()} ${portText(allowance.ports)}`;
  return `${rule.isStateless ? "stateless" : "stateful"} ${direction} ${what} ${direction === "ingress" ? `from ${rule.source}` : `to ${rule.destination}`}`;
}

const declared = (traffic: TrafficRule[], from: "azure" | "oci") =>
  traffic.filter((rule) => (from === "azure" ? rule.from === "azure" && rule.to === "oci" : rule.from === "oci" && rule.to === "azure")).map(allowanceOf);

/** Classifies an ingress rule that lets the VNet reach more than was declared (seed: security implications). */
function ingressFinding(rule: SecurityListRule, allowance: Allowance | null, inbound: Allowance[]): Pick<SecurityFinding, "severity" | "code" | "message" | "recommendation"> {
  const fromAnywhere = rule.source === ANY_IPV4;
  const sameProtocolDeclared = allowance !== null && inbound.some((item) => item.protocol === allowance.protocol);
  if (allowance?.protocol === "tcp" && allowance.ports?.min === 22 && allowance.ports.max === 22 && fromAnywhere) {
    return {
      severity: "high",
      code: "default-ssh-open",
      message: "allows TCP port 22 (SSH) from 0.0.0.0/0, and thus from the VNet; Oracle's interconnect guide calls out this default security list rule",
      recommendation: "restrict the source to your administration network, or remove the rule if SSH from Azure is not intended",
    };
  }
  if (allowance?.protocol === "icmp" && rule.icmpOptions?.type === 3 && rule.icmpOptions.code === 4 && fromAnywhere) {
    return {
      severity: "low",
      code: "default-icmp-3-4",
      message: "allows ICMP type 3 code 4 from 0.0.0.0/0, and thus from the VNet; Oracle's interconnect guide asks you to evaluate this default rule",
      recommendation: "keep it if you rely on path MTU discovery across the interconnect; otherwise limit its source",
    };
  }
  if (allowance === null || allowance.protocol === "all") {
    return {
      severity: "high",
      code: "all-protocols-from-vnet",
      message: `allows ${allowance === null ? `protocol ${rule.protocol}` : "all protocols"} from ${rule.source}, which covers the VNet beyond the declared traffic`,
      recommendation: "replace it with rules for exactly the declared protocols and ports",
    };
  }
  if (allowance.protocol === "icmp") {
    return { severity: "low", code: "icmp-not-declared", message: `allows ICMP from ${rule.source}, which covers the VNet, but no ICMP traffic was declared`, recommendation: "declare the ICMP traffic you need or limit the rule's source" };
  }
  if (sameProtocolDeclared) {
    return {
      severity: "medium",
      code: "port-range-beyond-declared",
      message: `allows ${allowance.protocol.toUpperCase()} ${portText(allowance.ports)} from ${rule.source}, wider than the declared ports`,
      recommendation: "narrow the destination port range to the declared ports",
    };
  }
  return {
    severity: "medium",
    code: "protocol-not-declared",
    message: `allows ${allowance.protocol.toUpperCase()} ${portText(allowance.ports)} from ${rule.source}, a protocol not declared for traffic from Azure`,
    recommendation: "remove the rule or declare the traffic",
  };
}

/**
 * OCI security lists and NSGs that expose the VCN to the VNet beyond the declared traffic, including the
 * default list's SSH and ICMP 3/4 rules the seed calls out. Rules Interlink owns (marker) are drift's
 * business, not findings.
 */
export function auditOciSecurity(input: { securityLists: OciSecurityListView[]; nsgs?: OciNsgView[]; vnetCidrs: string[]; traffic: TrafficRule[]; ownerMarker: string }): SecurityFinding[] {
  const inbound = declared(input.traffic, "azure");
  const outbound = declared(input.traffic, "oci");
  const findings: SecurityFinding[] = [];
  const owned = (rule: SecurityListRule) => (rule.description ?? "").startsWith(input.ownerMarker);
  const check = (resourceId: string, resourceName: string, rule: SecurityListRule, direction: "ingress" | "egress") => {
    if (owned(rule)) return;
    const peer = direction === "ingress" ? rule.source : rule.destination;
    const peerType = direction === "ingress" ? rule.sourceType : rule.destinationType;
    if (!peer || (peerType !== undefined && peerType !== "CIDR_BLOCK") || !reachesAny(peer, input.vnetCidrs)) return;
    const allowance = ociAllowance(rule);
    if (allowance && coveredByAny(direction === "ingress" ? inbound : outbound, allowance)) return;
    const verdict =
      direction === "ingress"
        ? ingressFinding(rule, allowance, inbound)
        : { severity: "low" as const, code: "egress-beyond-declared", message: `allows ${describeOci(rule, "egress")}, which reaches the VNet beyond the declared traffic`, recommendation: "limit egress towards the VNet to the declared traffic" };
    findings.push({ ...verdict, resourceId, resourceName, rule: describeOci(rule, direction) });
  };
  for (const list of input.securityLists) {
    for (const rule of list.ingressSecurityRules) check(list.id, list.name, rule, "ingress");
    for (const rule of list.egressSecurityRules) check(list.id, list.name, rule, "egress");
  }
  for (const nsg of input.nsgs ?? []) for (const rule of nsg.rules) check(nsg.id, nsg.name, rule, rule.direction === "INGRESS" ? "ingress" : "egress");
  return findings;
}

export interface AzureNsgView {
  id: string;
  name: string;
  rules: AzureSecurityRule[];
}

const AZURE_PROTOCOLS: Record<string, Allowance["protocol"]> = { tcp: "tcp", udp: "udp", icmp: "icmp", "*": "all" };

function azureAllowance(rule: AzureSecurityRule): Allowance {
  const protocol = AZURE_PROTOCOLS[rule.protocol.toLowerCase()] ?? "all";
  const text = rule.destinationPortRange;
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  const ports = text === "*" || !match ? { min: 1, max: 65535 } : { min: Number(match[1]), max: Number(match[2] ?? match[1]) };
  return { protocol, ports: protocol === "tcp" || protocol === "udp" ? ports : null };
}

/**
 * Azure NSG rules that let the VCN into the VNet beyond the declared traffic. NSGs are first-match by
 * priority, so a rule behind Interlink's deny-from-OCI rule exposes nothing; without that deny, Azure's
 * default AllowVnetInBound admits every ExpressRoute-learned prefix, the VCN included.
 */
export function auditAzureNsg(input: { nsg: AzureNsgView; vcnCidrs: string[]; peeredVcnCidrs: string[]; traffic: TrafficRule[]; rulePrefix: string }): SecurityFinding[] {
  const remote = [...input.vcnCidrs, ...input.peeredVcnCidrs];
  const inbound = input.traffic.filter((rule) => rule.to === "azure").map(allowanceOf);
  const inboundRules = input.nsg.rules.filter((rule) => rule.direction === "Inbound").sort((a, b) => a.priority - b.priority);
  const deny = inboundRules.find((rule) => rule.access === "Deny" && rule.protocol === "*" && rule.sourceAddressPrefixes.some((prefix) => reachesAny(prefix, remote)));
  const findings: SecurityFinding[] = [];
  for (const rule of inboundRules) {
    if (rule.access !== "Allow" || rule.name.startsWith(input.rulePrefix)) continue;
    if (deny && rule.priority > deny.priority) continue;
    const viaTag = rule.sourceAddressPrefixes.some((prefix) => prefix === "VirtualNetwork");
    if (!viaTag && !rule.sourceAddressPrefixes.some((prefix) => reachesAny(prefix, remote))) continue;
    const allowance = azureAllowance(rule);
    if (coveredByAny(inbound, allowance)) continue;
    const described = `${rule.name} (priority ${rule.priority}): ${rule.protocol} ${rule.destinationPortRange} from ${rule.sourceAddressPrefixes.join(", ")}`;
    findings.push(
      viaTag
        ? { severity: "low", code: "vnet-tag-includes-vcn", resourceId: input.nsg.id, resourceName: input.nsg.name, rule: described, message: "the VirtualNetwork service tag includes ExpressRoute-learned prefixes, so this rule also admits the VCN", recommendation: "use explicit VNet prefixes, or keep Interlink's deny-from-OCI rule ahead of it" }
        : { severity: allowance.protocol === "all" ? "high" : "medium", code: "nsg-allows-undeclared-from-vcn", resourceId: input.nsg.id, resourceName: input.nsg.name, rule: described, message: "admits traffic from the VCN that was not declared", recommendation: "remove the rule or declare the traffic" },
    );
  }
  if (!deny && remote.length > 0) {
    findings.push({
      severity: "medium",
      code: "default-allow-vnet-inbound",
      resourceId: input.nsg.id,
      resourceName: input.nsg.name,
      rule: "AllowVnetInBound (priority 65000)",
      message: "no rule denies the VCN, so Azure's default AllowVnetInBound admits all of its traffic (ExpressRoute prefixes count as VirtualNetwork)",
      recommendation: "add a deny rule for the VCN CIDRs below the declared allow rules (Interlink's plan does)",
    });
  }
  return findings;
}
