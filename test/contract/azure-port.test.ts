import { classifyCloudError } from "../../shared/clouds/errors";
import { type AzureSecurityRule } from "../../shared/domain/security";
import { advance, DEMO, type Harness, MINUTE, startHarness, TAGS, VNET_ID } from "./harness";

const RG = DEMO.resourceGroup;
const rule = (name: string, priority: number): AzureSecurityRule => ({
  name,
  priority,
  direction: "Inbound",
  access: "Allow",
  protocol: "Tcp",
  sourceAddressPrefixes: ["10.20.0.0/16"],
  destinationAddressPrefixes: ["10.10.0.0/16"],
  sourcePortRange: "*",
  destinationPortRange: "1521",
});

describe("AzureNetworkPort against the ARM emulator (real @azure/arm-network over HTTPS)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("when the VNet exists, then its address spaces and subnets are read; a missing one is null", async () => {
    const vnet = await h.azure.getVirtualNetwork(RG, DEMO.vnet.name);
    expect(vnet).toMatchObject({ id: VNET_ID, location: "eastus", addressSpaces: ["10.10.0.0/16"] });
    expect(vnet?.subnets.map((subnet) => subnet.name)).toEqual(["app"]);
    expect(await h.azure.getVirtualNetwork(RG, "no-such-vnet")).toBeNull();
  });

  it("when a write is submitted, then only its initial request reaches ARM (the SDK's first poll is not sent), and its operation is read when asked", async () => {
    await h.emulators.admin.clearJournal();
    const started = await h.azure.putRouteTable(RG, "contract-one-request", "eastus", [], TAGS);
    expect((await h.emulators.admin.journal()).map((entry) => `${entry.method} ${entry.op ?? ""}`)).toEqual(["PUT routeTables.createOrUpdate"]);
    expect(started.operation).toEqual(expect.any(String));
    expect(await h.azure.getOperationStatus(started.operation ?? "")).toMatchObject({ status: "running" });
    await advance(h, MINUTE);
    expect(await h.azure.getOperationStatus(started.operation ?? "")).toMatchObject({ status: "succeeded" });
    expect((await h.azure.deleteRouteTable(RG, "contract-one-request")).operation).toEqual(expect.any(String));
  });

  it("when a delete follows a read that found the resource, then only the DELETE is sent; otherwise the resource is read first, and a missing one is not deleted", async () => {
    await h.azure.putRouteTable(RG, "contract-just-read", "eastus", [], TAGS);
    await advance(h, MINUTE);
    await h.emulators.admin.clearJournal();
    expect(await h.azure.deleteRouteTable(RG, "contract-just-read", { justRead: true })).toMatchObject({ existed: true, operation: expect.any(String) });
    expect((await h.emulators.admin.journal()).map((entry) => `${entry.method} ${entry.op ?? ""}`)).toEqual(["DELETE routeTables.delete"]);
    await advance(h, MINUTE);
    await h.emulators.admin.clearJournal();
    expect(await h.azure.deleteRouteTable(RG, "contract-just-read")).toEqual({ existed: false });
    expect((await h.emulators.admin.journal()).map((entry) => `${entry.method} ${entry.op ?? ""} ${entry.status}`)).toEqual(["GET routeTables.get 404"]);
  });

  it("when the GatewaySubnet is ensured twice, then it is created once and the app subnet is untouched", async () => {
    expect(await h.azure.ensureSubnet(RG, DEMO.vnet.name, "GatewaySubnet", "10.10.255.0/27")).toMatchObject({ created: true });
    await advance(h, MINUTE);
    expect(await h.azure.ensureSubnet(RG, DEMO.vnet.name, "GatewaySubnet", "10.10.255.0/27")).toMatchObject({ created: false });
    const vnet = await h.azure.getVirtualNetwork(RG, DEMO.vnet.name);
    expect(vnet?.subnets.map((subnet) => `${subnet.name} ${subnet.addressPrefix}`).sort()).toEqual(["GatewaySubnet 10.10.255.0/27", "app 10.10.1.0/24"]);
  });

  it("when an NSG is put with rules and a subnet associated, then rules and association read back; rule and NSG deletes clean up", async () => {
    const { id } = await h.azure.putNetworkSecurityGroup(RG, "contract-nsg", "eastus", [rule("r1", 100)], TAGS);
    await advance(h, MINUTE);
    await h.azure.putSecurityRule(RG, "contract-nsg", rule("r2", 110));
    await advance(h, MINUTE);
    await h.azure.associateSubnet(RG, DEMO.vnet.name, "app", { networkSecurityGroupId: id });
    await advance(h, MINUTE);
    const nsg = await h.azure.getNetworkSecurityGroup(RG, "contract-nsg");
    expect(nsg?.rules.map((entry) => `${entry.name}:${entry.priority}:${entry.sourceAddressPrefixes.join()}`).sort()).toEqual(["r1:100:10.20.0.0/16", "r2:110:10.20.0.0/16"]);
    expect(nsg?.tags).toEqual(TAGS);
    expect((await h.azure.getVirtualNetwork(RG, DEMO.vnet.name))?.subnets.find((subnet) => subnet.name === "app")?.networkSecurityGroupId).toBe(id);

    expect(await h.azure.deleteSecurityRule(RG, "contract-nsg", "r2")).toEqual({ existed: true, operation: expect.any(String) });
    await advance(h, MINUTE);
    expect(await h.azure.deleteSecurityRule(RG, "contract-nsg", "r2")).toEqual({ existed: false });
    await h.azure.associateSubnet(RG, DEMO.vnet.name, "app", { networkSecurityGroupId: null });
    await advance(h, MINUTE);
    expect(await h.azure.deleteNetworkSecurityGroup(RG, "contract-nsg")).toEqual({ existed: true, operation: expect.any(String) });
    await advance(h, MINUTE);
    expect(await h.azure.getNetworkSecurityGroup(RG, "contract-nsg")).toBeNull();
  });

  it("when a route table is put with a None route, then it reads back and deletes", async () => {
    await h.azure.putRouteTable(RG, "contract-rt", "eastus", [{ name: "blackhole", addressPrefix: "10.20.0.0/16", nextHopType: "None" }], TAGS);
    await advance(h, MINUTE);
    expect((await h.azure.getRouteTable(RG, "contract-rt"))?.routes).toEqual([{ name: "blackhole", addressPrefix: "10.20.0.0/16", nextHopType: "None" }]);
    expect(await h.azure.deleteRouteTable(RG, "contract-rt")).toEqual({ existed: true, operation: expect.any(String) });
    await advance(h, MINUTE);
    expect(await h.azure.deleteRouteTable(RG, "contract-rt")).toEqual({ existed: false });
  });

  it("when a circuit is put, then it reads NotProvisioned with a service key that only getServiceKey returns; bandwidth changes in place", async () => {
    const spec = { location: "eastus", skuTier: "Standard", skuFamily: "MeteredData", peeringLocation: "Washington DC", bandwidthMbps: 1000, tags: TAGS };
    await h.azure.putExpressRouteCircuit(RG, "contract-erc", spec);
    expect((await h.azure.getExpressRouteCircuit(RG, "contract-erc"))?.provisioningState).toBe("Updating");
    await advance(h, 5 * MINUTE);
    const circuit = await h.azure.getExpressRouteCircuit(RG, "contract-erc");
    expect(circuit).toMatchObject({ provisioningState: "Succeeded", serviceProviderProvisioningState: "NotProvisioned", bandwidthMbps: 1000, skuName: "Standard_MeteredData", privatePeering: null, tags: TAGS });
    expect(JSON.stringify(circuit)).not.toMatch(/serviceKey/);
    expect(await h.azure.getServiceKey(RG, "contract-erc")).toMatch(/^[0-9a-f-]{36}$/);
    await h.azure.setCircuitBandwidth(RG, "contract-erc", 2000);
    await advance(h, 5 * MINUTE);
    expect((await h.azure.getExpressRouteCircuit(RG, "contract-erc"))?.bandwidthMbps).toBe(2000);
    const deletion = await h.azure.startDeleteExpressRouteCircuit(RG, "contract-erc");
    expect(deletion.existed).toBe(true);
    await advance(h, 5 * MINUTE);
    expect(await h.azure.getOperationStatus(deletion.operation ?? "")).toEqual({ status: "succeeded" });
    expect(await h.azure.startDeleteExpressRouteCircuit(RG, "contract-erc")).toEqual({ existed: false, operation: null });
  });

  it("when an ExpressRoute gateway is put in the GatewaySubnet, then it is found by VNet whatever its name", async () => {
    await h.azure.ensureSubnet(RG, DEMO.vnet.name, "GatewaySubnet", "10.10.255.0/27");
    await advance(h, MINUTE);
    expect(await h.azure.findExpressRouteGateway(RG, VNET_ID)).toBeNull();
    await h.azure.putExpressRouteGateway(RG, "any-name-gw", { location: "eastus", gatewaySubnetId: `${VNET_ID}/subnets/GatewaySubnet`, tags: TAGS });
    expect((await h.azure.getVirtualNetworkGateway(RG, "any-name-gw"))?.provisioningState).toBe("Updating");
    await advance(h, 31 * MINUTE);
    expect(await h.azure.findExpressRouteGateway(RG, VNET_ID)).toMatchObject({ name: "any-name-gw", provisioningState: "Succeeded", gatewayType: "ExpressRoute", tags: TAGS });
    expect(await h.azure.listGatewayConnections(RG, "any-name-gw")).toEqual([]);
  });

  it("when the gateway's own public IP is put, then its one create request carries the owner tags; it reads back unused and deletes", async () => {
    const journalBefore = (await h.emulators.admin.journal({ cloud: "azure" })).length;
    const put = await h.azure.putPublicIp(RG, "contract-pip", { location: "eastus", tags: TAGS });
    await advance(h, MINUTE);
    // One write, the create itself: the tags cannot have come from a later update.
    const writes = (await h.emulators.admin.journal({ cloud: "azure" })).slice(journalBefore).filter((entry) => entry.method !== "GET");
    expect(writes.map((entry) => entry.op)).toEqual(["publicIPAddresses.createOrUpdate"]);
    expect(await h.azure.getPublicIp(RG, "contract-pip")).toEqual({ id: put.id, provisioningState: "Succeeded", ipAddress: expect.any(String), tags: TAGS });
    expect(await h.azure.deletePublicIp(RG, "contract-pip")).toMatchObject({ existed: true });
    await advance(h, MINUTE);
    expect(await h.azure.getPublicIp(RG, "contract-pip")).toBeNull();
  });

  it("when a connection targets a circuit the provider has not provisioned, then ARM refuses it and the refusal is permanent", async () => {
    await h.azure.putExpressRouteCircuit(RG, "early-erc", { location: "eastus", skuTier: "Standard", skuFamily: "MeteredData", peeringLocation: "Washington DC", bandwidthMbps: 1000, tags: TAGS });
    await advance(h, 5 * MINUTE);
    const circuit = await h.azure.getExpressRouteCircuit(RG, "early-erc");
    const gateway = await h.azure.findExpressRouteGateway(RG, VNET_ID);
    const error = await h.azure.putExpressRouteConnection(RG, "early-conn", { location: "eastus", gatewayId: gateway?.id ?? "", circuitId: circuit?.id ?? "", tags: TAGS }).catch((caught: unknown) => caught);
    expect(classifyCloudError(error)).toMatchObject({ retryable: false, failure: { cloud: "azure", status: 400 } });
    expect(await h.azure.getConnection(RG, "early-conn")).toBeNull();
  });

  it("when a PUT's operation ends Failed, then its handle says why: a transient code is retryable, a permanent one is not; the handle holds no resource body", async () => {
    const spec = { location: "eastus", skuTier: "Standard", skuFamily: "MeteredData", peeringLocation: "Washington DC", bandwidthMbps: 1000, tags: TAGS };
    await h.emulators.admin.addFault({ match: { op: "expressRouteCircuits.createOrUpdate" }, action: { type: "lroFailed", code: "InternalServerError", message: "An error occurred." }, times: 1 });
    const transient = await h.azure.putExpressRouteCircuit(RG, "lro-erc", spec);
    expect(transient.operation).toEqual(expect.any(String));
    expect(transient.operation).not.toMatch(/serviceKey|properties/);
    expect(await h.azure.getOperationStatus(transient.operation ?? "")).toEqual({ status: "running" });
    await advance(h, 5 * MINUTE);
    expect(await h.azure.getOperationStatus(transient.operation ?? "")).toEqual({ status: "failed", error: { code: "InternalServerError", message: "An error occurred." }, retryable: true });

    // The same PUT again builds it.
    const again = await h.azure.putExpressRouteCircuit(RG, "lro-erc", spec);
    await advance(h, 5 * MINUTE);
    expect(await h.azure.getOperationStatus(again.operation ?? "")).toEqual({ status: "succeeded" });
    expect((await h.azure.getExpressRouteCircuit(RG, "lro-erc"))?.provisioningState).toBe("Succeeded");

    await h.emulators.admin.addFault({ match: { op: "expressRouteCircuits.createOrUpdate" }, action: { type: "lroFailed", code: "ServiceProviderNotAvailable", message: "No provider here." }, times: 1 });
    const permanent = await h.azure.putExpressRouteCircuit(RG, "lro-erc-2", spec);
    await advance(h, 5 * MINUTE);
    expect(await h.azure.getOperationStatus(permanent.operation ?? "")).toEqual({ status: "failed", error: { code: "ServiceProviderNotAvailable", message: "No provider here." }, retryable: false });
  });
});
