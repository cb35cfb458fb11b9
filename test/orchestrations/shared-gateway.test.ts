import { azureNetworkClient, DEMO, ociVirtualNetworkClient } from "@interlink/cloud-emulators";
import { type InProcessStack, startInProcessStack } from "../support/in-process-stack";
import { namedRequest, setup, taggedResources, teardown } from "../support/lifecycle";

jest.setTimeout(120_000);

interface StepView {
  id: string;
  status: string;
  detail?: string;
}

/** Gateways on the demo VNet, whoever created them. */
async function gateways(stack: InProcessStack): Promise<string[]> {
  await stack.host.clock.advance(60 * 60_000);
  const snapshot = await stack.emulators.admin.snapshot();
  return snapshot.azure.filter((entry) => entry.kind === "virtualNetworkGateways").map((entry) => String(entry.resource.name));
}

describe("an ExpressRoute gateway shared by two interconnects on one VNet", () => {
  let stack: InProcessStack;
  let secondVcnId: string;
  beforeAll(async () => {
    stack = await startInProcessStack();
    const oci = ociVirtualNetworkClient(stack.emulators.oci);
    const created = await oci.createVcn({ createVcnDetails: { compartmentId: DEMO.compartmentId, cidrBlocks: ["10.21.0.0/16"], displayName: "vcn-reports" } });
    secondVcnId = created.vcn.id;
    await stack.host.clock.advance(60_000);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("when the interconnect that created it goes first, then the gateway stays for the other, and the last one out removes it", async () => {
    expect((await setup(stack, namedRequest("first-link"))).outcome.status).toBe("succeeded");
    const second = namedRequest("second-link", (request) => {
      request.oci.vcnId = secondVcnId;
      request.oci.vcnCidrs = ["10.21.0.0/16"];
      delete request.oci.drgId;
      request.bgp = { primary: "10.99.1.0/30", secondary: "10.99.1.4/30" };
    });
    expect((await setup(stack, second)).outcome.status).toBe("succeeded");
    expect(await gateways(stack)).toEqual(["vnet-app-ergw"]);

    const firstOut = await teardown(stack, "first-link");
    expect(firstOut.outcome.status).toBe("succeeded");
    const kept = (firstOut.status.customStatus as { steps: StepView[] }).steps.find((step) => step.id === "shared-resources");
    expect(kept?.detail).toContain("kept vnet-app-ergw");
    expect(await gateways(stack)).toEqual(["vnet-app-ergw"]);

    // The gateway still carries first-link's tag; second-link, the last user, removes it all the same.
    expect((await teardown(stack, "second-link")).outcome.status).toBe("succeeded");
    expect(await gateways(stack)).toEqual([]);
    expect(await taggedResources(stack, "first-link")).toEqual([]);
    expect(await taggedResources(stack, "second-link")).toEqual([]);
    // The GatewaySubnet first-link created goes with the gateway, although second-link did not create it.
    const vnet = await azureNetworkClient(stack.emulators.azure, DEMO.subscriptionId).virtualNetworks.get(DEMO.resourceGroup, DEMO.vnet.name);
    expect(vnet.subnets?.map((subnet) => subnet.name)).toEqual(["app"]);
    expect(await stack.emulators.admin.orphans()).toEqual([]);
  });
});
