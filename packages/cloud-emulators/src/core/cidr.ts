// IPv4 blocks as the clouds validate them: four decimal octets, a prefix of 0-32, no host bits. The emulators keep
// their own reading (over ipaddr.js) rather than the product's, so a product bug in CIDR handling cannot pass both sides.
import ipaddr from "ipaddr.js";

export interface Ipv4Cidr {
  /** Canonical text, e.g. `10.10.0.0/16`. */
  readonly text: string;
  readonly prefixLength: number;
  /** First and last address as unsigned 32-bit integers. */
  readonly first: number;
  readonly last: number;
}

export type CidrParse = { ok: true; cidr: Ipv4Cidr } | { ok: false; message: string };

const asNumber = (address: ipaddr.IPv4) => address.toByteArray().reduce((value, octet) => value * 256 + octet, 0);

export function parseIpv4Cidr(text: string): CidrParse {
  const [address = "", prefix = "", ...rest] = text.trim().split("/");
  // ipaddr.js alone would also take "10.1/16" or octal octets; the clouds do not.
  if (rest.length > 0 || !/^\d{1,2}$/.test(prefix) || !ipaddr.IPv4.isValidFourPartDecimal(address) || Number(prefix) > 32) {
    return { ok: false, message: `'${text}' is not an IPv4 CIDR block (a.b.c.d/0-32)` };
  }
  const prefixLength = Number(prefix);
  const block = `${address}/${prefixLength}`;
  const network = ipaddr.IPv4.networkAddressFromCIDR(block);
  if (network.toString() !== address) return { ok: false, message: `'${text}' has host bits set (the network is ${network.toString()}/${prefixLength})` };
  return { ok: true, cidr: { text: block, prefixLength, first: asNumber(network), last: asNumber(ipaddr.IPv4.broadcastAddressFromCIDR(block)) } };
}

export const overlaps = (a: Ipv4Cidr, b: Ipv4Cidr): boolean => a.first <= b.last && b.first <= a.last;

export const contains = (outer: Ipv4Cidr, inner: Ipv4Cidr): boolean => outer.first <= inner.first && inner.last <= outer.last;

/** The address `offset` places after the network address (0 = the network address itself). */
export function addressAt(block: Ipv4Cidr, offset: number): string {
  const value = block.first + offset;
  if (offset < 0 || value > block.last) throw new RangeError(`offset ${offset} is outside ${block.text}`);
  return ipaddr.fromByteArray([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]).toString();
}
