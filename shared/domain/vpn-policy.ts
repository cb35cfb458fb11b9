import { type AzureIpsecPolicy } from "./vpn-views";

/**
 * One custom IPsec/IKE policy for both ends of an Azure <-> OCI tunnel: Azure takes it as `ipsecPolicies[0]`,
 * OCI as a tunnel's phase one and phase two configuration. The names differ (Azure `ECP384` is OCI `GROUP20`, both
 * RFC 5903's 384-bit ECP group); a policy is usable only when every algorithm has a twin on the other side, which
 * `ociPhasesFor` checks before any cloud call. Sources: ARM's IpsecEncryption/IkeEncryption/DhGroup/PfsGroup enums
 * and oci-core's PhaseOneConfigDetails/PhaseTwoConfigDetails enums.
 */

const IKE_ENCRYPTION: Record<string, string> = { AES256: "AES_256_CBC", AES192: "AES_192_CBC", AES128: "AES_128_CBC" };
const IKE_INTEGRITY: Record<string, string> = { SHA384: "SHA2_384", SHA256: "SHA2_256", SHA1: "SHA1_96" };
const DH_GROUP: Record<string, string> = { DHGroup2: "GROUP2", DHGroup14: "GROUP14", DHGroup2048: "GROUP14", ECP256: "GROUP19", ECP384: "GROUP20", DHGroup24: "GROUP24" };
const ESP_ENCRYPTION: Record<string, string> = {
  GCMAES256: "AES_256_GCM",
  GCMAES192: "AES_192_GCM",
  GCMAES128: "AES_128_GCM",
  AES256: "AES_256_CBC",
  AES192: "AES_192_CBC",
  AES128: "AES_128_CBC",
};
const ESP_INTEGRITY: Record<string, string> = { SHA256: "HMAC_SHA2_256_128", SHA1: "HMAC_SHA1_128" };
const PFS_GROUP: Record<string, string> = { PFS2: "GROUP2", PFS14: "GROUP14", PFS2048: "GROUP14", ECP256: "GROUP19", ECP384: "GROUP20", PFS24: "GROUP24" };

/** OCI's IKE SA lifetime (Azure's is fixed at 28,800 s) and the IPSec SA lifetimes OCI accepts. */
const PHASE_ONE_LIFETIME = 28800;
const PHASE_TWO_LIFETIME = { min: 1200, max: 28800 };

export interface OciPhases {
  phaseOne: { isCustomPhaseOneConfig: true; encryptionAlgorithm: string; authenticationAlgorithm: string; diffieHelmanGroup: string; lifetimeInSeconds: number };
  phaseTwo: { isCustomPhaseTwoConfig: true; encryptionAlgorithm: string; authenticationAlgorithm?: string; isPfsEnabled: boolean; pfsDhGroup?: string; lifetimeInSeconds: number };
}

/** The OCI phase one/two twin of an Azure policy, or why there is none (naming the field). */
export function ociPhasesFor(policy: AzureIpsecPolicy): OciPhases | { problem: string } {
  const missing = (field: keyof AzureIpsecPolicy, value: string) => ({ problem: `${field} ${value} has no OCI equivalent` });
  const ikeEncryption = IKE_ENCRYPTION[policy.ikeEncryption];
  if (!ikeEncryption) return missing("ikeEncryption", policy.ikeEncryption);
  const ikeIntegrity = IKE_INTEGRITY[policy.ikeIntegrity];
  if (!ikeIntegrity) return missing("ikeIntegrity", policy.ikeIntegrity);
  const dhGroup = DH_GROUP[policy.dhGroup];
  if (!dhGroup) return missing("dhGroup", policy.dhGroup);
  const espEncryption = ESP_ENCRYPTION[policy.ipsecEncryption];
  if (!espEncryption) return missing("ipsecEncryption", policy.ipsecEncryption);
  const gcm = espEncryption.endsWith("_GCM");
  const espIntegrity = gcm ? undefined : ESP_INTEGRITY[policy.ipsecIntegrity];
  if (gcm ? policy.ipsecIntegrity !== policy.ipsecEncryption : !espIntegrity) return missing("ipsecIntegrity", policy.ipsecIntegrity);
  const pfs = policy.pfsGroup === "None" ? null : PFS_GROUP[policy.pfsGroup];
  if (pfs === undefined) return missing("pfsGroup", policy.pfsGroup);
  if (policy.saLifeTimeSeconds < PHASE_TWO_LIFETIME.min || policy.saLifeTimeSeconds > PHASE_TWO_LIFETIME.max) {
    return { problem: `saLifeTimeSeconds ${policy.saLifeTimeSeconds} is outside what OCI accepts for IPSec (${PHASE_TWO_LIFETIME.min}-${PHASE_TWO_LIFETIME.max})` };
  }
  return {
    phaseOne: { isCustomPhaseOneConfig: true, encryptionAlgorithm: ikeEncryption, authenticationAlgorithm: ikeIntegrity, diffieHelmanGroup: dhGroup, lifetimeInSeconds: PHASE_ONE_LIFETIME },
    phaseTwo: {
      isCustomPhaseTwoConfig: true,
      encryptionAlgorithm: espEncryption,
      ...(espIntegrity ? { authenticationAlgorithm: espIntegrity } : {}),
      isPfsEnabled: pfs !== null,
      ...(pfs ? { pfsDhGroup: pfs } : {}),
      lifetimeInSeconds: policy.saLifeTimeSeconds,
    },
  };
}

/** A policy both clouds accept and the emulators' tests use: IKEv2 AES256/SHA384/ECP384, IPsec AES256-GCM with PFS ECP384. */
export const RECOMMENDED_IPSEC_POLICY: AzureIpsecPolicy = {
  saLifeTimeSeconds: 27000,
  saDataSizeKilobytes: 102400000,
  ikeEncryption: "AES256",
  ikeIntegrity: "SHA384",
  dhGroup: "ECP384",
  ipsecEncryption: "GCMAES256",
  ipsecIntegrity: "GCMAES256",
  pfsGroup: "ECP384",
};
