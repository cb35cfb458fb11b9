import { createHash, X509Certificate } from "node:crypto";
import { z } from "zod";
import { addressAt, overlaps, parseIpv4Cidr } from "../../core/cidr";
import { armEtag } from "../../core/ids";
import { azureAsnProblem, AZURE_VPN_DEFAULT_ASN, isAzureApipa, VPN_SKU_GENERATIONS } from "../../core/vpn-facts";
import type { World } from "../../core/world";
import { parseArm, propertiesOf } from "../body";
import { badRequest } from "../errors";
import { keyOf, sameId } from "../ids";
import type { GatewayIpConfiguration, VirtualNetworkGatewayRecord } from "../model";
import { subnetById } from "../queries";
import { armRecordOf } from "../store";
import type { VpnClientRootCertificate, VpnClientSettings, VpnGatewaySettings } from "../vpn-model";

/**
 * The VPN-only part of `virtualNetworkGateways` (route-based gateways, their BGP settings with APIPA addresses,
 * active-active instances and the point-to-site configuration). virtual-network-gateways.ts calls in here for
 * gateways of type Vpn, so the ExpressRoute gateway stays as it was.
 */

const VpnGatewayProperties = z.object({
  vpnType: z.enum(["RouteBased", "PolicyBased"]).optional(),
  vpnGatewayGeneration: z.enum(["Generation1", "Generation2", "None"]).optional(),
  bgpSettings: z
    .object({
      asn: z.number().int().optional(),
      peerWeight: z.number().int().min(0).max(100).optional(),
      bgpPeeringAddresses: z.array(z.object({ ipconfigurationId: z.string().min(1), customBgpIpAddresses: z.array(z.string()).optional() })).optional(),
    })
    .optional(),
  vpnClientConfiguration: z
    .object({
      vpnClientAddressPool: z.object({ addressPrefixes: z.array(z.string()).optional() }).optional(),
      vpnClientRootCertificates: z.array(z.object({ name: z.string().min(1), properties: z.object({ publicCertData: z.string() }) })).optional(),
      vpnClientRevokedCertificates: z.array(z.object({ name: z.string().min(1), properties: z.object({ thumbprint: z.string().min(1) }) })).optional(),
      vpnClientProtocols: z.array(z.enum(["IkeV2", "SSTP", "OpenVPN"])).optional(),
      vpnAuthenticationTypes: z.array(z.enum(["Certificate", "Radius", "AAD"])).optional(),
    })
    .optional(),
});
type VpnGatewayBody = z.infer<typeof VpnGatewayProperties>;

/** Azure keeps at most 20 root certificates on a gateway ("VPN Gateway FAQ"). */
const MAX_ROOT_CERTIFICATES = 20;

/** The instance behind an IP configuration: its public IP address (what the peer sees) and its BGP address. */
export interface GatewayInstance {
  ipConfigurationId: string;
  ipConfigurationName: string;
  publicIpAddress?: string;
  defaultBgpAddress: string;
  customBgpAddresses: string[];
}

function isAzSku(sku: string): boolean {
  return sku.endsWith("AZ");
}

/** Base64 DER as Azure takes it; PEM armour and whitespace are tolerated and dropped. */
function certificateBody(text: string): string {
  return text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

function rootCertificate(gatewayId: string, name: string, data: string): VpnClientRootCertificate {
  const body = certificateBody(data);
  const der = Buffer.from(body, "base64");
  try {
    // node:crypto parses the DER (no hand-written ASN.1); anything else is not a certificate.
    new X509Certificate(der);
  } catch {
    throw badRequest("InvalidVpnClientRootCertificate", `Root certificate ${name} of gateway ${gatewayId}: publicCertData is not a Base64-encoded X.509 certificate.`);
  }
  return { name, etag: armEtag(), publicCertData: body, thumbprint: createHash("sha1").update(der).digest("hex").toUpperCase() };
}

function vpnClientSettings(world: World, gatewayId: string, ipConfigurations: GatewayIpConfiguration[], body: NonNullable<VpnGatewayBody["vpnClientConfiguration"]>, sku: string): VpnClientSettings {
  const prefixes = body.vpnClientAddressPool?.addressPrefixes ?? [];
  if (prefixes.length === 0) throw badRequest("VpnClientAddressPoolRequired", `Gateway ${gatewayId}: vpnClientConfiguration.vpnClientAddressPool.addressPrefixes needs at least one prefix.`);
  const vnet = subnetById(world, ipConfigurations[0]?.subnetId ?? "")?.vnet;
  const pool = prefixes.map((prefix) => {
    const parsed = parseIpv4Cidr(prefix);
    if (!parsed.ok) throw badRequest("InvalidAddressPrefixFormat", `VPN client address pool prefix ${prefix} does not have a valid format. ${parsed.message}`);
    for (const space of vnet?.addressPrefixes ?? []) {
      const block = parseIpv4Cidr(space);
      if (block.ok && overlaps(block.cidr, parsed.cidr)) {
        throw badRequest("VpnClientAddressPoolOverlapsVirtualNetwork", `VPN client address pool ${parsed.cidr.text} overlaps the address space ${block.cidr.text} of virtual network ${vnet?.id ?? ""}.`);
      }
    }
    return parsed.cidr.text;
  });
  const certificates = body.vpnClientRootCertificates ?? [];
  if (certificates.length > MAX_ROOT_CERTIFICATES) throw badRequest("TooManyVpnClientRootCertificates", `Gateway ${gatewayId} may hold at most ${MAX_ROOT_CERTIFICATES} root certificates.`);
  const names = new Set<string>();
  const rootCertificates = certificates.map((certificate) => {
    if (names.has(certificate.name.toLowerCase())) throw badRequest("DuplicateResourceName", `Root certificate name ${certificate.name} is used twice on gateway ${gatewayId}.`);
    names.add(certificate.name.toLowerCase());
    return rootCertificate(gatewayId, certificate.name, certificate.properties.publicCertData);
  });
  const protocols = body.vpnClientProtocols ?? (sku === "Basic" ? ["SSTP"] : ["IkeV2", "SSTP"]);
  if (sku === "Basic" && protocols.some((protocol) => protocol !== "SSTP")) throw badRequest("VpnClientProtocolNotSupported", "A Basic gateway supports only the SSTP point-to-site protocol.");
  return {
    addressPrefixes: pool,
    protocols,
    authenticationTypes: body.vpnAuthenticationTypes ?? ["Certificate"],
    rootCertificates,
    revokedThumbprints: (body.vpnClientRevokedCertificates ?? []).map((revoked) => ({ name: revoked.name, thumbprint: revoked.properties.thumbprint.toUpperCase() })),
  };
}

function customBgpAddresses(gatewayId: string, ipConfigurations: GatewayIpConfiguration[], bgp: VpnGatewayBody["bgpSettings"]): Record<string, string[]> {
  const byConfig: Record<string, string[]> = {};
  const seen = new Set<string>();
  for (const entry of bgp?.bgpPeeringAddresses ?? []) {
    const config = ipConfigurations.find((candidate) => sameId(`${gatewayId}/ipConfigurations/${candidate.name}`, entry.ipconfigurationId));
    if (!config) throw badRequest("InvalidResourceReference", `bgpSettings.bgpPeeringAddresses names IP configuration ${entry.ipconfigurationId}, which gateway ${gatewayId} does not have.`);
    for (const address of entry.customBgpIpAddresses ?? []) {
      if (!isAzureApipa(address)) {
        throw badRequest("InvalidCustomBgpIpAddress", `Custom BGP IP address ${address} of ${entry.ipconfigurationId} is not in the Azure APIPA range 169.254.21.0 - 169.254.22.255.`);
      }
      if (seen.has(address)) throw badRequest("DuplicateCustomBgpIpAddress", `Custom BGP IP address ${address} is given more than once on gateway ${gatewayId}.`);
      seen.add(address);
    }
    byConfig[config.name.toLowerCase()] = [...(byConfig[config.name.toLowerCase()] ?? []), ...(entry.customBgpIpAddresses ?? [])];
  }
  return byConfig;
}

/** What a VPN gateway PUT adds to the common gateway checks. Throws ArmError. */
export function buildVpnGatewaySettings(
  world: World,
  gatewayId: string,
  body: Record<string, unknown>,
  gateway: { sku: string; activeActive: boolean; enableBgp: boolean; bgpAsn: number; ipConfigurations: GatewayIpConfiguration[] },
): { vpnType: string; vpnGatewayGeneration: string; vpn: VpnGatewaySettings } {
  const properties = parseArm(VpnGatewayProperties, propertiesOf(body), "properties");
  const vpnType = properties.vpnType ?? "RouteBased";
  if (vpnType === "PolicyBased" && gateway.sku !== "Basic") throw badRequest("PolicyBasedGatewayRequiresBasicSku", `A PolicyBased VPN gateway is only offered with the Basic SKU, not ${gateway.sku}.`);
  const generation = properties.vpnGatewayGeneration ?? (VPN_SKU_GENERATIONS[gateway.sku]?.[0] ?? "Generation1");
  if (!(VPN_SKU_GENERATIONS[gateway.sku] ?? []).includes(generation)) {
    throw badRequest("InvalidVpnGatewayGeneration", `SKU ${gateway.sku} is not offered in ${generation}; it is offered in ${(VPN_SKU_GENERATIONS[gateway.sku] ?? []).join(", ")}.`);
  }
  if (gateway.sku === "Basic" && (gateway.activeActive || gateway.enableBgp)) throw badRequest("BasicSkuNotSupported", "A Basic VPN gateway supports neither active-active nor BGP.");
  const expected = gateway.activeActive ? 2 : 1;
  if (gateway.ipConfigurations.length !== expected) {
    throw badRequest(
      gateway.activeActive ? "ActiveActiveGatewayRequiresTwoIpConfigurations" : "VpnGatewayRequiresOneIpConfiguration",
      `${gateway.activeActive ? "An active-active" : "An active-standby"} VPN gateway needs exactly ${expected} IP configuration${expected > 1 ? "s, each with its own public IP" : ""}; ${gateway.ipConfigurations.length} given.`,
    );
  }
  const publicIps = gateway.ipConfigurations.map((config) => keyOf(config.publicIpId ?? ""));
  if (new Set(publicIps).size !== publicIps.length) throw badRequest("PublicIPAddressInUse", `The IP configurations of gateway ${gatewayId} must use different public IP addresses.`);
  if (isAzSku(gateway.sku)) {
    for (const config of gateway.ipConfigurations) {
      const pip = armRecordOf(world, "publicIPAddresses", config.publicIpId);
      if (pip && pip.sku.name !== "Standard") {
        throw badRequest("AzSkuRequiresStandardPublicIp", `Zone-redundant gateway SKU ${gateway.sku} needs Standard SKU public IP addresses; ${pip.id} is ${pip.sku.name}.`);
      }
    }
  }
  if (gateway.bgpAsn !== AZURE_VPN_DEFAULT_ASN) {
    const problem = azureAsnProblem(gateway.bgpAsn, "gateway");
    if (problem) throw badRequest("InvalidBgpAsn", `Property 'properties.bgpSettings.asn': ${problem}.`);
  }
  const vpn: VpnGatewaySettings = { customBgpAddresses: customBgpAddresses(gatewayId, gateway.ipConfigurations, properties.bgpSettings), peerWeight: properties.bgpSettings?.peerWeight ?? 0 };
  if (properties.vpnClientConfiguration) vpn.vpnClient = vpnClientSettings(world, gatewayId, gateway.ipConfigurations, properties.vpnClientConfiguration, gateway.sku);
  return { vpnType, vpnGatewayGeneration: generation, vpn };
}

/**
 * Each instance's default BGP address in the GatewaySubnet: an active-active gateway's two instances use the
 * 4th and 5th addresses, a single instance the last usable one ("About BGP and VPN Gateway" examples).
 */
export function gatewayInstances(world: World, gateway: VirtualNetworkGatewayRecord): GatewayInstance[] {
  const subnet = subnetById(world, gateway.ipConfigurations[0]?.subnetId ?? "");
  const parsed = subnet ? parseIpv4Cidr(subnet.subnet.addressPrefix) : undefined;
  const cidr = parsed?.ok ? parsed.cidr : undefined;
  return gateway.ipConfigurations.map((config, index) => {
    const pip = armRecordOf(world, "publicIPAddresses", config.publicIpId);
    const offset = gateway.activeActive ? 4 + index : cidr ? cidr.last - cidr.first - 1 : 0;
    const instance: GatewayInstance = {
      ipConfigurationId: `${gateway.id}/ipConfigurations/${config.name}`,
      ipConfigurationName: config.name,
      defaultBgpAddress: cidr ? addressAt(cidr, offset) : "",
      customBgpAddresses: gateway.vpn?.customBgpAddresses[config.name.toLowerCase()] ?? [],
    };
    if (pip) instance.publicIpAddress = pip.ipAddress;
    return instance;
  });
}

function renderVpnClient(gateway: VirtualNetworkGatewayRecord, client: VpnClientSettings): Record<string, unknown> {
  return {
    vpnClientAddressPool: { addressPrefixes: client.addressPrefixes },
    vpnClientRootCertificates: client.rootCertificates.map((certificate) => ({
      id: `${gateway.id}/vpnClientRootCertificates/${certificate.name}`,
      name: certificate.name,
      etag: certificate.etag,
      properties: { provisioningState: gateway.provisioningState, publicCertData: certificate.publicCertData },
    })),
    vpnClientRevokedCertificates: client.revokedThumbprints.map((revoked) => ({
      id: `${gateway.id}/vpnClientRevokedCertificates/${revoked.name}`,
      name: revoked.name,
      properties: { provisioningState: gateway.provisioningState, thumbprint: revoked.thumbprint },
    })),
    vpnClientProtocols: client.protocols,
    vpnAuthenticationTypes: client.authenticationTypes,
    vpnClientIpsecPolicies: [],
    radiusServers: [],
  };
}

/** `bgpSettings` (and `vpnClientConfiguration`) of a VPN gateway as ARM shows them. */
export function vpnGatewayProperties(world: World, gateway: VirtualNetworkGatewayRecord): Record<string, unknown> {
  const instances = gatewayInstances(world, gateway);
  return {
    bgpSettings: {
      asn: gateway.bgpAsn,
      bgpPeeringAddress: instances.map((instance) => instance.defaultBgpAddress).join(","),
      peerWeight: gateway.vpn?.peerWeight ?? 0,
      bgpPeeringAddresses: instances.map((instance) => ({
        ipconfigurationId: instance.ipConfigurationId,
        defaultBgpIpAddresses: [instance.defaultBgpAddress],
        customBgpIpAddresses: instance.customBgpAddresses,
        tunnelIpAddresses: instance.publicIpAddress ? [instance.publicIpAddress] : [],
      })),
    },
    ...(gateway.vpn?.vpnClient ? { vpnClientConfiguration: renderVpnClient(gateway, gateway.vpn.vpnClient) } : {}),
  };
}

/** 35 minutes for a new gateway, 45 for an active-active one, less for a change to an existing one. */
export function vpnGatewayProvisioningMs(world: World, gateway: VirtualNetworkGatewayRecord): number {
  const { durations } = world.config;
  if (gateway.createdAt !== world.now) return durations.vpnGatewayUpdate;
  return gateway.activeActive ? durations.vpnGatewayActiveActive : durations.vpnGateway;
}

