import { azureNetworkClient, DEMO, ociVirtualNetworkClient } from "@interlink/cloud-emulators";
import { type models } from "oci-core";
import { specHash } from "../../shared/domain/fingerprint";
import { InventoryRecord } from "../../shared/domain/inventory";
import { resourceNames } from "../../shared/domain/naming";
import { planSecurityRules } from "../../shared/domain/security";
import { SetupRequest } from "../../shared/domain/setup-request";
import { TableInventoryStore } from "../../shared/inventory/table-store";
import designExample from "../../test/fixtures/design-example.json";
import { type HealthReport } from "../../shared/domain/health";
import { type InProcessStack } from "../../test/support/in-process-stack";

const MINUTE = 60_000;

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    for (let index = next++; index < items.length; index = next++) await work(items[index] as T);
  }));
}

/** The shared parts every seeded interconnect uses: the VNet's gateway and the VCN's DRG attachment. */
const advance = (stack: InProcessStack, ms: number) => stack.host.clock.advance(ms);

export async function seedShared(stack: InProcessStack): Promise<void> {
  const azure = azureNetworkClient(stack.emulators.azure, DEMO.subscriptionId);
  const oci = ociVirtualNetworkClient(stack.emulators.oci);
  await azure.subnets.beginCreateOrUpdate(DEMO.resourceGroup, DEMO.vnet.name, "GatewaySubnet", { addressPrefix: "10.10.255.0/27" });
  await advance(stack, MINUTE);
  const vnetId = `/subscriptions/${DEMO.subscriptionId}/resourceGroups/${DEMO.resourceGroup}/providers/Microsoft.Network/virtualNetworks/${DEMO.vnet.name}`;
  await azure.virtualNetworkGateways
    .beginCreateOrUpdate(DEMO.resourceGroup, "vnet-app-ergw", { location: DEMO.location, gatewayType: "ExpressRoute", sku: { name: "ErGw1AZ", tier: "ErGw1AZ" }, ipConfigurations: [{ name: "gwipconfig", subnet: { id: `${vnetId}/subnets/GatewaySubnet` } }] });
  await oci.createDrgAttachment({ createDrgAttachmentDetails: { drgId: DEMO.drg.id, displayName: "bench-attachment", networkDetails: { type: "VCN", id: DEMO.vcn.id } as models.VcnDrgAttachmentNetworkCreateDetails } });
  await advance(stack, 40 * MINUTE);
}

/**
 * Interconnects as a finished setup leaves them, written straight into the emulators and the inventory
 * (through the SDKs, without the orchestrations, so seeding thousands stays quick): circuit, virtual
 * circuit and connection up, both NSGs with the planned rules, and an inventory record carrying the report
 * `lastHealth` gives it (what a check finds, so a sweep measures checking, not a first wave of alerts).
 */
export async function seedInterconnects(stack: InProcessStack, names: string[], lastHealth?: (name: string) => HealthReport): Promise<void> {
  const azure = azureNetworkClient(stack.emulators.azure, DEMO.subscriptionId, { maxRetries: 5 });
  const oci = ociVirtualNetworkClient(stack.emulators.oci, { maxAttempts: 5 });
  const inventory = TableInventoryStore.fromConnectionString(stack.azurite.connectionString);
  const provider = (await oci.listFastConnectProviderServices({ compartmentId: DEMO.compartmentId })).items.find((service) => service.providerName === "Microsoft Azure");
  const gatewayId = `/subscriptions/${DEMO.subscriptionId}/resourceGroups/${DEMO.resourceGroup}/providers/Microsoft.Network/virtualNetworkGateways/vnet-app-ergw`;
  const requests = new Map(names.map((name) => [name, SetupRequest.parse({ ...designExample, name })]));
  const state = new Map<string, { vcId: string; nsgId: string }>();

  await inParallel(names, 16, async (name) => {
    const resourceNamesOf = resourceNames(name, DEMO.vnet.name);
    const tags = { interlink: name };
    await azure.expressRouteCircuits
      .beginCreateOrUpdate(DEMO.resourceGroup, resourceNamesOf.expressRouteCircuit, {
        location: DEMO.location,
        tags,
        sku: { name: "Standard_MeteredData", tier: "Standard", family: "MeteredData" },
        serviceProviderProperties: { serviceProviderName: "Oracle Cloud FastConnect", peeringLocation: "Washington DC", bandwidthInMbps: 1000 },
      });
  });
  // The provider only takes a circuit ARM has finished creating.
  await advance(stack, 5 * MINUTE);

  await inParallel(names, 16, async (name) => {
    const request = requests.get(name) as SetupRequest;
    const resourceNamesOf = resourceNames(name, DEMO.vnet.name);
    const tags = { interlink: name };
    const circuit = await azure.expressRouteCircuits.get(DEMO.resourceGroup, resourceNamesOf.expressRouteCircuit);
    const vc = await oci.createVirtualCircuit({
      createVirtualCircuitDetails: {
        compartmentId: DEMO.compartmentId,
        displayName: resourceNamesOf.virtualCircuit,
        type: "PRIVATE" as models.CreateVirtualCircuitDetails.Type,
        bandwidthShapeName: "1 Gbps",
        gatewayId: DEMO.drg.id,
        providerServiceId: provider?.id ?? "",
        providerServiceKeyName: circuit.serviceKey ?? "",
        crossConnectMappings: [
          { oracleBgpPeeringIp: "10.99.0.1/30", customerBgpPeeringIp: "10.99.0.2/30" },
          { oracleBgpPeeringIp: "10.99.0.5/30", customerBgpPeeringIp: "10.99.0.6/30" },
        ],
        freeformTags: tags,
      },
    });
    const plan = planSecurityRules({ name, vnetCidrs: [DEMO.vnet.addressSpace], vcnCidrs: [DEMO.vcn.cidr], peeredVcnCidrs: [], traffic: request.traffic });
    await azure.networkSecurityGroups.beginCreateOrUpdate(DEMO.resourceGroup, resourceNamesOf.azureNetworkSecurityGroup, {
      location: DEMO.location,
      tags,
      securityRules: plan.azure.map((rule) => ({ name: rule.name, priority: rule.priority, direction: rule.direction, access: rule.access, protocol: rule.protocol, sourcePortRange: "*", destinationPortRange: rule.destinationPortRange, sourceAddressPrefixes: rule.sourceAddressPrefixes, destinationAddressPrefixes: rule.destinationAddressPrefixes })),
    });
    const nsg = await oci.createNetworkSecurityGroup({ createNetworkSecurityGroupDetails: { compartmentId: DEMO.compartmentId, vcnId: DEMO.vcn.id, displayName: resourceNamesOf.ociNetworkSecurityGroup, freeformTags: tags } });
    state.set(name, { vcId: vc.virtualCircuit.id ?? "", nsgId: nsg.networkSecurityGroup.id });
  });
  await advance(stack, 10 * MINUTE);

  const records = new Map<string, InventoryRecord>();
  await inParallel(names, 16, async (name) => {
    const resourceNamesOf = resourceNames(name, DEMO.vnet.name);
    const seeded = state.get(name) ?? { vcId: "", nsgId: "" };
    const request = requests.get(name) as SetupRequest;
    const plan = planSecurityRules({ name, vnetCidrs: [DEMO.vnet.addressSpace], vcnCidrs: [DEMO.vcn.cidr], peeredVcnCidrs: [], traffic: request.traffic });
    const circuitId = `/subscriptions/${DEMO.subscriptionId}/resourceGroups/${DEMO.resourceGroup}/providers/Microsoft.Network/expressRouteCircuits/${resourceNamesOf.expressRouteCircuit}`;
    await azure.virtualNetworkGatewayConnections
      .beginCreateOrUpdate(DEMO.resourceGroup, resourceNamesOf.gatewayConnection, { location: DEMO.location, tags: { interlink: name }, connectionType: "ExpressRoute", virtualNetworkGateway1: { id: gatewayId }, peer: { id: circuitId }, routingWeight: 0 });
    await oci.addNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: seeded.nsgId, addNetworkSecurityGroupSecurityRulesDetails: { securityRules: plan.oci as unknown as models.AddSecurityRuleDetails[] } });
    const now = stack.host.clock.now().toISOString();
    const record: InventoryRecord = InventoryRecord.parse({
      name,
      state: "Active",
      sequence: 1,
      spec: request,
      specHash: specHash(request),
      resources: { virtualCircuitId: seeded.vcId, ociNetworkSecurityGroupId: seeded.nsgId, drgId: DEMO.drg.id },
      operations: [],
      steps: [],
      warnings: [],
      // Seeded without the per-interconnect VCN route rule: a check finds it degraded.
      ...(lastHealth ? { lastHealth: lastHealth(name) } : {}),
      createdAt: now,
      updatedAt: now,
    });
    records.set(name, record);
  });
  await inventory.updateMany(new Map([...records].map(([name, record]) => [name, () => record])));
  await advance(stack, 5 * MINUTE);
}

/**
 * More interconnects like `template` (seeded by seedInterconnects and settled): its resources copied in the emulators
 * in one admin request, and its inventory record copied in batched writes, each with its own name, OCIDs and report.
 */
export async function cloneInterconnects(stack: InProcessStack, template: string, names: string[], lastHealth: (name: string) => HealthReport): Promise<void> {
  const inventory = TableInventoryStore.fromConnectionString(stack.azurite.connectionString);
  const original = await inventory.get(template);
  if (!original) throw new Error(`seed ${template} first`);
  const { copies } = await stack.emulators.admin.cloneResources(template, names);
  const text = JSON.stringify(original);
  const records = new Map<string, InventoryRecord>();
  for (const name of names) {
    let copied = text.replaceAll(template, name);
    for (const [from, to] of Object.entries(copies[name] ?? {})) copied = copied.replaceAll(from, to);
    const record = JSON.parse(copied) as InventoryRecord;
    records.set(name, { ...record, specHash: specHash(record.spec), lastHealth: lastHealth(name) });
  }
  await inventory.updateMany(new Map([...records].map(([name, record]) => [name, () => record])));
}
