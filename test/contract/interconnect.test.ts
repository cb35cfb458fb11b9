import { seedDemoNetworks } from "@interlink/cloud-emulators";
import { classifyCloudError } from "../../shared/clouds/errors";
import { advance, DEMO, type Harness, MINUTE, serviceKeyOf, startHarness, TAGS, VNET_ID } from "./harness";

const RG = DEMO.resourceGroup;

/** Everything up to BGP UP, through the ports only (what the setup activities do, without the orchestrator). */
async function build(h: Harness) {
  const { azure } = h;
  const oci = h.clouds.oci;
  await azure.ensureSubnet(RG, DEMO.vnet.name, "GatewaySubnet", "10.10.255.0/27");
  await advance(h, MINUTE);
  const gateway = await azure.putExpressRouteGateway(RG, "vnet-app-ergw", { location: "eastus", gatewaySubnetId: `${VNET_ID}/subnets/GatewaySubnet`, tags: TAGS });
  const circuit = await azure.putExpressRouteCircuit(RG, "contract-erc", { location: "eastus", skuTier: "Standard", skuFamily: "MeteredData", peeringLocation: "Washington DC", bandwidthMbps: 1000, tags: TAGS });
  await oci.createDrgAttachment(DEMO.drg.id, DEMO.vcn.id, "contract-attachment", TAGS, "token-attach");
  await advance(h, 5 * MINUTE);
  const provider = await oci.findAzureProviderService(DEMO.compartmentId);
  const vc = await oci.createVirtualCircuit(
    {
      compartmentId: DEMO.compartmentId,
      displayName: "contract-vc",
      bandwidthShapeName: "1 Gbps",
      drgId: DEMO.drg.id,
      providerServiceId: provider?.id ?? "",
      providerServiceKeyName: await serviceKeyOf(azure, RG, "contract-erc"),
      crossConnectMappings: [
        { oracleBgpPeeringIp: "10.99.0.1/30", customerBgpPeeringIp: "10.99.0.2/30" },
        { oracleBgpPeeringIp: "10.99.0.5/30", customerBgpPeeringIp: "10.99.0.6/30" },
      ],
      tags: TAGS,
    },
    "token-vc",
  );
  await advance(h, 30 * MINUTE);
  await azure.putExpressRouteConnection(RG, "contract-conn", { location: "eastus", gatewayId: gateway.id, circuitId: circuit.id, tags: TAGS });
  await advance(h, 3 * MINUTE);
  return { vcId: vc.id, circuitId: circuit.id };
}

describe("the whole interconnect through the ports (real SDKs against the emulators)", () => {
  let h: Harness;
  beforeAll(async () => {
    // ARM's POST actions (the circuit's tables) take a while, so a table read is seen running and then resumed.
    h = await startHarness({}, { armAction: 30_000 });
  });
  afterAll(async () => {
    await h?.stop();
  });
  beforeEach(async () => {
    await h.emulators.admin.reset();
    await seedDemoNetworks(h.emulators);
  });

  it("when built in order, then both sides see each other; torn down in the documented order, nothing is left", async () => {
    const { vcId } = await build(h);
    expect(await h.clouds.oci.getVirtualCircuit(vcId)).toMatchObject({ lifecycleState: "PROVISIONED", providerState: "ACTIVE", bgpSessionState: "UP", oracleBgpAsn: 31898, drgId: DEMO.drg.id });
    expect(await h.azure.getExpressRouteCircuit(RG, "contract-erc")).toMatchObject({
      serviceProviderProvisioningState: "Provisioned",
      privatePeering: { state: "Enabled", primaryPeerAddressPrefix: "10.99.0.0/30", secondaryPeerAddressPrefix: "10.99.0.4/30", peerAsn: 31898, azureAsn: 12076 },
    });
    expect(await h.azure.getConnection(RG, "contract-conn")).toMatchObject({ provisioningState: "Succeeded", connectionStatus: "Connected" });
    // The circuit's tables are ARM long-running reads: started (202), then resumed from the serialized operation.
    for (const [table, device, expected] of [
      ["routes", "primary", "10.20.0.0/16"],
      ["routes", "secondary", "10.20.0.0/16"],
      ["arp", "primary", "10.99.0.1"],
      ["arp", "secondary", "10.99.0.5"],
    ] as const) {
      const started = await h.azure.startCircuitTableRead(RG, "contract-erc", table, device);
      if (started.done) throw new Error(`the ${table} table read answered at once; ARM answers 202 and takes a while`);
      await advance(h, 30_000);
      const resumed = await h.azure.resumeCircuitTableRead(table, started.operation);
      expect(resumed).toEqual({ done: true, entries: expect.arrayContaining([expected]) });
    }
    expect(await h.clouds.oci.listLearnedVirtualCircuitRoutes(DEMO.drg.id)).toContain("10.10.0.0/16");

    expect(await h.azure.deleteConnection(RG, "contract-conn")).toEqual({ existed: true, operation: expect.any(String) });
    await advance(h, 2 * MINUTE);
    expect(await h.clouds.oci.deleteVirtualCircuit(vcId)).toEqual({ existed: true });
    await advance(h, 10 * MINUTE);
    expect((await h.azure.getExpressRouteCircuit(RG, "contract-erc"))?.serviceProviderProvisioningState).toBe("NotProvisioned");
    const deletion = await h.azure.startDeleteExpressRouteCircuit(RG, "contract-erc");
    await advance(h, 2 * MINUTE);
    expect(await h.azure.getOperationStatus(deletion.operation ?? "")).toEqual({ status: "succeeded" });
    await h.azure.deleteVirtualNetworkGateway(RG, "vnet-app-ergw");
    await advance(h, 15 * MINUTE);
    await h.azure.deleteSubnet(RG, DEMO.vnet.name, "GatewaySubnet");
    for (const attachment of await h.clouds.oci.listDrgAttachments(DEMO.compartmentId, { vcnId: DEMO.vcn.id })) await h.clouds.oci.deleteDrgAttachment(attachment.id);
    await advance(h, 5 * MINUTE);
    expect(await h.emulators.admin.orphans()).toEqual([]);
  });

  it("when BGP flaps, then the session reads DOWN for the flap and UP after it", async () => {
    const { vcId } = await build(h);
    await h.emulators.admin.outOfBand({ action: "bgpFlap", id: vcId, downMs: 5 * MINUTE });
    expect((await h.clouds.oci.getVirtualCircuit(vcId))?.bgpSessionState).toBe("DOWN");
    await advance(h, 6 * MINUTE);
    expect((await h.clouds.oci.getVirtualCircuit(vcId))?.bgpSessionState).toBe("UP");
  });

  it("when the circuit is deleted while the provider still has it, then the operation fails ConflictError, a permanent error", async () => {
    await build(h);
    await h.azure.deleteConnection(RG, "contract-conn");
    await advance(h, 2 * MINUTE);
    const deletion = await h.azure.startDeleteExpressRouteCircuit(RG, "contract-erc");
    await advance(h, 2 * MINUTE);
    const status = await h.azure.getOperationStatus(deletion.operation ?? "");
    expect(status).toMatchObject({ status: "failed", error: { code: "ConflictError", message: expect.stringContaining("not in Deprovisioned state") } });
    expect(await h.azure.getExpressRouteCircuit(RG, "contract-erc")).toMatchObject({ serviceProviderProvisioningState: "Provisioned" });
  });

  it("when the virtual circuit is deleted while the connection exists, then the Azure circuit ends Failed", async () => {
    const { vcId } = await build(h);
    await h.clouds.oci.deleteVirtualCircuit(vcId);
    await advance(h, 10 * MINUTE);
    expect((await h.azure.getExpressRouteCircuit(RG, "contract-erc"))?.provisioningState).toBe("Failed");
    expect((await h.azure.getConnection(RG, "contract-conn"))?.connectionStatus).toBe("NotConnected");
  });

  it("when the circuit is deleted with a connection still linked, then ARM refuses it and the refusal is permanent", async () => {
    await build(h);
    const refused = await h.azure.startDeleteExpressRouteCircuit(RG, "contract-erc").catch((error: unknown) => error);
    const outcome = refused instanceof Error ? classifyCloudError(refused) : await h.azure.getOperationStatus((refused as { operation: string }).operation);
    expect(JSON.stringify(outcome)).toMatch(/CircuitHasLinkedConnections|Conflict/);
  });
});
