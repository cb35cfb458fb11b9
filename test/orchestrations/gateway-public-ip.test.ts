import { type InProcessStack, useSharedStack } from "../support/in-process-stack";
import { fault, namedRequest, run, setup, taggedResources, teardown } from "../support/lifecycle";

jest.setTimeout(120_000);

interface GatewayResource {
  name: string;
  tags?: Record<string, string>;
  properties: { provisioningState: string; ipConfigurations: Array<{ properties: { publicIPAddress?: { id: string } } }> };
}

/**
 * The ExpressRoute gateway's public IP: Azure-managed where Azure offers it, otherwise a Standard static public IP that
 * Interlink creates (tagged, recorded) and deletes with the gateway. The emulator's switch refuses the managed form.
 */
describe("ExpressRoute gateway public IP (in-process host, emulators, virtual clock)", () => {
  let stack: InProcessStack;
  useSharedStack((started) => (stack = started));
  afterEach(async () => {
    await stack.emulators.admin.settings({ gatewayPublicIpRequired: false });
  });

  async function azure() {
    const snapshot = await stack.emulators.admin.snapshot();
    const gateway = snapshot.azure.find((entry) => entry.kind === "virtualNetworkGateways")?.resource as GatewayResource | undefined;
    const publicIps = snapshot.azure.filter((entry) => entry.kind === "publicIPAddresses").map((entry) => entry.resource as { id: string; name: string; tags?: Record<string, string>; sku?: { name: string }; properties: { publicIPAllocationMethod: string } });
    return { gateway, publicIps };
  }

  async function tornDownClean(name: string) {
    expect((await teardown(stack, name)).outcome.status).toBe("succeeded");
    expect(await taggedResources(stack, name)).toEqual([]);
    expect(await stack.emulators.admin.orphans()).toEqual([]);
    expect((await azure()).publicIps).toEqual([]);
  }

  it("when Azure manages gateway IPs in the region (auto), then the gateway is built without a public IP of its own", async () => {
    const { outcome, status } = await setup(stack, namedRequest("managed-ip"));
    expect(outcome.status).toBe("succeeded");
    const { gateway, publicIps } = await azure();
    expect(gateway?.properties.ipConfigurations[0]?.properties.publicIPAddress).toBeUndefined();
    expect(publicIps).toEqual([]);
    const step = (status.customStatus as { steps: Array<{ id: string; detail?: string }> }).steps.find((entry) => entry.id === "gateway");
    expect(step?.detail).toBe("created (Azure-managed public IP)");
    await tornDownClean("managed-ip");
  });

  it.each([
    ["in ARM's first answer", false],
    ["only in the gateway's operation", true],
  ])("when the region needs the gateway's own IP and ARM says so %s (auto), then a Standard static public IP is created, tagged and recorded, and deleted with the gateway", async (_form, late) => {
    await stack.emulators.admin.settings({ gatewayPublicIpRequired: true });
    if (late) await fault(stack, { match: { op: "virtualNetworkGateways.createOrUpdate" }, action: { type: "lateValidation" }, times: 1 });
    const name = late ? "static-late" : "static-now";
    const { outcome } = await setup(stack, namedRequest(name));
    expect(outcome.status).toBe("succeeded");
    const { gateway, publicIps } = await azure();
    expect(publicIps).toEqual([expect.objectContaining({ name: "vnet-app-ergw-pip", tags: expect.objectContaining({ interlink: name }), sku: expect.objectContaining({ name: "Standard" }), properties: expect.objectContaining({ publicIPAllocationMethod: "Static" }) })]);
    expect(gateway).toMatchObject({ properties: { provisioningState: "Succeeded" } });
    expect(gateway?.properties.ipConfigurations[0]?.properties.publicIPAddress?.id).toBe(publicIps[0]?.id);
    const record = (await run(stack, "GET", `/api/interconnects/${name}`)).body as { resources: { gatewayPublicIpId?: string; gatewayPublicIpCreated?: boolean } };
    expect(record.resources).toMatchObject({ gatewayPublicIpId: publicIps[0]?.id, gatewayPublicIpCreated: true });
    await tornDownClean(name);
  });

  it("when the request asks for a managed IP where the region needs the gateway's own, then setup fails at the gateway with ARM's reason and rolls back", async () => {
    await stack.emulators.admin.settings({ gatewayPublicIpRequired: ["eastus"] });
    const { outcome } = await setup(stack, namedRequest("managed-refused", (r) => (r.azure.gateway = { publicIp: "managed" })));
    expect(outcome).toMatchObject({ status: "failed", failedStep: "gateway", rolledBack: true, error: { cloud: "azure", code: "PublicIpForGatewayIsRequired" } });
    expect(await taggedResources(stack, "managed-refused")).toEqual([]);
    expect(await stack.emulators.admin.orphans()).toEqual([]);
  });

  it("when the request asks for a static IP, then the gateway gets its own even where Azure would manage one", async () => {
    const { outcome } = await setup(stack, namedRequest("static-asked", (r) => (r.azure.gateway = { publicIp: "static" })));
    expect(outcome.status).toBe("succeeded");
    expect((await azure()).publicIps.map((ip) => ip.name)).toEqual(["vnet-app-ergw-pip"]);
    await tornDownClean("static-asked");
  });
});
