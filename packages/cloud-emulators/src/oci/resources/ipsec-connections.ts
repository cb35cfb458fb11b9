import { randomBytes } from "node:crypto";
import { z } from "zod";
import { parseIpv4Cidr } from "../../core/cidr";
import { ocid } from "../../core/ids";
import { OCI_PHASE_ONE, OCI_PHASE_ONE_LIFETIME, OCI_PHASE_TWO, OCI_PHASE_TWO_LIFETIME } from "../../core/vpn-facts";
import type { World } from "../../core/world";
import { vpnState } from "../../fabric/vpn-state";
import { applyCommonUpdate, baseRecord, baseView, CommonCreate, CommonUpdate, Ocid, parseOci } from "../body";
import { invalidParameter, missingParameter, notFound } from "../errors";
import { retire } from "../generic";
import type { OciCall, OciKindDef } from "../kinds";
import { isLive, ociRecordOf, ociRecords, storeOci } from "../store";
import type { IpsecTunnelRecord, TunnelBgpSession, TunnelPhaseOne, TunnelPhaseTwo } from "../vpn-model";
import { systemAttachment } from "./drg-attachments";
import { availableDrg } from "./requirements";

/**
 * `IPSecConnection`: a Site-to-Site VPN from a DRG to a CPE, always with two tunnels, each with its own Oracle
 * headend (`vpnIp`), routing (BGP, STATIC or POLICY), IKE version, pre-shared key and phase one/two settings.
 * When it becomes AVAILABLE, OCI attaches each tunnel to the DRG (IPSEC_TUNNEL attachments). Tunnel status and
 * BGP state come from the fabric (fabric/vpn-links.ts).
 */

const PhaseOne = z.object({
  isCustomPhaseOneConfig: z.boolean().optional(),
  authenticationAlgorithm: z.enum(OCI_PHASE_ONE.authenticationAlgorithm).optional(),
  encryptionAlgorithm: z.enum(OCI_PHASE_ONE.encryptionAlgorithm).optional(),
  diffieHelmanGroup: z.enum(OCI_PHASE_ONE.diffieHelmanGroup).optional(),
  lifetimeInSeconds: z.number().int().optional(),
});
const PhaseTwo = z.object({
  isCustomPhaseTwoConfig: z.boolean().optional(),
  authenticationAlgorithm: z.enum(OCI_PHASE_TWO.authenticationAlgorithm).optional(),
  encryptionAlgorithm: z.enum(OCI_PHASE_TWO.encryptionAlgorithm).optional(),
  lifetimeInSeconds: z.number().int().optional(),
  isPfsEnabled: z.boolean().optional(),
  pfsDhGroup: z.enum(OCI_PHASE_TWO.pfsDhGroup).optional(),
});
const BgpSession = z.object({
  oracleInterfaceIp: z.string().optional(),
  customerInterfaceIp: z.string().optional(),
  customerBgpAsn: z.string().optional(),
});
const TunnelSettings = z.object({
  displayName: z.string().min(1).max(255).optional(),
  routing: z.enum(["BGP", "STATIC", "POLICY"]).optional(),
  ikeVersion: z.enum(["V1", "V2"]).optional(),
  bgpSessionConfig: BgpSession.optional(),
  oracleInitiation: z.enum(["INITIATOR_OR_RESPONDER", "RESPONDER_ONLY"]).optional(),
  natTranslationEnabled: z.enum(["ENABLED", "DISABLED", "AUTO"]).optional(),
  phaseOneConfig: PhaseOne.optional(),
  phaseTwoConfig: PhaseTwo.optional(),
  dpdConfig: z.object({ dpdMode: z.enum(["INITIATE_AND_RESPOND", "RESPOND_ONLY"]).optional(), dpdTimeoutInSec: z.number().int().optional() }).optional(),
});
const CreateTunnel = TunnelSettings.extend({ sharedSecret: z.string().optional() });
const CreateIpsec = CommonCreate.extend({
  drgId: Ocid,
  cpeId: Ocid,
  staticRoutes: z.array(z.string()).optional(),
  cpeLocalIdentifier: z.string().min(1).optional(),
  cpeLocalIdentifierType: z.enum(["IP_ADDRESS", "HOSTNAME"]).optional(),
  tunnelConfiguration: z.array(CreateTunnel).optional(),
});
const UpdateIpsec = CommonUpdate.extend({
  staticRoutes: z.array(z.string()).optional(),
  cpeLocalIdentifier: z.string().min(1).optional(),
  cpeLocalIdentifierType: z.enum(["IP_ADDRESS", "HOSTNAME"]).optional(),
});
export const UpdateTunnel = TunnelSettings;
export const UpdateSharedSecret = z.object({ sharedSecret: z.string().optional() });

/** OCI takes shared secrets of letters, numbers and spaces (up to 255 characters). */
const SHARED_SECRET = /^[A-Za-z0-9 ]{1,255}$/;
const MAX_STATIC_ROUTES = 10;

export function checkSharedSecret(value: string, field: string): string {
  // The message names the rule, never the value: shared secrets are secrets.
  if (!SHARED_SECRET.test(value)) throw invalidParameter(`${field} may only contain letters, numbers and spaces (1-255 characters).`);
  return value;
}

/** What OCI generates when no shared secret is given: letters and digits. */
export function generateSharedSecret(): string {
  return randomBytes(48).toString("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, 48);
}

function staticRoutesOf(routes: string[]): string[] {
  if (routes.length > MAX_STATIC_ROUTES) throw invalidParameter(`staticRoutes: at most ${MAX_STATIC_ROUTES} routes; ${routes.length} given.`);
  return routes.map((route, index) => {
    const parsed = parseIpv4Cidr(route);
    if (!parsed.ok) throw invalidParameter(`staticRoutes[${index}]: ${parsed.message}.`);
    const firstOctet = Math.floor(parsed.cidr.first / 2 ** 24);
    if (firstOctet >= 224) throw invalidParameter(`staticRoutes[${index}]: ${route} is a multicast or class E block.`);
    return parsed.cidr.text;
  });
}

/** An inside tunnel interface: an address with a /30 or /31 mask, not a /30's network or broadcast address. */
function insideAddress(text: string | undefined, field: string): { address: string; network: string } | undefined {
  if (text === undefined) return undefined;
  const [address = "", prefix = ""] = text.split("/");
  const length = Number(prefix);
  const block = parseIpv4Cidr(`${address}/32`);
  if (!block.ok || (length !== 30 && length !== 31)) throw invalidParameter(`${field} ${text} must be an IPv4 address with a /30 or /31 mask, e.g. 169.254.21.1/30.`);
  const offset = block.cidr.first % (length === 30 ? 4 : 2);
  if (length === 30 && (offset === 0 || offset === 3)) throw invalidParameter(`${field} ${text} is the network or broadcast address of its /30.`);
  return { address, network: `${block.cidr.first - offset}/${length}` };
}

function bgpSession(routing: IpsecTunnelRecord["routing"], input: z.infer<typeof BgpSession> | undefined, current: TunnelBgpSession, field: string): TunnelBgpSession {
  const merged: TunnelBgpSession = { ...current, ...Object.fromEntries(Object.entries(input ?? {}).filter(([, value]) => value !== undefined)) };
  const oracle = insideAddress(merged.oracleInterfaceIp, `${field}.oracleInterfaceIp`);
  const customer = insideAddress(merged.customerInterfaceIp, `${field}.customerInterfaceIp`);
  if (oracle && customer && (oracle.network !== customer.network || oracle.address === customer.address)) {
    throw invalidParameter(`${field}: oracleInterfaceIp and customerInterfaceIp must be different addresses in the same /30 or /31.`);
  }
  if (routing === "BGP") {
    if (!oracle || !customer) throw missingParameter(`${field}.oracleInterfaceIp and ${field}.customerInterfaceIp (required for BGP routing)`);
    if (merged.customerBgpAsn === undefined) throw missingParameter(`${field}.customerBgpAsn (required for BGP routing)`);
    const asn = Number(merged.customerBgpAsn);
    if (!/^\d+$/.test(merged.customerBgpAsn) || asn < 1 || asn > 4294967295) throw invalidParameter(`${field}.customerBgpAsn ${merged.customerBgpAsn} is not an ASN in asplain format (1-4294967295).`);
  } else if (merged.customerBgpAsn !== undefined) {
    if (input?.customerBgpAsn !== undefined) throw invalidParameter(`${field}.customerBgpAsn must be null when the tunnel does not use BGP routing.`);
    delete merged.customerBgpAsn;
  }
  return merged;
}

function phaseOne(input: z.infer<typeof PhaseOne> | undefined, current: TunnelPhaseOne | undefined, field: string): TunnelPhaseOne {
  const merged = { ...(current ?? { isCustomPhaseOneConfig: false, lifetimeInSeconds: OCI_PHASE_ONE_LIFETIME.default }), ...Object.fromEntries(Object.entries(input ?? {}).filter(([, value]) => value !== undefined)) } as TunnelPhaseOne;
  if (merged.lifetimeInSeconds < OCI_PHASE_ONE_LIFETIME.min || merged.lifetimeInSeconds > OCI_PHASE_ONE_LIFETIME.max) {
    throw invalidParameter(`${field}.lifetimeInSeconds must be ${OCI_PHASE_ONE_LIFETIME.min}-${OCI_PHASE_ONE_LIFETIME.max}; got ${merged.lifetimeInSeconds}.`);
  }
  return merged;
}

function phaseTwo(input: z.infer<typeof PhaseTwo> | undefined, current: TunnelPhaseTwo | undefined, field: string): TunnelPhaseTwo {
  const merged = { ...(current ?? { isCustomPhaseTwoConfig: false, lifetimeInSeconds: OCI_PHASE_TWO_LIFETIME.default, isPfsEnabled: true, pfsDhGroup: "GROUP5" }), ...Object.fromEntries(Object.entries(input ?? {}).filter(([, value]) => value !== undefined)) } as TunnelPhaseTwo;
  if (merged.lifetimeInSeconds < OCI_PHASE_TWO_LIFETIME.min || merged.lifetimeInSeconds > OCI_PHASE_TWO_LIFETIME.max) {
    throw invalidParameter(`${field}.lifetimeInSeconds must be ${OCI_PHASE_TWO_LIFETIME.min}-${OCI_PHASE_TWO_LIFETIME.max}; got ${merged.lifetimeInSeconds}.`);
  }
  if (merged.encryptionAlgorithm?.endsWith("_GCM") && input?.authenticationAlgorithm !== undefined) {
    throw invalidParameter(`${field}.authenticationAlgorithm must not be set with ${merged.encryptionAlgorithm}: AES-GCM authenticates itself.`);
  }
  if (merged.encryptionAlgorithm?.endsWith("_GCM")) delete merged.authenticationAlgorithm;
  return merged;
}

/** Applies tunnel settings (create or update) over the current tunnel. Throws OciError. */
export function applyTunnelSettings(tunnel: IpsecTunnelRecord, input: z.infer<typeof TunnelSettings>, field: string): void {
  const routing = input.routing ?? tunnel.routing;
  const bgp = bgpSession(routing, input.bgpSessionConfig, tunnel.bgp, `${field}.bgpSessionConfig`);
  const one = phaseOne(input.phaseOneConfig, tunnel.phaseOne, `${field}.phaseOneConfig`);
  const two = phaseTwo(input.phaseTwoConfig, tunnel.phaseTwo, `${field}.phaseTwoConfig`);
  const dpdTimeout = input.dpdConfig?.dpdTimeoutInSec ?? tunnel.dpdTimeoutInSec;
  if (dpdTimeout < 15 || dpdTimeout > 172800) throw invalidParameter(`${field}.dpdConfig.dpdTimeoutInSec must be 15-172800; got ${dpdTimeout}.`);
  Object.assign(tunnel, { routing, bgp, phaseOne: one, phaseTwo: two, dpdTimeoutInSec: dpdTimeout });
  if (input.displayName !== undefined) tunnel.displayName = input.displayName;
  if (input.ikeVersion !== undefined) tunnel.ikeVersion = input.ikeVersion;
  if (input.oracleInitiation !== undefined) tunnel.oracleInitiation = input.oracleInitiation;
  if (input.natTranslationEnabled !== undefined) tunnel.natTranslationEnabled = input.natTranslationEnabled;
  if (input.dpdConfig?.dpdMode !== undefined) tunnel.dpdMode = input.dpdConfig.dpdMode;
}

/** Oracle's VPN headends: public addresses of the region, one per tunnel, never reused. */
function nextHeadend(world: World): string {
  const vpn = vpnState(world);
  const n = ++vpn.headendsIssued;
  world.dirty = true;
  return `129.213.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
}

function newTunnel(call: OciCall, input: z.infer<typeof CreateTunnel> | undefined, index: number): IpsecTunnelRecord {
  const { world } = call;
  const tunnel: IpsecTunnelRecord = {
    id: ocid("ipsectunnel", world.config.ociRegionKey),
    displayName: `tunnel-${index + 1}`,
    vpnIp: nextHeadend(world),
    routing: "STATIC",
    ikeVersion: "V1",
    sharedSecret: input?.sharedSecret !== undefined ? checkSharedSecret(input.sharedSecret, `tunnelConfiguration[${index}].sharedSecret`) : generateSharedSecret(),
    bgp: {},
    oracleInitiation: "INITIATOR_OR_RESPONDER",
    natTranslationEnabled: "AUTO",
    dpdMode: "INITIATE_AND_RESPOND",
    dpdTimeoutInSec: 20,
    phaseOne: { isCustomPhaseOneConfig: false, lifetimeInSeconds: OCI_PHASE_ONE_LIFETIME.default },
    phaseTwo: { isCustomPhaseTwoConfig: false, lifetimeInSeconds: OCI_PHASE_TWO_LIFETIME.default, isPfsEnabled: true, pfsDhGroup: "GROUP5" },
    lifecycleState: "PROVISIONING",
    timeCreated: new Date(world.now).toISOString(),
  };
  if (input) applyTunnelSettings(tunnel, input, `tunnelConfiguration[${index}]`);
  return tunnel;
}

function liveCpe(world: World, cpeId: string) {
  const cpe = ociRecordOf(world, "cpe", cpeId);
  if (!cpe || !isLive(cpe)) throw notFound();
  return cpe;
}

export const ipsecConnections: OciKindDef<"ipsecconnection"> = {
  kind: "ipsecconnection",
  collection: "ipsecConnections",
  opName: "IPSecConnection",
  states: { creating: "PROVISIONING", ready: "AVAILABLE", deleting: "TERMINATING", deleted: "TERMINATED" },
  create(call, raw) {
    const { world } = call;
    const body = parseOci(CreateIpsec, raw);
    const drg = availableDrg(world, body.drgId);
    const cpe = liveCpe(world, body.cpeId);
    const configured = body.tunnelConfiguration ?? [];
    if (configured.length > 2) throw invalidParameter(`tunnelConfiguration: at most 2 tunnels; ${configured.length} given.`);
    const tunnels = [0, 1].map((index) => newTunnel(call, configured[index], index));
    const staticRoutes = staticRoutesOf(body.staticRoutes ?? []);
    if (tunnels.some((tunnel) => tunnel.routing === "STATIC") && staticRoutes.length === 0) {
      throw invalidParameter("staticRoutes: a tunnel uses static routing, so at least one static route is required.");
    }
    return {
      ...baseRecord(call, body, ocid("ipsecconnection", world.config.ociRegionKey), "PROVISIONING", "ipsecconnection"),
      kind: "ipsecconnection",
      drgId: drg.id,
      cpeId: cpe.id,
      cpeLocalIdentifier: body.cpeLocalIdentifier ?? cpe.ipAddress,
      cpeLocalIdentifierType: body.cpeLocalIdentifierType ?? "IP_ADDRESS",
      staticRoutes,
      tunnels,
    };
  },
  createMs: (world) => world.config.durations.ipsecConnection,
  onReady(world, record) {
    record.lifecycleState = "AVAILABLE";
    const drg = ociRecordOf(world, "drg", record.drgId);
    for (const tunnel of record.tunnels) {
      tunnel.lifecycleState = "AVAILABLE";
      if (!drg) continue;
      const attachment = systemAttachment(world, drg, "IPSEC_TUNNEL", tunnel, `${record.displayName} ${tunnel.displayName} attachment`);
      storeOci(world, { ...attachment, ipsecConnectionId: record.id });
    }
  },
  update(_call, record, raw) {
    const body = parseOci(UpdateIpsec, raw);
    applyCommonUpdate(record, body);
    if (body.staticRoutes !== undefined) {
      const routes = staticRoutesOf(body.staticRoutes);
      if (record.tunnels.some((tunnel) => tunnel.routing === "STATIC") && routes.length === 0) throw invalidParameter("staticRoutes: a tunnel uses static routing, so at least one static route is required.");
      record.staticRoutes = routes;
    }
    if (body.cpeLocalIdentifier !== undefined) record.cpeLocalIdentifier = body.cpeLocalIdentifier;
    if (body.cpeLocalIdentifierType !== undefined) record.cpeLocalIdentifierType = body.cpeLocalIdentifierType;
  },
  onDeleting(world, record) {
    for (const tunnel of record.tunnels) tunnel.lifecycleState = "TERMINATING";
    world.cancelEvents((event) => event.kind === "oci.ipsecTunnel.ready" && event.data.connectionId === record.id);
    for (const attachment of ociRecords(world, "drgattachment")) {
      if (attachment.networkType === "IPSEC_TUNNEL" && attachment.ipsecConnectionId === record.id && isLive(attachment)) attachment.lifecycleState = "DETACHING";
    }
  },
  onDeleted(world, record) {
    for (const tunnel of record.tunnels) tunnel.lifecycleState = "TERMINATED";
    for (const attachment of ociRecords(world, "drgattachment")) {
      if (attachment.networkType === "IPSEC_TUNNEL" && attachment.ipsecConnectionId === record.id && attachment.lifecycleState !== "DETACHED") retire(world, attachment, "DETACHED");
    }
  },
  deleteMs: (world) => world.config.durations.ipsecConnectionDelete,
  render: (_world, record) => ({
    ...baseView(record),
    drgId: record.drgId,
    cpeId: record.cpeId,
    cpeLocalIdentifier: record.cpeLocalIdentifier,
    cpeLocalIdentifierType: record.cpeLocalIdentifierType,
    staticRoutes: record.staticRoutes,
    transportType: "INTERNET",
  }),
  listFilter: (record, query) => (!query.get("drgId") || record.drgId === query.get("drgId")) && (!query.get("cpeId") || record.cpeId === query.get("cpeId")),
};
