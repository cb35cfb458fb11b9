import type { World } from "../core/world";

/**
 * The VPN part of the world: the last known state of every tunnel (an OCI IPSec tunnel paired with Azure, or a
 * Vnet2Vnet pair of Azure connections), the journal of their transitions, and the point-to-site client packages
 * Azure generated. Persisted with the rest of the world; no shared key is ever stored here.
 */

export type TunnelStatus = "UP" | "DOWN";
/** BGP on the tunnel: null when the tunnel does not route with BGP. */
export type BgpStatus = "UP" | "DOWN" | null;

export interface LinkRef {
  /** Stable key: `oci-tunnel:<tunnel OCID>` or `vnet2vnet:<connection id>|<connection id>` (lower-cased ARM ids). */
  key: string;
  kind: "oci-tunnel" | "vnet2vnet";
  ociTunnelId?: string;
  ipsecConnectionId?: string;
  /** The Azure IPsec connection the tunnel pairs with (when one points at its headend), or both Vnet2Vnet connections. */
  azureConnectionIds: string[];
  /** Oracle's headend and the CPE address, for OCI tunnels. */
  vpnIp?: string;
  cpeIp?: string;
}

export interface LinkState {
  status: TunnelStatus;
  bgp: BgpStatus;
  /** Why the tunnel (or its BGP session) is down; null when both are up. Never contains a secret. */
  reason: string | null;
}

export interface KnownLink extends LinkState {
  ref: LinkRef;
  /** Emulated time of the last transition. */
  since: number;
}

export interface TunnelTransition {
  seq: number;
  /** Emulated time, ISO and epoch ms. */
  at: string;
  atMs: number;
  link: LinkRef;
  /** null when the tunnel appears (from) or disappears (to). */
  from: LinkState | null;
  to: LinkState | null;
}

export interface VpnClientPackage {
  id: string;
  gatewayId: string;
  createdAt: string;
  processorArchitecture: string;
  authenticationMethod: string;
  protocols: string[];
  addressPrefixes: string[];
  rootCertificateThumbprints: string[];
}

export interface VpnFabricState {
  links: Record<string, KnownLink>;
  journal: TunnelTransition[];
  nextSeq: number;
  clientPackages: Record<string, VpnClientPackage>;
  /** Oracle headend addresses handed out so far (each tunnel gets its own). */
  headendsIssued: number;
}

/** The journal keeps this many transitions; older ones are dropped. */
export const JOURNAL_CAPACITY = 10_000;

export function vpnState(world: World): VpnFabricState {
  world.state.vpn ??= { links: {}, journal: [], nextSeq: 1, clientPackages: {}, headendsIssued: 0 };
  return world.state.vpn;
}
