import { randomInt } from "node:crypto";
import { z } from "zod";
import { MICROSOFT_ASN, ORACLE_ASN } from "../../core/interconnect-facts";
import { keyOf } from "../../azure-arm/ids";
import { ocid } from "../../core/ids";
import { bgpUp } from "../../fabric/bgp";
import { abandonProviderProvisioning, completeProviderProvisioning, startDeprovisioning, startProviderProvisioning } from "../../fabric/coupling";
import { circuitOfVirtualCircuit } from "../../fabric/links";
import { startProviderSteps } from "../../fabric/provider-steps";
import { checkAzureVirtualCircuit, parseInterfaceAddress, resizeProblem } from "../../fabric/virtual-circuit-checks";
import { applyCommonUpdate, baseRecord, baseView, CommonCreate, CommonUpdate, Ocid, parseOci } from "../body";
import { incorrectState, invalidParameter, missingParameter, notFound } from "../errors";
import { retire } from "../generic";
import type { OciKindDef } from "../kinds";
import type { CrossConnectMapping, VirtualCircuitRecord } from "../model";
import { ociRecords, storeOci } from "../store";
import { systemAttachment } from "./drg-attachments";
import { findProviderService } from "./provider-services";
import { availableDrg } from "./requirements";
import { requestRegionKey } from "../regions";

const Mapping = z.object({
  customerBgpPeeringIp: z.string().optional(),
  oracleBgpPeeringIp: z.string().optional(),
  bgpMd5AuthKey: z.string().optional(),
  crossConnectOrCrossConnectGroupId: z.string().optional(),
  vlan: z.number().int().optional(),
});
const CreateVc = CommonCreate.extend({
  type: z.enum(["PRIVATE", "PUBLIC"]),
  bandwidthShapeName: z.string().optional(),
  gatewayId: Ocid.optional(),
  providerServiceId: Ocid.optional(),
  providerServiceKeyName: z.string().optional(),
  crossConnectMappings: z.array(Mapping).optional(),
  customerBgpAsn: z.number().int().optional(),
  customerAsn: z.number().int().optional(),
  routingPolicy: z.array(z.string()).optional(),
});
const UpdateVc = CommonUpdate.extend({
  bandwidthShapeName: z.string().optional(),
  crossConnectMappings: z.array(Mapping).optional(),
  providerServiceKeyName: z.string().optional(),
  routingPolicy: z.array(z.string()).optional(),
});

/** Format checks OCI does itself: interface addresses with a /28-/31 mask, both ends in one subnet. */
function checkMappingFormat(mappings: CrossConnectMapping[]): void {
  for (const [index, mapping] of mappings.entries()) {
    const ends = [mapping.oracleBgpPeeringIp, mapping.customerBgpPeeringIp].filter((value): value is string => value !== undefined);
    const parsed = ends.map((text) => {
      const address = parseInterfaceAddress(text);
      if (!address) throw invalidParameter(`crossConnectMappings[${index}]: ${text} is not an IPv4 address with a prefix such as 10.0.0.18/31.`);
      if (address.prefixLength < 28 || address.prefixLength > 31) throw invalidParameter(`crossConnectMappings[${index}]: ${text} must use a subnet mask from /28 to /31.`);
      return address;
    });
    const [oracle, customer] = parsed;
    if (oracle && customer && (oracle.network.text !== customer.network.text || oracle.address === customer.address)) {
      throw invalidParameter(`crossConnectMappings[${index}]: ${mapping.oracleBgpPeeringIp} and ${mapping.customerBgpPeeringIp} must be different addresses in the same subnet.`);
    }
  }
}

function provisionedView(vc: VirtualCircuitRecord): CrossConnectMapping[] {
  return vc.crossConnectMappings.map((mapping) => (vc.vlan !== undefined && vc.provisionedAt !== undefined ? { ...mapping, vlan: vc.vlan } : mapping));
}

export const virtualCircuits: OciKindDef<"virtualcircuit"> = {
  kind: "virtualcircuit",
  collection: "virtualCircuits",
  opName: "VirtualCircuit",
  states: { creating: "PROVISIONING", ready: "PROVISIONED", deleting: "TERMINATING", deleted: "TERMINATED" },
  create(call, raw) {
    const { world } = call;
    const body = parseOci(CreateVc, raw);
    const service = body.providerServiceId === undefined ? undefined : findProviderService(world, body.providerServiceId);
    if (body.providerServiceId !== undefined && !service) throw notFound();
    if (service && !service.supportedVirtualCircuitTypes.includes(body.type)) throw invalidParameter(`${service.providerName} does not support ${body.type} virtual circuits.`);
    if (service?.resolvesAzureKeys && !body.providerServiceKeyName) throw missingParameter("providerServiceKeyName");
    if (body.bandwidthShapeName !== undefined && service && !service.shapes.some((shape) => shape.name === body.bandwidthShapeName)) {
      throw invalidParameter(`bandwidthShapeName ${body.bandwidthShapeName} is not offered by ${service.providerName}: ${service.shapes.map((shape) => shape.name).join(", ")}.`);
    }
    const mappings = body.crossConnectMappings ?? [];
    checkMappingFormat(mappings);
    let drg;
    if (body.type === "PRIVATE") {
      if (!body.gatewayId) throw missingParameter("gatewayId");
      drg = availableDrg(world, body.gatewayId);
    }
    const base = baseRecord(call, body, ocid("virtualcircuit", requestRegionKey(world)), service?.resolvesAzureKeys ? "PROVISIONING" : "PENDING_PROVIDER", "virtualcircuit");
    const vc: VirtualCircuitRecord = {
      ...base,
      kind: "virtualcircuit",
      type: body.type,
      bandwidthShapeName: body.bandwidthShapeName ?? service?.shapes[0]?.name ?? "1 Gbps",
      crossConnectMappings: mappings,
      routingPolicy: body.routingPolicy ?? [],
      region: requestRegionKey(world),
      providerState: "INACTIVE",
    };
    if (drg) vc.gatewayId = drg.id;
    if (body.providerServiceId) vc.providerServiceId = body.providerServiceId;
    if (body.providerServiceKeyName) vc.providerServiceKeyName = body.providerServiceKeyName;
    if (service?.resolvesAzureKeys) {
      vc.customerBgpAsn = MICROSOFT_ASN;
      vc.customerAsn = MICROSOFT_ASN;
      const check = checkAzureVirtualCircuit(world, vc);
      if (check.ok) {
        vc.linkedCircuitKey = keyOf(check.circuit.id);
        vc.vlan = randomInt(100, 4000);
        startProviderProvisioning(world, vc, check.circuit);
      } else {
        vc.failureReason = check.reason;
      }
      if (world.effects.virtualCircuitFailed) vc.failureReason = "injected fault: the provider rejected the virtual circuit";
    } else {
      if (body.customerBgpAsn !== undefined) vc.customerBgpAsn = body.customerBgpAsn;
      if (body.customerAsn !== undefined) vc.customerAsn = body.customerAsn;
    }
    if (drg) storeOci(world, systemAttachment(world, drg, "VIRTUAL_CIRCUIT", vc, `${vc.displayName} attachment`));
    // The provider's intermediate states come first; provisioning follows them (so no `oci.ready` is scheduled now).
    const steps = world.effects.virtualCircuitStates;
    if (steps && vc.lifecycleState === "PROVISIONING") startProviderSteps(world, vc, steps, world.config.durations.virtualCircuitProvisioning);
    return vc;
  },
  createMs: (world) => world.config.durations.virtualCircuitProvisioning,
  onReady(world, vc) {
    const circuit = circuitOfVirtualCircuit(world, vc);
    if (vc.resizingFrom !== undefined && !vc.failureReason) {
      // The provider answers a bandwidth change: a rejected one leaves the circuit as it was.
      const rejection = vc.resizeRejected ? `injected fault: the provider rejected the change to '${vc.bandwidthShapeName}'` : resizeProblem(world, vc, circuit);
      if (rejection) {
        vc.resizeRejection = rejection;
        vc.bandwidthShapeName = vc.resizingFrom;
      }
      delete vc.resizingFrom;
      delete vc.resizeRejected;
    }
    if (!vc.failureReason && vc.linkedCircuitKey && !circuit) vc.failureReason = "the ExpressRoute circuit disappeared during provisioning";
    if (vc.failureReason) {
      vc.lifecycleState = "FAILED";
      vc.providerState = "INACTIVE";
      if (circuit) abandonProviderProvisioning(world, circuit);
      return;
    }
    vc.lifecycleState = "PROVISIONED";
    vc.providerState = "ACTIVE";
    vc.provisionedAt ??= world.now;
    if (circuit && circuit.serviceProviderProvisioningState !== "Provisioned") completeProviderProvisioning(world, vc, circuit);
  },
  update(call, vc, raw) {
    const body = parseOci(UpdateVc, raw);
    if (vc.lifecycleState === "PROVISIONING" || vc.lifecycleState === "VERIFYING") throw incorrectState(`Virtual circuit ${vc.id} is ${vc.lifecycleState}; wait until it is PROVISIONED.`);
    const service = findProviderService(call.world, vc.providerServiceId);
    if (body.bandwidthShapeName !== undefined && service && !service.shapes.some((shape) => shape.name === body.bandwidthShapeName)) {
      throw invalidParameter(`bandwidthShapeName ${body.bandwidthShapeName} is not offered by ${service.providerName}.`);
    }
    if (body.crossConnectMappings) checkMappingFormat(body.crossConnectMappings);
    applyCommonUpdate(vc, body);
    if (body.routingPolicy) vc.routingPolicy = body.routingPolicy;
    const resized = body.bandwidthShapeName !== undefined && body.bandwidthShapeName !== vc.bandwidthShapeName;
    const previousShape = vc.bandwidthShapeName;
    if (body.bandwidthShapeName !== undefined) vc.bandwidthShapeName = body.bandwidthShapeName;
    if (body.crossConnectMappings) vc.crossConnectMappings = body.crossConnectMappings;
    if (resized && vc.lifecycleState === "PROVISIONED") {
      // A resize is re-provisioned by the provider; BGP stays up meanwhile.
      const { world } = call;
      vc.resizingFrom = previousShape;
      if (world.effects.virtualCircuitResizeRejected) vc.resizeRejected = true;
      if (world.effects.virtualCircuitFailed) vc.failureReason = "injected fault: the provider rejected the change";
      const steps = world.effects.virtualCircuitStates;
      if (steps) startProviderSteps(world, vc, steps, world.config.durations.virtualCircuitUpdate);
      else {
        vc.lifecycleState = "PROVISIONING";
        world.scheduleProvisioning(world.config.durations.virtualCircuitUpdate, "oci.ready", { id: vc.id });
      }
    }
  },
  onDeleting(world, vc) {
    vc.providerState = "INACTIVE";
    startDeprovisioning(world, vc);
    for (const attachment of ociRecords(world, "drgattachment")) {
      if (attachment.networkType === "VIRTUAL_CIRCUIT" && attachment.networkId === vc.id) attachment.lifecycleState = "DETACHING";
    }
  },
  onDeleted(world, vc) {
    for (const attachment of ociRecords(world, "drgattachment")) {
      if (attachment.networkType === "VIRTUAL_CIRCUIT" && attachment.networkId === vc.id) retire(world, attachment, "DETACHED");
    }
  },
  deleteMs: (world) => world.config.durations.virtualCircuitDelete,
  render(world, vc) {
    const service = findProviderService(world, vc.providerServiceId);
    return {
      ...baseView(vc),
      type: vc.type,
      bandwidthShapeName: vc.bandwidthShapeName,
      gatewayId: vc.gatewayId ?? null,
      providerServiceId: vc.providerServiceId ?? null,
      providerServiceKeyName: vc.providerServiceKeyName ?? null,
      providerName: service?.providerName ?? null,
      providerServiceName: service?.providerServiceName ?? null,
      serviceType: service?.type ?? "COLOCATED",
      bgpManagement: service?.privatePeeringBgpManagement ?? "CUSTOMER_MANAGED",
      providerState: vc.providerState,
      bgpSessionState: bgpUp(world, vc) ? "UP" : "DOWN",
      bgpIpv6SessionState: "DOWN",
      bgpAdminState: "ENABLED",
      isBfdEnabled: false,
      ipMtu: "MTU_1500",
      oracleBgpAsn: ORACLE_ASN,
      customerBgpAsn: vc.customerBgpAsn ?? null,
      customerAsn: vc.customerAsn ?? null,
      crossConnectMappings: provisionedView(vc),
      routingPolicy: vc.routingPolicy,
      publicPrefixes: [],
      region: vc.region,
      referenceComment: null,
    };
  },
};
