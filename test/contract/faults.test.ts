import { generateKeyPairSync } from "node:crypto";
import https from "node:https";
import { ociVirtualNetworkClient } from "@interlink/cloud-emulators";
import { classifyCloudError } from "../../shared/clouds/errors";
import { OciNetwork } from "../../shared/clouds/oci/network";
import { RateLimiter } from "../../shared/clouds/rate-limit";
import { advance, DEMO, type Harness, MINUTE, serviceKeyOf, startHarness, TAGS } from "./harness";

const RG = DEMO.resourceGroup;
const vcSpec = async (h: Harness, serviceKey: string) => ({
  compartmentId: DEMO.compartmentId,
  displayName: "fault-vc",
  bandwidthShapeName: "1 Gbps",
  drgId: DEMO.drg.id,
  providerServiceId: (await h.clouds.oci.findAzureProviderService(DEMO.compartmentId))?.id ?? "",
  providerServiceKeyName: serviceKey,
  crossConnectMappings: [
    { oracleBgpPeeringIp: "10.99.0.1/30", customerBgpPeeringIp: "10.99.0.2/30" },
    { oracleBgpPeeringIp: "10.99.0.5/30", customerBgpPeeringIp: "10.99.0.6/30" },
  ],
  tags: TAGS,
});

describe("fault rules as the adapters see them", () => {
  let h: Harness;
  let serviceKey: string;
  beforeAll(async () => {
    h = await startHarness();
    await h.azure.putExpressRouteCircuit(RG, "fault-erc", { location: "eastus", skuTier: "Standard", skuFamily: "MeteredData", peeringLocation: "Washington DC", bandwidthMbps: 1000, tags: TAGS });
    await advance(h, 5 * MINUTE);
    serviceKey = await serviceKeyOf(h.azure, RG, "fault-erc");
    // Starting the emulators and the SDK clients takes seconds on a busy 2-core machine: more than jest's 5 s default.
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });
  afterEach(async () => {
    await h.emulators.admin.clearFaults();
  });

  it("when ARM throttles with Retry-After, then the pipeline waits and the read succeeds", async () => {
    await h.emulators.admin.addFault({ match: { op: "virtualNetworks.get" }, action: { type: "throttle", retryAfterMs: 20 }, times: 2 });
    expect(await h.azure.getVirtualNetwork(RG, DEMO.vnet.name)).toMatchObject({ addressSpaces: ["10.10.0.0/16"] });
    expect((await h.emulators.admin.journal({ op: "virtualNetworks.get", status: 429 })).length).toBe(2);
  });

  it("when ARM throttles without Retry-After, then the 429 surfaces and is classified retryable", async () => {
    await h.emulators.admin.addFault({ match: { op: "virtualNetworks.get" }, action: { type: "throttle" } });
    const error = await h.azure.getVirtualNetwork(RG, DEMO.vnet.name).catch((caught: unknown) => caught);
    expect(classifyCloudError(error)).toMatchObject({ retryable: true, failure: { cloud: "azure", status: 429, code: "SubscriptionRequestsThrottled" } });
  });

  it("when OCI throttles a few times, then the adapter backs off and the read succeeds; a long storm surfaces as retryable", async () => {
    await h.emulators.admin.addFault({ match: { op: "getVcn" }, action: { type: "throttle" }, times: 3 });
    expect(await h.clouds.oci.getVcn(DEMO.vcn.id)).toMatchObject({ id: DEMO.vcn.id });
    await h.emulators.admin.addFault({ match: { op: "getVcn" }, action: { type: "throttle" } });
    const error = await h.clouds.oci.getVcn(DEMO.vcn.id).catch((caught: unknown) => caught);
    expect(classifyCloudError(error)).toMatchObject({ retryable: true, failure: { cloud: "oci", status: 429, code: "TooManyRequests" } });
  });

  it("when OCI answers 500 before storing, then the error is retryable and nothing was created", async () => {
    await h.emulators.admin.addFault({ match: { op: "createDrg" }, action: { type: "error", status: 500, phase: "before" } });
    const error = await h.clouds.oci.createDrg(DEMO.compartmentId, "fault-drg", TAGS, "token-500-before").catch((caught: unknown) => caught);
    expect(classifyCloudError(error)).toMatchObject({ retryable: true, failure: { status: 500 } });
    expect(await h.clouds.oci.findDrg(DEMO.compartmentId, "fault-drg", "contract-link")).toBeNull();
  });

  it("when the virtual circuit create is stored but its answer lost, then the retry with the same token returns the same circuit", async () => {
    await h.emulators.admin.addFault({ match: { op: "createVirtualCircuit" }, action: { type: "error", status: 500, phase: "after" }, times: 3 });
    const spec = await vcSpec(h, serviceKey);
    await h.clouds.oci.createVirtualCircuit(spec, "token-after-commit").catch(() => undefined);
    const retried = await h.clouds.oci.createVirtualCircuit(spec, "token-after-commit").catch(() => undefined);
    await h.emulators.admin.clearFaults();
    const final = retried ?? (await h.clouds.oci.createVirtualCircuit(spec, "token-after-commit"));
    const snapshot = await h.emulators.admin.snapshot();
    const circuits = snapshot.oci.filter((entry) => entry.kind === "virtualcircuit" && entry.resource.displayName === "fault-vc");
    expect(circuits.map((entry) => entry.id)).toEqual([final.id]);
    await h.clouds.oci.deleteVirtualCircuit(final.id);
    await advance(h, 10 * MINUTE);
  });

  it("when provisioning is stuck, then the circuit stays PROVISIONING while time passes; slow provisioning finishes late", async () => {
    await h.emulators.admin.addFault({ match: { op: "createVirtualCircuit" }, action: { type: "stuckProvisioning" }, times: 1 });
    const stuck = await h.clouds.oci.createVirtualCircuit(await vcSpec(h, serviceKey), "token-stuck");
    await advance(h, 60 * MINUTE);
    expect((await h.clouds.oci.getVirtualCircuit(stuck.id))?.lifecycleState).toBe("PROVISIONING");
    await h.clouds.oci.deleteVirtualCircuit(stuck.id);
    await advance(h, 10 * MINUTE);

    await h.emulators.admin.addFault({ match: { op: "createVirtualCircuit" }, action: { type: "slowProvisioning", factor: 5 }, times: 1 });
    const slow = await h.clouds.oci.createVirtualCircuit(await vcSpec(h, serviceKey), "token-slow");
    await advance(h, 6 * MINUTE);
    expect((await h.clouds.oci.getVirtualCircuit(slow.id))?.lifecycleState).not.toBe("PROVISIONED");
    await advance(h, 20 * MINUTE);
    expect((await h.clouds.oci.getVirtualCircuit(slow.id))?.lifecycleState).toBe("PROVISIONED");
    await h.clouds.oci.deleteVirtualCircuit(slow.id);
    await advance(h, 10 * MINUTE);
  });

  it("when the provider fails the virtual circuit, then it reads FAILED and the Azure side stays NotProvisioned", async () => {
    await h.emulators.admin.addFault({ match: { op: "createVirtualCircuit" }, action: { type: "virtualCircuitFailed" }, times: 1 });
    const failed = await h.clouds.oci.createVirtualCircuit(await vcSpec(h, serviceKey), "token-failed");
    await advance(h, 10 * MINUTE);
    expect((await h.clouds.oci.getVirtualCircuit(failed.id))?.lifecycleState).toBe("FAILED");
    expect((await h.azure.getExpressRouteCircuit(RG, "fault-erc"))?.serviceProviderProvisioningState).toBe("NotProvisioned");
    await h.clouds.oci.deleteVirtualCircuit(failed.id);
    await advance(h, 10 * MINUTE);
  });

  it("when a new resource is not yet readable (eventual consistency), then reads return null until the window passes", async () => {
    await h.emulators.admin.addFault({ match: { op: "createDrg" }, action: { type: "notFoundAfterCreate", ms: 30_000 }, times: 1 });
    const drg = await h.clouds.oci.createDrg(DEMO.compartmentId, "late-drg", TAGS, "token-late");
    expect(await h.clouds.oci.getDrg(drg.id)).toBeNull();
    await advance(h, MINUTE);
    expect(await h.clouds.oci.getDrg(drg.id)).toMatchObject({ id: drg.id });
  });

  it("when OCI requests are signed with a key the tenancy does not know, then 401 NotAuthenticated is permanent", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const stranger = new OciNetwork(ociVirtualNetworkClient(h.emulators.oci, { privateKeyPem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(), maxAttempts: 1 }), new RateLimiter(1000));
    const error = await stranger.getVcn(DEMO.vcn.id).catch((caught: unknown) => caught);
    expect(classifyCloudError(error)).toMatchObject({ retryable: false, failure: { cloud: "oci", status: 401, code: "NotAuthenticated" } });
  });

  it("when an ARM request carries no bearer token, then the emulator answers 401", async () => {
    const url = new URL(`${h.emulators.azure.endpoint}/subscriptions/${DEMO.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/${DEMO.vnet.name}?api-version=2025-05-01`);
    const status = await new Promise<number>((resolve, reject) => https.get(url, { ca: h.emulators.azure.ca }, (response) => resolve(response.statusCode ?? 0)).on("error", reject));
    expect(status).toBe(401);
  });
});

describe("client-side rate limiter", () => {
  it("when calls exceed the rate, then they are paced at 1/R after the burst, and a Retry-After pauses the cloud", () => {
    let now = 0;
    const limiter = new RateLimiter(10, 2, () => now);
    const waits = Array.from({ length: 5 }, () => limiter.reserve());
    expect(waits).toEqual([0, 0, 100, 200, 300]);
    now = 1_000;
    limiter.pause(500);
    expect(limiter.reserve()).toBe(500);
    expect(limiter.reserve()).toBe(500);
    expect(limiter.reserve()).toBe(600);
    expect(limiter.granted).toBe(8);
  });
});
