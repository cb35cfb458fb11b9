import { armId, finish, type Harness, MINUTE, RG, startHarness } from "./helpers";
import { buildAzureSide, buildInterconnect, buildOciSide, createAzureVirtualCircuit, oracleCircuit } from "./interconnect-fixture";

const CONFLICT = "The long-running operation has failed. ConflictError. The specified dedicated circuit is not in Deprovisioned state. Please initiate the deprovisioning process with your service provider.";

describe("cross-cloud coupling (ExpressRoute circuit <-> FastConnect virtual circuit)", () => {
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

  it("when the OCI side resolves the ExpressRoute service key, then it reports the circuit's shape and peering location", async () => {
    const azure = await buildAzureSide(h);
    const oci = await buildOciSide(h);
    const key = await h.oci.getFastConnectProviderServiceKey({ providerServiceId: oci.azureProviderServiceId, providerServiceKeyName: azure.circuit.serviceKey ?? "" });
    expect(key.fastConnectProviderServiceKey).toEqual({ name: azure.circuit.serviceKey, bandwidthShapeName: "1 Gbps", peeringLocation: "Washington DC" });
    await expect(h.oci.getFastConnectProviderServiceKey({ providerServiceId: oci.azureProviderServiceId, providerServiceKeyName: "11111111-2222-3333-4444-555555555555" })).rejects.toMatchObject({
      statusCode: 404,
      serviceCode: "NotAuthorizedOrNotFound",
    });
  });

  it("when a virtual circuit is created with the service key, then Azure goes Provisioning, then Provisioned with the provider's private peering", async () => {
    const azure = await buildAzureSide(h);
    const oci = await buildOciSide(h);
    expect(azure.circuit.serviceProviderProvisioningState).toBe("NotProvisioned");
    const vc = await createAzureVirtualCircuit(h, oci, azure.circuit.serviceKey ?? "");
    expect(vc).toMatchObject({ lifecycleState: "PROVISIONING", providerState: "INACTIVE", bgpSessionState: "DOWN", providerName: "Microsoft Azure" });

    await h.emulators.admin.advanceClock(MINUTE);
    expect((await h.azure.expressRouteCircuits.get(RG, "erp-db-link-erc")).serviceProviderProvisioningState).toBe("Provisioning");

    await h.emulators.admin.advanceClock(5 * MINUTE);
    const provisioned = (await h.oci.getVirtualCircuit({ virtualCircuitId: vc.id })).virtualCircuit;
    // BGP runs on the private peering between Oracle's and Microsoft's edges: no VNet needs to be linked for it.
    expect(provisioned).toMatchObject({ lifecycleState: "PROVISIONED", providerState: "ACTIVE", bgpSessionState: "UP", oracleBgpAsn: 31898, customerBgpAsn: 12076 });
    const circuit = await h.azure.expressRouteCircuits.get(RG, "erp-db-link-erc");
    expect(circuit.serviceProviderProvisioningState).toBe("Provisioned");
    expect(circuit.peerings).toHaveLength(1);
    expect(circuit.peerings?.[0]).toMatchObject({
      name: "AzurePrivatePeering",
      peeringType: "AzurePrivatePeering",
      azureASN: 12076,
      peerASN: 31898,
      primaryPeerAddressPrefix: "10.99.0.0/30",
      secondaryPeerAddressPrefix: "10.99.0.4/30",
      state: "Enabled",
      lastModifiedBy: "ServiceProvider",
      provisioningState: "Succeeded",
    });
    expect(provisioned.crossConnectMappings?.[0]?.vlan).toBe(circuit.peerings?.[0]?.vlanId);
  });

  it("when the gateway connection exists, then BGP is UP on both sides with ARP, route tables and learned routes", async () => {
    const { oci, vcId, connection } = await buildInterconnect(h);
    expect(connection).toMatchObject({ provisioningState: "Succeeded", connectionStatus: "Connected" });
    expect((await h.oci.getVirtualCircuit({ virtualCircuitId: vcId })).virtualCircuit.bgpSessionState).toBe("UP");

    const arp = await finish(h.azure.expressRouteCircuits.beginListArpTable(RG, "erp-db-link-erc", "AzurePrivatePeering", "primary"), h, MINUTE);
    expect(arp.value).toEqual([
      expect.objectContaining({ interface: "Microsoft", ipAddress: "10.99.0.2" }),
      expect.objectContaining({ interface: "On-Prem", ipAddress: "10.99.0.1" }),
    ]);
    const routes = await finish(h.azure.expressRouteCircuits.beginListRoutesTable(RG, "erp-db-link-erc", "AzurePrivatePeering", "secondary"), h, MINUTE);
    expect(routes.value).toEqual([expect.objectContaining({ network: "10.20.0.0/16", nextHop: "10.99.0.5", path: "31898" })]);
    const summary = await finish(h.azure.expressRouteCircuits.beginListRoutesTableSummary(RG, "erp-db-link-erc", "AzurePrivatePeering", "primary"), h, MINUTE);
    expect(summary.value).toEqual([expect.objectContaining({ neighbor: "10.99.0.1", as: 31898, statePfxRcd: "1" })]);

    const learned = await finish(h.azure.virtualNetworkGateways.beginGetLearnedRoutes(RG, "vnet-app-ergw"), h, MINUTE);
    expect(learned.value?.map((route) => route.network)).toContain("10.20.0.0/16");

    const drg = (await h.oci.getDrg({ drgId: oci.drgId })).drg;
    const rules = await h.oci.listDrgRouteRules({ drgRouteTableId: drg.defaultDrgRouteTables?.vcn ?? "" });
    // The VCN attachments' table imports every attachment type: the VNet learned over BGP and the attached VCN.
    expect(rules.items.map((rule) => [rule.destination, rule.routeType, rule.routeProvenance])).toEqual([
      ["10.10.0.0/16", "DYNAMIC", "VIRTUAL_CIRCUIT"],
      ["10.20.0.0/16", "DYNAMIC", "VCN"],
    ]);
  });

  it("when the gateway connection is deleted out of band, then BGP stays UP on the private peering but the gateway learns nothing and Oracle stops learning the VNet", async () => {
    const { oci, vcId } = await buildInterconnect(h);
    await h.emulators.admin.outOfBand({ action: "delete", cloud: "azure", id: armId("connections", "erp-db-link-erconn") });
    expect((await h.oci.getVirtualCircuit({ virtualCircuitId: vcId })).virtualCircuit.bgpSessionState).toBe("UP");
    const routes = await finish(h.azure.expressRouteCircuits.beginListRoutesTable(RG, "erp-db-link-erc", "AzurePrivatePeering", "primary"), h, MINUTE);
    expect(routes.value?.map((route) => route.network)).toEqual(["10.20.0.0/16"]);
    const learned = await finish(h.azure.virtualNetworkGateways.beginGetLearnedRoutes(RG, "vnet-app-ergw"), h, MINUTE);
    expect(learned.value).toEqual([]);
    const peers = await finish(h.azure.virtualNetworkGateways.beginGetBgpPeerStatus(RG, "vnet-app-ergw"), h, MINUTE);
    expect(peers.value).toEqual([]);
    const drg = (await h.oci.getDrg({ drgId: oci.drgId })).drg;
    const rules = (await h.oci.listDrgRouteRules({ drgRouteTableId: drg.defaultDrgRouteTables?.vcn ?? "" })).items;
    // Only the attached VCN's own CIDR is left: nothing learned over the virtual circuit.
    expect(rules.map((rule) => [rule.destination, rule.routeProvenance])).toEqual([["10.20.0.0/16", "VCN"]]);
  });

  it("when BGP flaps on the circuit, then the connection stays Connected but the gateway learns no routes until BGP is back", async () => {
    const { vcId } = await buildInterconnect(h);
    await h.emulators.admin.outOfBand({ action: "bgpFlap", id: vcId, downMs: 10 * MINUTE });
    expect((await h.azure.virtualNetworkGatewayConnections.get(RG, "erp-db-link-erconn")).connectionStatus).toBe("Connected");
    expect((await finish(h.azure.virtualNetworkGateways.beginGetLearnedRoutes(RG, "vnet-app-ergw"), h, MINUTE)).value).toEqual([]);
    await h.emulators.admin.advanceClock(10 * MINUTE);
    expect((await finish(h.azure.virtualNetworkGateways.beginGetLearnedRoutes(RG, "vnet-app-ergw"), h, MINUTE)).value?.map((route) => route.network)).toContain("10.20.0.0/16");
  });

  it("when both circuits are resized (ExpressRoute first), then the virtual circuit re-provisions with BGP kept UP and the circuit refuses a decrease", async () => {
    const { vcId } = await buildInterconnect(h);
    const circuit = await finish(h.azure.expressRouteCircuits.beginCreateOrUpdate(RG, "erp-db-link-erc", oracleCircuit(2000)), h, 3 * MINUTE);
    expect(circuit).toMatchObject({ serviceProviderProvisioningState: "Provisioned", serviceProviderProperties: { bandwidthInMbps: 2000 } });
    expect(circuit.peerings?.map((peering) => peering.name)).toEqual(["AzurePrivatePeering"]);
    const current = await h.oci.getVirtualCircuit({ virtualCircuitId: vcId });
    const resized = await h.oci.updateVirtualCircuit({ virtualCircuitId: vcId, updateVirtualCircuitDetails: { bandwidthShapeName: "2 Gbps" }, ifMatch: current.etag ?? "" });
    expect(resized.virtualCircuit).toMatchObject({ lifecycleState: "PROVISIONING", bgpSessionState: "UP" });
    await h.emulators.admin.advanceClock(3 * MINUTE);
    expect((await h.oci.getVirtualCircuit({ virtualCircuitId: vcId })).virtualCircuit).toMatchObject({ lifecycleState: "PROVISIONED", bandwidthShapeName: "2 Gbps" });
    await expect(h.azure.expressRouteCircuits.beginCreateOrUpdate(RG, "erp-db-link-erc", oracleCircuit(1000))).rejects.toMatchObject({ statusCode: 400, code: "CircuitBandwidthDecreaseNotAllowed" });
  });

  it("when the virtual circuit is resized past the ExpressRoute circuit, or the provider is told to reject it, then it returns to PROVISIONED at its old shape with the reason in the snapshot", async () => {
    const { vcId } = await buildInterconnect(h);
    const resize = async (shape: string) => {
      const current = await h.oci.getVirtualCircuit({ virtualCircuitId: vcId });
      await h.oci.updateVirtualCircuit({ virtualCircuitId: vcId, updateVirtualCircuitDetails: { bandwidthShapeName: shape }, ifMatch: current.etag ?? "" });
      expect((await h.oci.getVirtualCircuit({ virtualCircuitId: vcId })).virtualCircuit).toMatchObject({ lifecycleState: "PROVISIONING", bandwidthShapeName: shape });
      await h.emulators.admin.advanceClock(3 * MINUTE);
      return (await h.oci.getVirtualCircuit({ virtualCircuitId: vcId })).virtualCircuit;
    };
    const rejection = async () => (await h.emulators.admin.snapshot()).oci.find((item) => item.id === vcId)?.emulator.resizeRejection;
    expect(await resize("2 Gbps")).toMatchObject({ lifecycleState: "PROVISIONED", bandwidthShapeName: "1 Gbps", bgpSessionState: "UP" });
    expect(await rejection()).toContain("does not match the ExpressRoute circuit's 1000 Mbps");

    await h.emulators.admin.addFault({ match: { op: "updateVirtualCircuit" }, action: { type: "virtualCircuitResizeRejected" }, times: 1 });
    await finish(h.azure.expressRouteCircuits.beginCreateOrUpdate(RG, "erp-db-link-erc", oracleCircuit(2000)), h, 3 * MINUTE);
    expect(await resize("2 Gbps")).toMatchObject({ lifecycleState: "PROVISIONED", bandwidthShapeName: "1 Gbps" });
    expect(await rejection()).toContain("injected fault: the provider rejected the change to '2 Gbps'");
  });

  it("when the provider passes through PENDING_PROVIDER and VERIFYING, then the virtual circuit shows each state in turn and then provisions", async () => {
    const azure = await buildAzureSide(h);
    const oci = await buildOciSide(h);
    await h.emulators.admin.addFault({
      match: { op: "createVirtualCircuit" },
      action: { type: "virtualCircuitStates", states: [{ lifecycleState: "PENDING_PROVIDER", ms: 2 * MINUTE }, { lifecycleState: "VERIFYING", ms: MINUTE }] },
      times: 1,
    });
    const vc = await createAzureVirtualCircuit(h, oci, azure.circuit.serviceKey ?? "");
    const state = async () => (await h.oci.getVirtualCircuit({ virtualCircuitId: vc.id })).virtualCircuit.lifecycleState;
    expect(vc.lifecycleState).toBe("PENDING_PROVIDER");
    await h.emulators.admin.advanceClock(2 * MINUTE);
    expect(await state()).toBe("VERIFYING");
    await h.emulators.admin.advanceClock(MINUTE);
    expect(await state()).toBe("PROVISIONING");
    expect((await h.azure.expressRouteCircuits.get(RG, "erp-db-link-erc")).serviceProviderProvisioningState).toBe("NotProvisioned");
    await h.emulators.admin.advanceClock(4 * MINUTE);
    expect(await state()).toBe("PROVISIONED");
    expect((await h.azure.expressRouteCircuits.get(RG, "erp-db-link-erc")).serviceProviderProvisioningState).toBe("Provisioned");
  });

  it("when the provider reports a state the SDK does not know and holds it, then the virtual circuit stays there and the ExpressRoute circuit is never provisioned", async () => {
    const azure = await buildAzureSide(h);
    const oci = await buildOciSide(h);
    await h.emulators.admin.addFault({ match: { op: "createVirtualCircuit" }, action: { type: "virtualCircuitStates", states: [{ lifecycleState: "PROVIDER_REVIEW", providerState: "PENDING_CUSTOMER" }] }, times: 1 });
    const vc = await createAzureVirtualCircuit(h, oci, azure.circuit.serviceKey ?? "");
    await h.emulators.admin.advanceClock(60 * MINUTE);
    expect((await h.oci.getVirtualCircuit({ virtualCircuitId: vc.id })).virtualCircuit).toMatchObject({ lifecycleState: "PROVIDER_REVIEW", providerState: "PENDING_CUSTOMER", bgpSessionState: "DOWN" });
    expect((await h.azure.expressRouteCircuits.get(RG, "erp-db-link-erc")).serviceProviderProvisioningState).toBe("NotProvisioned");
    await h.oci.deleteVirtualCircuit({ virtualCircuitId: vc.id });
    await h.emulators.admin.advanceClock(5 * MINUTE);
    expect((await h.oci.getVirtualCircuit({ virtualCircuitId: vc.id })).virtualCircuit.lifecycleState).toBe("TERMINATED");
  });

  it("when torn down in the documented order, then the circuit deprovisions after the propagation delay and can be deleted", async () => {
    const { vcId } = await buildInterconnect(h);
    await finish(h.azure.virtualNetworkGatewayConnections.beginDelete(RG, "erp-db-link-erconn"), h, 2 * MINUTE);
    await h.oci.deleteVirtualCircuit({ virtualCircuitId: vcId });
    await h.emulators.admin.advanceClock(2 * MINUTE);
    expect((await h.oci.getVirtualCircuit({ virtualCircuitId: vcId })).virtualCircuit.lifecycleState).toBe("TERMINATED");

    // Too early: Azure has not seen the virtual circuit go yet.
    expect((await h.azure.expressRouteCircuits.get(RG, "erp-db-link-erc")).serviceProviderProvisioningState).toBe("Provisioned");
    await expect(finish(h.azure.expressRouteCircuits.beginDelete(RG, "erp-db-link-erc"), h, MINUTE)).rejects.toThrow(CONFLICT);
    expect((await h.azure.expressRouteCircuits.get(RG, "erp-db-link-erc")).provisioningState).toBe("Succeeded");

    expect((await h.azure.expressRouteCircuits.get(RG, "erp-db-link-erc")).serviceProviderProvisioningState).toBe("Deprovisioning");
    await h.emulators.admin.advanceClock(2 * MINUTE);
    const circuit = await h.azure.expressRouteCircuits.get(RG, "erp-db-link-erc");
    expect(circuit.serviceProviderProvisioningState).toBe("NotProvisioned");
    expect(circuit.peerings).toEqual([]);
    await finish(h.azure.expressRouteCircuits.beginDelete(RG, "erp-db-link-erc"), h, 2 * MINUTE);
    await expect(h.azure.expressRouteCircuits.get(RG, "erp-db-link-erc")).rejects.toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
  });

  it("when the virtual circuit is deleted while the gateway connection exists, then the circuit ends Failed until recovered", async () => {
    const { vcId } = await buildInterconnect(h);
    await h.oci.deleteVirtualCircuit({ virtualCircuitId: vcId });
    await h.emulators.admin.advanceClock(5 * MINUTE);
    const failed = await h.azure.expressRouteCircuits.get(RG, "erp-db-link-erc");
    expect(failed).toMatchObject({ provisioningState: "Failed", serviceProviderProvisioningState: "Deprovisioning" });
    expect((await h.azure.virtualNetworkGatewayConnections.get(RG, "erp-db-link-erconn")).connectionStatus).toBe("NotConnected");
    await expect(h.azure.expressRouteCircuits.beginDelete(RG, "erp-db-link-erc")).rejects.toMatchObject({ statusCode: 400, code: "CircuitHasLinkedConnections" });

    await finish(h.azure.virtualNetworkGatewayConnections.beginDelete(RG, "erp-db-link-erconn"), h, 2 * MINUTE);
    await expect(finish(h.azure.expressRouteCircuits.beginDelete(RG, "erp-db-link-erc"), h, 2 * MINUTE)).rejects.toThrow(CONFLICT);

    const recovered = await finish(h.azure.expressRouteCircuits.beginCreateOrUpdate(RG, "erp-db-link-erc", oracleCircuit(1000)), h, 3 * MINUTE);
    expect(recovered).toMatchObject({ provisioningState: "Succeeded", serviceProviderProvisioningState: "NotProvisioned", peerings: [] });
    await finish(h.azure.expressRouteCircuits.beginDelete(RG, "erp-db-link-erc"), h, 2 * MINUTE);
  });

  it("when the key is unknown, the BGP addresses are swapped or the bandwidth differs, then the virtual circuit FAILS and the circuit stays NotProvisioned", async () => {
    const azure = await buildAzureSide(h);
    const oci = await buildOciSide(h);
    const unknown = await createAzureVirtualCircuit(h, oci, "11111111-2222-3333-4444-555555555555", { displayName: "vc-unknown" });
    const swapped = await createAzureVirtualCircuit(h, oci, azure.circuit.serviceKey ?? "", {
      displayName: "vc-swapped",
      crossConnectMappings: [
        { oracleBgpPeeringIp: "10.99.0.2/30", customerBgpPeeringIp: "10.99.0.1/30" },
        { oracleBgpPeeringIp: "10.99.0.6/30", customerBgpPeeringIp: "10.99.0.5/30" },
      ],
    });
    const wrongShape = await createAzureVirtualCircuit(h, oci, azure.circuit.serviceKey ?? "", { displayName: "vc-2g", bandwidthShapeName: "2 Gbps" });
    await h.emulators.admin.advanceClock(10 * MINUTE);
    for (const id of [unknown.id, swapped.id, wrongShape.id]) expect((await h.oci.getVirtualCircuit({ virtualCircuitId: id })).virtualCircuit.lifecycleState).toBe("FAILED");
    expect((await h.azure.expressRouteCircuits.get(RG, "erp-db-link-erc")).serviceProviderProvisioningState).toBe("NotProvisioned");
    const snapshot = await h.emulators.admin.snapshot();
    const reasons = snapshot.oci.filter((item) => item.kind === "virtualcircuit").map((item) => item.emulator.failureReason);
    expect(reasons).toEqual(expect.arrayContaining([expect.stringContaining("no ExpressRoute circuit has service key"), expect.stringContaining("Oracle BGP address must be the first usable"), expect.stringContaining("does not match the ExpressRoute circuit's 1000 Mbps")]));
  });

  it("when the ExpressRoute connection is attempted before the provider provisioned the circuit, then it is refused", async () => {
    const azure = await buildAzureSide(h);
    const started = h.azure.virtualNetworkGatewayConnections.beginCreateOrUpdate(RG, "early", {
      location: "eastus",
      connectionType: "ExpressRoute",
      virtualNetworkGateway1: { id: azure.gatewayId },
      peer: { id: azure.circuit.id ?? "" },
    });
    await expect(started).rejects.toMatchObject({ statusCode: 400, code: "ExpressRouteCircuitNotProvisioned" });
  });
});
