import { z } from "zod";
import { parseIpv4Cidr } from "../../core/cidr";
import type { World } from "../../core/world";
import { parseOci } from "../body";
import { invalidParameter } from "../errors";
import { ociRecordOf } from "../store";

const PortRange = z.object({ min: z.number().int().min(1).max(65535), max: z.number().int().min(1).max(65535) }).refine((range) => range.min <= range.max, "min must not exceed max");
const PortOptions = z.object({ destinationPortRange: PortRange.optional(), sourcePortRange: PortRange.optional() });
const IcmpOptions = z.object({ type: z.number().int().min(0).max(255), code: z.number().int().min(0).max(255).optional() });
const AddressType = z.enum(["CIDR_BLOCK", "SERVICE_CIDR_BLOCK", "NETWORK_SECURITY_GROUP"]);

export const RuleShape = z.object({
  protocol: z.string().min(1),
  isStateless: z.boolean().optional(),
  description: z.string().max(255).optional(),
  tcpOptions: PortOptions.optional(),
  udpOptions: PortOptions.optional(),
  icmpOptions: IcmpOptions.optional(),
  source: z.string().min(1).optional(),
  sourceType: AddressType.optional(),
  destination: z.string().min(1).optional(),
  destinationType: AddressType.optional(),
});
export type RuleShape = z.infer<typeof RuleShape>;

function checkAddress(world: World, value: string, type: string, field: string): void {
  if (type === "CIDR_BLOCK") {
    const parsed = parseIpv4Cidr(value);
    if (!parsed.ok) throw invalidParameter(`${field} ${value} is not a valid CIDR block: ${parsed.message}`);
  } else if (type === "NETWORK_SECURITY_GROUP") {
    if (!ociRecordOf(world, "networksecuritygroup", value)) throw invalidParameter(`${field} ${value} is not an existing network security group.`);
  }
}

/**
 * Validates one security rule (security list or NSG) and returns it in the shape OCI returns:
 * protocol "all" or an IANA number; tcp/udp/icmp options only with their protocol; ingress needs a
 * source, egress a destination.
 */
export function normaliseRule(world: World, raw: unknown, direction: "INGRESS" | "EGRESS"): Record<string, unknown> {
  const rule = parseOci(RuleShape, raw);
  if (rule.protocol !== "all" && !/^\d{1,3}$/.test(rule.protocol)) throw invalidParameter(`protocol ${rule.protocol} must be "all" or an IANA protocol number.`);
  if (rule.tcpOptions && rule.protocol !== "6") throw invalidParameter("tcpOptions are only allowed with protocol 6 (TCP).");
  if (rule.udpOptions && rule.protocol !== "17") throw invalidParameter("udpOptions are only allowed with protocol 17 (UDP).");
  if (rule.icmpOptions && rule.protocol !== "1" && rule.protocol !== "58") throw invalidParameter("icmpOptions are only allowed with protocol 1 (ICMP) or 58 (ICMPv6).");
  const out: Record<string, unknown> = { protocol: rule.protocol, isStateless: rule.isStateless ?? false };
  if (direction === "INGRESS") {
    if (!rule.source) throw invalidParameter("An ingress rule needs a source.");
    const sourceType = rule.sourceType ?? "CIDR_BLOCK";
    checkAddress(world, rule.source, sourceType, "source");
    Object.assign(out, { source: rule.source, sourceType });
  } else {
    if (!rule.destination) throw invalidParameter("An egress rule needs a destination.");
    const destinationType = rule.destinationType ?? "CIDR_BLOCK";
    checkAddress(world, rule.destination, destinationType, "destination");
    Object.assign(out, { destination: rule.destination, destinationType });
  }
  for (const key of ["tcpOptions", "udpOptions", "icmpOptions", "description"] as const) {
    if (rule[key] !== undefined) out[key] = rule[key];
  }
  return out;
}

/** The rules of a new VCN's default security list (the seed warns about the first two). */
export function defaultSecurityListRules(vcnCidr: string): { ingress: Record<string, unknown>[]; egress: Record<string, unknown>[] } {
  return {
    ingress: [
      { protocol: "6", source: "0.0.0.0/0", sourceType: "CIDR_BLOCK", isStateless: false, tcpOptions: { destinationPortRange: { min: 22, max: 22 } } },
      { protocol: "1", source: "0.0.0.0/0", sourceType: "CIDR_BLOCK", isStateless: false, icmpOptions: { type: 3, code: 4 } },
      { protocol: "1", source: vcnCidr, sourceType: "CIDR_BLOCK", isStateless: false, icmpOptions: { type: 3 } },
    ],
    egress: [{ protocol: "all", destination: "0.0.0.0/0", destinationType: "CIDR_BLOCK", isStateless: false }],
  };
}
