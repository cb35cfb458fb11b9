import fc from "fast-check";
import { bgpBlockProblem, bgpPairProblem, deriveBgpAddressing, deriveSession } from "../../../shared/domain/bgp";
import { cidr } from "../../../shared/domain/cidr";

const alignedSlash30 = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 63 }))
  .map(([a, b, c, quad]) => ({ text: `${a}.${b}.${c}.${quad * 4}/30`, base: [a, b, c, quad * 4] as const }));

describe("BGP /30 derivation", () => {
  it("when given DESIGN.md's blocks, then Oracle gets .1/.5 and Azure gets .2/.6 in the OCI API's form", () => {
    const addressing = deriveBgpAddressing(cidr("10.99.0.0/30"), cidr("10.99.0.4/30"));
    expect(addressing.primary).toEqual({
      block: "10.99.0.0/30",
      oracleBgpPeeringIp: "10.99.0.1/30",
      customerBgpPeeringIp: "10.99.0.2/30",
      azurePeerAddressPrefix: "10.99.0.0/30",
      oracleAddress: "10.99.0.1",
      azureAddress: "10.99.0.2",
    });
    expect(addressing.secondary.oracleBgpPeeringIp).toBe("10.99.0.5/30");
    expect(addressing.secondary.customerBgpPeeringIp).toBe("10.99.0.6/30");
    expect(addressing.secondary.azurePeerAddressPrefix).toBe("10.99.0.4/30");
  });

  it("property: for any aligned /30 the 2nd address is Oracle's and the 3rd Azure's, both inside the block", () => {
    fc.assert(
      fc.property(alignedSlash30, ({ text, base }) => {
        const session = deriveSession(cidr(text));
        const [a, b, c, d] = base;
        return (
          session.oracleAddress === `${a}.${b}.${c}.${d + 1}` &&
          session.azureAddress === `${a}.${b}.${c}.${d + 2}` &&
          session.oracleBgpPeeringIp === `${session.oracleAddress}/30` &&
          session.customerBgpPeeringIp === `${session.azureAddress}/30` &&
          session.azurePeerAddressPrefix === text
        );
      }),
    );
  });

  it("property: two different aligned /30s never overlap and are accepted as a pair", () => {
    fc.assert(
      fc.property(alignedSlash30, alignedSlash30, (p, s) => {
        const problem = bgpPairProblem(cidr(p.text), cidr(s.text));
        return p.text === s.text ? problem !== null : problem === null;
      }),
    );
  });

  it("when a block is not a /30, then the rule is named", () => {
    expect(bgpBlockProblem("10.99.0.0/29")).toBe("must be a /30 block (4 addresses: network, Oracle, Azure, broadcast); got /29");
    expect(bgpBlockProblem("10.99.0.2/30")).toContain("host bits set");
    expect(bgpBlockProblem("10.99.0.0/30")).toBeNull();
  });

  it("when a /30 is not on a /30 boundary, then derivation is impossible because parsing refuses it", () => {
    expect(() => cidr("10.99.0.2/30")).toThrow("host bits set");
  });
});
