import { z } from "zod";
import { addressAt, parseIpv4Cidr } from "../../core/cidr";
import { GATEWAY_SUBNET_NAME } from "../../core/interconnect-facts";
import type { World } from "../../core/world";
import { parseArm, propertiesOf } from "../body";
import { ArmError, badRequest } from "../errors";
import { sameId } from "../ids";
import type { TrackedKind } from "../kinds";
import type { GatewayIpConfiguration, VirtualNetworkGatewayRecord } from "../model";
import { connectionsOfGateway, gatewaysInVnet, gatewayUsingPublicIp, subnetById } from "../queries";
import { armRecordOf } from "../store";
import { checkReference } from "./subnet-rules";
import { buildVpnGatewaySettings, vpnGatewayProperties, vpnGatewayProvisioningMs } from "./vpn-gateway-settings";

const ER_SKUS = ["Standard", "HighPerformance", "UltraPerformance", "ErGw1AZ", "ErGw2AZ", "ErGw3AZ", "ErGwScale"];
const VPN_SKUS = ["Basic", "VpnGw1", "VpnGw2", "VpnGw3", "VpnGw4", "VpnGw5", "VpnGw1AZ", "VpnGw2AZ", "VpnGw3AZ", "VpnGw4AZ", "VpnGw5AZ"];

const IpConfiguration = z.object({
  name: z.string().min(1),
  properties: z.object({
    privateIPAllocationMethod: z.enum(["Dynamic", "Static"]).optional(),
    subnet: z.object({ id: z.string().min(1) }),
    publicIPAddress: z.object({ id: z.string().min(1) }).optional(),
  }),
});
const GatewayProperties = z.object({
  ipConfigurations: z.array(IpConfiguration).min(1),
  gatewayType: z.enum(["ExpressRoute", "Vpn", "LocalGateway"]),
  vpnType: z.enum(["RouteBased", "PolicyBased"]).optional(),
  vpnGatewayGeneration: z.string().optional(),
  sku: z.object({ name: z.string(), tier: z.string().optional() }),
  enableBgp: z.boolean().optional(),
  activeActive: z.boolean().optional(),
  bgpSettings: z.object({ asn: z.number().int().optional() }).optional(),
});

/** Whether Azure offers managed public IPs for ExpressRoute gateways in a region (the emulator's switch). */
function managedPublicIpOffered(world: World, location: string): boolean {
  const rule = world.config.gatewayPublicIpRequired;
  return rule === false || (Array.isArray(rule) && !rule.includes(location.toLowerCase().replace(/\s+/g, "")));
}

function notProvisioned(id: string, user: string, state: string): ArmError {
  return badRequest(
    "ReferencedResourceNotProvisioned",
    `Cannot proceed with operation because resource ${id} used by resource ${user} is not in Succeeded state. Resource is in ${state} state and the last operation that updated/is updating the resource is PutVirtualNetworkOperation.`,
  );
}

/** The gateway's BGP address: the last usable address of its GatewaySubnet (Azure uses the top of the range). */
export function gatewayBgpAddress(world: World, gateway: VirtualNetworkGatewayRecord): string {
  const subnetId = gateway.ipConfigurations[0]?.subnetId;
  const found = subnetId ? subnetById(world, subnetId) : undefined;
  const parsed = found ? parseIpv4Cidr(found.subnet.addressPrefix) : undefined;
  return parsed?.ok ? addressAt(parsed.cidr, parsed.cidr.last - parsed.cidr.first - 1) : "";
}

export const virtualNetworkGateways: TrackedKind<"virtualNetworkGateways"> = {
  kind: "virtualNetworkGateways",
  type: "virtualNetworkGateways",
  build({ world, id, body, existing, location }) {
    const properties = parseArm(GatewayProperties, propertiesOf(body), "properties");
    if (properties.gatewayType === "LocalGateway") throw badRequest("InvalidGatewayType", "Gateway type LocalGateway is not supported for virtual network gateways.");
    const gatewayType = properties.gatewayType;
    if (existing && existing.gatewayType !== gatewayType) throw badRequest("GatewayTypeCannotBeChanged", `The type of gateway ${existing.name} cannot change from ${existing.gatewayType} to ${gatewayType}.`);
    const allowed = gatewayType === "ExpressRoute" ? ER_SKUS : VPN_SKUS;
    // Code and wording as ARM answers them (hashicorp/terraform-provider-azurerm#8132).
    if (!allowed.includes(properties.sku.name)) throw badRequest("InvalidGatewaySize", `The specified gateway size is not valid, supported gateway sizes are ${allowed.join(",")}.`);
    const ipConfigurations: GatewayIpConfiguration[] = properties.ipConfigurations.map((config) => {
      const configId = `${id}/ipConfigurations/${config.name}`;
      const subnetId = config.properties.subnet.id;
      const found = subnetById(world, subnetId);
      if (!found) throw badRequest("InvalidResourceReference", `Resource ${subnetId} referenced by resource ${configId} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.`);
      if (found.subnet.name !== GATEWAY_SUBNET_NAME) {
        throw badRequest("GatewaySubnetRequired", `Subnet ${subnetId} referenced by ${configId} must be named ${GATEWAY_SUBNET_NAME}; a virtual network gateway can only be deployed in the GatewaySubnet.`);
      }
      const prefix = parseIpv4Cidr(found.subnet.addressPrefix);
      if (prefix.ok && prefix.cidr.prefixLength > 29) throw badRequest("GatewaySubnetTooSmall", `${GATEWAY_SUBNET_NAME} ${found.subnet.addressPrefix} is too small; use /29 or larger (/27 recommended).`);
      if (found.vnet.provisioningState !== "Succeeded") throw notProvisioned(found.vnet.id, configId, found.vnet.provisioningState);
      if (found.subnet.provisioningState !== "Succeeded") throw notProvisioned(subnetId, configId, found.subnet.provisioningState);
      const publicIpId = config.properties.publicIPAddress?.id;
      if (publicIpId) {
        checkReference(world, publicIpId, "publicIPAddresses", configId);
        const pip = armRecordOf(world, "publicIPAddresses", publicIpId);
        if (pip && pip.provisioningState !== "Succeeded") throw notProvisioned(pip.id, configId, pip.provisioningState);
        const user = gatewayUsingPublicIp(world, publicIpId);
        if (user && !user.toLowerCase().startsWith(`${id.toLowerCase()}/`)) throw badRequest("PublicIPAddressInUse", `Public IP address ${publicIpId} is already used by ${user}.`);
      } else if (gatewayType === "Vpn") {
        throw badRequest("PublicIpAddressRequired", `IP configuration ${configId} of a VPN gateway needs a public IP address.`);
      } else if (!existing && !managedPublicIpOffered(world, location)) {
        // Where Azure does not manage ExpressRoute gateway IPs, the gateway needs its own (message as ARM words it).
        throw badRequest("PublicIpForGatewayIsRequired", `Public IP address reference is required for gateway IP configration ${id}.`);
      }
      const before = existing?.ipConfigurations.find((candidate) => candidate.name === config.name);
      if (before && (before.publicIpId ?? "").toLowerCase() !== (publicIpId ?? "").toLowerCase()) {
        // Adding or dropping a gateway's public IP in place is what re-PUTs of existing gateways have failed on.
        throw new ArmError(500, "InternalServerError", "An error occurred.");
      }
      const result: GatewayIpConfiguration = { name: config.name, subnetId: found.vnet.id + `/subnets/${found.subnet.name}`, privateIPAllocationMethod: config.properties.privateIPAllocationMethod ?? "Dynamic" };
      if (publicIpId) result.publicIpId = publicIpId;
      return result;
    });
    const firstSubnet = subnetById(world, ipConfigurations[0]?.subnetId ?? "");
    if (firstSubnet) {
      const rival = gatewaysInVnet(world, firstSubnet.vnet).find((other) => other.gatewayType === gatewayType && !sameId(other.id, id));
      if (rival) throw badRequest("VirtualNetworkGatewayAlreadyExists", `Virtual network ${firstSubnet.vnet.id} already has a ${gatewayType} gateway: ${rival.id}.`);
    }
    const record: Omit<VirtualNetworkGatewayRecord, "kind" | "id" | "name" | "subscriptionId" | "resourceGroup" | "location" | "tags" | "etag" | "provisioningState" | "resourceGuid" | "createdAt" | "pendingOpId" | "hiddenUntil"> = {
      gatewayType,
      sku: { name: properties.sku.name, tier: properties.sku.tier ?? properties.sku.name },
      ipConfigurations,
      enableBgp: properties.enableBgp ?? false,
      activeActive: properties.activeActive ?? false,
      bgpAsn: properties.bgpSettings?.asn ?? 65515,
    };
    if (gatewayType === "Vpn") Object.assign(record, buildVpnGatewaySettings(world, id, body, { ...record, sku: record.sku.name }));
    return record;
  },
  properties(world, record) {
    const bgpAddress = gatewayBgpAddress(world, record);
    return {
      ipConfigurations: record.ipConfigurations.map((config) => ({
        id: `${record.id}/ipConfigurations/${config.name}`,
        name: config.name,
        etag: record.etag,
        properties: {
          provisioningState: record.provisioningState,
          privateIPAllocationMethod: config.privateIPAllocationMethod,
          subnet: { id: config.subnetId },
          ...(config.publicIpId ? { publicIPAddress: { id: config.publicIpId } } : {}),
        },
      })),
      gatewayType: record.gatewayType,
      ...(record.vpnType ? { vpnType: record.vpnType, vpnGatewayGeneration: record.vpnGatewayGeneration } : {}),
      enableBgp: record.enableBgp,
      activeActive: record.activeActive,
      sku: { name: record.sku.name, tier: record.sku.tier, capacity: 2 },
      bgpSettings: {
        asn: record.bgpAsn,
        bgpPeeringAddress: bgpAddress,
        peerWeight: 0,
        bgpPeeringAddresses: record.ipConfigurations.map((config) => ({
          ipconfigurationId: `${record.id}/ipConfigurations/${config.name}`,
          defaultBgpIpAddresses: [bgpAddress],
          customBgpIpAddresses: [],
          tunnelIpAddresses: [],
        })),
      },
      // VPN gateways show their instances' own BGP addresses and the point-to-site configuration.
      ...(record.gatewayType === "Vpn" ? vpnGatewayProperties(world, record) : {}),
    };
  },
  provisioningMs: (world, record) => (record.gatewayType === "ExpressRoute" ? world.config.durations.expressRouteGateway : vpnGatewayProvisioningMs(world, record)),
  deleteMs: (world) => world.config.durations.gatewayDelete,
  checkDelete(world, record) {
    const connections = connectionsOfGateway(world, record.id);
    if (connections.length > 0) {
      throw badRequest(
        "InUseVirtualNetworkGatewayCannotBeDeleted",
        `Virtual network gateway ${record.id} cannot be deleted because it is used by connections: ${connections.map((connection) => connection.id).join(", ")}. Delete the connections first.`,
      );
    }
  },
};
