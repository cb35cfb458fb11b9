import fc from "fast-check";
import { addressAt, cidr, contains, containsAddress, overlaps, parseIpv4Cidr } from "../../../shared/domain/cidr";

/** Independent reference model: an IPv4 block as an integer interval computed with plain arithmetic. */
function interval(text: string): [number, number] {
  const [address, length] = text.split("/");
  const value = (address ?? "").split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(length));
  return [value, value + size - 1];
}

const octet = fc.integer({ min: 0, max: 255 });
/** Arbitrary canonical CIDR: random address, prefix, then host bits cleared by the reference model. */
const canonicalCidr = fc.tuple(octet, octet, octet, octet, fc.integer({ min: 8, max: 32 })).map(([a, b, c, d, prefix]) => {
  const value = ((a * 256 + b) * 256 + c) * 256 + d;
  const size = 2 ** (32 - prefix);
  const network = Math.floor(value / size) * size;
  const parts = [network >>> 24, (network >>> 16) & 255, (network >>> 8) & 255, network & 255];
  return `${parts.join(".")}/${prefix}`;
});

describe("IPv4 CIDR parsing", () => {
  it("when the text is a canonical network, then it parses to itself", () => {
    expect(parseIpv4Cidr("10.10.0.0/16")).toMatchObject({ ok: true, cidr: { text: "10.10.0.0/16", prefixLength: 16 } });
  });

  it("when host bits are set, then the error says so and names the network it should be", () => {
    const parsed = parseIpv4Cidr("10.0.0.1/24");
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toBe("'10.0.0.1/24' has host bits set; the network address for /24 is 10.0.0.0/24");
  });

  it.each([
    ["10.0.0.0", "not an IPv4 CIDR"],
    ["10.0.0/24", "not an IPv4 CIDR"],
    ["10.0.0.256/24", "not an IPv4 CIDR"],
    ["010.0.0.0/24", "not an IPv4 CIDR"],
    ["10.0.0.0/33", "prefix length 33"],
    ["fd00::/64", "not an IPv4 CIDR"],
    ["", "not an IPv4 CIDR"],
  ])("when given %j, then it is refused (%s)", (text, fragment) => {
    const parsed = parseIpv4Cidr(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(fragment);
  });

  it("property: every canonical CIDR round-trips and spans exactly its interval", () => {
    fc.assert(
      fc.property(canonicalCidr, (text) => {
        const parsed = cidr(text);
        const [first, last] = interval(text);
        return parsed.text === text && parsed.first === first && parsed.last === last;
      }),
    );
  });

  it("property: overlaps agrees with the interval model and is symmetric", () => {
    fc.assert(
      fc.property(canonicalCidr, canonicalCidr, (a, b) => {
        const [a1, a2] = interval(a);
        const [b1, b2] = interval(b);
        const expected = a1 <= b2 && b1 <= a2;
        return overlaps(cidr(a), cidr(b)) === expected && overlaps(cidr(b), cidr(a)) === expected;
      }),
      { numRuns: 500 },
    );
  });

  it("property: containment implies overlap, and a block contains its own addresses", () => {
    fc.assert(
      fc.property(canonicalCidr, canonicalCidr, fc.nat(), (a, b, pick) => {
        const outer = cidr(a);
        const inner = cidr(b);
        if (contains(outer, inner) && !overlaps(outer, inner)) return false;
        const size = outer.last - outer.first + 1;
        return containsAddress(outer, addressAt(outer, pick % size));
      }),
      { numRuns: 300 },
    );
  });

  it("when an offset falls outside the block, then addressAt refuses it", () => {
    expect(() => addressAt(cidr("10.99.0.0/30"), 4)).toThrow(RangeError);
    expect(addressAt(cidr("10.99.0.4/30"), 3)).toBe("10.99.0.7");
  });
});
