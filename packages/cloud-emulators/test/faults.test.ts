import { COMPARTMENT, finish, type Harness, MINUTE, RG, startHarness } from "./helpers";
import { buildAzureSide, buildInterconnect, buildOciSide, createAzureVirtualCircuit } from "./interconnect-fixture";

function vnetBody(prefix = "10.1.0.0/16") {
  return { location: "eastus", addressSpace: { addressPrefixes: [prefix] } };
}

describe("fault injection", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });
  beforeEach(async () => {
    await h.emulators.admin.reset();
  });

  it("when ARM throttles with retry-after, then the SDK waits and retries; without it, the 429 reaches the caller", async () => {
    await finish(h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-a", vnetBody()), h, MINUTE);
    await h.emulators.admin.clearJournal();
    const rule = await h.emulators.admin.addFault({ id: "throttle", match: { cloud: "azure", op: "virtualNetworks.get" }, action: { type: "throttle", retryAfterMs: 10 }, times: 2 });
    expect((await h.azure.virtualNetworks.get(RG, "vnet-a")).name).toBe("vnet-a");
    expect((await h.emulators.admin.journal({ op: "virtualNetworks.get" })).map((entry) => entry.status)).toEqual([429, 429, 200]);
    expect((await h.emulators.admin.faults()).find((item) => item.id === rule.id)?.hits).toBe(2);

    await h.emulators.admin.addFault({ match: { cloud: "azure", method: "GET", path: "/virtualNetworks/vnet-a$" }, action: { type: "throttle" }, times: 1 });
    await expect(h.azure.virtualNetworks.get(RG, "vnet-a")).rejects.toMatchObject({ statusCode: 429, code: "SubscriptionRequestsThrottled" });
  });

  it("when OCI throttles, then the SDK retries the 429 TooManyRequests", async () => {
    await h.emulators.admin.addFault({ match: { cloud: "oci", op: "listVcns" }, action: { type: "throttle" }, times: 2 });
    await h.oci.listVcns({ compartmentId: COMPARTMENT });
    const entries = await h.emulators.admin.journal({ op: "listVcns" });
    expect(entries.map((entry) => `${entry.status}:${entry.errorCode ?? ""}`)).toEqual(["429:TooManyRequests", "429:TooManyRequests", "200:"]);
  });

  it("when a 500 comes before the change, then nothing is stored and the SDK retry succeeds", async () => {
    await h.emulators.admin.addFault({ match: { op: "virtualNetworks.createOrUpdate" }, action: { type: "error", status: 500 }, times: 1 });
    const vnet = await finish(h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-a", vnetBody()), h, MINUTE);
    expect(vnet.provisioningState).toBe("Succeeded");
    expect((await h.emulators.admin.journal({ op: "virtualNetworks.createOrUpdate" })).map((entry) => entry.status)).toEqual([500, 201]);
  });

  it("when a 500 comes after the change was stored, then retries are idempotent: OCI replays the retry token, ARM joins the running PUT", async () => {
    await h.emulators.admin.addFault({ match: { op: "createVcn" }, action: { type: "error", status: 500, phase: "after" }, times: 1 });
    const vcn = await h.oci.createVcn({ createVcnDetails: { compartmentId: COMPARTMENT, cidrBlocks: ["10.20.0.0/16"] } });
    expect((await h.oci.listVcns({ compartmentId: COMPARTMENT })).items.map((item) => item.id)).toEqual([vcn.vcn.id]);

    await h.emulators.admin.addFault({ match: { op: "virtualNetworks.createOrUpdate" }, action: { type: "error", status: 500, phase: "after" }, times: 1 });
    const vnet = await finish(h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-a", vnetBody()), h, MINUTE);
    expect(vnet.provisioningState).toBe("Succeeded");
    expect((await h.emulators.admin.journal({ op: "virtualNetworks.createOrUpdate" })).map((entry) => entry.status)).toEqual([500, 200]);
    await expect(h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-b", vnetBody())).resolves.toBeDefined();
    await expect(h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-b", vnetBody("10.9.0.0/16"))).rejects.toMatchObject({ statusCode: 409, code: "AnotherOperationInProgress" });
  });

  it("when provisioning is slowed or stuck, then the resource takes longer or never leaves its transitional state", async () => {
    await h.emulators.admin.addFault({ match: { op: "virtualNetworks.createOrUpdate", resourceName: "slow-*" }, action: { type: "slowProvisioning", factor: 10 } });
    await h.emulators.admin.addFault({ match: { op: "createDrg" }, action: { type: "stuckProvisioning" } });
    const poller = await h.azure.virtualNetworks.beginCreateOrUpdate(RG, "slow-vnet", vnetBody());
    await h.emulators.admin.advanceClock(30_000);
    expect((await h.azure.virtualNetworks.get(RG, "slow-vnet")).provisioningState).toBe("Updating");
    const drg = await h.oci.createDrg({ createDrgDetails: { compartmentId: COMPARTMENT } });
    await h.emulators.admin.advanceClock(24 * 60 * MINUTE);
    expect((await poller.pollUntilDone()).provisioningState).toBe("Succeeded");
    expect((await h.oci.getDrg({ drgId: drg.drg.id })).drg.lifecycleState).toBe("PROVISIONING");
  });

  it("when an LRO is made to fail, then the poller throws with the code and the resource is Failed", async () => {
    await h.emulators.admin.addFault({ match: { op: "virtualNetworks.createOrUpdate" }, action: { type: "lroFailed", code: "InternalServerError", message: "simulated failure" } });
    await expect(finish(h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-a", vnetBody()), h, MINUTE)).rejects.toThrow("The long-running operation has failed. InternalServerError. simulated failure");
    expect((await h.azure.virtualNetworks.get(RG, "vnet-a")).provisioningState).toBe("Failed");
  });

  it("when validation arrives late, then a refused create is accepted (201), its LRO fails with the same code and the resource is kept Failed until deleted", async () => {
    await h.emulators.admin.addFault({ match: { op: "virtualNetworks.createOrUpdate" }, action: { type: "lateValidation" } });
    const immediate = await h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-bad", { ...vnetBody("10.1.0.0/33"), tags: { interlink: "late-link" } }).then(
      () => "accepted",
      (error: unknown) => error,
    );
    expect(immediate).toBe("accepted");
    expect((await h.emulators.admin.journal({ op: "virtualNetworks.createOrUpdate" })).map((entry) => entry.status)).toEqual([201]);
    expect((await h.azure.virtualNetworks.get(RG, "vnet-bad")).provisioningState).toBe("Updating");
    await expect(finish(h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-bad", { ...vnetBody("10.1.0.0/33"), tags: { interlink: "late-link" } }), h, MINUTE)).rejects.toThrow(
      /^The long-running operation has failed\. InvalidAddressPrefixFormat\./,
    );
    const failed = await h.azure.virtualNetworks.get(RG, "vnet-bad");
    expect(failed).toMatchObject({ provisioningState: "Failed", addressSpace: { addressPrefixes: ["10.1.0.0/33"] }, tags: { interlink: "late-link" } });
    const listed = [];
    for await (const vnet of h.azure.virtualNetworks.list(RG)) listed.push(vnet.name);
    expect(listed).toContain("vnet-bad");
    expect((await h.emulators.admin.orphans()).map((orphan) => orphan.name)).toEqual(["vnet-bad"]);
    await finish(h.azure.virtualNetworks.beginDelete(RG, "vnet-bad"), h, MINUTE);
    await expect(h.azure.virtualNetworks.get(RG, "vnet-bad")).rejects.toMatchObject({ statusCode: 404 });
    expect(await h.emulators.admin.orphans()).toEqual([]);
  });

  it("when validation arrives late, then an invalid change of an existing resource ends Failed with its properties unchanged, and a refused delete leaves the resource as it was", async () => {
    const { azure } = await buildInterconnect(h);
    await h.emulators.admin.addFault({ match: { cloud: "azure" }, action: { type: "lateValidation" } });
    const smaller = {
      location: "eastus",
      sku: { name: "Standard_MeteredData", tier: "Standard" as const, family: "MeteredData" as const },
      serviceProviderProperties: { serviceProviderName: "Oracle Cloud FastConnect", peeringLocation: "Washington DC", bandwidthInMbps: 500 },
    };
    await expect(finish(h.azure.expressRouteCircuits.beginCreateOrUpdate(RG, "erp-db-link-erc", smaller), h, MINUTE)).rejects.toThrow(/CircuitBandwidthDecreaseNotAllowed/);
    expect(await h.azure.expressRouteCircuits.get(RG, "erp-db-link-erc")).toMatchObject({ provisioningState: "Failed", serviceProviderProperties: { bandwidthInMbps: 1000 } });

    const gatewayName = azure.gatewayId.split("/").pop() ?? "";
    await expect(finish(h.azure.virtualNetworkGateways.beginDelete(RG, gatewayName), h, MINUTE)).rejects.toThrow(/^The long-running operation has failed\. \w+\./);
    expect((await h.emulators.admin.journal({ op: "virtualNetworkGateways.delete" })).map((entry) => entry.status)).toEqual([202]);
    expect((await h.azure.virtualNetworkGateways.get(RG, gatewayName)).provisioningState).toBe("Succeeded");
  });

  it("when the provider is made to reject the virtual circuit, then it ends FAILED and the circuit returns to NotProvisioned", async () => {
    const azure = await buildAzureSide(h);
    const oci = await buildOciSide(h);
    await h.emulators.admin.addFault({ match: { op: "createVirtualCircuit" }, action: { type: "virtualCircuitFailed" } });
    const vc = await createAzureVirtualCircuit(h, oci, azure.circuit.serviceKey ?? "");
    await h.emulators.admin.advanceClock(MINUTE);
    expect((await h.azure.expressRouteCircuits.get(RG, "erp-db-link-erc")).serviceProviderProvisioningState).toBe("Provisioning");
    await h.emulators.admin.advanceClock(5 * MINUTE);
    expect((await h.oci.getVirtualCircuit({ virtualCircuitId: vc.id })).virtualCircuit.lifecycleState).toBe("FAILED");
    expect((await h.azure.expressRouteCircuits.get(RG, "erp-db-link-erc")).serviceProviderProvisioningState).toBe("NotProvisioned");
  });

  it("when BGP flaps, then the session is DOWN for the given time and UP again", async () => {
    const { vcId } = await buildInterconnect(h);
    await h.emulators.admin.addFault({ match: { op: "getVirtualCircuit" }, action: { type: "bgpFlap", downMs: MINUTE }, times: 1 });
    expect((await h.oci.getVirtualCircuit({ virtualCircuitId: vcId })).virtualCircuit.bgpSessionState).toBe("DOWN");
    const routes = await finish(h.azure.expressRouteCircuits.beginListRoutesTable(RG, "erp-db-link-erc", "AzurePrivatePeering", "primary"), h, 10_000);
    expect(routes.value).toEqual([]);
    await h.emulators.admin.advanceClock(MINUTE);
    expect((await h.oci.getVirtualCircuit({ virtualCircuitId: vcId })).virtualCircuit.bgpSessionState).toBe("UP");
  });

  it("when reads are eventually consistent, then a new resource answers 404 until the window passes", async () => {
    await h.emulators.admin.addFault({ match: { op: "createVcn" }, action: { type: "notFoundAfterCreate", ms: 5000 } });
    await h.emulators.admin.addFault({ match: { op: "virtualNetworks.createOrUpdate" }, action: { type: "notFoundAfterCreate", ms: 5000 } });
    const vcn = await h.oci.createVcn({ createVcnDetails: { compartmentId: COMPARTMENT, cidrBlocks: ["10.20.0.0/16"] } });
    await h.azure.virtualNetworks.beginCreateOrUpdate(RG, "vnet-a", vnetBody());
    await expect(h.oci.getVcn({ vcnId: vcn.vcn.id })).rejects.toMatchObject({ statusCode: 404 });
    await expect(h.azure.virtualNetworks.get(RG, "vnet-a")).rejects.toMatchObject({ statusCode: 404 });
    await h.emulators.admin.advanceClock(5000);
    expect((await h.oci.getVcn({ vcnId: vcn.vcn.id })).vcn.id).toBe(vcn.vcn.id);
    expect((await h.azure.virtualNetworks.get(RG, "vnet-a")).name).toBe("vnet-a");
  });

  it("when a rule has probability 0, it never fires; a delay rule slows the answer; faults can be removed", async () => {
    await h.emulators.admin.addFault({ id: "never", match: { op: "listVcns" }, action: { type: "error", status: 503 }, probability: 0 });
    await h.emulators.admin.addFault({ id: "slow", match: { op: "listVcns" }, action: { type: "delay", ms: 40 }, times: 1 });
    await h.oci.listVcns({ compartmentId: COMPARTMENT });
    const [entry] = await h.emulators.admin.journal({ op: "listVcns" });
    expect(entry?.faults).toEqual(["slow"]);
    expect(entry?.durationMs).toBeGreaterThanOrEqual(35);
    await h.emulators.admin.removeFault("never");
    expect((await h.emulators.admin.faults()).map((rule) => rule.id)).toEqual(["slow"]);
    await h.emulators.admin.clearFaults();
    expect(await h.emulators.admin.faults()).toEqual([]);
  });
});
