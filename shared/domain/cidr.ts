import ipaddr from "ipaddr.js";
import { z } from "zod";

/** A parsed, normalised IPv4 network. */
export interface Ipv4Cidr {
  /** Canonical text, e.g. `10.10.0.0/16`. */
  readonly text: string;
  readonly network: string;
  readonly prefixLength: number;
  /** First and last address as unsigned 32-bit integers, for ordering and sizes. */
  readonly first: number;
  readonly last: number;
}

export type CidrParse = { ok: true; cidr: Ipv4Cidr } | { ok: false; message: string };

const CIDR_SHAPE = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/;

function toUint32(address: ipaddr.IPv4): number {
  return address.toByteArray().reduce((value, byte) => value * 256 + byte, 0);
}

function fromUint32(value: number): string {
  return ipaddr.fromByteArray([(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]).toString();
}

/**
 * Parse an IPv4 CIDR strictly: four decimal octets without leading zeros, a prefix of 0-32,
 * and no host bits set (so `10.0.0.1/24` is refused with the network it should have been).
 */
export function parseIpv4Cidr(text: string): CidrParse {
  const shape = CIDR_SHAPE.exec(text.trim());
  if (!shape || !ipaddr.IPv4.isValidFourPartDecimal(shape[1] ?? "")) {
    return { ok: false, message: `'${text}' is not an IPv4 CIDR such as 10.0.0.0/16` };
  }
  const prefixLength = Number(shape[2]);
  if (prefixLength > 32) return { ok: false, message: `'${text}' has prefix length ${prefixLength}; IPv4 allows 0-32` };
  const address = ipaddr.IPv4.parse(shape[1] ?? "");
  const network = ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefixLength}`);
  if (network.toString() !== address.toString()) {
    return {
      ok: false,
      message: `'${text}' has host bits set; the network address for /${prefixLength} is ${network.toString()}/${prefixLength}`,
    };
  }
  const broadcast = ipaddr.IPv4.broadcastAddressFromCIDR(`${address.toString()}/${prefixLength}`);
  return {
    ok: true,
    cidr: {
      text: `${network.toString()}/${prefixLength}`,
      network: network.toString(),
      prefixLength,
      first: toUint32(network),
      last: toUint32(broadcast),
    },
  };
}

/** Parse a CIDR that is known to be valid (already checked by a schema). */
export function cidr(text: string): Ipv4Cidr {
  const parsed = parseIpv4Cidr(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.cidr;
}

export function overlaps(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

export function contains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

export function addressCount(block: Ipv4Cidr): number {
  return block.last - block.first + 1;
}

/** The address `offset` places after the network address (0 = network address). */
export function addressAt(block: Ipv4Cidr, offset: number): string {
  if (offset < 0 || block.first + offset > block.last) {
    throw new RangeError(`offset ${offset} is outside ${block.text}`);
  }
  return fromUint32(block.first + offset);
}

/** True when the address (dotted quad) lies inside the block. */
export function containsAddress(block: Ipv4Cidr, address: string): boolean {
  if (!ipaddr.IPv4.isValidFourPartDecimal(address)) return false;
  return ipaddr.IPv4.parse(address).match(ipaddr.IPv4.parse(block.network), block.prefixLength);
}

/** zod schema for an IPv4 CIDR: validates and normalises to canonical text. */
export const Ipv4CidrText = z.string().superRefine((value, ctx) => {
  const parsed = parseIpv4Cidr(value);
  if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
});

/** A VNet's optional address spaces (at most 32), read from Azure at preflight when omitted. */
export const vnetAddressSpaces = (description: string, example: string) =>
  z.array(Ipv4CidrText).min(1, "must list at least one address space when given").max(32).optional().meta({ description, examples: [[example]] });
