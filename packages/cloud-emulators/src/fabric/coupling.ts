import { MICROSOFT_ASN, ORACLE_ASN, PRIVATE_PEERING_NAME } from "../core/interconnect-facts";
import { keyOf } from "../azure-arm/ids";
import type { CircuitPeeringChild, ExpressRouteCircuitRecord } from "../azure-arm/model";
import { connectionsToCircuit } from "../azure-arm/queries";
import { armRecordOf, armRecords } from "../azure-arm/store";
import { armEtag, ociEtag } from "../core/ids";
import type { ScheduledEvent, World } from "../core/world";
import type { VirtualCircuitRecord } from "../oci/model";
import { ociRecords } from "../oci/store";
import { bgpUp } from "./bgp";
import { virtualCircuitOfCircuit } from "./links";
import { registerProviderStepEvents } from "./provider-steps";
import { parseInterfaceAddress } from "./virtual-circuit-checks";

/**
 * The provider side of the interconnect: what Microsoft does to the ExpressRoute circuit when Oracle
 * provisions or deletes the FastConnect virtual circuit (C4/C5 of the contracts doc).
 */

function circuitFor(world: World, event: ScheduledEvent): ExpressRouteCircuitRecord | undefined {
  const key = event.data.circuitKey;
  return typeof key === "string" ? armRecordOf(world, "expressRouteCircuits", key) : undefined;
}

function touch(world: World, circuit: ExpressRouteCircuitRecord): void {
  circuit.etag = armEtag();
  world.dirty = true;
}

function withoutProviderPeerings(circuit: ExpressRouteCircuitRecord): CircuitPeeringChild[] {
  return circuit.peerings.filter((peering) => peering.lastModifiedBy !== "ServiceProvider");
}

/** VC created with a valid key: after a short propagation the circuit shows Provisioning. */
export function startProviderProvisioning(world: World, vc: VirtualCircuitRecord, circuit: ExpressRouteCircuitRecord): void {
  world.schedule(world.config.durations.providerPropagation, "fabric.provider.provisioning", { circuitKey: keyOf(circuit.id), vcId: vc.id });
}

/** VC PROVISIONED: the circuit is Provisioned and Microsoft configures the Azure private peering from the VC. */
export function completeProviderProvisioning(world: World, vc: VirtualCircuitRecord, circuit: ExpressRouteCircuitRecord): void {
  const [primary, secondary] = vc.crossConnectMappings.map((mapping) => parseInterfaceAddress(mapping.customerBgpPeeringIp)?.network.text ?? "");
  const peering: CircuitPeeringChild = {
    name: PRIVATE_PEERING_NAME,
    etag: armEtag(),
    provisioningState: "Succeeded",
    peeringType: PRIVATE_PEERING_NAME,
    azureASN: MICROSOFT_ASN,
    peerASN: ORACLE_ASN,
    primaryPeerAddressPrefix: primary ?? "",
    secondaryPeerAddressPrefix: secondary ?? "",
    vlanId: vc.vlan ?? 100,
    state: "Enabled",
    lastModifiedBy: "ServiceProvider",
  };
  circuit.peerings = [...circuit.peerings.filter((existing) => existing.name.toLowerCase() !== PRIVATE_PEERING_NAME.toLowerCase()), peering];
  circuit.serviceProviderProvisioningState = "Provisioned";
  touch(world, circuit);
}

/** The provider gave up (VC FAILED): the circuit returns to NotProvisioned. */
export function abandonProviderProvisioning(world: World, circuit: ExpressRouteCircuitRecord): void {
  if (circuit.serviceProviderProvisioningState === "NotProvisioned") return;
  circuit.serviceProviderProvisioningState = "NotProvisioned";
  circuit.peerings = withoutProviderPeerings(circuit);
  touch(world, circuit);
}

/** VC deleted: after the propagation delay Microsoft deprovisions the circuit. */
export function startDeprovisioning(world: World, vc: VirtualCircuitRecord): void {
  if (!vc.linkedCircuitKey) return;
  world.schedule(world.config.durations.deprovisionPropagation, "fabric.deprovision", { circuitKey: vc.linkedCircuitKey });
}

/**
 * A re-PUT of a Failed circuit is how Azure recovers it. Once nothing provisions it any more
 * (virtual circuit gone, no connection), it returns to NotProvisioned without the provider's peering.
 */
export function recoverFailedCircuit(world: World, circuit: ExpressRouteCircuitRecord): void {
  if (virtualCircuitOfCircuit(world, circuit) || connectionsToCircuit(world, circuit.id).length > 0) return;
  if (circuit.serviceProviderProvisioningState !== "NotProvisioned") {
    circuit.serviceProviderProvisioningState = "NotProvisioned";
    circuit.peerings = withoutProviderPeerings(circuit);
    world.cancelEvents((event) => event.kind.startsWith("fabric.") && event.data.circuitKey === keyOf(circuit.id));
  }
}

/** Forces BGP DOWN for `downMs` on the virtual circuits the names designate (or every live one). */
export function flapBgp(world: World, names: string[], downMs: number): void {
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  const circuits = armRecords(world, "expressRouteCircuits").filter((circuit) => wanted.has(circuit.name.toLowerCase()));
  let targets = ociRecords(world, "virtualcircuit").filter(
    (vc) => wanted.has(vc.id.toLowerCase()) || wanted.has(vc.displayName.toLowerCase()) || circuits.some((circuit) => vc.linkedCircuitKey === keyOf(circuit.id)),
  );
  if (targets.length === 0) targets = ociRecords(world, "virtualcircuit").filter((vc) => bgpUp(world, vc));
  for (const vc of targets) {
    vc.bgpDownUntil = world.now + downMs;
    vc.etag = ociEtag();
  }
  world.dirty = true;
}

export function registerFabricEvents(world: World): void {
  registerProviderStepEvents(world);
  world.on("fabric.provider.provisioning", (w, event) => {
    const circuit = circuitFor(w, event);
    const vc = circuit ? virtualCircuitOfCircuit(w, circuit) : undefined;
    if (!circuit || !vc || vc.id !== event.data.vcId || vc.lifecycleState !== "PROVISIONING") return;
    if (circuit.serviceProviderProvisioningState === "NotProvisioned") {
      circuit.serviceProviderProvisioningState = "Provisioning";
      touch(w, circuit);
    }
  });

  world.on("fabric.deprovision", (w, event) => {
    const circuit = circuitFor(w, event);
    if (!circuit || virtualCircuitOfCircuit(w, circuit)) return;
    if (circuit.serviceProviderProvisioningState === "NotProvisioned") return;
    circuit.serviceProviderProvisioningState = "Deprovisioning";
    if (connectionsToCircuit(w, circuit.id).length > 0) {
      // Wrong teardown order: Microsoft cannot deprovision a circuit that still has a gateway connection.
      circuit.provisioningState = "Failed";
    } else {
      w.schedule(w.config.durations.deprovisioning, "fabric.deprovisioned", { circuitKey: keyOf(circuit.id) });
    }
    touch(w, circuit);
  });

  world.on("fabric.deprovisioned", (w, event) => {
    const circuit = circuitFor(w, event);
    if (!circuit || circuit.serviceProviderProvisioningState !== "Deprovisioning" || virtualCircuitOfCircuit(w, circuit)) return;
    circuit.serviceProviderProvisioningState = "NotProvisioned";
    circuit.peerings = withoutProviderPeerings(circuit);
    touch(w, circuit);
  });
}
