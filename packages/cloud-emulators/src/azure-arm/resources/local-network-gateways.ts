import { z } from "zod";
import { parseIpv4Cidr } from "../../core/cidr";
import { azureAsnProblem, isIpv4 } from "../../core/vpn-facts";
import type { World } from "../../core/world";
import { parseArm, propertiesOf } from "../body";
import { badRequest } from "../errors";
import { sameId } from "../ids";
import type { TrackedBaseField, TrackedKind } from "../kinds";
import { armRecords } from "../store";
import type { LocalNetworkGatewayRecord } from "../model";

/** `Microsoft.Network/localNetworkGateways`: the far end of a site-to-site connection (here, an OCI tunnel's headend). */
const LocalGatewayProperties = z.object({
  gatewayIpAddress: z.string().min(1).optional(),
  fqdn: z.string().min(1).optional(),
  localNetworkAddressSpace: z.object({ addressPrefixes: z.array(z.string()).optional() }).optional(),
  bgpSettings: z
    .object({
      asn: z.number().int().optional(),
      bgpPeeringAddress: z.string().optional(),
      peerWeight: z.number().int().min(0).max(100).optional(),
    })
    .optional(),
});

/** Connections (IPsec) that use a local network gateway. */
export function connectionsUsingLocalGateway(world: World, localGatewayId: string): string[] {
  return armRecords(world, "connections")
    .filter((connection) => sameId(connection.vpn?.localNetworkGatewayId, localGatewayId))
    .map((connection) => connection.id);
}

export const localNetworkGateways: TrackedKind<"localNetworkGateways"> = {
  kind: "localNetworkGateways",
  type: "localNetworkGateways",
  build({ id, body }) {
    const properties = parseArm(LocalGatewayProperties, propertiesOf(body), "properties");
    if (properties.gatewayIpAddress === undefined && properties.fqdn === undefined) {
      throw badRequest("LocalNetworkGatewayIpAddressOrFqdnRequired", `Local network gateway ${id} needs a gatewayIpAddress or an fqdn.`);
    }
    if (properties.gatewayIpAddress !== undefined && !isIpv4(properties.gatewayIpAddress)) {
      throw badRequest("InvalidGatewayIpAddress", `Property 'properties.gatewayIpAddress' value ${properties.gatewayIpAddress} is not a valid IPv4 address.`);
    }
    const addressPrefixes = (properties.localNetworkAddressSpace?.addressPrefixes ?? []).map((prefix) => {
      const parsed = parseIpv4Cidr(prefix);
      if (!parsed.ok) throw badRequest("InvalidAddressPrefixFormat", `Address prefix ${prefix} of local network gateway ${id} does not have a valid format. ${parsed.message}`);
      return parsed.cidr.text;
    });
    const record: Omit<LocalNetworkGatewayRecord, TrackedBaseField> = { addressPrefixes };
    if (properties.gatewayIpAddress !== undefined) record.gatewayIpAddress = properties.gatewayIpAddress;
    if (properties.fqdn !== undefined) record.fqdn = properties.fqdn;
    const bgp = properties.bgpSettings;
    if (bgp && (bgp.asn !== undefined || bgp.bgpPeeringAddress !== undefined)) {
      if (bgp.asn === undefined) throw badRequest("InvalidRequestFormat", "Cannot parse the request. Property 'properties.bgpSettings.asn' is required with BGP settings.");
      const problem = azureAsnProblem(bgp.asn, "peer");
      if (problem) throw badRequest("InvalidBgpAsn", `Property 'properties.bgpSettings.asn': ${problem}.`);
      if (bgp.bgpPeeringAddress === undefined || !isIpv4(bgp.bgpPeeringAddress)) {
        throw badRequest("InvalidBgpPeeringAddress", `Property 'properties.bgpSettings.bgpPeeringAddress' must be the IPv4 address of the BGP peer (got ${bgp.bgpPeeringAddress ?? "nothing"}).`);
      }
      record.bgp = { asn: bgp.asn, bgpPeeringAddress: bgp.bgpPeeringAddress, peerWeight: bgp.peerWeight ?? 0 };
    }
    return record;
  },
  properties: (_world, record) => ({
    localNetworkAddressSpace: { addressPrefixes: record.addressPrefixes },
    ...(record.gatewayIpAddress !== undefined ? { gatewayIpAddress: record.gatewayIpAddress } : {}),
    ...(record.fqdn !== undefined ? { fqdn: record.fqdn } : {}),
    ...(record.bgp ? { bgpSettings: { asn: record.bgp.asn, bgpPeeringAddress: record.bgp.bgpPeeringAddress, peerWeight: record.bgp.peerWeight } } : {}),
  }),
  provisioningMs: (world) => world.config.durations.armSmallResource,
  deleteMs: (world) => world.config.durations.armSmallDelete,
  checkDelete(world, record) {
    const users = connectionsUsingLocalGateway(world, record.id);
    if (users.length > 0) {
      throw badRequest("InUseLocalNetworkGatewayCannotBeDeleted", `Local network gateway ${record.id} cannot be deleted because it is used by connections: ${users.join(", ")}. Delete the connections first.`);
    }
  },
};
