import { randomInt } from "node:crypto";
import { z } from "zod";
import { guid } from "../../core/ids";
import { expressRouteSkuProblem, FASTCONNECT_PROVIDER_NAME, PEERING_LOCATIONS_BY_OCI_REGION } from "../../core/interconnect-facts";
import { recoverFailedCircuit } from "../../fabric/coupling";
import { parseArm, propertiesOf } from "../body";
import { ArmError, badRequest } from "../errors";
import { renderChildren } from "../generic";
import type { TrackedKind } from "../kinds";
import { connectionsToCircuit } from "../queries";
import { circuitPeerings } from "./circuit-peerings";

/** ExpressRoute partners the emulator knows, with what they offer. */
const OTHER_PROVIDER_LOCATIONS = ["Washington DC", "Silicon Valley", "Chicago", "Amsterdam2", "Frankfurt", "London", "Tokyo", "Singapore"];
const PROVIDERS: Record<string, { peeringLocations: string[]; bandwidths: number[] }> = {
  [FASTCONNECT_PROVIDER_NAME]: {
    peeringLocations: [...new Set(Object.values(PEERING_LOCATIONS_BY_OCI_REGION).flat())],
    bandwidths: [50, 100, 200, 500, 1000, 2000, 5000, 10000],
  },
  Equinix: { peeringLocations: OTHER_PROVIDER_LOCATIONS, bandwidths: [50, 100, 200, 500, 1000, 2000, 5000, 10000] },
  Megaport: { peeringLocations: OTHER_PROVIDER_LOCATIONS, bandwidths: [50, 100, 200, 500, 1000, 2000, 5000, 10000] },
};

const CircuitBody = z.object({
  sku: z.object({
    name: z.string().optional(),
    tier: z.enum(["Standard", "Premium", "Basic", "Local"]),
    family: z.enum(["MeteredData", "UnlimitedData"]),
  }),
});
const CircuitProperties = z.object({
  serviceProviderProperties: z.object({
    serviceProviderName: z.string().min(1),
    peeringLocation: z.string().min(1),
    bandwidthInMbps: z.number().int().positive(),
  }),
  allowClassicOperations: z.boolean().optional(),
  globalReachEnabled: z.boolean().optional(),
});

const DEPROVISION_CONFLICT =
  "The specified dedicated circuit is not in Deprovisioned state. Please initiate the deprovisioning process with your service provider.";

export const expressRouteCircuits: TrackedKind<"expressRouteCircuits"> = {
  kind: "expressRouteCircuits",
  type: "expressRouteCircuits",
  build({ body, existing }) {
    const { sku } = parseArm(CircuitBody, body, "");
    const properties = parseArm(CircuitProperties, propertiesOf(body), "properties");
    const skuName = `${sku.tier}_${sku.family}`;
    if (sku.name !== undefined && sku.name !== skuName) throw badRequest("InvalidSkuName", `Sku name ${sku.name} does not match tier ${sku.tier} and family ${sku.family} (expected ${skuName}).`);
    if (sku.tier !== "Basic") {
      const problem = expressRouteSkuProblem(sku.tier, sku.family);
      if (problem) throw badRequest("ExpressRouteCircuitSkuNotSupported", `Sku ${skuName} is not supported: ${problem}.`);
    }
    const provider = properties.serviceProviderProperties;
    const offer = PROVIDERS[provider.serviceProviderName];
    if (!offer) throw badRequest("InvalidServiceProviderName", `Service provider '${provider.serviceProviderName}' is not a valid ExpressRoute service provider.`);
    if (!offer.peeringLocations.includes(provider.peeringLocation)) {
      throw badRequest("InvalidPeeringLocation", `Peering location '${provider.peeringLocation}' is not offered by service provider '${provider.serviceProviderName}'. Offered: ${offer.peeringLocations.join(", ")}.`);
    }
    if (!offer.bandwidths.includes(provider.bandwidthInMbps)) {
      throw badRequest("InvalidBandwidth", `Bandwidth ${provider.bandwidthInMbps} Mbps is not offered by service provider '${provider.serviceProviderName}'. Offered: ${offer.bandwidths.join(", ")}.`);
    }
    if (existing) {
      const providerChanged = existing.serviceProviderName !== provider.serviceProviderName || existing.peeringLocation !== provider.peeringLocation;
      if (providerChanged && existing.serviceProviderProvisioningState !== "NotProvisioned") {
        throw badRequest("CannotChangeServiceProviderWhenProvisioned", `The service provider and peering location of circuit ${existing.name} cannot change while it is ${existing.serviceProviderProvisioningState}.`);
      }
      if (provider.bandwidthInMbps < existing.bandwidthInMbps) {
        throw badRequest("CircuitBandwidthDecreaseNotAllowed", `The bandwidth of circuit ${existing.name} cannot be decreased from ${existing.bandwidthInMbps} Mbps to ${provider.bandwidthInMbps} Mbps.`);
      }
    }
    return {
      sku: { name: skuName, tier: sku.tier, family: sku.family },
      serviceProviderName: provider.serviceProviderName,
      peeringLocation: provider.peeringLocation,
      bandwidthInMbps: provider.bandwidthInMbps,
      allowClassicOperations: properties.allowClassicOperations ?? false,
      serviceKey: existing?.serviceKey ?? guid(),
      serviceProviderProvisioningState: existing?.serviceProviderProvisioningState ?? "NotProvisioned",
      circuitProvisioningState: "Enabled",
      // Peerings are managed through their own resource (or by the provider): a PUT leaves them alone.
      peerings: existing?.peerings ?? [],
      globalReachEnabled: properties.globalReachEnabled ?? false,
      stag: existing?.stag ?? randomInt(2, 4000),
    };
  },
  afterPut(world, record, existing) {
    if (existing?.provisioningState === "Failed") recoverFailedCircuit(world, record);
  },
  topLevel: (record) => ({ sku: record.sku }),
  properties(world, record) {
    return {
      peerings: renderChildren(world, circuitPeerings, record),
      authorizations: [],
      serviceProviderProperties: { serviceProviderName: record.serviceProviderName, peeringLocation: record.peeringLocation, bandwidthInMbps: record.bandwidthInMbps },
      circuitProvisioningState: record.circuitProvisioningState,
      allowClassicOperations: record.allowClassicOperations,
      gatewayManagerEtag: "",
      serviceKey: record.serviceKey,
      serviceProviderProvisioningState: record.serviceProviderProvisioningState,
      globalReachEnabled: record.globalReachEnabled,
      stag: record.stag,
    };
  },
  provisioningMs: (world) => world.config.durations.expressRouteCircuit,
  deleteMs: (world) => world.config.durations.expressRouteCircuitDelete,
  checkDelete(world, record) {
    const linked = connectionsToCircuit(world, record.id);
    if (linked.length > 0) {
      throw new ArmError(
        400,
        "CircuitHasLinkedConnections",
        `Circuit ${record.name} cannot be deleted because it is linked to ${linked.map((connection) => connection.id).join(", ")}. You must unlink all virtual networks from the circuit for this operation to succeed.`,
      );
    }
  },
  deleteFailure(_world, record) {
    return record.serviceProviderProvisioningState === "NotProvisioned" ? undefined : { code: "ConflictError", message: DEPROVISION_CONFLICT };
  },
};
