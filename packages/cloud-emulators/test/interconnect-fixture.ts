import type { ExpressRouteCircuit } from "@azure/arm-network";
import type { models } from "oci-core";
import { armId, COMPARTMENT, finish, type Harness, MINUTE, RG } from "./helpers";

export interface AzureSide {
  circuit: ExpressRouteCircuit;
  gatewayId: string;
}

export interface OciSide {
  vcnId: string;
  drgId: string;
  attachmentId: string;
  azureProviderServiceId: string;
}

/** The PUT body of an ExpressRoute circuit with Oracle Cloud FastConnect (Standard, metered) at a bandwidth. */
export const oracleCircuit = (bandwidthInMbps: number) => ({
  location: "eastus",
  sku: { name: "Standard_MeteredData", tier: "Standard" as const, family: "MeteredData" as const },
  serviceProviderProperties: { serviceProviderName: "Oracle Cloud FastConnect", peeringLocation: "Washington DC", bandwidthInMbps },
});

/** Azure half of the seed's Tasks 1-2: VNet with GatewaySubnet, ExpressRoute gateway and circuit. */
export async function buildAzureSide(h: Harness, owner = "erp-db-link"): Promise<AzureSide> {
  await finish(
    h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-app", {
      location: "eastus",
      addressSpace: { addressPrefixes: ["10.10.0.0/16"] },
      subnets: [
        { name: "GatewaySubnet", addressPrefix: "10.10.255.0/27" },
        { name: "app", addressPrefix: "10.10.1.0/24" },
      ],
    }),
    h,
    MINUTE,
  );
  await finish(h.azure.publicIPAddresses.beginCreateOrUpdate(RG, "ergw-pip", { location: "eastus", sku: { name: "Standard" }, publicIPAllocationMethod: "Static" }), h, MINUTE);
  const gatewayPoller = await h.azure.virtualNetworkGateways.beginCreateOrUpdate(RG, "vnet-app-ergw", {
    location: "eastus",
    gatewayType: "ExpressRoute",
    sku: { name: "ErGw1AZ", tier: "ErGw1AZ" },
    ipConfigurations: [{ name: "gwipconfig", subnet: { id: `${armId("virtualNetworks", "vnet-app")}/subnets/GatewaySubnet` }, publicIPAddress: { id: armId("publicIPAddresses", "ergw-pip") } }],
    tags: { interlink: owner },
  });
  const circuit = await finish(
    h.azure.expressRouteCircuits.beginCreateOrUpdate(RG, `${owner}-erc`, { ...oracleCircuit(1000), allowClassicOperations: false, tags: { interlink: owner } }),
    h,
    31 * MINUTE,
  );
  const gateway = await gatewayPoller.pollUntilDone();
  return { circuit, gatewayId: gateway.id ?? "" };
}

/** OCI half: VCN attached to a DRG, and the Microsoft Azure provider service. */
export async function buildOciSide(h: Harness, owner = "erp-db-link"): Promise<OciSide> {
  const tags = { interlink: owner };
  const vcn = await h.oci.createVcn({ createVcnDetails: { compartmentId: COMPARTMENT, cidrBlocks: ["10.20.0.0/16"], displayName: "vcn-db" } });
  const drg = await h.oci.createDrg({ createDrgDetails: { compartmentId: COMPARTMENT, displayName: `${owner}-drg`, freeformTags: tags } });
  await h.emulators.admin.advanceClock(MINUTE);
  const attachment = await h.oci.createDrgAttachment({
    createDrgAttachmentDetails: { drgId: drg.drg.id, displayName: `${owner}-drg-attachment`, networkDetails: { type: "VCN", id: vcn.vcn.id } as models.VcnDrgAttachmentNetworkCreateDetails },
  });
  await h.emulators.admin.advanceClock(MINUTE);
  const services = await h.oci.listFastConnectProviderServices({ compartmentId: COMPARTMENT });
  const azure = services.items.find((service) => service.providerName === "Microsoft Azure");
  return { vcnId: vcn.vcn.id, drgId: drg.drg.id, attachmentId: attachment.drgAttachment.id, azureProviderServiceId: azure?.id ?? "" };
}

export function azureMappings(): models.CrossConnectMapping[] {
  return [
    { oracleBgpPeeringIp: "10.99.0.1/30", customerBgpPeeringIp: "10.99.0.2/30" },
    { oracleBgpPeeringIp: "10.99.0.5/30", customerBgpPeeringIp: "10.99.0.6/30" },
  ];
}

export async function createAzureVirtualCircuit(h: Harness, oci: OciSide, serviceKey: string, overrides: Partial<models.CreateVirtualCircuitDetails> = {}, owner = "erp-db-link") {
  const response = await h.oci.createVirtualCircuit({
    createVirtualCircuitDetails: {
      compartmentId: COMPARTMENT,
      displayName: `${owner}-vc`,
      type: "PRIVATE" as models.CreateVirtualCircuitDetails.Type,
      bandwidthShapeName: "1 Gbps",
      gatewayId: oci.drgId,
      providerServiceId: oci.azureProviderServiceId,
      providerServiceKeyName: serviceKey,
      crossConnectMappings: azureMappings(),
      freeformTags: { interlink: owner },
      ...overrides,
    },
  });
  return { ...response.virtualCircuit, id: response.virtualCircuit.id ?? "" };
}

/** Everything up to BGP UP: both sides, the virtual circuit provisioned, the gateway connection made. */
export async function buildInterconnect(h: Harness, owner = "erp-db-link") {
  const azure = await buildAzureSide(h, owner);
  const oci = await buildOciSide(h, owner);
  const vc = await createAzureVirtualCircuit(h, oci, azure.circuit.serviceKey ?? "", {}, owner);
  await h.emulators.admin.advanceClock(5 * MINUTE);
  const connection = await finish(
    h.azure.virtualNetworkGatewayConnections.beginCreateOrUpdate(RG, `${owner}-erconn`, {
      location: "eastus",
      connectionType: "ExpressRoute",
      virtualNetworkGateway1: { id: azure.gatewayId },
      peer: { id: azure.circuit.id ?? "" },
      routingWeight: 0,
      tags: { interlink: owner },
    }),
    h,
    2 * MINUTE,
  );
  return { azure, oci, vcId: vc.id, connection };
}
