import { ociPhasesFor, RECOMMENDED_IPSEC_POLICY } from "../../../shared/domain/vpn-policy";

describe("one IPsec/IKE policy for both clouds", () => {
  it("when the recommended policy is translated, then OCI gets the same algorithms in its names, GCM without an authentication algorithm", () => {
    expect(ociPhasesFor(RECOMMENDED_IPSEC_POLICY)).toEqual({
      phaseOne: { isCustomPhaseOneConfig: true, encryptionAlgorithm: "AES_256_CBC", authenticationAlgorithm: "SHA2_384", diffieHelmanGroup: "GROUP20", lifetimeInSeconds: 28800 },
      phaseTwo: { isCustomPhaseTwoConfig: true, encryptionAlgorithm: "AES_256_GCM", isPfsEnabled: true, pfsDhGroup: "GROUP20", lifetimeInSeconds: 27000 },
    });
  });

  it("when the IPsec side uses CBC with SHA256 and no PFS, then OCI gets HMAC-SHA2-256 and PFS off; DHGroup2048 is OCI's GROUP14", () => {
    const phases = ociPhasesFor({ ...RECOMMENDED_IPSEC_POLICY, dhGroup: "DHGroup2048", ipsecEncryption: "AES128", ipsecIntegrity: "SHA256", pfsGroup: "None", saLifeTimeSeconds: 3600 });
    expect(phases).toMatchObject({ phaseOne: { diffieHelmanGroup: "GROUP14" }, phaseTwo: { encryptionAlgorithm: "AES_128_CBC", authenticationAlgorithm: "HMAC_SHA2_256_128", isPfsEnabled: false, lifetimeInSeconds: 3600 } });
    expect(phases).not.toHaveProperty("phaseTwo.pfsDhGroup");
  });

  it.each([
    [{ ikeEncryption: "GCMAES256" }, "ikeEncryption GCMAES256 has no OCI equivalent"],
    [{ ikeIntegrity: "MD5" }, "ikeIntegrity MD5 has no OCI equivalent"],
    [{ dhGroup: "DHGroup1" }, "dhGroup DHGroup1 has no OCI equivalent"],
    [{ ipsecEncryption: "DES3", ipsecIntegrity: "SHA1" }, "ipsecEncryption DES3 has no OCI equivalent"],
    [{ ipsecEncryption: "GCMAES256", ipsecIntegrity: "SHA256" }, "ipsecIntegrity SHA256 has no OCI equivalent"],
    [{ pfsGroup: "PFSMM" }, "pfsGroup PFSMM has no OCI equivalent"],
    [{ saLifeTimeSeconds: 300 }, "saLifeTimeSeconds 300 is outside what OCI accepts for IPSec (1200-28800)"],
  ])("when %j, then there is no OCI twin and the problem names the field", (change, problem) => {
    expect(ociPhasesFor({ ...RECOMMENDED_IPSEC_POLICY, ...change })).toEqual({ problem });
  });
});
