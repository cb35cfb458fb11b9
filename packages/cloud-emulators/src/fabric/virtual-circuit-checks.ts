import ipaddr from "ipaddr.js";
import type { ExpressRouteCircuitRecord } from "../azure-arm/model";
import { overlaps, parseIpv4Cidr, type Ipv4Cidr } from "../core/cidr";
import { FASTCONNECT_PROVIDER_NAME, FASTCONNECT_SHAPES, PEERING_LOCATIONS_BY_OCI_REGION } from "../core/interconnect-facts";
import type { World } from "../core/world";
import type { CrossConnectMapping, VirtualCircuitRecord } from "../oci/model";
import { circuitByServiceKey, vcnCidrsBehindDrg, virtualCircuitOfCircuit } from "./links";
import { regionOf } from "../oci/regions";

/** An interface address with prefix, e.g. `10.99.0.1/30`. */
export interface InterfaceAddress {
  address: string;
  prefixLength: number;
  network: Ipv4Cidr;
  /** Offset of the address inside its network (0 = network address). */
  offset: number;
}

export function parseInterfaceAddress(text: string | undefined): InterfaceAddress | undefined {
  if (!text) return undefined;
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text.trim());
  if (!match || !ipaddr.IPv4.isValidFourPartDecimal(match[1] ?? "")) return undefined;
  const prefixLength = Number(match[2]);
  if (prefixLength > 32) return undefined;
  const address = ipaddr.IPv4.parse(match[1] ?? "");
  const networkText = `${ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefixLength}`).toString()}/${prefixLength}`;
  const network = parseIpv4Cidr(networkText);
  if (!network.ok) return undefined;
  const value = address.toByteArray().reduce((sum, byte) => sum * 256 + byte, 0);
  return { address: address.toString(), prefixLength, network: network.cidr, offset: value - network.cidr.first };
}

/** The OCI shape the provider reports for an ExpressRoute bandwidth: the smallest shape that fits it. */
export function shapeForCircuitBandwidth(bandwidthMbps: number): string | undefined {
  return FASTCONNECT_SHAPES.find((shape) => shape.mbps >= bandwidthMbps)?.name;
}

export type AzureCircuitCheck = { ok: true; circuit: ExpressRouteCircuitRecord } | { ok: false; reason: string };

function mappingProblem(mappings: CrossConnectMapping[]): string | undefined {
  if (mappings.length !== 2) return `Microsoft Azure needs exactly two cross-connect mappings (primary and secondary BGP /30s); got ${mappings.length}`;
  const networks: Ipv4Cidr[] = [];
  for (const [index, mapping] of mappings.entries()) {
    const oracle = parseInterfaceAddress(mapping.oracleBgpPeeringIp);
    const customer = parseInterfaceAddress(mapping.customerBgpPeeringIp);
    if (!oracle || !customer) return `mapping ${index}: both oracleBgpPeeringIp and customerBgpPeeringIp are required`;
    if (oracle.prefixLength !== 30 || customer.prefixLength !== 30) return `mapping ${index}: Microsoft Azure needs /30 BGP blocks`;
    if (oracle.network.text !== customer.network.text) return `mapping ${index}: ${mapping.oracleBgpPeeringIp} and ${mapping.customerBgpPeeringIp} are not in the same /30`;
    if (oracle.offset !== 1) return `mapping ${index}: the Oracle BGP address must be the first usable (2nd) address of ${oracle.network.text}`;
    if (customer.offset !== 2) return `mapping ${index}: the customer (Azure) BGP address must be the second usable (3rd) address of ${customer.network.text}`;
    networks.push(oracle.network);
  }
  const [a, b] = networks;
  if (a && b && overlaps(a, b)) return `the primary and secondary BGP blocks overlap (${a.text}, ${b.text})`;
  return undefined;
}

/**
 * What Microsoft checks when Oracle provisions a virtual circuit against an ExpressRoute service key.
 * A failure makes the virtual circuit FAILED and leaves the Azure circuit untouched.
 */
export function checkAzureVirtualCircuit(world: World, vc: VirtualCircuitRecord): AzureCircuitCheck {
  const key = vc.providerServiceKeyName;
  if (!key) return { ok: false, reason: "no providerServiceKeyName (the ExpressRoute service key)" };
  const circuit = circuitByServiceKey(world, key);
  if (!circuit) return { ok: false, reason: `no ExpressRoute circuit has service key ${key}` };
  if (circuit.serviceProviderName !== FASTCONNECT_PROVIDER_NAME) {
    return { ok: false, reason: `circuit ${circuit.name} uses provider '${circuit.serviceProviderName}', not '${FASTCONNECT_PROVIDER_NAME}'` };
  }
  if (circuit.provisioningState !== "Succeeded") return { ok: false, reason: `circuit ${circuit.name} is ${circuit.provisioningState}, not Succeeded` };
  const claimedBy = virtualCircuitOfCircuit(world, circuit);
  if (claimedBy && claimedBy.id !== vc.id) return { ok: false, reason: `service key ${key} is already used by virtual circuit ${claimedBy.id}` };
  if (circuit.serviceProviderProvisioningState !== "NotProvisioned") {
    return { ok: false, reason: `circuit ${circuit.name} is ${circuit.serviceProviderProvisioningState} by the provider, not NotProvisioned` };
  }
  const region = regionOf(world, vc);
  const locations = PEERING_LOCATIONS_BY_OCI_REGION[region];
  if (!locations || !locations.includes(circuit.peeringLocation)) {
    return { ok: false, reason: `peering location '${circuit.peeringLocation}' does not serve OCI region ${region}${locations ? ` (expected ${locations.join(" or ")})` : ""}` };
  }
  const expectedShape = shapeForCircuitBandwidth(circuit.bandwidthInMbps);
  const strictMismatch = world.config.strictBandwidth && FASTCONNECT_SHAPES.find((shape) => shape.name === vc.bandwidthShapeName)?.mbps !== circuit.bandwidthInMbps;
  if (vc.bandwidthShapeName !== expectedShape || strictMismatch) {
    return { ok: false, reason: `bandwidth shape '${vc.bandwidthShapeName}' does not match the ExpressRoute circuit's ${circuit.bandwidthInMbps} Mbps` };
  }
  const problem = mappingProblem(vc.crossConnectMappings);
  if (problem) return { ok: false, reason: problem };
  for (const mapping of vc.crossConnectMappings) {
    const block = parseInterfaceAddress(mapping.oracleBgpPeeringIp)?.network;
    const clash = vcnCidrsBehindDrg(world, vc.gatewayId).find((cidr) => {
      const parsed = parseIpv4Cidr(cidr);
      return block && parsed.ok && overlaps(parsed.cidr, block);
    });
    if (clash) return { ok: false, reason: `BGP block ${block?.text} overlaps VCN CIDR ${clash}` };
  }
  return { ok: true, circuit };
}

/**
 * What Microsoft checks when Oracle provisions a bandwidth change: the new shape must still match the ExpressRoute
 * circuit's bandwidth (resize the circuit first). Undefined when the change is accepted.
 */
export function resizeProblem(world: World, vc: VirtualCircuitRecord, circuit: ExpressRouteCircuitRecord | undefined): string | undefined {
  if (!circuit) return undefined;
  const expectedShape = shapeForCircuitBandwidth(circuit.bandwidthInMbps);
  const strictMismatch = world.config.strictBandwidth && FASTCONNECT_SHAPES.find((shape) => shape.name === vc.bandwidthShapeName)?.mbps !== circuit.bandwidthInMbps;
  if (vc.bandwidthShapeName === expectedShape && !strictMismatch) return undefined;
  return `bandwidth shape '${vc.bandwidthShapeName}' does not match the ExpressRoute circuit's ${circuit.bandwidthInMbps} Mbps; the provider kept '${vc.resizingFrom ?? "?"}'`;
}
