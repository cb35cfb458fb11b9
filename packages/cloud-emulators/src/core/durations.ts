/**
 * How long things take, in emulated milliseconds at timeScale 1. Defaults follow what the real clouds
 * do (Microsoft docs: gateways 20-45 min; circuits 1-3 min; provider propagation "a few minutes").
 */
export interface Durations {
  /** ARM: VNets, subnets, NSGs and rules, route tables and routes, public IPs, VNet peerings. */
  armSmallResource: number;
  armSmallDelete: number;
  expressRouteCircuit: number;
  expressRouteCircuitDelete: number;
  expressRouteGateway: number;
  vpnGateway: number;
  /** An active-active VPN gateway (two instances) takes longer: Microsoft quotes 45 minutes or more. */
  vpnGatewayActiveActive: number;
  /** A re-PUT of an existing VPN gateway (BGP settings, point-to-site configuration, root certificates). */
  vpnGatewayUpdate: number;
  gatewayDelete: number;
  gatewayConnection: number;
  gatewayConnectionDelete: number;
  /** POST actions such as listArpTable and getLearnedRoutes. */
  armAction: number;
  /** `generatevpnclientpackage`: Azure builds the point-to-site client package. */
  vpnClientPackage: number;
  /** OCI: VCNs, subnets, route tables, security lists, NSGs. */
  ociSmallResource: number;
  ociSmallDelete: number;
  drg: number;
  drgAttachment: number;
  virtualCircuitProvisioning: number;
  virtualCircuitUpdate: number;
  virtualCircuitDelete: number;
  localPeeringGateway: number;
  remotePeeringConnection: number;
  remotePeering: number;
  /** OCI IPSec connection (and its two tunnels) PROVISIONING -> AVAILABLE, and TERMINATING -> TERMINATED. */
  ipsecConnection: number;
  ipsecConnectionDelete: number;
  /** An IPSec tunnel re-provisions after an update or a new shared secret. */
  ipsecTunnelUpdate: number;
  /** OCI keeps deleted resources visible as TERMINATED/DETACHED this long. */
  terminatedRetention: number;
  /** VC created -> Azure circuit shows serviceProviderProvisioningState Provisioning. */
  providerPropagation: number;
  /** VC deleted -> Azure circuit starts deprovisioning (users report "a few minutes"). */
  deprovisionPropagation: number;
  /** Deprovisioning -> NotProvisioned. */
  deprovisioning: number;
  /** OCI retry tokens expire after 24 hours. */
  retryTokenLifetime: number;
  /** OCI Identity: a compartment stays DELETING this long before it is DELETED. */
  compartmentDelete: number;
  /** OCI Identity: a new region subscription is IN_PROGRESS this long before it is READY. */
  regionSubscription: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export const DEFAULT_DURATIONS: Durations = {
  armSmallResource: 5 * SECOND,
  armSmallDelete: 5 * SECOND,
  expressRouteCircuit: 150 * SECOND,
  expressRouteCircuitDelete: 60 * SECOND,
  expressRouteGateway: 30 * MINUTE,
  vpnGateway: 35 * MINUTE,
  vpnGatewayActiveActive: 45 * MINUTE,
  vpnGatewayUpdate: 10 * MINUTE,
  gatewayDelete: 10 * MINUTE,
  gatewayConnection: 90 * SECOND,
  gatewayConnectionDelete: 60 * SECOND,
  armAction: 3 * SECOND,
  vpnClientPackage: 30 * SECOND,
  ociSmallResource: 3 * SECOND,
  ociSmallDelete: 3 * SECOND,
  drg: 30 * SECOND,
  drgAttachment: 30 * SECOND,
  virtualCircuitProvisioning: 4 * MINUTE,
  virtualCircuitUpdate: 2 * MINUTE,
  virtualCircuitDelete: 90 * SECOND,
  localPeeringGateway: 10 * SECOND,
  remotePeeringConnection: 10 * SECOND,
  remotePeering: 60 * SECOND,
  ipsecConnection: 3 * MINUTE,
  ipsecConnectionDelete: 60 * SECOND,
  ipsecTunnelUpdate: 60 * SECOND,
  terminatedRetention: 30 * MINUTE,
  providerPropagation: 30 * SECOND,
  deprovisionPropagation: 3 * MINUTE,
  deprovisioning: 60 * SECOND,
  retryTokenLifetime: 24 * 60 * MINUTE,
  compartmentDelete: 5 * MINUTE,
  regionSubscription: 5 * MINUTE,
};
