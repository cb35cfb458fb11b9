import { addressAt, cidr, type Ipv4Cidr, overlaps, parseIpv4Cidr } from "./cidr";

/** The BGP addressing of one session, derived from its /30 block. */
export interface BgpSessionAddressing {
  /** The /30 block as given, e.g. `10.99.0.0/30`; also the Azure peering prefix. */
  block: string;
  /** OCI `oracleBgpPeeringIp`: the block's 2nd address with the prefix, e.g. `10.99.0.1/30`. */
  oracleBgpPeeringIp: string;
  /** OCI `customerBgpPeeringIp` (the Azure/Microsoft side): the 3rd address, e.g. `10.99.0.2/30`. */
  customerBgpPeeringIp: string;
  /** Azure `primaryPeerAddressPrefix` / `secondaryPeerAddressPrefix`. */
  azurePeerAddressPrefix: string;
  oracleAddress: string;
  azureAddress: string;
}

export interface BgpAddressing {
  primary: BgpSessionAddressing;
  secondary: BgpSessionAddressing;
}

const BGP_PREFIX_LENGTH = 30;

/** Checks one block; returns the rule it breaks, or null. */
export function bgpBlockProblem(text: string): string | null {
  const parsed = parseIpv4Cidr(text);
  if (!parsed.ok) return parsed.message;
  if (parsed.cidr.prefixLength !== BGP_PREFIX_LENGTH) {
    return `must be a /30 block (4 addresses: network, Oracle, Azure, broadcast); got /${parsed.cidr.prefixLength}`;
  }
  return null;
}

/** RFC 1918 private ranges: BGP peering addresses on the private peering must come from them. */
const RFC1918 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((text) => cidr(text));

/** A block outside RFC 1918 is refused: the private peering's BGP addresses are private addresses. */
export function bgpPrivateProblem(text: string): string | null {
  const parsed = parseIpv4Cidr(text);
  if (!parsed.ok) return parsed.message;
  const block = parsed.cidr;
  if (RFC1918.some((range) => range.first <= block.first && block.last <= range.last)) return null;
  return `must be a private (RFC 1918) block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16: the private peering's BGP sessions use private addresses`;
}

/**
 * The seed's rule: in each /30 the second address is Oracle's and the third is Azure's
 * ("Customer" in the OCI console); the first and last are reserved.
 */
export function deriveSession(block: Ipv4Cidr): BgpSessionAddressing {
  if (block.prefixLength !== BGP_PREFIX_LENGTH) throw new RangeError(`${block.text} is not a /30`);
  const oracleAddress = addressAt(block, 1);
  const azureAddress = addressAt(block, 2);
  return {
    block: block.text,
    oracleBgpPeeringIp: `${oracleAddress}/${BGP_PREFIX_LENGTH}`,
    customerBgpPeeringIp: `${azureAddress}/${BGP_PREFIX_LENGTH}`,
    azurePeerAddressPrefix: block.text,
    oracleAddress,
    azureAddress,
  };
}

/** Problems between the two blocks (each block assumed individually valid). */
export function bgpPairProblem(primary: Ipv4Cidr, secondary: Ipv4Cidr): string | null {
  if (primary.text === secondary.text) return `the secondary block must differ from the primary (${primary.text})`;
  if (overlaps(primary, secondary)) return `the secondary block ${secondary.text} overlaps the primary ${primary.text}`;
  return null;
}

export function deriveBgpAddressing(primary: Ipv4Cidr, secondary: Ipv4Cidr): BgpAddressing {
  return { primary: deriveSession(primary), secondary: deriveSession(secondary) };
}
