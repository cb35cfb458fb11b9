import { bgpBlockProblem, bgpPairProblem, bgpPrivateProblem } from "./bgp";
import { GATEWAY_SUBNET_MAX_PREFIX_LENGTH } from "./catalogue";
import { contains, type Ipv4Cidr, overlaps, parseIpv4Cidr } from "./cidr";
import { type FieldError } from "./problem";

/** A CIDR with the request field it came from, so errors can name both. */
export interface LabelledCidr {
  path: string;
  text: string;
}

/** Every address range an interconnect involves. Ranges not yet known (read later from the cloud) are omitted. */
export interface AddressPlan {
  vnetAddressSpaces?: LabelledCidr[];
  vcnCidrs?: LabelledCidr[];
  peeredVcnCidrs?: LabelledCidr[];
  /** Address spaces of the VNets peered with the hub (azure.spokes). */
  spokeAddressSpaces?: LabelledCidr[];
  gatewaySubnet: LabelledCidr;
  bgpPrimary: LabelledCidr;
  bgpSecondary: LabelledCidr;
}

interface Parsed {
  path: string;
  cidr: Ipv4Cidr;
  role: string;
}

function parseAll(entries: LabelledCidr[] | undefined, role: string): Parsed[] {
  const out: Parsed[] = [];
  for (const entry of entries ?? []) {
    const parsed = parseIpv4Cidr(entry.text);
    if (parsed.ok) out.push({ path: entry.path, cidr: parsed.cidr, role });
  }
  return out;
}

const AZURE_ROLES = new Set(["VNet address space", "spoke VNet address space"]);

/** The rule two overlapping ranges break, in the words of the network they belong to. */
function overlapRule(a: string, b: string): string {
  if (AZURE_ROLES.has(a) && AZURE_ROLES.has(b)) return "peered VNets must not have overlapping address spaces (Azure refuses the peering)";
  if (AZURE_ROLES.has(a) && !b.endsWith("BGP /30")) return "the VNet and the VCN must not have overlapping CIDRs";
  return "ranges on an interconnect must be disjoint";
}

function describe(entry: Parsed): string {
  return `${entry.cidr.text} (${entry.role}, ${entry.path})`;
}

/**
 * The seed's addressing rules: the VNet, the VCN (and VCNs peered to it) must not overlap; each BGP block
 * is a /30 that overlaps nothing else; the GatewaySubnet is a /27 or larger inside the VNet.
 * Malformed CIDRs are reported by the schema, not here.
 */
export function checkAddressPlan(plan: AddressPlan): FieldError[] {
  const errors: FieldError[] = [];

  for (const [entry, label] of [
    [plan.bgpPrimary, "primary"],
    [plan.bgpSecondary, "secondary"],
  ] as const) {
    const problem = parseIpv4Cidr(entry.text).ok ? (bgpBlockProblem(entry.text) ?? bgpPrivateProblem(entry.text)) : null;
    if (problem) errors.push({ path: entry.path, message: `the ${label} BGP block ${problem}` });
  }

  const vnet = parseAll(plan.vnetAddressSpaces, "VNet address space");
  const vcn = parseAll(plan.vcnCidrs, "VCN CIDR");
  const peered = parseAll(plan.peeredVcnCidrs, "peered VCN CIDR");
  const spokes = parseAll(plan.spokeAddressSpaces, "spoke VNet address space");
  const bgp = [...parseAll([plan.bgpPrimary], "primary BGP /30"), ...parseAll([plan.bgpSecondary], "secondary BGP /30")];
  const [primary, secondary] = bgp;
  if (primary && secondary && primary.cidr.prefixLength === 30 && secondary.cidr.prefixLength === 30) {
    const pairProblem = bgpPairProblem(primary.cidr, secondary.cidr);
    if (pairProblem) errors.push({ path: secondary.path, message: pairProblem });
  }

  // Every range must be disjoint from every range of another role and from its siblings.
  const all = [...vnet, ...spokes, ...vcn, ...peered, ...bgp];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i];
      const b = all[j];
      if (!a || !b || (a.role.endsWith("BGP /30") && b.role.endsWith("BGP /30"))) continue;
      if (overlaps(a.cidr, b.cidr)) {
        const why = overlapRule(a.role, b.role);
        errors.push({ path: b.path, message: `${describe(b)} overlaps ${describe(a)}: ${why}` });
      }
    }
  }

  const gateway = parseAll([plan.gatewaySubnet], "GatewaySubnet")[0];
  if (gateway) {
    if (gateway.cidr.prefixLength > GATEWAY_SUBNET_MAX_PREFIX_LENGTH) {
      errors.push({
        path: gateway.path,
        message: `the GatewaySubnet ${gateway.cidr.text} is too small: an ExpressRoute gateway needs /${GATEWAY_SUBNET_MAX_PREFIX_LENGTH} or larger`,
      });
    }
    if (vnet.length > 0 && !vnet.some((space) => contains(space.cidr, gateway.cidr))) {
      errors.push({
        path: gateway.path,
        message: `the GatewaySubnet ${gateway.cidr.text} must lie inside the VNet address space (${vnet.map((space) => space.cidr.text).join(", ")})`,
      });
    }
    for (const other of [...spokes, ...vcn, ...peered, ...bgp]) {
      if (overlaps(gateway.cidr, other.cidr)) {
        errors.push({ path: gateway.path, message: `the GatewaySubnet ${gateway.cidr.text} overlaps ${describe(other)}` });
      }
    }
  }
  return errors;
}
