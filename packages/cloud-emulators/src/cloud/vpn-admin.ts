import { z } from "zod";
import { vpnClientPackage } from "../azure-arm/resources/vpn-gateway-operations";
import { armEtag } from "../core/ids";
import type { EmulatorReply, EmulatorRequest } from "../core/http";
import type { World } from "../core/world";
import { VpnJournalFilter, vpnJournal } from "../fabric/vpn-journal";
import { type TunnelLink, tunnelLinks, type Vnet2VnetLink, vnet2vnetLinks } from "../fabric/vpn-links";
import { reachability } from "../fabric/vpn-paths";
import { touch } from "../oci/generic";
import { armRecordOf } from "../azure-arm/store";
import { ociRecords } from "../oci/store";
import type { IpsecConnectionRecord } from "../oci/vpn-model";

/**
 * The VPN part of the admin API (`/__emulator/vpn...`, `/__emulator/paths`): tunnel states with the reason they are
 * down, the tunnel-state journal, which path carries each VNet/VCN pair's traffic, and the point-to-site client
 * packages `generatevpnclientpackage` URLs point at. No view ever shows a shared key.
 */

export interface TunnelView {
  key: string;
  ociTunnelId: string;
  ipsecConnectionId: string;
  drgId: string;
  vpnIp: string;
  cpeIp: string | null;
  routing: string;
  status: "UP" | "DOWN";
  bgp: "UP" | "DOWN" | null;
  reason: string | null;
  /** Emulated time (ISO) of the last transition. */
  since: string | null;
  azureConnectionId: string | null;
  azureGatewayId: string | null;
  /** The Azure gateway instance (IP configuration) the tunnel pairs with. */
  azureInstance: string | null;
  bgpAddresses: { azure: string | null; oracle: string | null };
}

export interface Vnet2VnetView {
  key: string;
  azureConnectionIds: string[];
  gatewayIds: string[];
  status: "UP" | "DOWN";
  bgp: "UP" | "DOWN" | null;
  reason: string | null;
  since: string | null;
}

function since(world: World, key: string): string | null {
  const known = world.state.vpn?.links[key];
  return known ? new Date(known.since).toISOString() : null;
}

function tunnelView(world: World, link: TunnelLink): TunnelView {
  return {
    key: link.ref.key,
    ociTunnelId: link.tunnel.id,
    ipsecConnectionId: link.ipsec.id,
    drgId: link.ipsec.drgId,
    vpnIp: link.tunnel.vpnIp,
    cpeIp: link.ref.cpeIp ?? null,
    routing: link.tunnel.routing,
    status: link.status,
    bgp: link.bgp,
    reason: link.reason,
    since: since(world, link.ref.key),
    azureConnectionId: link.connection?.id ?? null,
    azureGatewayId: link.gateway?.id ?? null,
    azureInstance: link.instance?.ipConfigurationId ?? null,
    bgpAddresses: { azure: link.azureBgpAddress ?? null, oracle: link.oracleBgpAddress ?? null },
  };
}

function vnet2vnetView(world: World, link: Vnet2VnetLink): Vnet2VnetView {
  return {
    key: link.ref.key,
    azureConnectionIds: link.ref.azureConnectionIds,
    gatewayIds: link.gateways.map((gateway) => gateway.id),
    status: link.status,
    bgp: link.bgp,
    reason: link.reason,
    since: since(world, link.ref.key),
  };
}

export function vpnView(world: World): { tunnels: TunnelView[]; vnet2vnet: Vnet2VnetView[] } {
  return { tunnels: tunnelLinks(world).map((link) => tunnelView(world, link)), vnet2vnet: vnet2vnetLinks(world).map((link) => vnet2vnetView(world, link)) };
}

/** Out-of-band: someone sets a shared key on one side only (immediately, no re-provisioning). */
export const SetSharedKeyAction = z.union([
  z.object({ action: z.literal("setSharedKey"), cloud: z.literal("azure"), connectionId: z.string().min(1), value: z.string().min(1) }),
  z.object({ action: z.literal("setSharedKey"), cloud: z.literal("oci"), tunnelId: z.string().min(1), value: z.string().min(1) }),
]);
export type SetSharedKeyAction = z.infer<typeof SetSharedKeyAction>;

/** Applies it; returns an error message when the target does not exist. */
export function setSharedKeyOutOfBand(world: World, action: SetSharedKeyAction): string | null {
  if (action.cloud === "azure") {
    const connection = armRecordOf(world, "connections", action.connectionId);
    if (!connection || connection.connectionType === "ExpressRoute") return `no IPsec or Vnet2Vnet connection ${action.connectionId}`;
    connection.sharedKey = action.value;
    connection.etag = armEtag();
    world.dirty = true;
    return null;
  }
  for (const connection of ociRecords(world, "ipsecconnection")) {
    const tunnel = connection.tunnels.find((candidate) => candidate.id === action.tunnelId);
    if (!tunnel) continue;
    tunnel.sharedSecret = action.value;
    touch(world, connection);
    return null;
  }
  return `no IPSec tunnel ${action.tunnelId}`;
}

/** An ARM connection as the snapshot shows it: its shared key is replaced (snapshots end up in test output). */
export function redactSharedKey(resource: Record<string, unknown>): Record<string, unknown> {
  const properties = resource.properties as Record<string, unknown> | undefined;
  if (!properties || typeof properties.sharedKey !== "string") return resource;
  return { ...resource, properties: { ...properties, sharedKey: "<redacted>" } };
}

/** The tunnels of an IPSec connection for the snapshot's emulator extras (state and why it is down). */
export function tunnelExtras(world: World, connection: IpsecConnectionRecord): Record<string, unknown>[] {
  const links = tunnelLinks(world);
  return connection.tunnels.map((tunnel) => {
    const link = links.find((candidate) => candidate.tunnel.id === tunnel.id);
    return { id: tunnel.id, vpnIp: tunnel.vpnIp, lifecycleState: tunnel.lifecycleState, status: link?.status ?? "DOWN", bgp: link?.bgp ?? null, reason: link?.reason ?? null };
  });
}

function ok(json: unknown): EmulatorReply {
  return { status: 200, json };
}

/** The VPN admin routes; undefined for any other path. */
export function handleVpnAdmin(world: World, req: EmulatorRequest, path: string): EmulatorReply | undefined {
  if (req.method !== "GET") return undefined;
  if (path === "vpn") {
    world.settle();
    return ok(vpnView(world));
  }
  if (path === "vpn/journal") {
    world.settle();
    return ok({ entries: vpnJournal(world, VpnJournalFilter.parse(Object.fromEntries(req.url.searchParams))) });
  }
  if (path === "paths") {
    world.settle();
    return ok({ pairs: reachability(world) });
  }
  const packageId = /^vpnclientpackages\/([^/]+)$/.exec(path)?.[1];
  if (packageId) {
    const found = vpnClientPackage(world, decodeURIComponent(packageId));
    return found ? ok(found) : { status: 404, json: { error: `no VPN client package ${packageId}` } };
  }
  return undefined;
}

