import type { ArmRecord } from "../azure-arm/model";
import { gatewayUsingPublicIp } from "../azure-arm/queries";
import { armRecordOf, armRecords } from "../azure-arm/store";
import type { World } from "../core/world";
import type { OciRecord } from "../oci/model";
import { isLive, ociRecords } from "../oci/store";

/**
 * VPN links legitimately own several resources of one kind (a local network gateway and a connection per OCI
 * tunnel, two public IPs and two CPEs when active-active, a gateway in each VNet for Vnet2Vnet): for those a
 * duplicate is the same kind *and name* twice. Everything else keeps the kind-only rule.
 */
export function duplicateGroup(world: World, record: ArmRecord | OciRecord): string {
  const byName = (name: string) => `${record.kind}:${name.toLowerCase()}`;
  if ("displayName" in record) return record.kind === "cpe" || record.kind === "ipsecconnection" ? byName(record.displayName) : record.kind;
  switch (record.kind) {
    case "localNetworkGateways":
      return byName(record.name);
    case "connections":
      return record.connectionType === "ExpressRoute" ? record.kind : byName(record.name);
    case "virtualNetworkGateways":
      return record.gatewayType === "Vpn" ? byName(record.name) : record.kind;
    case "publicIPAddresses": {
      const user = gatewayUsingPublicIp(world, record.id);
      const gateway = user ? armRecordOf(world, "virtualNetworkGateways", user.replace(/\/ipConfigurations\/[^/]+$/i, "")) : undefined;
      return gateway?.gatewayType === "Vpn" ? byName(record.name) : record.kind;
    }
    default:
      return record.kind;
  }
}

/** Owners a VPN link keeps alive: tagged IPsec/Vnet2Vnet connections and live IPSec connections. */
export function vpnAnchors(world: World, tag: string): (string | undefined)[] {
  return [
    ...armRecords(world, "connections")
      .filter((connection) => connection.connectionType !== "ExpressRoute" && connection.provisioningState !== "Deleting")
      .map((connection) => connection.tags[tag]),
    ...ociRecords(world, "ipsecconnection")
      .filter((ipsec) => isLive(ipsec))
      .map((ipsec) => ipsec.freeformTags[tag]),
  ];
}
