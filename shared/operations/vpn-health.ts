import { type AzureNetworkPort, type OciNetworkPort } from "../clouds/ports";
import { type vpnResourceNames } from "../domain/vpn-link";
import { type TunnelHealth, type VpnHealthReport } from "../domain/vpn-link-record";

export interface VpnHealthInput {
  azure: { resourceGroup: string; vnet: string };
  oci: { drgId: string };
  ipsecConnectionId: string;
  bgp: boolean;
  vnetCidrs: string[];
  vcnCidrs: string[];
  names: ReturnType<typeof vpnResourceNames>;
}

/**
 * One look at a VPN link: each tunnel as OCI reports it (with why it is down), its Azure connection, what each side
 * learned over the tunnels, and which path the DRG uses towards the VNet (ExpressRoute when an interconnect for the
 * same pair is up: its routes carry Microsoft's ASN alone, a shorter AS path than the VPN gateway's, and OCI prefers
 * virtual circuits over IPSec tunnels on a tie).
 */
export async function vpnHealth(ports: { azure: AzureNetworkPort; oci: OciNetworkPort }, input: VpnHealthInput, now: Date): Promise<VpnHealthReport> {
  const { azure, oci } = ports;
  const tunnels = (await oci.listIpsecTunnels(input.ipsecConnectionId)).sort((a, b) => a.displayName.localeCompare(b.displayName));
  const report: TunnelHealth[] = [];
  for (const [index, tunnel] of tunnels.entries()) {
    const connection = await azure.getVpnConnection(input.azure.resourceGroup, input.names.connection(index));
    const reason = tunnel.status === "UP" ? null : await oci.getTunnelError(input.ipsecConnectionId, tunnel.id);
    report.push({
      tunnel: tunnel.displayName,
      status: tunnel.status ?? "UNKNOWN",
      ...(input.bgp && tunnel.bgp.state ? { bgp: tunnel.bgp.state } : {}),
      ...(connection?.connectionStatus ? { azureConnection: connection.connectionStatus } : {}),
      ...(reason ? { reason } : {}),
    });
  }
  const towardsVnet = (await oci.listDrgLearnedRoutes(input.oci.drgId)).filter((route) => input.vnetCidrs.includes(route.destination));
  const carrying = towardsVnet.find((route) => route.carriesTraffic);
  const carriedBy = carrying?.provenance === "VIRTUAL_CIRCUIT" ? "ExpressRoute" : carrying?.provenance === "IPSEC_TUNNEL" ? "VPN" : "none";
  const ociLearned = [...new Set(towardsVnet.filter((route) => route.provenance === "IPSEC_TUNNEL").map((route) => route.destination))];
  const azureLearned = input.bgp ? await gatewayLearned(azure, input) : [];
  const down = report.filter((tunnel) => tunnel.status !== "UP" || (tunnel.bgp !== undefined && tunnel.bgp !== "UP"));
  const problems = down.map((tunnel) => `${tunnel.tunnel} is ${tunnel.status}${tunnel.bgp && tunnel.bgp !== "UP" ? ` (BGP ${tunnel.bgp})` : ""}${tunnel.reason ? `: ${tunnel.reason}` : ""}`);
  const missing = input.bgp && down.length === 0 ? input.vcnCidrs.filter((prefix) => !azureLearned.includes(prefix)).map((prefix) => `the Azure gateway has not learned ${prefix} over the tunnels`) : [];
  return {
    verdict: down.length === 0 ? "healthy" : down.length < report.length ? "degraded" : "down",
    checkedAt: now.toISOString(),
    tunnels: report,
    carriedBy,
    routesLearned: { azure: azureLearned, oci: ociLearned },
    problems: [...problems, ...missing],
  };
}

/** The VCN prefixes the VPN gateway learned over BGP (a POST action: read at once, or on its first poll). */
async function gatewayLearned(azure: AzureNetworkPort, input: VpnHealthInput): Promise<string[]> {
  const vnet = await azure.getVirtualNetwork(input.azure.resourceGroup, input.azure.vnet);
  const gateway = vnet ? await azure.findVpnGateway(input.azure.resourceGroup, vnet.id) : null;
  if (!gateway) return [];
  let read = await azure.startVpnGatewayRoutesRead(input.azure.resourceGroup, gateway.name);
  if (!read.done) read = await azure.resumeVpnGatewayRoutesRead(read.operation);
  if (!read.done) return [];
  return [...new Set(read.value.filter((route) => route.origin === "EBgp" && input.vcnCidrs.includes(route.network)).map((route) => route.network))];
}

/** A vnet-to-vnet link: each direction's connection as Azure reports it (Connected both ways is healthy). */
export async function vnet2vnetHealth(
  sides: Array<{ azure: AzureNetworkPort; resourceGroup: string; vnet: string; connection: string }>,
  now: Date,
): Promise<VpnHealthReport> {
  const tunnels: TunnelHealth[] = [];
  for (const side of sides) {
    const connection = await side.azure.getVpnConnection(side.resourceGroup, side.connection);
    const status = connection?.connectionStatus ?? "absent";
    tunnels.push({ tunnel: side.connection, status: status === "Connected" ? "UP" : "DOWN", azureConnection: status, ...(status === "Connected" ? {} : { reason: `${side.vnet}'s connection is ${status}` }) });
  }
  const down = tunnels.filter((tunnel) => tunnel.status !== "UP");
  return {
    verdict: down.length === 0 ? "healthy" : down.length < tunnels.length ? "degraded" : "down",
    checkedAt: now.toISOString(),
    tunnels,
    carriedBy: down.length === 0 ? "VPN" : "none",
    routesLearned: { azure: [], oci: [] },
    problems: down.map((tunnel) => `${tunnel.tunnel} is ${tunnel.azureConnection ?? "DOWN"}`),
  };
}

/** Point-to-site: the gateway is provisioned and still trusts the link's root with the requested client pool. */
export async function p2sHealth(
  side: { azure: AzureNetworkPort; resourceGroup: string; vnet: string; rootCertificateName: string; clientAddressPool: string[] },
  now: Date,
): Promise<VpnHealthReport> {
  const vnet = await side.azure.getVirtualNetwork(side.resourceGroup, side.vnet);
  const gateway = vnet ? await side.azure.findVpnGateway(side.resourceGroup, vnet.id) : null;
  const problems: string[] = [];
  if (!gateway) problems.push(`${side.vnet} has no VPN gateway`);
  else if (gateway.provisioningState !== "Succeeded") problems.push(`the VPN gateway ${gateway.name} is ${gateway.provisioningState ?? "not provisioned"}`);
  else if (!gateway.pointToSite?.rootCertificateNames.includes(side.rootCertificateName)) problems.push(`the VPN gateway ${gateway.name} no longer trusts the root certificate ${side.rootCertificateName}`);
  else {
    const missing = side.clientAddressPool.filter((block) => !gateway.pointToSite?.addressPrefixes.includes(block));
    if (missing.length > 0) problems.push(`the VPN gateway ${gateway.name}'s client address pool lacks ${missing.join(", ")}`);
  }
  return {
    verdict: problems.length === 0 ? "healthy" : "down",
    checkedAt: now.toISOString(),
    tunnels: [],
    carriedBy: problems.length === 0 ? "VPN" : "none",
    routesLearned: { azure: [], oci: [] },
    problems,
  };
}
