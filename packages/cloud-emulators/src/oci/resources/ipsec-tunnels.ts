import { createHash } from "node:crypto";
import { ORACLE_ASN } from "../../core/interconnect-facts";
import type { World } from "../../core/world";
import { type TunnelLink, tunnelLinks } from "../../fabric/vpn-links";
import { oracleAdvertisedOverTunnel, oracleLearnedOverTunnel } from "../../fabric/vpn-routes";
import { vpnState } from "../../fabric/vpn-state";
import { objectBody, parseOci } from "../body";
import { incorrectState, invalidParameter, notFound } from "../errors";
import { param, touch, visibleRecord } from "../generic";
import type { OciCall, OciHandler } from "../kinds";
import { pageReply } from "../paging";
import type { IpsecConnectionRecord, IpsecTunnelRecord } from "../vpn-model";
import { applyTunnelSettings, checkSharedSecret, generateSharedSecret, UpdateSharedSecret, UpdateTunnel } from "./ipsec-connections";

/**
 * The tunnels of an IPSec connection (`/ipsecConnections/{id}/tunnels/...`): read, update (routing, IKE version,
 * BGP session, phase one/two), the shared secret (its own GET and PUT, the only place it is ever returned), the
 * routes each side advertises, the latest error, and the device status. An update or a new secret re-provisions
 * the tunnel (PROVISIONING, DOWN) for `ipsecTunnelUpdate`.
 */

function connectionOf(call: OciCall): IpsecConnectionRecord {
  return visibleRecord(call, "ipsecconnection", param(call, "ipscId"));
}

function tunnelOf(call: OciCall): { connection: IpsecConnectionRecord; tunnel: IpsecTunnelRecord } {
  const connection = connectionOf(call);
  const tunnel = connection.tunnels.find((candidate) => candidate.id === param(call, "tunnelId"));
  if (!tunnel) throw notFound();
  return { connection, tunnel };
}

function linkOf(world: World, tunnel: IpsecTunnelRecord): TunnelLink | undefined {
  return tunnelLinks(world).find((link) => link.tunnel.id === tunnel.id);
}

function statusUpdated(world: World, tunnel: IpsecTunnelRecord): string {
  const since = vpnState(world).links[`oci-tunnel:${tunnel.id}`]?.since;
  return since === undefined ? tunnel.timeCreated : new Date(since).toISOString();
}

export function renderTunnel(world: World, connection: IpsecConnectionRecord, tunnel: IpsecTunnelRecord, link = linkOf(world, tunnel)): Record<string, unknown> {
  const up = link?.status === "UP";
  const established = { remainingLifetime: up ? tunnel.phaseOne.lifetimeInSeconds : 0, remainingLifetimeLastRetrieved: new Date(world.now).toISOString() };
  return {
    compartmentId: connection.compartmentId,
    id: tunnel.id,
    displayName: tunnel.displayName,
    vpnIp: tunnel.vpnIp,
    cpeIp: link?.ref.cpeIp ?? null,
    status: up ? "UP" : "DOWN",
    ikeVersion: tunnel.ikeVersion,
    lifecycleState: tunnel.lifecycleState,
    routing: tunnel.routing,
    timeCreated: tunnel.timeCreated,
    timeStatusUpdated: statusUpdated(world, tunnel),
    bgpSessionInfo: {
      oracleInterfaceIp: tunnel.bgp.oracleInterfaceIp ?? null,
      customerInterfaceIp: tunnel.bgp.customerInterfaceIp ?? null,
      oracleBgpAsn: tunnel.routing === "BGP" ? String(ORACLE_ASN) : null,
      customerBgpAsn: tunnel.bgp.customerBgpAsn ?? null,
      bgpState: link?.bgp === "UP" ? "UP" : "DOWN",
      bgpIpv6State: "DOWN",
    },
    oracleCanInitiate: tunnel.oracleInitiation,
    natTranslationEnabled: tunnel.natTranslationEnabled,
    dpdMode: tunnel.dpdMode,
    dpdTimeoutInSec: tunnel.dpdTimeoutInSec,
    phaseOneDetails: {
      isCustomPhaseOneConfig: tunnel.phaseOne.isCustomPhaseOneConfig,
      lifetime: tunnel.phaseOne.lifetimeInSeconds,
      customAuthenticationAlgorithm: tunnel.phaseOne.authenticationAlgorithm ?? null,
      customEncryptionAlgorithm: tunnel.phaseOne.encryptionAlgorithm ?? null,
      customDhGroup: tunnel.phaseOne.diffieHelmanGroup ?? null,
      isIkeEstablished: up,
      ...established,
    },
    phaseTwoDetails: {
      isCustomPhaseTwoConfig: tunnel.phaseTwo.isCustomPhaseTwoConfig,
      lifetime: tunnel.phaseTwo.lifetimeInSeconds,
      customAuthenticationAlgorithm: tunnel.phaseTwo.authenticationAlgorithm ?? null,
      customEncryptionAlgorithm: tunnel.phaseTwo.encryptionAlgorithm ?? null,
      dhGroup: tunnel.phaseTwo.isPfsEnabled ? (tunnel.phaseTwo.pfsDhGroup ?? null) : null,
      isPfsEnabled: tunnel.phaseTwo.isPfsEnabled,
      isEspEstablished: up,
      ...established,
      remainingLifetime: up ? tunnel.phaseTwo.lifetimeInSeconds : 0,
    },
    associatedVirtualCircuits: [],
  };
}

/** A change re-provisions the tunnel: PROVISIONING (so DOWN) until the update is done. */
function reprovision(call: OciCall, connection: IpsecConnectionRecord, tunnel: IpsecTunnelRecord): void {
  const { world } = call;
  if (connection.lifecycleState !== "AVAILABLE" || tunnel.lifecycleState !== "AVAILABLE") {
    throw incorrectState(`Tunnel ${tunnel.id} of IPSec connection ${connection.id} is ${tunnel.lifecycleState === "AVAILABLE" ? connection.lifecycleState : tunnel.lifecycleState}; wait until it is AVAILABLE.`);
  }
  tunnel.lifecycleState = "PROVISIONING";
  touch(world, connection);
  world.scheduleProvisioning(world.config.durations.ipsecTunnelUpdate, "oci.ipsecTunnel.ready", { connectionId: connection.id, tunnelId: tunnel.id });
}

export const listTunnels: OciHandler = (call) => {
  const connection = connectionOf(call);
  const links = tunnelLinks(call.world);
  return pageReply(
    connection.tunnels.map((tunnel) => renderTunnel(call.world, connection, tunnel, links.find((link) => link.tunnel.id === tunnel.id))),
    call.query,
  );
};

export const getTunnel: OciHandler = (call) => {
  const { connection, tunnel } = tunnelOf(call);
  return { status: 200, headers: { etag: connection.etag }, json: renderTunnel(call.world, connection, tunnel) };
};

export const updateTunnel: OciHandler = (call) => {
  const { connection, tunnel } = tunnelOf(call);
  const body = parseOci(UpdateTunnel, objectBody(call));
  // Checked on a copy: a refused update changes nothing.
  const changed = structuredClone(tunnel);
  applyTunnelSettings(changed, body, "updateIPSecConnectionTunnelDetails");
  if (changed.routing === "STATIC" && connection.staticRoutes.length === 0) {
    throw invalidParameter(`routing: tunnel ${tunnel.id} cannot use static routing, IPSec connection ${connection.id} has no static routes.`);
  }
  reprovision(call, connection, tunnel);
  Object.assign(tunnel, { ...changed, lifecycleState: tunnel.lifecycleState });
  return { status: 200, headers: { etag: connection.etag }, json: renderTunnel(call.world, connection, tunnel) };
};

export const getSharedSecret: OciHandler = (call) => {
  const { connection, tunnel } = tunnelOf(call);
  return { status: 200, headers: { etag: connection.etag }, json: { sharedSecret: tunnel.sharedSecret } };
};

export const updateSharedSecret: OciHandler = (call) => {
  const { connection, tunnel } = tunnelOf(call);
  const body = parseOci(UpdateSharedSecret, objectBody(call));
  const secret = body.sharedSecret === undefined ? generateSharedSecret() : checkSharedSecret(body.sharedSecret, "sharedSecret");
  reprovision(call, connection, tunnel);
  tunnel.sharedSecret = secret;
  return { status: 200, headers: { etag: connection.etag }, json: { sharedSecret: secret } };
};

/** GET `.../tunnels/{id}/routes?advertiser=CUSTOMER|ORACLE`: what each side advertises over the tunnel. */
export const listTunnelRoutes: OciHandler = (call) => {
  const { tunnel } = tunnelOf(call);
  const advertiser = call.query.get("advertiser");
  const link = linkOf(call.world, tunnel);
  const routes: Record<string, unknown>[] = [];
  if (link && advertiser !== "ORACLE") {
    for (const learned of oracleLearnedOverTunnel(call.world, link)) routes.push({ prefix: learned.prefix, age: 0, isBestPath: true, asPath: learned.asPath, advertiser: "CUSTOMER" });
  }
  if (link && advertiser !== "CUSTOMER") {
    for (const prefix of oracleAdvertisedOverTunnel(call.world, link)) routes.push({ prefix, age: 0, isBestPath: true, asPath: [ORACLE_ASN], advertiser: "ORACLE" });
  }
  return pageReply(routes, call.query);
};

/** GET `.../tunnels/{id}/error`: why the tunnel is down (404 while nothing is wrong). No secret is ever in it. */
export const getTunnelError: OciHandler = (call) => {
  const { tunnel } = tunnelOf(call);
  const link = linkOf(call.world, tunnel);
  if (!link?.reason) throw notFound();
  const known = vpnState(call.world).links[link.ref.key];
  return {
    status: 200,
    json: {
      id: createHash("sha256").update(`${tunnel.id}|${link.reason}`).digest("hex").slice(0, 32),
      errorCode: link.status === "DOWN" ? "TUNNEL_DOWN" : "BGP_DOWN",
      errorDescription: link.reason,
      solution: "Make both ends agree: peer addresses, IKE version, pre-shared key, IKE/IPSec proposals and, with BGP, inside addresses and ASNs.",
      ociResourcesLink: "https://docs.oracle.com/iaas/Content/Network/Troubleshoot/ipsectroubleshoot.htm",
      timestamp: new Date(known?.since ?? call.world.now).toISOString(),
    },
  };
};

/** GET `/ipsecConnections/{id}/deviceStatus`: each tunnel's headend and status. */
export const getDeviceStatus: OciHandler = (call) => {
  const connection = connectionOf(call);
  const links = tunnelLinks(call.world);
  return {
    status: 200,
    json: {
      compartmentId: connection.compartmentId,
      id: connection.id,
      timeCreated: connection.timeCreated,
      tunnels: connection.tunnels.map((tunnel) => ({
        ipAddress: tunnel.vpnIp,
        lifecycleState: links.find((link) => link.tunnel.id === tunnel.id)?.status === "UP" ? "UP" : "DOWN",
        timeCreated: tunnel.timeCreated,
        timeStateModified: statusUpdated(call.world, tunnel),
      })),
    },
  };
};

export function registerIpsecEvents(world: World): void {
  world.on("oci.ipsecTunnel.ready", (w, event) => {
    const connection = w.state.oci.resources[String(event.data.connectionId)];
    if (!connection || connection.kind !== "ipsecconnection") return;
    const tunnel = connection.tunnels.find((candidate) => candidate.id === event.data.tunnelId);
    if (!tunnel || tunnel.lifecycleState !== "PROVISIONING" || connection.lifecycleState !== "AVAILABLE") return;
    tunnel.lifecycleState = "AVAILABLE";
    touch(w, connection);
  });
}
