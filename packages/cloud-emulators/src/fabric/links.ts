import { keyOf, sameId } from "../azure-arm/ids";
import type { ExpressRouteCircuitRecord, VirtualNetworkRecord } from "../azure-arm/model";
import { connectionsToCircuit, vnetOfGateway } from "../azure-arm/queries";
import { armRecordOf, armRecords, visible } from "../azure-arm/store";
import { peeringState, syncedRemotePrefixes } from "../azure-arm/resources/vnet-peerings";
import type { World } from "../core/world";
import type { DrgAttachmentRecord, VirtualCircuitRecord } from "../oci/model";
import { nextHopAttached, ociRecordOf, ociRecords } from "../oci/store";

/** Lookups that cross the two clouds. */

export function circuitByServiceKey(world: World, serviceKey: string): ExpressRouteCircuitRecord | undefined {
  const wanted = serviceKey.toLowerCase();
  return armRecords(world, "expressRouteCircuits").find((circuit) => circuit.serviceKey.toLowerCase() === wanted && visible(world, circuit));
}

export function circuitOfVirtualCircuit(world: World, vc: VirtualCircuitRecord): ExpressRouteCircuitRecord | undefined {
  return vc.linkedCircuitKey ? armRecordOf(world, "expressRouteCircuits", vc.linkedCircuitKey) : undefined;
}

const RELEASED = new Set(["TERMINATING", "TERMINATED", "FAILED"]);

/** The virtual circuit that claimed this ExpressRoute circuit and still holds it (not deleted, not failed). */
export function virtualCircuitOfCircuit(world: World, circuit: ExpressRouteCircuitRecord): VirtualCircuitRecord | undefined {
  const holders = world.lookup("virtualCircuitsByCircuit", () => {
    const index = new Map<string, VirtualCircuitRecord>();
    for (const vc of ociRecords(world, "virtualcircuit")) {
      if (vc.linkedCircuitKey !== undefined && !RELEASED.has(vc.lifecycleState) && !index.has(vc.linkedCircuitKey)) index.set(vc.linkedCircuitKey, vc);
    }
    return index;
  });
  return holders.get(keyOf(circuit.id));
}

/** CIDRs of the VCNs attached (ATTACHED) to a DRG. */
export function vcnCidrsBehindDrg(world: World, drgId: string | undefined): string[] {
  if (!drgId) return [];
  return [...world.lookup(`vcnCidrsBehindDrg:${drgId}`, () => attachedVcnCidrs(world, drgId))];
}

function attachedVcnCidrs(world: World, drgId: string): string[] {
  const cidrs: string[] = [];
  for (const attachment of ociRecords(world, "drgattachment")) {
    if (attachment.drgId !== drgId || attachment.networkType !== "VCN" || attachment.lifecycleState !== "ATTACHED") continue;
    const vcn = ociRecordOf(world, "vcn", attachment.networkId);
    if (vcn && vcn.lifecycleState === "AVAILABLE") cidrs.push(...vcn.cidrBlocks);
  }
  return [...new Set(cidrs)];
}

/**
 * What Oracle advertises over a virtual circuit: the CIDRs of the VCNs ATTACHED to its DRG plus the
 * destinations of the static rules, whose next hop is ATTACHED, in the DRG route table of the circuit's own
 * attachment (the DRG's default VIRTUAL_CIRCUIT table unless someone assigned another).
 */
export function prefixesAdvertisedByOracle(world: World, vc: VirtualCircuitRecord | undefined): string[] {
  const drgId = vc?.gatewayId;
  if (!vc || !drgId) return [];
  return prefixesAdvertisedOverAttachment(world, drgId, "VIRTUAL_CIRCUIT", vc.id);
}

/**
 * What a DRG advertises over one of its attachments (a virtual circuit, an IPSec tunnel): the CIDRs of its ATTACHED
 * VCNs plus the static rules, whose next hop is attached, of the attachment's route table (the DRG's default table
 * for that attachment type unless someone assigned another).
 */
export function prefixesAdvertisedOverAttachment(world: World, drgId: string, networkType: "VIRTUAL_CIRCUIT" | "IPSEC_TUNNEL", networkId: string): string[] {
  const byNetwork = world.lookup("drgAttachmentsByNetwork", () => {
    const index = new Map<string, DrgAttachmentRecord[]>();
    for (const candidate of ociRecords(world, "drgattachment")) {
      const list = index.get(candidate.networkId);
      if (list) list.push(candidate);
      else index.set(candidate.networkId, [candidate]);
    }
    return index;
  });
  const attachment = byNetwork.get(networkId)?.find((candidate) => candidate.networkType === networkType && candidate.drgId === drgId);
  const defaults = ociRecordOf(world, "drg", drgId)?.defaultDrgRouteTables;
  const tableId = attachment?.drgRouteTableId ?? (networkType === "VIRTUAL_CIRCUIT" ? defaults?.virtualCircuit : defaults?.ipsecTunnel);
  const table = tableId ? ociRecordOf(world, "drgroutetable", tableId) : undefined;
  const statics = (table?.staticRules ?? []).filter((rule) => nextHopAttached(world, rule.nextHopDrgAttachmentId)).map((rule) => rule.destination);
  return [...new Set([...vcnCidrsBehindDrg(world, drgId), ...statics])];
}

/** The VNets whose traffic reaches a circuit: the gateways' VNets plus spokes using them as remote gateways. */
export function vnetsBehindCircuit(world: World, circuit: ExpressRouteCircuitRecord): VirtualNetworkRecord[] {
  const hubs: VirtualNetworkRecord[] = [];
  for (const connection of connectionsToCircuit(world, circuit.id)) {
    if (connection.provisioningState !== "Succeeded") continue;
    const gateway = armRecordOf(world, "virtualNetworkGateways", connection.gateway1Id);
    if (!gateway || gateway.provisioningState !== "Succeeded") continue;
    const vnet = vnetOfGateway(world, gateway);
    if (vnet && !hubs.some((hub) => sameId(hub.id, vnet.id))) hubs.push(vnet);
  }
  return withSpokes(world, hubs);
}

/** Hub VNets and the spokes that use their gateways as remote gateways (gateway transit). */
export function withSpokes(world: World, hubs: VirtualNetworkRecord[]): VirtualNetworkRecord[] {
  const spokes = armRecords(world, "virtualNetworks").filter((vnet) =>
    vnet.peerings.some(
      (peering) => peering.useRemoteGateways && hubs.some((hub) => sameId(hub.id, peering.remoteVirtualNetworkId)) && peeringState(world, vnet, peering) === "Connected",
    ),
  );
  return [...hubs, ...spokes.filter((spoke) => !hubs.some((hub) => sameId(hub.id, spoke.id)))];
}

export function azurePrefixesBehindCircuit(world: World, circuit: ExpressRouteCircuitRecord): string[] {
  const vnets = vnetsBehindCircuit(world, circuit);
  const prefixesOf = (vnet: VirtualNetworkRecord): string[] => {
    // A spoke's ranges reach the hub's gateway as the hub's peering last synced them.
    const hubSide = vnets.flatMap((hub) => hub.peerings).find((peering) => sameId(peering.remoteVirtualNetworkId, vnet.id) && peering.allowGatewayTransit);
    return hubSide ? syncedRemotePrefixes(world, hubSide) : vnet.addressPrefixes;
  };
  return [...new Set(vnets.flatMap(prefixesOf))];
}
