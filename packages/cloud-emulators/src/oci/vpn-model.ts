/**
 * What the OCI emulator stores for Site-to-Site VPN: CPEs and IPSec connections with their two tunnels, in OCI
 * wire names. Tunnel status and BGP state are not stored: the fabric computes them from both clouds.
 */
import type { OciBase } from "./model";

/** `Cpe` has no lifecycle state on the wire; the record keeps one so the generic lifecycle can delete it. */
export interface CpeRecord extends OciBase {
  kind: "cpe";
  ipAddress: string;
  cpeDeviceShapeId?: string;
  isPrivate: boolean;
}

export interface TunnelPhaseOne {
  isCustomPhaseOneConfig: boolean;
  authenticationAlgorithm?: string;
  encryptionAlgorithm?: string;
  diffieHelmanGroup?: string;
  lifetimeInSeconds: number;
}

export interface TunnelPhaseTwo {
  isCustomPhaseTwoConfig: boolean;
  authenticationAlgorithm?: string;
  encryptionAlgorithm?: string;
  lifetimeInSeconds: number;
  isPfsEnabled: boolean;
  pfsDhGroup?: string;
}

export interface TunnelBgpSession {
  oracleInterfaceIp?: string;
  customerInterfaceIp?: string;
  /** asplain digits, as OCI takes it (a string on the wire). */
  customerBgpAsn?: string;
}

export interface IpsecTunnelRecord {
  id: string;
  displayName: string;
  /** Oracle's VPN headend (the public IP the CPE talks to). */
  vpnIp: string;
  routing: "BGP" | "STATIC" | "POLICY";
  ikeVersion: "V1" | "V2";
  /** The pre-shared key: a secret, only ever returned by GetIPSecConnectionTunnelSharedSecret. */
  sharedSecret: string;
  bgp: TunnelBgpSession;
  oracleInitiation: "INITIATOR_OR_RESPONDER" | "RESPONDER_ONLY";
  natTranslationEnabled: "ENABLED" | "DISABLED" | "AUTO";
  dpdMode: "INITIATE_AND_RESPOND" | "RESPOND_ONLY";
  dpdTimeoutInSec: number;
  phaseOne: TunnelPhaseOne;
  phaseTwo: TunnelPhaseTwo;
  lifecycleState: "PROVISIONING" | "AVAILABLE" | "TERMINATING" | "TERMINATED";
  timeCreated: string;
}

export interface IpsecConnectionRecord extends OciBase {
  kind: "ipsecconnection";
  drgId: string;
  cpeId: string;
  cpeLocalIdentifier: string;
  cpeLocalIdentifierType: "IP_ADDRESS" | "HOSTNAME";
  staticRoutes: string[];
  tunnels: IpsecTunnelRecord[];
}
