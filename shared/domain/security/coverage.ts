import { cidr, overlaps, parseIpv4Cidr } from "../cidr";
import { parsePortRange, type TrafficRule } from "../traffic";
import { type PortRange } from "./types";

/** A traffic allowance reduced to what matters for coverage: protocol, destination ports, ICMP type/code. */
export interface Allowance {
  protocol: "tcp" | "udp" | "icmp" | "all";
  ports: PortRange | null;
  icmp?: { type: number; code?: number } | undefined;
}

const ALL_PORTS: PortRange = { min: 1, max: 65535 };

export function allowanceOf(rule: Pick<TrafficRule, "protocol" | "ports" | "icmp">): Allowance {
  return { protocol: rule.protocol, ports: rule.ports ? parsePortRange(rule.ports) : rule.protocol === "tcp" || rule.protocol === "udp" ? ALL_PORTS : null, icmp: rule.icmp };
}

/** True when everything `candidate` permits is inside what `declared` permits. */
export function covers(declared: Allowance, candidate: Allowance): boolean {
  if (declared.protocol === "all") return true;
  if (candidate.protocol === "all" || candidate.protocol !== declared.protocol) return false;
  if (candidate.protocol === "icmp") {
    if (!declared.icmp) return true;
    if (!candidate.icmp || candidate.icmp.type !== declared.icmp.type) return false;
    return declared.icmp.code === undefined || candidate.icmp.code === declared.icmp.code;
  }
  const want = candidate.ports ?? ALL_PORTS;
  const have = declared.ports ?? ALL_PORTS;
  return have.min <= want.min && want.max <= have.max;
}

export function coveredByAny(declared: Allowance[], candidate: Allowance): boolean {
  return declared.some((allowance) => covers(allowance, candidate));
}

/** Whether an address expression (CIDR, or an Azure tag/wildcard) reaches any of the given networks. */
export function reachesAny(prefix: string, networks: string[]): boolean {
  if (prefix === "*" || prefix.toLowerCase() === "any") return networks.length > 0;
  const parsed = parseIpv4Cidr(prefix.includes("/") ? prefix : `${prefix}/32`);
  if (!parsed.ok) return false;
  return networks.some((network) => overlaps(parsed.cidr, cidr(network)));
}

export function portText(range: PortRange | null): string {
  if (!range || (range.min === 1 && range.max === 65535)) return "all";
  return range.min === range.max ? `${range.min}` : `${range.min}-${range.max}`;
}
