import { keyOf, sameId } from "../azure-arm/ids";
import type { ConnectionRecord, VirtualNetworkGatewayRecord } from "../azure-arm/model";
import { type GatewayInstance, gatewayInstances } from "../azure-arm/resources/vpn-gateway-settings";
import { armRecordOf, armRecords } from "../azure-arm/store";
import type { LocalNetworkGatewayRecord } from "../azure-arm/model";
import { ORACLE_ASN } from "../core/interconnect-facts";
import { isAzureApipa } from "../core/vpn-facts";
import type { World } from "../core/world";
import { ociRecordOf, ociRecords } from "../oci/store";
import type { CpeRecord, IpsecConnectionRecord, IpsecTunnelRecord } from "../oci/vpn-model";
import { azureProposals, ociProposals, proposalMismatch } from "./ipsec-compat";
import type { LinkRef, LinkState } from "./vpn-state";

/**
 * The coupling of VPN tunnels: an OCI IPSec tunnel is UP only when an Azure IPsec connection agrees with it on
 * everything IKE checks (peer addresses, identity, IKE version, pre-shared key, a proposal both accept, traffic
 * selectors), and its BGP session is UP only when the inside addresses and ASNs match too. A Vnet2Vnet pair of
 * Azure connections is checked the same way. Every state is derived from both clouds at the time it is asked for;
 * vpn-journal.ts records the transitions.
 */

/** An OCI tunnel with the Azure side it pairs with (when one points at its headend). */
export interface TunnelLink extends LinkState {
  ref: LinkRef;
  ipsec: IpsecConnectionRecord;
  tunnel: IpsecTunnelRecord;
  connection?: ConnectionRecord;
  gateway?: VirtualNetworkGatewayRecord;
  local?: LocalNetworkGatewayRecord;
  instance?: GatewayInstance;
  /** The Azure and Oracle ends of the BGP session, when both are known. */
  azureBgpAddress?: string;
  oracleBgpAddress?: string;
}

/** A Vnet2Vnet pair: the connection in each direction (the second may be missing). */
export interface Vnet2VnetLink extends LinkState {
  ref: LinkRef;
  connections: ConnectionRecord[];
  gateways: VirtualNetworkGatewayRecord[];
}

const LIVE_OCI = new Set(["PROVISIONING", "AVAILABLE"]);
/** Gateways keep their tunnels while an update runs; a deleted or failed one has none. */
const GATEWAY_SERVING = new Set(["Succeeded", "Updating"]);

const addressOf = (cidr: string | undefined) => cidr?.split("/")[0];

function state(status: LinkState["status"], bgp: LinkState["bgp"], reason: string | null): LinkState {
  return { status, bgp, reason };
}

/** How far a pairing got, to pick the Azure connection that explains a tunnel best. */
interface Attempt {
  score: number;
  link: TunnelLink;
}

function localGatewayOf(world: World, connection: ConnectionRecord): LocalNetworkGatewayRecord | undefined {
  return armRecordOf(world, "localNetworkGateways", connection.vpn?.localNetworkGatewayId);
}

/**
 * The address Azure peers BGP from on this connection and instance: the APIPA address the connection chose for the
 * instance (gatewayCustomBgpIpAddresses); else, towards an APIPA peer, the instance's APIPA address on the peer's
 * /30 (or its first one); else the instance's default address in the GatewaySubnet.
 */
export function azureBgpAddressFor(connection: ConnectionRecord, instance: GatewayInstance, local: LocalNetworkGatewayRecord | undefined): string {
  const chosen = connection.vpn?.gatewayCustomBgpIpAddresses.find((entry) => sameId(entry.ipConfigurationId, instance.ipConfigurationId));
  if (chosen) return chosen.customBgpIpAddress;
  const peer = local?.bgp?.bgpPeeringAddress;
  if (peer && isAzureApipa(peer) && instance.customBgpAddresses.length > 0) {
    const link = (address: string) => Math.floor(Number(address.split(".")[3]) / 4) + address.split(".").slice(0, 3).join(".");
    return instance.customBgpAddresses.find((address) => link(address) === link(peer)) ?? instance.customBgpAddresses[0] ?? instance.defaultBgpAddress;
  }
  return instance.defaultBgpAddress;
}

function bgpMismatch(link: TunnelLink, connection: ConnectionRecord, gateway: VirtualNetworkGatewayRecord, local: LocalNetworkGatewayRecord, instance: GatewayInstance): string | null {
  const { tunnel } = link;
  if (!connection.enableBgp) return "the OCI tunnel routes with BGP, but the Azure connection has BGP disabled";
  if (!local.bgp) return `local network gateway ${local.name} has no BGP settings`;
  if (local.bgp.asn !== ORACLE_ASN) return `local network gateway ${local.name} expects ASN ${local.bgp.asn}, but Oracle's is ${ORACLE_ASN}`;
  if (tunnel.bgp.customerBgpAsn !== String(gateway.bgpAsn)) return `the tunnel's customer BGP ASN is ${tunnel.bgp.customerBgpAsn ?? "unset"}, but the Azure gateway's is ${gateway.bgpAsn}`;
  if (link.oracleBgpAddress !== local.bgp.bgpPeeringAddress) {
    return `local network gateway ${local.name} peers with ${local.bgp.bgpPeeringAddress}, but Oracle's inside address is ${link.oracleBgpAddress ?? "unset"}`;
  }
  if (link.azureBgpAddress !== addressOf(tunnel.bgp.customerInterfaceIp)) {
    return `Azure (${instance.ipConfigurationName}) peers from ${link.azureBgpAddress ?? "no address"}, but the tunnel's customer inside address is ${addressOf(tunnel.bgp.customerInterfaceIp) ?? "unset"}`;
  }
  return null;
}

/** One OCI tunnel against one Azure connection whose local network gateway points at the tunnel's headend. */
function attempt(world: World, base: TunnelLink, cpe: CpeRecord, connection: ConnectionRecord): Attempt {
  const ref: LinkRef = { ...base.ref, azureConnectionIds: [connection.id] };
  const bgpDown = base.tunnel.routing === "BGP" ? "DOWN" : null;
  const down = (score: number, reason: string, extra: Partial<TunnelLink> = {}): Attempt => ({ score, link: { ...base, ...extra, ref, connection, ...state("DOWN", bgpDown, reason) } });
  const gateway = armRecordOf(world, "virtualNetworkGateways", connection.gateway1Id);
  const local = localGatewayOf(world, connection);
  if (!gateway || !GATEWAY_SERVING.has(gateway.provisioningState)) return down(0, `the Azure VPN gateway of connection ${connection.name} is ${gateway?.provisioningState ?? "gone"}`);
  const instances = gatewayInstances(world, gateway);
  const instance = instances.find((candidate) => candidate.publicIpAddress === cpe.ipAddress);
  if (!instance) {
    const addresses = instances.map((candidate) => candidate.publicIpAddress ?? "none").join(", ");
    return down(0, `the CPE's IP address ${cpe.ipAddress} is none of the Azure gateway's public IP addresses (${addresses})`, { gateway });
  }
  const found = { gateway, instance, ...(local ? { local } : {}) };
  if (connection.provisioningState !== "Succeeded") return down(1, `the Azure connection ${connection.name} is ${connection.provisioningState}`, found);
  const vpn = connection.vpn;
  const { tunnel, ipsec } = base;
  if (ipsec.cpeLocalIdentifierType === "HOSTNAME" || ipsec.cpeLocalIdentifier !== cpe.ipAddress) {
    return down(2, `IKE identity: the Azure gateway identifies itself as ${cpe.ipAddress}, but the IPSec connection expects ${ipsec.cpeLocalIdentifierType} ${ipsec.cpeLocalIdentifier}`, found);
  }
  if (vpn?.connectionMode === "ResponderOnly" && tunnel.oracleInitiation === "RESPONDER_ONLY") return down(2, "neither side initiates: the Azure connection and the OCI tunnel are both responder-only", found);
  const azureIke = vpn?.connectionProtocol === "IKEv1" ? "V1" : "V2";
  if (azureIke !== tunnel.ikeVersion) return down(2, `IKE versions differ: Azure ${vpn?.connectionProtocol ?? "IKEv2"}, OCI ${tunnel.ikeVersion}`, found);
  // Only that they differ: a shared key never appears in a reason.
  if (connection.sharedKey !== tunnel.sharedSecret) return down(2, "the pre-shared keys differ", found);
  const proposals = proposalMismatch(azureProposals(vpn?.ipsecPolicies ?? []), ociProposals(tunnel));
  if (proposals) return down(2, proposals, found);
  const policyBased = tunnel.routing === "POLICY";
  if (policyBased !== (vpn?.usePolicyBasedTrafficSelectors ?? false)) {
    return down(2, policyBased ? "the OCI tunnel uses policy-based routing, but the Azure connection does not use policy-based traffic selectors" : "the Azure connection uses policy-based traffic selectors, but the OCI tunnel routes by route", found);
  }
  const link: TunnelLink = { ...base, ...found, ref, connection, ...state("UP", null, null) };
  link.azureBgpAddress = azureBgpAddressFor(connection, instance, local);
  const oracle = addressOf(tunnel.bgp.oracleInterfaceIp);
  if (oracle) link.oracleBgpAddress = oracle;
  if (tunnel.routing !== "BGP") {
    if (connection.enableBgp) return { score: 3, link: { ...link, ...state("UP", "DOWN", "the Azure connection expects BGP, but the OCI tunnel routes statically") } };
    return { score: 4, link };
  }
  const mismatch = local ? bgpMismatch(link, connection, gateway, local, instance) : "the Azure connection has no local network gateway";
  if (mismatch) return { score: 3, link: { ...link, ...state("UP", "DOWN", mismatch) } };
  return { score: 4, link: { ...link, bgp: "UP" } };
}

function tunnelLink(world: World, ipsec: IpsecConnectionRecord, tunnel: IpsecTunnelRecord, connections: ConnectionRecord[]): TunnelLink {
  const cpe = ociRecordOf(world, "cpe", ipsec.cpeId);
  const ref: LinkRef = { key: `oci-tunnel:${tunnel.id}`, kind: "oci-tunnel", ociTunnelId: tunnel.id, ipsecConnectionId: ipsec.id, azureConnectionIds: [], vpnIp: tunnel.vpnIp };
  if (cpe) ref.cpeIp = cpe.ipAddress;
  const bgpDown = tunnel.routing === "BGP" ? "DOWN" : null;
  const base: TunnelLink = { ref, ipsec, tunnel, ...state("DOWN", bgpDown, null) };
  if (ipsec.lifecycleState !== "AVAILABLE") return { ...base, reason: `the IPSec connection is ${ipsec.lifecycleState}` };
  if (tunnel.lifecycleState !== "AVAILABLE") return { ...base, reason: `the tunnel is ${tunnel.lifecycleState}` };
  if (!cpe) return { ...base, reason: "the IPSec connection's CPE is gone" };
  const candidates = connections.filter((connection) => localGatewayOf(world, connection)?.gatewayIpAddress === tunnel.vpnIp);
  if (candidates.length === 0) return { ...base, reason: `no Azure connection's local network gateway points at Oracle's VPN headend ${tunnel.vpnIp}` };
  const attempts = candidates.map((connection) => attempt(world, base, cpe, connection));
  return attempts.reduce((best, next) => (next.score > best.score ? next : best)).link;
}

/** Every tunnel of every live OCI IPSec connection, with its state. */
export function tunnelLinks(world: World): TunnelLink[] {
  const ipsecConnections = ociRecords(world, "ipsecconnection").filter((ipsec) => LIVE_OCI.has(ipsec.lifecycleState));
  if (ipsecConnections.length === 0) return [];
  const azure = armRecords(world, "connections").filter((connection) => connection.connectionType === "IPsec");
  return ipsecConnections.flatMap((ipsec) => ipsec.tunnels.map((tunnel) => tunnelLink(world, ipsec, tunnel, azure)));
}

function vnet2vnetState(world: World, forward: ConnectionRecord, reverse: ConnectionRecord | undefined): LinkState {
  const routed = forward.enableBgp || !!reverse?.enableBgp ? "DOWN" : null;
  if (!reverse) return state("DOWN", routed, `no Vnet2Vnet connection from ${forward.gateway2Id ?? "the other gateway"} back to ${forward.gateway1Id}`);
  for (const gatewayId of [forward.gateway1Id, reverse.gateway1Id]) {
    const gateway = armRecordOf(world, "virtualNetworkGateways", gatewayId);
    if (!gateway || !GATEWAY_SERVING.has(gateway.provisioningState)) return state("DOWN", routed, `VPN gateway ${gatewayId} is ${gateway?.provisioningState ?? "gone"}`);
  }
  for (const connection of [forward, reverse]) {
    if (connection.provisioningState !== "Succeeded") return state("DOWN", routed, `connection ${connection.name} is ${connection.provisioningState}`);
  }
  const [a, b] = [forward.vpn, reverse.vpn];
  if ((a?.connectionProtocol ?? "IKEv2") !== (b?.connectionProtocol ?? "IKEv2")) return state("DOWN", routed, `IKE versions differ: ${a?.connectionProtocol ?? "IKEv2"} and ${b?.connectionProtocol ?? "IKEv2"}`);
  if (forward.sharedKey !== reverse.sharedKey) return state("DOWN", routed, "the pre-shared keys differ");
  const proposals = proposalMismatch(azureProposals(a?.ipsecPolicies ?? []), azureProposals(b?.ipsecPolicies ?? []));
  if (proposals) return state("DOWN", routed, proposals);
  if (!routed) return state("UP", null, null);
  if (forward.enableBgp !== reverse.enableBgp) return state("UP", "DOWN", "BGP is enabled on one direction's connection only");
  const asns = [forward.gateway1Id, reverse.gateway1Id].map((id) => armRecordOf(world, "virtualNetworkGateways", id)?.bgpAsn);
  if (asns[0] === asns[1]) return state("UP", "DOWN", `both VPN gateways use ASN ${asns[0] ?? "unknown"}; BGP between them needs different ASNs`);
  return state("UP", "UP", null);
}

/** Every pair of VPN gateways joined by Vnet2Vnet connections, with its state. */
export function vnet2vnetLinks(world: World): Vnet2VnetLink[] {
  const all = armRecords(world, "connections").filter((connection) => connection.connectionType === "Vnet2Vnet");
  const seen = new Set<string>();
  const links: Vnet2VnetLink[] = [];
  for (const forward of all) {
    const pair = [keyOf(forward.gateway1Id), keyOf(forward.gateway2Id ?? "")].sort();
    const key = `vnet2vnet:${pair.join("|")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const reverse = all.find((other) => sameId(other.gateway1Id, forward.gateway2Id) && sameId(other.gateway2Id, forward.gateway1Id));
    const connections = reverse ? [forward, reverse] : [forward];
    const gateways = [forward.gateway1Id, forward.gateway2Id].flatMap((id) => armRecordOf(world, "virtualNetworkGateways", id) ?? []);
    links.push({ ref: { key, kind: "vnet2vnet", azureConnectionIds: connections.map((connection) => connection.id) }, connections, gateways, ...vnet2vnetState(world, forward, reverse) });
  }
  return links;
}

/** `connectionStatus` of an IPsec or Vnet2Vnet connection ARM has provisioned. */
export function vpnConnectionStatus(world: World, connection: ConnectionRecord): "Connecting" | "Connected" | "NotConnected" {
  if (connection.connectionType === "Vnet2Vnet") {
    const link = vnet2vnetLinks(world).find((candidate) => candidate.connections.some((member) => sameId(member.id, connection.id)));
    if (!link || link.connections.length < 2) return "Connecting";
    return link.status === "UP" ? "Connected" : "NotConnected";
  }
  const paired = tunnelLinks(world).filter((link) => link.connection && sameId(link.connection.id, connection.id));
  if (paired.length === 0) return "Connecting";
  return paired.some((link) => link.status === "UP") ? "Connected" : "NotConnected";
}
