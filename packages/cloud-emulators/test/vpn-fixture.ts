import type { IpsecPolicy, VirtualNetworkGateway } from "@azure/arm-network";
import type { models } from "oci-core";
import { armId, COMPARTMENT, finish, type Harness, MINUTE, RG } from "./helpers";

/** The Azure VPN gateway side of a site-to-site VPN to OCI, and the OCI IPSec side, built with the real SDKs. */

export const ORACLE_ASN = 31898;
/** The APIPA inside addresses of the two tunnels (Azure end .2, Oracle end .1). */
export const INSIDE = [
  { oracle: "169.254.21.1/30", azure: "169.254.21.2/30" },
  { oracle: "169.254.22.1/30", azure: "169.254.22.2/30" },
] as const;
const address = (cidr: string) => cidr.split("/")[0] ?? "";

/** A policy both clouds accept: IKEv2 AES256/SHA384/ECP384, IPsec AES256-GCM, PFS ECP384. */
export const AZURE_POLICY: IpsecPolicy = {
  saLifeTimeSeconds: 3600,
  saDataSizeKilobytes: 102400000,
  ikeEncryption: "AES256",
  ikeIntegrity: "SHA384",
  dhGroup: "ECP384",
  ipsecEncryption: "GCMAES256",
  ipsecIntegrity: "GCMAES256",
  pfsGroup: "ECP384",
};
export const OCI_PHASES = {
  phaseOneConfig: { isCustomPhaseOneConfig: true, encryptionAlgorithm: "AES_256_CBC", authenticationAlgorithm: "SHA2_384", diffieHelmanGroup: "GROUP20", lifetimeInSeconds: 28800 },
  phaseTwoConfig: { isCustomPhaseTwoConfig: true, encryptionAlgorithm: "AES_256_GCM", isPfsEnabled: true, pfsDhGroup: "GROUP20", lifetimeInSeconds: 3600 },
} as unknown as Pick<models.CreateIPSecConnectionTunnelDetails, "phaseOneConfig" | "phaseTwoConfig">;

export interface VpnGatewayOptions {
  vnet?: string;
  addressPrefix?: string;
  gatewayName?: string;
  activeActive?: boolean;
  asn?: number;
  location?: string;
  /** Custom APIPA addresses per instance (one list per IP configuration). */
  apipa?: string[][];
  client?: Harness["azure"];
  tags?: Record<string, string>;
}

/** A VNet with a GatewaySubnet, one or two Standard public IPs, and a route-based VpnGw1AZ gateway with BGP, provisioned. */
export async function buildVpnGateway(h: Harness, options: VpnGatewayOptions = {}): Promise<{ gateway: VirtualNetworkGateway; publicIps: string[]; vnetId: string }> {
  const azure = options.client ?? h.azure;
  const vnet = options.vnet ?? "vnet-app";
  const location = options.location ?? "eastus";
  const prefix = options.addressPrefix ?? "10.10.0.0/16";
  const base = prefix.split(".").slice(0, 2).join(".");
  const created = await finish(
    azure.virtualNetworks.beginCreateOrUpdate(RG, vnet, {
      location,
      addressSpace: { addressPrefixes: [prefix] },
      subnets: [
        { name: "GatewaySubnet", addressPrefix: `${base}.255.0/27` },
        { name: "app", addressPrefix: `${base}.1.0/24` },
      ],
    }),
    h,
    MINUTE,
  );
  const instances = options.activeActive ? ["default", "activeactive"] : ["default"];
  const publicIps: string[] = [];
  for (const instance of instances) {
    const pip = await finish(azure.publicIPAddresses.beginCreateOrUpdate(RG, `${vnet}-vpngw-${instance}-pip`, { location, sku: { name: "Standard" }, publicIPAllocationMethod: "Static" }), h, MINUTE);
    publicIps.push(pip.ipAddress ?? "");
  }
  const name = options.gatewayName ?? `${vnet}-vpngw`;
  const gatewayId = `${created.id?.replace(/virtualNetworks\/.*$/, "")}virtualNetworkGateways/${name}`;
  const apipa = options.apipa ?? (options.activeActive ? [["169.254.21.2"], ["169.254.22.2"]] : [["169.254.21.2", "169.254.22.2"]]);
  const gateway = await finish(
    azure.virtualNetworkGateways.beginCreateOrUpdate(RG, name, {
      location,
      gatewayType: "Vpn",
      vpnType: "RouteBased",
      vpnGatewayGeneration: "Generation1",
      sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" },
      active: options.activeActive ?? false,
      enableBgp: true,
      bgpSettings: {
        asn: options.asn ?? 65515,
        bgpPeeringAddresses: instances.map((instance, index) => ({ ipconfigurationId: `${gatewayId}/ipConfigurations/${instance}`, customBgpIpAddresses: apipa[index] ?? [] })),
      },
      ipConfigurations: instances.map((instance) => ({
        name: instance,
        privateIPAllocationMethod: "Dynamic",
        subnet: { id: `${created.id ?? ""}/subnets/GatewaySubnet` },
        publicIPAddress: { id: `${created.id?.replace(/virtualNetworks\/.*$/, "")}publicIPAddresses/${vnet}-vpngw-${instance}-pip` },
      })),
      tags: options.tags ?? {},
    }),
    h,
    46 * MINUTE,
  );
  return { gateway, publicIps, vnetId: created.id ?? "" };
}

export interface OciVpnOptions {
  drgId: string;
  cpeIp: string;
  owner?: string;
  routing?: "BGP" | "STATIC";
  staticRoutes?: string[];
  ikeVersion?: "V1" | "V2";
  secrets?: [string, string];
  customerAsn?: string;
  /** Custom phase one/two (AZURE_POLICY's twin) unless false. */
  customPolicy?: boolean;
  name?: string;
}

/** A CPE for the Azure gateway's IP and an IPSec connection on the DRG, provisioned: its tunnels with their headends. */
export async function buildOciVpn(h: Harness, options: OciVpnOptions) {
  const owner = options.owner ?? "vpn-link";
  const name = options.name ?? owner;
  const routing = options.routing ?? "BGP";
  const cpe = await h.oci.createCpe({ createCpeDetails: { compartmentId: COMPARTMENT, ipAddress: options.cpeIp, displayName: `${name}-cpe`, freeformTags: { interlink: owner } } });
  const tunnelConfiguration = INSIDE.map((inside, index) => ({
    displayName: `${name}-tunnel-${index + 1}`,
    routing: routing as models.CreateIPSecConnectionTunnelDetails.Routing,
    ikeVersion: (options.ikeVersion ?? "V2") as models.CreateIPSecConnectionTunnelDetails.IkeVersion,
    sharedSecret: options.secrets?.[index] ?? `secret${index + 1}abcdefghijklmnopqrstuvwxyz`,
    ...(routing === "BGP" ? { bgpSessionConfig: { oracleInterfaceIp: inside.oracle, customerInterfaceIp: inside.azure, customerBgpAsn: options.customerAsn ?? "65515" } } : {}),
    ...(options.customPolicy === false ? {} : OCI_PHASES),
  }));
  const ipsec = await h.oci.createIPSecConnection({
    createIPSecConnectionDetails: {
      compartmentId: COMPARTMENT,
      drgId: options.drgId,
      cpeId: cpe.cpe.id,
      displayName: `${name}-ipsec`,
      staticRoutes: options.staticRoutes ?? [],
      tunnelConfiguration,
      freeformTags: { interlink: owner },
    },
  });
  await h.emulators.admin.advanceClock(4 * MINUTE);
  const tunnels = (await h.oci.listIPSecConnectionTunnels({ ipscId: ipsec.iPSecConnection.id })).items;
  return { cpeId: cpe.cpe.id, ipsecId: ipsec.iPSecConnection.id, tunnels };
}

export interface AzureTunnelOptions {
  gatewayId: string;
  tunnels: models.IPSecConnectionTunnel[];
  ipsecId: string;
  owner?: string;
  enableBgp?: boolean;
  /** LNG prefixes for static routing. */
  addressPrefixes?: string[];
  policy?: IpsecPolicy | null;
  protocol?: "IKEv2" | "IKEv1";
  /** The Azure instance (ipConfiguration id) each tunnel uses, with its APIPA address. */
  customBgp?: { ipConfigurationId: string; customBgpIpAddress: string }[][];
  only?: number[];
  client?: Harness["azure"];
  location?: string;
}

/** A local network gateway and an IPsec connection per OCI tunnel, with the tunnel's shared secret, provisioned. */
export async function connectAzureToTunnels(h: Harness, options: AzureTunnelOptions): Promise<string[]> {
  const azure = options.client ?? h.azure;
  const owner = options.owner ?? "vpn-link";
  const location = options.location ?? "eastus";
  const names: string[] = [];
  for (const [index, tunnel] of options.tunnels.entries()) {
    if (options.only && !options.only.includes(index)) continue;
    const inside = INSIDE[index] ?? INSIDE[0];
    const lng = `${owner}-lng-${index + 1}`;
    await finish(
      azure.localNetworkGateways.beginCreateOrUpdate(RG, lng, {
        location,
        gatewayIpAddress: tunnel.vpnIp,
        localNetworkAddressSpace: { addressPrefixes: options.addressPrefixes ?? [] },
        ...(options.enableBgp === false ? {} : { bgpSettings: { asn: ORACLE_ASN, bgpPeeringAddress: address(inside.oracle) } }),
        tags: { interlink: owner },
      }),
      h,
      MINUTE,
    );
    const secret = (await h.oci.getIPSecConnectionTunnelSharedSecret({ ipscId: options.ipsecId, tunnelId: tunnel.id })).iPSecConnectionTunnelSharedSecret.sharedSecret;
    const name = `${owner}-conn-${index + 1}`;
    await finish(
      azure.virtualNetworkGatewayConnections.beginCreateOrUpdate(RG, name, {
        location,
        connectionType: "IPsec",
        connectionProtocol: options.protocol ?? "IKEv2",
        virtualNetworkGateway1: { id: options.gatewayId },
        localNetworkGateway2: { id: armId("localNetworkGateways", lng) },
        sharedKey: secret,
        enableBgp: options.enableBgp ?? true,
        ipsecPolicies: options.policy === null ? [] : [options.policy ?? AZURE_POLICY],
        ...(options.customBgp?.[index] ? { gatewayCustomBgpIpAddresses: options.customBgp[index] } : {}),
        tags: { interlink: owner },
      }),
      h,
      2 * MINUTE,
    );
    names.push(name);
  }
  return names;
}

