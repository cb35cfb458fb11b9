import { z } from "zod";
import { parseIpv4Cidr } from "../../core/cidr";
import { MICROSOFT_ASN, PRIVATE_PEERING_NAME } from "../../core/interconnect-facts";
import { armEtag } from "../../core/ids";
import { parseArm, propertiesOf } from "../body";
import { badRequest } from "../errors";
import type { ChildKind } from "../kinds";
import type { CircuitPeeringChild } from "../model";
import { connectionsToCircuit } from "../queries";

const PeeringProperties = z.object({
  peeringType: z.enum(["AzurePrivatePeering", "AzurePublicPeering", "MicrosoftPeering"]),
  peerASN: z.number().int().positive(),
  primaryPeerAddressPrefix: z.string().min(1),
  secondaryPeerAddressPrefix: z.string().min(1),
  vlanId: z.number().int().min(1).max(4094),
  sharedKey: z.string().optional(),
  state: z.enum(["Enabled", "Disabled"]).optional(),
});

/**
 * Circuit peerings. For the Oracle interconnect the provider creates AzurePrivatePeering; customers may
 * create one themselves only on a circuit the provider has provisioned and only if the provider did not.
 */
export const circuitPeerings: ChildKind<"expressRouteCircuits", CircuitPeeringChild> = {
  parentKind: "expressRouteCircuits",
  childType: "peerings",
  opGroup: "expressRouteCircuitPeerings",
  armType: "Microsoft.Network/expressRouteCircuits/peerings",
  children: (circuit) => circuit.peerings,
  setChildren: (circuit, children) => {
    circuit.peerings = children;
  },
  build({ parent, name, body, existing }) {
    const properties = parseArm(PeeringProperties, propertiesOf(body), "properties");
    if (properties.peeringType !== PRIVATE_PEERING_NAME) throw badRequest("PeeringTypeNotSupported", `Peering type ${properties.peeringType} is not supported by the emulator.`);
    if (name !== properties.peeringType) throw badRequest("PeeringNameMustMatchType", `The peering name must be the peering type (${properties.peeringType}).`);
    if (parent.serviceProviderProvisioningState !== "Provisioned") {
      throw badRequest("CircuitNotProvisionedByServiceProvider", `Peering cannot be configured: circuit ${parent.name} is ${parent.serviceProviderProvisioningState} by its service provider.`);
    }
    if (existing?.lastModifiedBy === "ServiceProvider") {
      throw badRequest("PeeringManagedByServiceProvider", `Peering ${name} of circuit ${parent.name} is configured by the service provider and cannot be changed by the customer.`);
    }
    for (const prefix of [properties.primaryPeerAddressPrefix, properties.secondaryPeerAddressPrefix]) {
      const parsed = parseIpv4Cidr(prefix);
      if (!parsed.ok || parsed.cidr.prefixLength !== 30) throw badRequest("InvalidPeerAddressPrefix", `Peer address prefix ${prefix} must be a /30 network.`);
    }
    const peering: CircuitPeeringChild = {
      name,
      etag: existing?.etag ?? armEtag(),
      provisioningState: "Updating",
      peeringType: properties.peeringType,
      azureASN: MICROSOFT_ASN,
      peerASN: properties.peerASN,
      primaryPeerAddressPrefix: properties.primaryPeerAddressPrefix,
      secondaryPeerAddressPrefix: properties.secondaryPeerAddressPrefix,
      vlanId: properties.vlanId,
      state: properties.state ?? "Enabled",
      lastModifiedBy: "Customer",
    };
    if (properties.sharedKey) peering.sharedKey = properties.sharedKey;
    return peering;
  },
  properties: (_world, _circuit, peering) => ({
    peeringType: peering.peeringType,
    state: peering.state,
    azureASN: peering.azureASN,
    peerASN: peering.peerASN,
    primaryPeerAddressPrefix: peering.primaryPeerAddressPrefix,
    secondaryPeerAddressPrefix: peering.secondaryPeerAddressPrefix,
    primaryAzurePort: "",
    secondaryAzurePort: "",
    vlanId: peering.vlanId,
    gatewayManagerEtag: "",
    lastModifiedBy: peering.lastModifiedBy,
    connections: [],
    peeredConnections: [],
  }),
  provisioningMs: (world) => world.config.durations.armSmallResource,
  deleteMs: (world) => world.config.durations.armSmallDelete,
  checkDelete(world, circuit, peering) {
    const linked = connectionsToCircuit(world, circuit.id);
    if (linked.length > 0) {
      throw badRequest("PeeringHasLinkedConnections", `Peering ${peering.name} of circuit ${circuit.name} cannot be deleted while connections exist: ${linked.map((connection) => connection.id).join(", ")}.`);
    }
  },
};
