import type { CircuitPeeringChild, ExpressRouteCircuitRecord } from "../azure-arm/model";
import { privatePeering } from "../azure-arm/queries";
import { addressAt, parseIpv4Cidr } from "../core/cidr";
import { ORACLE_ASN } from "../core/interconnect-facts";
import type { World } from "../core/world";
import type { VirtualCircuitRecord } from "../oci/model";
import { azurePrefixesBehindCircuit, circuitOfVirtualCircuit, prefixesAdvertisedByOracle, virtualCircuitOfCircuit } from "./links";

export interface BgpSession {
  device: "primary" | "secondary";
  /** The /30 (Azure `primaryPeerAddressPrefix`). */
  prefix: string;
  /** 2nd address of the /30: Oracle's router. */
  oracleIp: string;
  /** 3rd address of the /30: Microsoft's MSEE ("Customer" in the OCI console). */
  azureIp: string;
}

export function sessionsOf(peering: CircuitPeeringChild): BgpSession[] {
  const sessions: BgpSession[] = [];
  for (const [device, prefix] of [
    ["primary", peering.primaryPeerAddressPrefix],
    ["secondary", peering.secondaryPeerAddressPrefix],
  ] as const) {
    const parsed = parseIpv4Cidr(prefix);
    if (!parsed.ok || parsed.cidr.prefixLength !== 30) continue;
    sessions.push({ device, prefix, oracleIp: addressAt(parsed.cidr, 1), azureIp: addressAt(parsed.cidr, 2) });
  }
  return sessions;
}

/** Layer 2 is up once the provider provisioned the virtual circuit (also while it is being resized). */
export function providerLinkUp(world: World, vc: VirtualCircuitRecord | undefined): boolean {
  if (!vc || vc.provisionedAt === undefined) return false;
  if (vc.lifecycleState !== "PROVISIONED" && vc.lifecycleState !== "PROVISIONING") return false;
  const circuit = circuitOfVirtualCircuit(world, vc);
  return !!circuit && circuit.serviceProviderProvisioningState === "Provisioned" && circuit.provisioningState !== "Failed";
}

/**
 * BGP runs between Oracle's edge and Microsoft's edge (the MSEEs) on the circuit's private peering: it is UP when the
 * provider link is up, the Azure private peering is enabled and no flap is in progress. It does not depend on a VNet
 * being linked: a gateway connection can be created while BGP is down, and deleting it leaves BGP up.
 */
export function bgpUp(world: World, vc: VirtualCircuitRecord | undefined): boolean {
  if (!vc || !providerLinkUp(world, vc)) return false;
  if (vc.bgpDownUntil !== undefined && world.now < vc.bgpDownUntil) return false;
  const circuit = circuitOfVirtualCircuit(world, vc);
  const peering = circuit ? privatePeering(circuit) : undefined;
  return !!circuit && !!peering && peering.state === "Enabled" && peering.provisioningState === "Succeeded";
}

export function circuitBgpUp(world: World, circuit: ExpressRouteCircuitRecord): boolean {
  return bgpUp(world, virtualCircuitOfCircuit(world, circuit));
}

/** When the current BGP session came up (for uptime columns). */
function upSince(vc: VirtualCircuitRecord): number {
  return Math.max(vc.provisionedAt ?? 0, vc.bgpDownUntil ?? 0);
}

function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return [hours, minutes, seconds].map((part) => String(part).padStart(2, "0")).join(":");
}

/** Deterministic MAC per address so repeated reads are stable. */
function macFor(ip: string): string {
  const octets = ip.split(".").map((part) => Number(part).toString(16).padStart(2, "0"));
  return `00:0d:3a:${octets.slice(1).join(":")}`;
}

function sessionFor(circuit: ExpressRouteCircuitRecord, device: string): BgpSession | undefined {
  const peering = privatePeering(circuit);
  return peering ? sessionsOf(peering).find((session) => session.device === device.toLowerCase()) : undefined;
}

/** `listArpTable`: Microsoft's interface always; the provider's once layer 2 is up. */
export function arpTable(world: World, circuit: ExpressRouteCircuitRecord, device: string): { value: unknown[] } {
  const session = sessionFor(circuit, device);
  if (!session) return { value: [] };
  const value: unknown[] = [{ age: 0, interface: "Microsoft", ipAddress: session.azureIp, macAddress: macFor(session.azureIp) }];
  const vc = virtualCircuitOfCircuit(world, circuit);
  if (providerLinkUp(world, vc)) value.push({ age: 12, interface: "On-Prem", ipAddress: session.oracleIp, macAddress: macFor(session.oracleIp) });
  return { value };
}

/** `listRoutesTable`: what Oracle advertises (see prefixesAdvertisedByOracle), learned from 31898. */
export function routesTable(world: World, circuit: ExpressRouteCircuitRecord, device: string): { value: unknown[] } {
  const session = sessionFor(circuit, device);
  const vc = virtualCircuitOfCircuit(world, circuit);
  if (!session || !vc || !bgpUp(world, vc)) return { value: [] };
  return {
    value: prefixesAdvertisedByOracle(world, vc).map((network) => ({ network, nextHop: session.oracleIp, locPrf: "", weight: 0, path: String(ORACLE_ASN) })),
  };
}

/** `listRoutesTableSummary`: one BGP neighbour per device. */
export function routesTableSummary(world: World, circuit: ExpressRouteCircuitRecord, device: string): { value: unknown[] } {
  const session = sessionFor(circuit, device);
  if (!session) return { value: [] };
  const vc = virtualCircuitOfCircuit(world, circuit);
  const up = !!vc && bgpUp(world, vc);
  return {
    value: [
      {
        neighbor: session.oracleIp,
        v: 4,
        as: ORACLE_ASN,
        upDown: up && vc ? duration(world.now - upSince(vc)) : "never",
        statePfxRcd: up ? String(prefixesAdvertisedByOracle(world, vc).length) : providerLinkUp(world, vc) ? "Active" : "Idle",
      },
    ],
  };
}

/** Prefixes Oracle learns from Microsoft: the VNets linked to the circuit by a gateway connection, for the DRG route tables. */
export function prefixesLearnedByOracle(world: World, vc: VirtualCircuitRecord): string[] {
  if (!bgpUp(world, vc)) return [];
  const circuit = circuitOfVirtualCircuit(world, vc);
  return circuit ? azurePrefixesBehindCircuit(world, circuit) : [];
}

