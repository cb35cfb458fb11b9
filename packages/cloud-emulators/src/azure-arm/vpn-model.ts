/**
 * What the ARM emulator stores for VPN: the VPN-only settings of a virtual network gateway and of an
 * IPsec/Vnet2Vnet connection (model.ts holds the records). Kept apart so the ExpressRoute records stay as they are.
 */
/** A custom IPsec/IKE policy as ARM takes it (`ipsecPolicies[0]` of a connection). */
export interface IpsecPolicy {
  saLifeTimeSeconds: number;
  saDataSizeKilobytes: number;
  ipsecEncryption: string;
  ipsecIntegrity: string;
  ikeEncryption: string;
  ikeIntegrity: string;
  dhGroup: string;
  pfsGroup: string;
}

export interface VpnClientRootCertificate {
  name: string;
  etag: string;
  /** Base64 DER, as uploaded (no PEM armour). */
  publicCertData: string;
  /** SHA-1 of the DER, upper-case hex (what Azure shows as the thumbprint). */
  thumbprint: string;
}

export interface VpnClientSettings {
  addressPrefixes: string[];
  protocols: string[];
  authenticationTypes: string[];
  rootCertificates: VpnClientRootCertificate[];
  revokedThumbprints: { name: string; thumbprint: string }[];
}

/** The VPN-only part of a virtual network gateway. */
export interface VpnGatewaySettings {
  /** APIPA addresses per IP configuration (keyed by the lower-cased configuration name). */
  customBgpAddresses: Record<string, string[]>;
  peerWeight: number;
  vpnClient?: VpnClientSettings;
}

/** The VPN-only part of an IPsec or Vnet2Vnet connection. */
export interface VpnConnectionSettings {
  localNetworkGatewayId?: string;
  connectionProtocol: "IKEv2" | "IKEv1";
  ipsecPolicies: IpsecPolicy[];
  usePolicyBasedTrafficSelectors: boolean;
  connectionMode: "Default" | "ResponderOnly" | "InitiatorOnly";
  dpdTimeoutSeconds: number;
  /** Which APIPA address each gateway instance uses on this connection. */
  gatewayCustomBgpIpAddresses: { ipConfigurationId: string; customBgpIpAddress: string }[];
}
