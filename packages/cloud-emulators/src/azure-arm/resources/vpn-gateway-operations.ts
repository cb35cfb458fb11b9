import { z } from "zod";
import { guid } from "../../core/ids";
import type { EventData, World } from "../../core/world";
import { azurePrefixesBehindGateway, vpnGatewayBgpPeers, vpnGatewayLearnedRoutes } from "../../fabric/vpn-routes";
import { vpnState } from "../../fabric/vpn-state";
import { defineAction, startAction } from "../actions";
import { objectBody, parseArm } from "../body";
import { badRequest } from "../errors";
import { param, visibleTracked } from "../generic";
import { keyOf } from "../ids";
import type { ArmHandler } from "../kinds";
import type { VirtualNetworkGatewayRecord } from "../model";
import { armRecordOf } from "../store";
import { virtualNetworkGateways } from "./virtual-network-gateways";

/**
 * The VPN side of the gateway POST actions: BGP peers and learned/advertised routes over VPN tunnels (appended to
 * the ExpressRoute entries by gateway-operations.ts), and `generatevpnclientpackage`.
 */

function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60].map((part) => String(part).padStart(2, "0")).join(":");
}

/** `getBgpPeerStatus` entries of a VPN gateway (optionally one peer). */
export function vpnBgpPeerStatus(world: World, gateway: VirtualNetworkGatewayRecord, peer: string | undefined): unknown[] {
  return vpnGatewayBgpPeers(world, gateway)
    .filter((candidate) => !peer || candidate.neighbor === peer)
    .map((candidate) => ({
      localAddress: candidate.localAddress,
      neighbor: candidate.neighbor,
      asn: candidate.asn,
      state: candidate.up ? "Connected" : "Connecting",
      connectedDuration: candidate.up ? duration(world.now - (candidate.since ?? world.now)) : "",
      routesReceived: candidate.routesReceived,
      messagesSent: candidate.up ? 42 : 0,
      messagesReceived: candidate.up ? 42 : 0,
    }));
}

/** `getLearnedRoutes` entries of a VPN gateway. */
export function vpnLearnedRoutes(world: World, gateway: VirtualNetworkGatewayRecord): unknown[] {
  return vpnGatewayLearnedRoutes(world, gateway).map((route) => ({
    localAddress: route.localAddress,
    network: route.network,
    nextHop: route.nextHop,
    sourcePeer: route.sourcePeer,
    origin: route.origin,
    asPath: route.asPath.join("-"),
    weight: 32768,
  }));
}

/** `getAdvertisedRoutes` entries of a VPN gateway towards one BGP peer. */
export function vpnAdvertisedRoutes(world: World, gateway: VirtualNetworkGatewayRecord, peer: string): unknown[] {
  return vpnGatewayBgpPeers(world, gateway)
    .filter((candidate) => candidate.neighbor === peer && candidate.up)
    .flatMap((candidate) => candidate.advertised.map((network) => ({ localAddress: candidate.localAddress, network, nextHop: candidate.localAddress, sourcePeer: candidate.localAddress, origin: "Igp", asPath: String(gateway.bgpAsn), weight: 0 })));
}

const ClientParameters = z.object({
  processorArchitecture: z.enum(["Amd64", "X86"]).optional(),
  authenticationMethod: z.enum(["EAPTLS", "EAPMSCHAPv2"]).optional(),
  radiusServerAuthCertificate: z.string().optional(),
  clientRootCertificates: z.array(z.string()).optional(),
});

defineAction("gateway.vpnClientPackage", (world, data: EventData) => {
  const gateway = armRecordOf(world, "virtualNetworkGateways", String(data.gatewayKey));
  const client = gateway?.vpn?.vpnClient;
  if (!gateway || !client) throw badRequest("VpnClientConfigurationNotFound", "The gateway has no point-to-site configuration any more.");
  const id = guid();
  vpnState(world).clientPackages[id] = {
    id,
    gatewayId: gateway.id,
    createdAt: new Date(world.now).toISOString(),
    processorArchitecture: String(data.processorArchitecture),
    authenticationMethod: String(data.authenticationMethod),
    protocols: client.protocols,
    addressPrefixes: client.addressPrefixes,
    rootCertificateThumbprints: client.rootCertificates.map((certificate) => certificate.thumbprint),
  };
  world.dirty = true;
  // Azure answers a download URL (a storage SAS URL); here a loopback URL the admin API serves.
  return `${String(data.origin)}/__emulator/vpnclientpackages/${id}`;
});

/** POST `virtualNetworkGateways/{gw}/generatevpnclientpackage` (LRO, location): the URL of the point-to-site client package. */
export const generateVpnClientPackage: ArmHandler = (call) => {
  const gateway = visibleTracked(call, virtualNetworkGateways, param(call, "name"));
  const parameters = parseArm(ClientParameters, objectBody(call), "parameters");
  if (gateway.gatewayType !== "Vpn") throw badRequest("VpnClientConfigurationNotSupported", `Gateway ${gateway.id} is an ${gateway.gatewayType} gateway; point-to-site needs a VPN gateway.`);
  if (gateway.provisioningState !== "Succeeded") throw badRequest("GatewayNotProvisioned", `Gateway ${gateway.id} is ${gateway.provisioningState}; wait until it is Succeeded.`);
  const client = gateway.vpn?.vpnClient;
  if (!client) throw badRequest("VpnClientConfigurationNotFound", `Gateway ${gateway.id} has no point-to-site configuration (vpnClientConfiguration).`);
  if (client.authenticationTypes.includes("Certificate") && client.rootCertificates.length === 0) {
    throw badRequest("VpnClientRootCertificateNotFound", `Gateway ${gateway.id} uses certificate authentication but has no root certificate.`);
  }
  return startAction(
    call,
    "gateway.vpnClientPackage",
    keyOf(gateway.id),
    gateway.location,
    { gatewayKey: keyOf(gateway.id), origin: call.lro.origin, processorArchitecture: parameters.processorArchitecture ?? "Amd64", authenticationMethod: parameters.authenticationMethod ?? "EAPTLS" },
    call.world.config.durations.vpnClientPackage,
  );
};

/** The package a generated URL names, for the admin API's download route. */
export function vpnClientPackage(world: World, id: string): Record<string, unknown> | undefined {
  const found = vpnState(world).clientPackages[id];
  if (!found) return undefined;
  const gateway = armRecordOf(world, "virtualNetworkGateways", found.gatewayId);
  return { ...found, vnetPrefixes: gateway ? azurePrefixesBehindGateway(world, gateway) : [] };
}
