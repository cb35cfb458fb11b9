import { z } from "zod";
import type { World } from "../../core/world";
import { parseArm, propertiesOf } from "../body";
import { type ArmError, badRequest } from "../errors";
import { sameId } from "../ids";
import type { ConnectionRecord, VirtualNetworkGatewayRecord } from "../model";
import { armRecordOf } from "../store";
import type { LocalNetworkGatewayRecord } from "../model";
import type { VpnConnectionSettings } from "../vpn-model";
import { parseIpsecPolicies } from "./ipsec-policy";
import { checkReference } from "./subnet-rules";

/**
 * The VPN-only part of `connections` (IPsec to a local network gateway, Vnet2Vnet between two VPN gateways):
 * IKE version, custom policy, APIPA addresses per gateway instance, BGP, and the shared key's format.
 */

const VpnConnectionProperties = z.object({
  localNetworkGateway2: z.object({ id: z.string().min(1) }).optional(),
  connectionProtocol: z.enum(["IKEv2", "IKEv1"]).optional(),
  ipsecPolicies: z.unknown().optional(),
  usePolicyBasedTrafficSelectors: z.boolean().optional(),
  connectionMode: z.enum(["Default", "ResponderOnly", "InitiatorOnly"]).optional(),
  dpdTimeoutSeconds: z.number().int().optional(),
  gatewayCustomBgpIpAddresses: z.array(z.object({ ipConfigurationId: z.string().min(1), customBgpIpAddress: z.string().min(1) })).optional(),
});

/** Azure takes shared keys of 1-128 printable ASCII characters. */
const SHARED_KEY = /^[\x20-\x7e]{1,128}$/;

export function checkSharedKey(value: string, where: string): void {
  // The message names the rule, never the value: shared keys are secrets.
  if (!SHARED_KEY.test(value)) throw badRequest("InvalidSharedKey", `${where} must be 1-128 printable ASCII characters.`);
}

function notProvisioned(id: string, user: string, state: string): ArmError {
  return badRequest(
    "ReferencedResourceNotProvisioned",
    `Cannot proceed with operation because resource ${id} used by resource ${user} is not in Succeeded state. Resource is in ${state} state.`,
  );
}

/** The local network gateway an IPsec connection points at; it must exist and be provisioned. */
export function connectedLocalGateway(world: World, connectionId: string, body: Record<string, unknown>): LocalNetworkGatewayRecord {
  const properties = parseArm(VpnConnectionProperties, propertiesOf(body), "properties");
  const localId = properties.localNetworkGateway2?.id;
  if (!localId) throw badRequest("InvalidRequestFormat", "Cannot parse the request. Property 'properties.localNetworkGateway2' is required for IPsec connections.");
  checkReference(world, localId, "localNetworkGateways", connectionId);
  const local = armRecordOf(world, "localNetworkGateways", localId);
  if (!local) throw badRequest("InvalidResourceReference", `Resource ${localId} referenced by resource ${connectionId} was not found.`);
  if (local.provisioningState !== "Succeeded") throw notProvisioned(local.id, connectionId, local.provisioningState);
  return local;
}

/** Checks and keeps the VPN settings of an IPsec or Vnet2Vnet connection. Throws ArmError. */
export function buildVpnConnectionSettings(
  connectionId: string,
  body: Record<string, unknown>,
  gateway: VirtualNetworkGatewayRecord,
  enableBgp: boolean,
  local: LocalNetworkGatewayRecord | undefined,
): VpnConnectionSettings {
  const properties = parseArm(VpnConnectionProperties, propertiesOf(body), "properties");
  const dpd = properties.dpdTimeoutSeconds ?? 45;
  if (dpd < 9 || dpd > 3600) throw badRequest("InvalidDpdTimeout", `Property 'properties.dpdTimeoutSeconds' must be 9-3600 seconds; got ${dpd}.`);
  if (enableBgp) {
    if (!gateway.enableBgp) throw badRequest("BgpNotEnabledOnVirtualNetworkGateway", `Connection ${connectionId} enables BGP, but gateway ${gateway.id} has BGP disabled.`);
    if (local && !local.bgp) throw badRequest("BgpSettingsMissingOnLocalNetworkGateway", `Connection ${connectionId} enables BGP, but local network gateway ${local.id} has no bgpSettings.`);
  }
  const custom = properties.gatewayCustomBgpIpAddresses ?? [];
  for (const entry of custom) {
    const config = gateway.ipConfigurations.find((candidate) => sameId(`${gateway.id}/ipConfigurations/${candidate.name}`, entry.ipConfigurationId));
    const offered = config ? (gateway.vpn?.customBgpAddresses[config.name.toLowerCase()] ?? []) : [];
    if (!config || !offered.includes(entry.customBgpIpAddress)) {
      throw badRequest(
        "InvalidGatewayCustomBgpIpAddress",
        `gatewayCustomBgpIpAddresses: ${entry.customBgpIpAddress} is not a custom BGP IP address of ${entry.ipConfigurationId} on gateway ${gateway.id} (bgpSettings.bgpPeeringAddresses).`,
      );
    }
  }
  if (custom.length > 0 && custom.length !== gateway.ipConfigurations.length) {
    throw badRequest("InvalidGatewayCustomBgpIpAddress", `gatewayCustomBgpIpAddresses needs one address per IP configuration of gateway ${gateway.id} (${gateway.ipConfigurations.length}).`);
  }
  const settings: VpnConnectionSettings = {
    connectionProtocol: properties.connectionProtocol ?? "IKEv2",
    ipsecPolicies: parseIpsecPolicies(properties.ipsecPolicies),
    usePolicyBasedTrafficSelectors: properties.usePolicyBasedTrafficSelectors ?? false,
    connectionMode: properties.connectionMode ?? "Default",
    dpdTimeoutSeconds: dpd,
    gatewayCustomBgpIpAddresses: custom,
  };
  if (local) settings.localNetworkGatewayId = local.id;
  return settings;
}

/** The VPN fields of a connection as ARM shows them (the shared key included, as ARM's own examples show it). */
export function vpnConnectionProperties(connection: ConnectionRecord): Record<string, unknown> {
  const vpn = connection.vpn;
  if (!vpn) return {};
  return {
    ...(vpn.localNetworkGatewayId ? { localNetworkGateway2: { id: vpn.localNetworkGatewayId, properties: {} } } : {}),
    connectionProtocol: vpn.connectionProtocol,
    sharedKey: connection.sharedKey,
    ipsecPolicies: vpn.ipsecPolicies,
    usePolicyBasedTrafficSelectors: vpn.usePolicyBasedTrafficSelectors,
    connectionMode: vpn.connectionMode,
    dpdTimeoutSeconds: vpn.dpdTimeoutSeconds,
    gatewayCustomBgpIpAddresses: vpn.gatewayCustomBgpIpAddresses,
  };
}
