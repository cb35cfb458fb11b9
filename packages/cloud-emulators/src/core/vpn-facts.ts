/**
 * What Azure VPN Gateway and OCI Site-to-Site VPN accept, as the emulators play both clouds. Kept apart from the
 * product (like interconnect-facts.ts) so a wrong value in Interlink fails here. Sources are in the README's
 * fidelity table: the ARM spec's enums (virtualNetworkGateway.json), Microsoft Learn "About BGP and VPN Gateway",
 * "VPN Gateway FAQ", "Configure custom IPsec/IKE connection policies" and "About gateway SKUs"; the oci-core SDK
 * models (PhaseOneConfigDetails, PhaseTwoConfigDetails, BgpSessionInfo) and Oracle's "Supported IPSec Parameters".
 */
import ipaddr from "ipaddr.js";

/** The ASN an Azure VPN gateway has unless told otherwise. */
export const AZURE_VPN_DEFAULT_ASN = 65515;

/** ASNs Azure refuses for a gateway or a local network gateway: its own, and those IANA reserves. */
const AZURE_RESERVED_ASNS = new Set([8074, 8075, 12076, 65517, 65518, 65519, 65520, 23456, 4294967295]);
const IANA_RESERVED_RANGES: Array<[number, number]> = [
  [64496, 64511],
  [65535, 65551],
];

/** Why Azure refuses an ASN (null when it takes it). 65515 is the gateway's own default and a peer may not use it. */
export function azureAsnProblem(asn: number, side: "gateway" | "peer"): string | null {
  if (!Number.isInteger(asn) || asn < 1 || asn > 4294967295) return `ASN ${asn} is outside 1-4294967295`;
  if (AZURE_RESERVED_ASNS.has(asn) || IANA_RESERVED_RANGES.some(([low, high]) => asn >= low && asn <= high)) return `ASN ${asn} is reserved by Azure or IANA`;
  if (side === "peer" && asn === AZURE_VPN_DEFAULT_ASN) return `ASN ${asn} is reserved for Azure VPN gateways`;
  return null;
}

/** Azure's APIPA range for custom BGP addresses on VPN gateways: 169.254.21.0 to 169.254.22.255. */
export function isAzureApipa(address: string): boolean {
  if (!ipaddr.IPv4.isValidFourPartDecimal(address)) return false;
  const [a, b, c] = ipaddr.IPv4.parse(address).octets;
  return a === 169 && b === 254 && (c === 21 || c === 22);
}

export function isIpv4(address: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(address);
}

/** A public IPv4 address (what an IKE peer must have on the internet). */
export function isPublicIpv4(address: string): boolean {
  return isIpv4(address) && ipaddr.IPv4.parse(address).range() === "unicast";
}

/** VPN gateway SKUs and the generations that offer them ("About gateway SKUs"). */
export const VPN_SKU_GENERATIONS: Readonly<Record<string, readonly string[]>> = {
  Basic: ["Generation1"],
  VpnGw1: ["Generation1"],
  VpnGw2: ["Generation1", "Generation2"],
  VpnGw3: ["Generation1", "Generation2"],
  VpnGw4: ["Generation2"],
  VpnGw5: ["Generation2"],
  VpnGw1AZ: ["Generation1"],
  VpnGw2AZ: ["Generation1", "Generation2"],
  VpnGw3AZ: ["Generation1", "Generation2"],
  VpnGw4AZ: ["Generation2"],
  VpnGw5AZ: ["Generation2"],
};

/** ARM's enums for a custom IPsec/IKE policy (IpsecEncryption, IpsecIntegrity, IkeEncryption, IkeIntegrity, DhGroup, PfsGroup). */
export const AZURE_POLICY_VALUES = {
  ipsecEncryption: ["None", "DES", "DES3", "AES128", "AES192", "AES256", "GCMAES128", "GCMAES192", "GCMAES256"],
  ipsecIntegrity: ["MD5", "SHA1", "SHA256", "GCMAES128", "GCMAES192", "GCMAES256"],
  ikeEncryption: ["DES", "DES3", "AES128", "AES192", "AES256", "GCMAES256", "GCMAES128"],
  ikeIntegrity: ["MD5", "SHA1", "SHA256", "SHA384", "GCMAES256", "GCMAES128"],
  dhGroup: ["None", "DHGroup1", "DHGroup2", "DHGroup14", "DHGroup2048", "ECP256", "ECP384", "DHGroup24"],
  pfsGroup: ["None", "PFS1", "PFS2", "PFS2048", "ECP256", "ECP384", "PFS24", "PFS14", "PFSMM"],
} as const;

/** The oci-core enums for custom phase one and phase two configuration. */
export const OCI_PHASE_ONE = {
  authenticationAlgorithm: ["SHA2_384", "SHA2_256", "SHA1_96"],
  encryptionAlgorithm: ["AES_256_CBC", "AES_192_CBC", "AES_128_CBC"],
  diffieHelmanGroup: ["GROUP2", "GROUP5", "GROUP14", "GROUP19", "GROUP20", "GROUP24"],
} as const;
export const OCI_PHASE_TWO = {
  authenticationAlgorithm: ["HMAC_SHA2_256_128", "HMAC_SHA1_128"],
  encryptionAlgorithm: ["AES_256_GCM", "AES_192_GCM", "AES_128_GCM", "AES_256_CBC", "AES_192_CBC", "AES_128_CBC"],
  pfsDhGroup: ["GROUP2", "GROUP5", "GROUP14", "GROUP19", "GROUP20", "GROUP24"],
} as const;

/** Lifetimes OCI accepts, in seconds (IKE SA and IPSec SA). */
export const OCI_PHASE_ONE_LIFETIME = { min: 3600, max: 28800, default: 28800 } as const;
export const OCI_PHASE_TWO_LIFETIME = { min: 1200, max: 28800, default: 3600 } as const;
