import { createHash } from "node:crypto";
import { AZURE_PROVIDER } from "../../core/interconnect-facts";
import type { World } from "../../core/world";
import { circuitByServiceKey } from "../../fabric/links";
import { shapeForCircuitBandwidth } from "../../fabric/virtual-circuit-checks";
import { missingParameter, notFound } from "../errors";
import { param } from "../generic";
import type { OciHandler } from "../kinds";
import { knownRegions, regionKeyOf, requestRegion } from "../regions";
import { pageReply } from "../paging";

export interface ProviderService {
  key: string;
  providerName: string;
  providerServiceName: string;
  description: string;
  type: "LAYER2" | "LAYER3";
  supportedVirtualCircuitTypes: string[];
  privatePeeringBgpManagement: string;
  publicPeeringBgpManagement: string;
  customerAsnManagement: string;
  providerServiceKeyManagement: string;
  bandwithShapeManagement: string;
  requiredTotalCrossConnects: number;
  shapes: { name: string; bandwidthInMbps: number }[];
  /** Keys are resolved against the ExpressRoute emulator. */
  resolvesAzureKeys: boolean;
}

const GBPS_SHAPES = [1000, 2000, 5000, 10000].map((mbps) => ({ name: `${mbps / 1000} Gbps`, bandwidthInMbps: mbps }));

/** The FastConnect partner catalogue: Microsoft Azure plus two layer-2 partners. */
export const PROVIDER_SERVICES: ProviderService[] = [
  {
    key: "azure",
    providerName: AZURE_PROVIDER.providerName,
    providerServiceName: AZURE_PROVIDER.serviceName,
    description: "Oracle Interconnect for Microsoft Azure (ExpressRoute)",
    type: "LAYER3",
    supportedVirtualCircuitTypes: ["PRIVATE"],
    privatePeeringBgpManagement: "CUSTOMER_MANAGED",
    publicPeeringBgpManagement: "ORACLE_MANAGED",
    customerAsnManagement: "ORACLE_MANAGED",
    providerServiceKeyManagement: "CUSTOMER_MANAGED",
    bandwithShapeManagement: "CUSTOMER_MANAGED",
    requiredTotalCrossConnects: 1,
    shapes: GBPS_SHAPES,
    resolvesAzureKeys: true,
  },
  {
    key: "megaport",
    providerName: "Megaport",
    providerServiceName: "Megaport Cloud Router",
    description: "Megaport",
    type: "LAYER2",
    supportedVirtualCircuitTypes: ["PRIVATE", "PUBLIC"],
    privatePeeringBgpManagement: "CUSTOMER_MANAGED",
    publicPeeringBgpManagement: "CUSTOMER_MANAGED",
    customerAsnManagement: "CUSTOMER_MANAGED",
    providerServiceKeyManagement: "PROVIDER_MANAGED",
    bandwithShapeManagement: "CUSTOMER_MANAGED",
    requiredTotalCrossConnects: 1,
    shapes: [{ name: "500 Mbps", bandwidthInMbps: 500 }, ...GBPS_SHAPES],
    resolvesAzureKeys: false,
  },
  {
    key: "equinix",
    providerName: "Equinix",
    providerServiceName: "Equinix Fabric",
    description: "Equinix Fabric",
    type: "LAYER2",
    supportedVirtualCircuitTypes: ["PRIVATE", "PUBLIC"],
    privatePeeringBgpManagement: "CUSTOMER_MANAGED",
    publicPeeringBgpManagement: "CUSTOMER_MANAGED",
    customerAsnManagement: "CUSTOMER_MANAGED",
    providerServiceKeyManagement: "PROVIDER_MANAGED",
    bandwithShapeManagement: "CUSTOMER_MANAGED",
    requiredTotalCrossConnects: 1,
    shapes: GBPS_SHAPES,
    resolvesAzureKeys: false,
  },
];

/** Stable per region, so restarts and both emulators agree on the ids. */
export function providerServiceId(world: World, service: ProviderService): string {
  return serviceIdIn(requestRegion(world), service);
}

function serviceIdIn(region: string, service: ProviderService): string {
  const unique = createHash("sha256").update(`${region}/${service.key}`).digest("hex").slice(0, 52);
  return `ocid1.providerservice.oc1.${regionKeyOf(region)}.aaaaaaaa${unique}`;
}

let servicesById: Map<string, ProviderService> | undefined;

/** The service behind an id of any region (a virtual circuit keeps its region's id). */
export function findProviderService(_world: World, id: string | undefined): ProviderService | undefined {
  servicesById ??= new Map(knownRegions().flatMap((region) => PROVIDER_SERVICES.map((service) => [serviceIdIn(region, service), service] as const)));
  return id === undefined ? undefined : servicesById.get(id);
}

function render(world: World, service: ProviderService): Record<string, unknown> {
  const { key: _key, shapes: _shapes, resolvesAzureKeys: _resolves, ...wire } = service;
  return { id: providerServiceId(world, service), ...wire };
}

export const listProviderServices: OciHandler = (call) => {
  if (!call.query.get("compartmentId")) throw missingParameter("compartmentId");
  return pageReply(
    PROVIDER_SERVICES.map((service) => render(call.world, service)),
    call.query,
  );
};

function serviceFor(call: Parameters<OciHandler>[0]): ProviderService {
  const service = findProviderService(call.world, param(call, "serviceId"));
  if (!service) throw notFound();
  return service;
}

export const getProviderService: OciHandler = (call) => ({ status: 200, json: render(call.world, serviceFor(call)) });

export const listBandwidthShapes: OciHandler = (call) => pageReply(serviceFor(call).shapes, call.query);

/** The key a customer copied from Azure: resolved against the ExpressRoute circuits. */
export const getProviderServiceKey: OciHandler = (call) => {
  const service = serviceFor(call);
  const key = param(call, "keyName");
  const circuit = service.resolvesAzureKeys ? circuitByServiceKey(call.world, key) : undefined;
  if (!circuit) throw notFound();
  return {
    status: 200,
    json: { name: circuit.serviceKey, bandwidthShapeName: shapeForCircuitBandwidth(circuit.bandwidthInMbps) ?? null, peeringLocation: circuit.peeringLocation },
  };
};

export const listVirtualCircuitBandwidthShapes: OciHandler = (call) => {
  if (!call.query.get("compartmentId")) throw missingParameter("compartmentId");
  return pageReply(GBPS_SHAPES, call.query);
};
