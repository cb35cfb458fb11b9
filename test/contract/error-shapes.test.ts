import path from "node:path";
import { azureNetworkClient } from "@interlink/cloud-emulators";
import { createTestHost, type TestHost } from "@interlink/functions-host/testing";
import { orchestrationClient } from "../../functions/durable-client";
import { classifyCloudError, classifyOperationError, failedOperation, isNotFound, isUnknownInstance } from "../../shared/clouds/errors";
import { isNotReady } from "../../shared/clouds/ports";
import { freePort } from "../support/processes";
import { advance, DEMO, type Harness, MINUTE, startHarness, TAGS, VNET_ID } from "./harness";

const RG = DEMO.resourceGroup;
const circuitModel = {
  location: "eastus",
  sku: { name: "Standard_MeteredData", tier: "Standard" as const, family: "MeteredData" as const },
  serviceProviderProperties: { serviceProviderName: "Oracle Cloud FastConnect", peeringLocation: "Washington DC", bandwidthInMbps: 1000 },
};

/**
 * Every error shape the classifier (shared/clouds/errors.ts) reads, produced by the real SDK against the
 * emulators, so a change in an SDK's shapes fails here rather than in a setup.
 */
describe("SDK error shapes the classifier reads", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(async () => {
    await h.emulators.admin.clearFaults();
  });

  it("when an ARM operation ends Failed, then core-lro's 'The long-running operation has failed. <code>. <message>' reads as that code and message, permanent", async () => {
    await h.emulators.admin.addFault({ match: { op: "expressRouteCircuits.createOrUpdate" }, action: { type: "lroFailed", code: "CircuitProvisioningFailed", message: "The provider refused the circuit." }, times: 1 });
    const poller = await azureNetworkClient(h.emulators.azure, DEMO.subscriptionId).expressRouteCircuits.beginCreateOrUpdate(RG, "shape-erc", circuitModel);
    await advance(h, 5 * MINUTE);
    const error = await poller.pollUntilDone().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^The long-running operation has failed\. CircuitProvisioningFailed\. /);
    expect(failedOperation(error)).toEqual({ code: "CircuitProvisioningFailed", message: "The provider refused the circuit." });
    expect(classifyCloudError(error)).toEqual({ retryable: false, failure: { cloud: "azure", code: "CircuitProvisioningFailed", message: "The provider refused the circuit." } });
  });

  it("when an ARM operation ends Failed because another one holds the resource, then it is retryable and not ready", async () => {
    await h.emulators.admin.addFault({ match: { op: "routeTables.createOrUpdate" }, action: { type: "lroFailed", code: "AnotherOperationInProgress", message: "Another operation on this resource is in progress." }, times: 1 });
    const poller = await azureNetworkClient(h.emulators.azure, DEMO.subscriptionId).routeTables.beginCreateOrUpdate(RG, "shape-rt", { location: "eastus", routes: [] });
    await advance(h, MINUTE);
    const error = await poller.pollUntilDone().catch((caught: unknown) => caught);
    expect(classifyCloudError(error)).toMatchObject({ retryable: true, notReady: true, failure: { cloud: "azure", code: "AnotherOperationInProgress" } });
  });

  it("when ARM accepts a write and its operation ends Failed, then the port returns the operation, and its status is the cloud's code and message, permanent or transient by that code", async () => {
    await h.emulators.admin.addFault({ match: { op: "expressRouteCircuits.createOrUpdate" }, action: { type: "lroFailed", code: "CircuitProvisioningFailed", message: "the provider refused the circuit" }, times: 1 });
    const refused = await h.azure.putExpressRouteCircuit(RG, "shape-failed-erc", { location: "eastus", skuTier: "Standard", skuFamily: "MeteredData", peeringLocation: "Washington DC", bandwidthMbps: 1000, tags: TAGS });
    expect(refused).toEqual({ id: expect.stringContaining("shape-failed-erc"), operation: expect.any(String) });
    // The handle rides in orchestration history: it never carries the resource (nor the circuit's service key).
    expect(refused.operation).not.toMatch(/serviceKey|"result"/i);
    expect(await h.azure.getOperationStatus(refused.operation ?? "")).toEqual({ status: "running" });
    await advance(h, 5 * MINUTE);
    expect(await h.azure.getOperationStatus(refused.operation ?? "")).toEqual({ status: "failed", error: { code: "CircuitProvisioningFailed", message: "the provider refused the circuit" }, retryable: false });
    expect((await h.azure.getExpressRouteCircuit(RG, "shape-failed-erc"))?.provisioningState).toBe("Failed");

    // Microsoft.Network's server-fault codes in a failed operation are worth sending the write again.
    for (const code of ["InternalServerError", "InternalExecutionError", "RetryableError"]) {
      await h.emulators.admin.addFault({ match: { op: "routeTables.createOrUpdate" }, action: { type: "lroFailed", code, message: "Please retry later." }, times: 1 });
      const { operation } = await h.azure.putRouteTable(RG, `shape-${code.toLowerCase()}`, "eastus", [], TAGS);
      await advance(h, MINUTE);
      expect(await h.azure.getOperationStatus(operation ?? "")).toMatchObject({ status: "failed", error: { code }, retryable: true });
    }
    expect(classifyOperationError({ code: "ReferencedResourceNotProvisioned", message: "the subnet is updating" })).toMatchObject({ retryable: true, notReady: true });
  });

  it("when ARM answers a 4xx that carries Retry-After, then it is retryable (ARM's retry contract); without it, a 4xx keeps its code and is permanent", async () => {
    await h.emulators.admin.addFault({ match: { op: "routeTables.createOrUpdate" }, action: { type: "error", status: 409, code: "ExpressRouteCircuitLocked", message: "Try again later.", retryAfterSeconds: 7 }, times: 1 });
    const later = await h.azure.putRouteTable(RG, "shape-later-rt", "eastus", [], TAGS).catch((caught: unknown) => caught);
    expect(classifyCloudError(later)).toMatchObject({ retryable: true, retryAfterMs: 7000, failure: { cloud: "azure", status: 409, code: "ExpressRouteCircuitLocked" } });
    await h.emulators.admin.addFault({ match: { op: "routeTables.createOrUpdate" }, action: { type: "error", status: 400, code: "InvalidRouteNextHop", message: "Bad next hop." }, times: 1 });
    const refused = await h.azure.putRouteTable(RG, "shape-bad-rt", "eastus", [], TAGS).catch((caught: unknown) => caught);
    expect(classifyCloudError(refused)).toEqual({ retryable: false, failure: { cloud: "azure", status: 400, code: "InvalidRouteNextHop", message: "Bad next hop." } });
  });

  it("when ARM answers 409 AnotherOperationInProgress, then the RestError is retryable and not ready", async () => {
    await h.emulators.admin.addFault({ match: { op: "routeTables.createOrUpdate" }, action: { type: "error", status: 409, code: "AnotherOperationInProgress", message: "Operation is in progress on the route table." }, times: 1 });
    const error = await h.azure.putRouteTable(RG, "shape-busy-rt", "eastus", [], TAGS).catch((caught: unknown) => caught);
    expect(classifyCloudError(error)).toMatchObject({ retryable: true, notReady: true, failure: { cloud: "azure", status: 409, code: "AnotherOperationInProgress" } });
  });

  it("when a gateway is put while its GatewaySubnet is still updating, then ARM's ReferencedResourceNotProvisioned is retryable and not ready", async () => {
    await h.azure.ensureSubnet(RG, DEMO.vnet.name, "GatewaySubnet", "10.10.255.0/27");
    const error = await h.azure.putExpressRouteGateway(RG, "shape-ergw", { location: "eastus", gatewaySubnetId: `${VNET_ID}/subnets/GatewaySubnet`, tags: TAGS }).catch((caught: unknown) => caught);
    expect(classifyCloudError(error)).toMatchObject({ retryable: true, notReady: true, failure: { cloud: "azure", status: 400, code: "ReferencedResourceNotProvisioned" } });
    await advance(h, MINUTE);
  });

  it("when the subnet to ensure is being deleted, then the port answers not ready rather than an error", async () => {
    await h.azure.ensureSubnet(RG, DEMO.vnet.name, "GatewaySubnet", "10.10.255.0/27");
    await advance(h, MINUTE);
    await h.azure.deleteSubnet(RG, DEMO.vnet.name, "GatewaySubnet");
    const ensured = await h.azure.ensureSubnet(RG, DEMO.vnet.name, "GatewaySubnet", "10.10.255.0/27");
    expect(isNotReady(ensured) && ensured.notReady).toBe("the subnet GatewaySubnet is being deleted");
    await advance(h, MINUTE);
    expect(await h.azure.ensureSubnet(RG, DEMO.vnet.name, "GatewaySubnet", "10.10.255.0/27")).toMatchObject({ created: true });
    await advance(h, MINUTE);
  });

  it("when an OCI DRG attachment is created while the DRG is still provisioning, then the 409 IncorrectState is retryable and not ready", async () => {
    const drg = await h.clouds.oci.createDrg(DEMO.compartmentId, "shape-drg", TAGS, "token-shape-drg");
    const error = await h.clouds.oci.createDrgAttachment(drg.id, DEMO.vcn.id, "shape-attachment", TAGS, "token-shape-attachment").catch((caught: unknown) => caught);
    expect(classifyCloudError(error)).toMatchObject({ retryable: true, notReady: true, failure: { cloud: "oci", status: 409, code: "IncorrectState" } });
    await advance(h, MINUTE);
    await h.clouds.oci.deleteDrg(drg.id);
  });

  it("when either SDK reads something that is not there, then its 404 is recognised as not found, and other refusals are not", async () => {
    const arm = await azureNetworkClient(h.emulators.azure, DEMO.subscriptionId).virtualNetworks.get(RG, "no-such-vnet").catch((caught: unknown) => caught);
    expect(isNotFound(arm)).toBe(true);
    expect(classifyCloudError(arm)).toMatchObject({ retryable: false, failure: { cloud: "azure", status: 404 } });
    await h.emulators.admin.addFault({ match: { op: "getDrg" }, action: { type: "error", status: 404, code: "NotAuthorizedOrNotFound" }, times: 1 });
    expect(await h.clouds.oci.getDrg(DEMO.drg.id)).toBeNull();
    await h.emulators.admin.addFault({ match: { op: "virtualNetworks.get" }, action: { type: "error", status: 403, code: "AuthorizationFailed" }, times: 1 });
    const refused = await azureNetworkClient(h.emulators.azure, DEMO.subscriptionId, { maxRetries: 0 }).virtualNetworks.get(RG, DEMO.vnet.name).catch((caught: unknown) => caught);
    expect(isNotFound(refused)).toBe(false);
  });

  it("when ARM cannot be reached at all, then the connection failure is retryable", async () => {
    const closed = await freePort();
    const client = azureNetworkClient({ endpoint: `https://127.0.0.1:${closed}`, ca: h.emulators.azure.ca }, DEMO.subscriptionId, { maxRetries: 0 });
    const error = await client.virtualNetworks.get(RG, DEMO.vnet.name).catch((caught: unknown) => caught);
    expect(classifyCloudError(error)).toMatchObject({ retryable: true, failure: { cloud: "interlink", code: "ECONNREFUSED" } });
  });
});

describe("DurableClient error shapes", () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await createTestHost({ appRoot: path.resolve(__dirname, "../.."), entry: "functions/index.ts", triggers: false });
  });
  afterAll(async () => {
    await host?.dispose();
  });

  it("when the status of an unknown instance is asked, then DurableClient throws its HTTP 404 error, which the orchestration port turns into null", async () => {
    const error = await host.client.getStatus("no-such-instance").catch((caught: unknown) => caught);
    expect(isUnknownInstance(error)).toBe(true);
    expect(await orchestrationClient(host.client).getStatus("no-such-instance")).toBeNull();
    expect(isUnknownInstance(new Error("the upstream answered HTTP 404"))).toBe(false);
  });
});
