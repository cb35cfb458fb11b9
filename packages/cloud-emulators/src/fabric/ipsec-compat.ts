import type { IpsecPolicy } from "../azure-arm/vpn-model";
import { AZURE_POLICY_VALUES, OCI_PHASE_ONE, OCI_PHASE_TWO } from "../core/vpn-facts";
import type { IpsecTunnelRecord } from "../oci/vpn-model";

/**
 * Whether two IKE peers can agree on a proposal. Each side's settings become, per parameter, the set of
 * algorithms it offers or accepts, in neutral names (RFC 7296 / IANA terms): a custom policy offers exactly
 * its one value, a side without one accepts anything it supports. The tunnel negotiates when every parameter's
 * sets meet. Azure's and Oracle's names differ (DHGroup14 = GROUP14 = modp2048, ECP384 = GROUP20 = ecp384).
 */

type Parameter = "ikeEncryption" | "ikeIntegrity" | "dhGroup" | "espEncryption" | "espIntegrity" | "pfs";

const LABELS: Record<Parameter, string> = {
  ikeEncryption: "IKE (phase 1) encryption",
  ikeIntegrity: "IKE (phase 1) integrity",
  dhGroup: "IKE (phase 1) Diffie-Hellman group",
  espEncryption: "IPsec (phase 2) encryption",
  espIntegrity: "IPsec (phase 2) integrity",
  pfs: "IPsec (phase 2) PFS group",
};

const AZURE_NAMES: Record<string, string> = {
  DES: "des",
  DES3: "3des",
  AES128: "aes128-cbc",
  AES192: "aes192-cbc",
  AES256: "aes256-cbc",
  GCMAES128: "aes128-gcm",
  GCMAES192: "aes192-gcm",
  GCMAES256: "aes256-gcm",
  MD5: "md5",
  SHA1: "sha1",
  SHA256: "sha256",
  SHA384: "sha384",
  None: "none",
  DHGroup1: "modp768",
  DHGroup2: "modp1024",
  DHGroup14: "modp2048",
  DHGroup2048: "modp2048",
  ECP256: "ecp256",
  ECP384: "ecp384",
  DHGroup24: "modp2048s256",
  PFS1: "modp768",
  PFS2: "modp1024",
  PFS14: "modp2048",
  PFS2048: "modp2048",
  PFS24: "modp2048s256",
  PFSMM: "pfsmm",
};

const OCI_NAMES: Record<string, string> = {
  AES_256_CBC: "aes256-cbc",
  AES_192_CBC: "aes192-cbc",
  AES_128_CBC: "aes128-cbc",
  AES_256_GCM: "aes256-gcm",
  AES_192_GCM: "aes192-gcm",
  AES_128_GCM: "aes128-gcm",
  SHA2_384: "sha384",
  SHA2_256: "sha256",
  SHA1_96: "sha1",
  HMAC_SHA2_256_128: "sha256",
  HMAC_SHA1_128: "sha1",
  GROUP2: "modp1024",
  GROUP5: "modp1536",
  GROUP14: "modp2048",
  GROUP19: "ecp256",
  GROUP20: "ecp384",
  GROUP24: "modp2048s256",
};

/** GCM carries its own integrity: an integrity "gcm" stands for that. */
const azureIntegrity = (value: string) => (value.startsWith("GCMAES") ? "gcm" : (AZURE_NAMES[value] ?? value));
const azureEncryption = (value: string) => (value === "None" ? "none" : (AZURE_NAMES[value] ?? value));

/** What a side offers or accepts, per parameter, and its own name for each neutral value (for reasons). */
export interface Proposals {
  cloud: "Azure" | "OCI";
  sets: Record<Parameter, Set<string>>;
  names: Record<Parameter, string>;
}

const all = (values: readonly string[], map: (value: string) => string) => new Set(values.map(map));

/** An Azure connection: its custom policy, or everything Azure supports when it has none. */
export function azureProposals(policies: IpsecPolicy[]): Proposals {
  const policy = policies[0];
  if (!policy) {
    return {
      cloud: "Azure",
      sets: {
        ikeEncryption: all(AZURE_POLICY_VALUES.ikeEncryption, azureEncryption),
        ikeIntegrity: all(AZURE_POLICY_VALUES.ikeIntegrity, azureIntegrity),
        dhGroup: all(AZURE_POLICY_VALUES.dhGroup, azureEncryption),
        espEncryption: all(AZURE_POLICY_VALUES.ipsecEncryption, azureEncryption),
        espIntegrity: all(AZURE_POLICY_VALUES.ipsecIntegrity, azureIntegrity),
        pfs: all(AZURE_POLICY_VALUES.pfsGroup, azureEncryption),
      },
      names: { ikeEncryption: "default", ikeIntegrity: "default", dhGroup: "default", espEncryption: "default", espIntegrity: "default", pfs: "default" },
    };
  }
  return {
    cloud: "Azure",
    sets: {
      ikeEncryption: new Set([azureEncryption(policy.ikeEncryption)]),
      ikeIntegrity: new Set([azureIntegrity(policy.ikeIntegrity)]),
      dhGroup: new Set([azureEncryption(policy.dhGroup)]),
      espEncryption: new Set([azureEncryption(policy.ipsecEncryption)]),
      espIntegrity: new Set([azureIntegrity(policy.ipsecIntegrity)]),
      pfs: new Set([azureEncryption(policy.pfsGroup)]),
    },
    names: {
      ikeEncryption: policy.ikeEncryption,
      ikeIntegrity: policy.ikeIntegrity,
      dhGroup: policy.dhGroup,
      espEncryption: policy.ipsecEncryption,
      espIntegrity: policy.ipsecIntegrity,
      pfs: policy.pfsGroup,
    },
  };
}

const oci = (value: string) => OCI_NAMES[value] ?? value;

/** An OCI tunnel: its custom phase one/two values, or everything OCI supports where it has none. */
export function ociProposals(tunnel: IpsecTunnelRecord): Proposals {
  const one = tunnel.phaseOne.isCustomPhaseOneConfig ? tunnel.phaseOne : undefined;
  const two = tunnel.phaseTwo.isCustomPhaseTwoConfig ? tunnel.phaseTwo : undefined;
  const pick = (value: string | undefined, supported: readonly string[]) => (value ? new Set([oci(value)]) : all(supported, oci));
  const espEncryption = pick(two?.encryptionAlgorithm, OCI_PHASE_TWO.encryptionAlgorithm);
  const gcmOnly = two?.encryptionAlgorithm?.endsWith("_GCM") ?? false;
  const espIntegrity = gcmOnly ? new Set(["gcm"]) : two?.authenticationAlgorithm ? new Set([oci(two.authenticationAlgorithm)]) : new Set(["gcm", ...all(OCI_PHASE_TWO.authenticationAlgorithm, oci)]);
  const pfs = !two ? new Set(["none", ...all(OCI_PHASE_TWO.pfsDhGroup, oci)]) : two.isPfsEnabled ? new Set([oci(two.pfsDhGroup ?? "GROUP5")]) : new Set(["none"]);
  return {
    cloud: "OCI",
    sets: {
      ikeEncryption: pick(one?.encryptionAlgorithm, OCI_PHASE_ONE.encryptionAlgorithm),
      ikeIntegrity: pick(one?.authenticationAlgorithm, OCI_PHASE_ONE.authenticationAlgorithm),
      dhGroup: pick(one?.diffieHelmanGroup, OCI_PHASE_ONE.diffieHelmanGroup),
      espEncryption,
      espIntegrity,
      pfs,
    },
    names: {
      ikeEncryption: one?.encryptionAlgorithm ?? "default",
      ikeIntegrity: one?.authenticationAlgorithm ?? "default",
      dhGroup: one?.diffieHelmanGroup ?? "default",
      espEncryption: two?.encryptionAlgorithm ?? "default",
      espIntegrity: gcmOnly ? "(GCM)" : (two?.authenticationAlgorithm ?? "default"),
      pfs: two ? (two.isPfsEnabled ? (two.pfsDhGroup ?? "GROUP5") : "disabled") : "default",
    },
  };
}

/** Why two sides cannot agree on a proposal, or null when they can. */
export function proposalMismatch(a: Proposals, b: Proposals): string | null {
  for (const parameter of Object.keys(LABELS) as Parameter[]) {
    const shared = [...a.sets[parameter]].some((value) => b.sets[parameter].has(value));
    if (!shared) return `${LABELS[parameter]} does not match: ${a.cloud} ${a.names[parameter]}, ${b.cloud} ${b.names[parameter]}`;
  }
  return null;
}
