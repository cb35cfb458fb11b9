import { type OciSecurityRule } from "../../../shared/domain/security";
import { InventoryRecord } from "../../../shared/domain/inventory";
import { resourceNames } from "../../../shared/domain/naming";
import { planSecurityRules } from "../../../shared/domain/security";
import { SetupRequest } from "../../../shared/domain/setup-request";
import { specHash } from "../../../shared/domain/fingerprint";
import { checkBatch, finishDeepChecks } from "../../../shared/operations/health";
import { fakeClouds } from "../../support/fake-clouds";
import { MemoryEventSink, MemoryInventory } from "../../support/fakes";
import { designRequest } from "../../support/requests";

const RG = "rg-net";
const VCN = "ocid1.vcn.oc1.iad.aaaa";
const COMPARTMENT = "ocid1.compartment.oc1..aaaa";
const DRG = "ocid1.drg.oc1.iad.aaaa";

/** Interconnects as a finished setup leaves them, all in one resource group and one VCN, in fake clouds. */
async function fleet(count: number) {
  const clouds = fakeClouds();
  const inventory = new MemoryInventory();
  clouds.azure.addVnet(RG, "vnet-app", { location: "eastus", addressSpaces: ["10.10.0.0/16"] });
  const vcn = clouds.oci.addVcn({ id: VCN, compartmentId: COMPARTMENT, cidrBlocks: ["10.20.0.0/16"] });
  clouds.azure.tables["routes:primary"] = ["10.20.0.0/16"];
  clouds.azure.tables["routes:secondary"] = ["10.20.0.0/16"];
  clouds.azure.gatewayLearned.set("vnet-app-ergw", ["10.20.0.0/16"]);
  const rules = [];
  for (let index = 0; index < count; index++) {
    const name = `link-${index}`;
    const request = SetupRequest.parse(designRequest((r) => (r.name = name)));
    const names = resourceNames(name, "vnet-app");
    const plan = planSecurityRules({ name, vnetCidrs: ["10.10.0.0/16"], vcnCidrs: ["10.20.0.0/16"], peeredVcnCidrs: [], traffic: request.traffic });
    const circuit = await clouds.azure.putExpressRouteCircuit(RG, names.expressRouteCircuit, { location: "eastus", skuTier: "Standard", skuFamily: "MeteredData", peeringLocation: "Washington DC", bandwidthMbps: 1000, tags: {} });
    Object.assign(clouds.azure.circuits.get(`${RG}/${names.expressRouteCircuit}`) ?? {}, { provisioningState: "Succeeded", serviceProviderProvisioningState: "Provisioned", privatePeering: { state: "Enabled", primaryPeerAddressPrefix: "10.99.0.0/30", secondaryPeerAddressPrefix: "10.99.0.4/30", peerAsn: 31898, azureAsn: 12076 } });
    const gatewayId = `/subscriptions/sub/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworkGateways/vnet-app-ergw`;
    await clouds.azure.putExpressRouteConnection(RG, names.gatewayConnection, { location: "eastus", gatewayId, circuitId: circuit.id, tags: {} });
    Object.assign(clouds.azure.connections.get(`${RG}/${names.gatewayConnection}`) ?? {}, { provisioningState: "Succeeded", connectionStatus: "Connected" });
    await clouds.azure.putNetworkSecurityGroup(RG, names.azureNetworkSecurityGroup, "eastus", plan.azure, {});
    const vc = await clouds.oci.createVirtualCircuit({ compartmentId: COMPARTMENT, displayName: names.virtualCircuit, bandwidthShapeName: "1 Gbps", drgId: DRG, providerServiceId: "p", providerServiceKeyName: "k", crossConnectMappings: [], tags: {} }, `token-${index}`);
    Object.assign(clouds.oci.virtualCircuits.get(vc.id) ?? {}, { lifecycleState: "PROVISIONED", providerState: "ACTIVE", bgpSessionState: "UP" });
    const nsg = await clouds.oci.createNetworkSecurityGroup(COMPARTMENT, VCN, names.ociNetworkSecurityGroup, {}, `nsg-${index}`);
    await clouds.oci.addNetworkSecurityGroupRules(nsg.id, plan.oci as OciSecurityRule[]);
    rules.push({ destination: "10.10.0.0/16", destinationType: "CIDR_BLOCK", networkEntityId: DRG, description: names.ociRuleMarker });
    const now = new Date().toISOString();
    await inventory.update(name, () =>
      InventoryRecord.parse({ name, state: "Active", sequence: 1, spec: request, specHash: specHash(request), resources: { virtualCircuitId: vc.id, ociNetworkSecurityGroupId: nsg.id, drgId: DRG, gatewayId }, operations: [], steps: [], warnings: [], createdAt: now, updatedAt: now }),
    );
  }
  const table = await clouds.oci.getRouteTable(vcn.defaultRouteTableId);
  await clouds.oci.setRouteRules(vcn.defaultRouteTableId, rules, table?.etag ?? "");
  clouds.azure.calls.length = 0;
  clouds.oci.calls.length = 0;
  return { clouds, inventory, deps: { clouds: clouds.ports, inventory, events: new MemoryEventSink() } };
}

const names = (count: number) => Array.from({ length: count }, (_unused, index) => `link-${index}`);

/** A batch as a sweep runs it: the checks, then (the sweep's timer past) the routes-table reads its deep checks started. */
async function sweepBatch(deps: Parameters<typeof checkBatch>[0], batch: string[], sweepId: string, deep: string[]) {
  const results = await checkBatch(deps, batch, sweepId, deep);
  const pending = results.flatMap((result) => (result.pending ? [result.pending] : []));
  const finished = new Map((pending.length > 0 ? await finishDeepChecks(deps, pending, sweepId) : []).map((result) => [result.name, result]));
  return results.map((result) => (result.pending ? { ...result, ...finished.get(result.name), deep: result.deep } : result));
}
const DEEP_AZURE = ["startCircuitTableRead", "startGatewayLearnedRoutesRead", "resumeCircuitTableRead", "resumeGatewayLearnedRoutesRead"];

describe("health checks in two tiers", () => {
  it("when a batch is checked, then the lists its interconnects share are read once, whatever their number", async () => {
    const { clouds, deps } = await fleet(30);
    const results = await sweepBatch(deps, names(30), "sweep-1", names(30));
    expect(results.map((result) => result.verdict)).toEqual(Array(30).fill("healthy"));
    for (const list of ["listExpressRouteCircuits", "listConnections", "listNetworkSecurityGroups", "getVirtualNetwork"]) expect(clouds.azure.callsOf(list)).toBe(1);
    for (const list of ["listVirtualCircuits", "getVcn", "getRouteTable", "listSecurityLists", "listNetworkSecurityGroups"]) expect(clouds.oci.callsOf(list)).toBe(1);
    for (const single of ["getExpressRouteCircuit", "getConnection", "getNetworkSecurityGroup"]) expect(clouds.azure.callsOf(single)).toBe(0);
    expect(clouds.oci.callsOf("getVirtualCircuit")).toBe(0);
    // Deep checks (all 30 were due): the circuit's tables and the NSG's rules per interconnect; the gateway's learned
    // routes (the same answer for every circuit it serves) once for the batch.
    expect(clouds.azure.callsOf("startCircuitTableRead")).toBe(60);
    expect(clouds.azure.callsOf("startGatewayLearnedRoutesRead")).toBe(1);
    expect(clouds.oci.callsOf("listNetworkSecurityGroupRules")).toBe(30);
    // Each table is read once, when the sweep comes back for it (ARM answers the tables in seconds).
    expect(clouds.azure.callsOf("resumeCircuitTableRead")).toBe(60);
    expect(clouds.azure.callsOf("resumeGatewayLearnedRoutesRead")).toBe(1);
  });

  it("when a sweep batch starts deep checks, then it sends the routes-table requests only and leaves their reads to the sweep", async () => {
    const { clouds, deps } = await fleet(3);
    const results = await checkBatch(deps, names(3), "sweep-1", names(3));
    expect(results.map((result) => result.pending?.tablesStartedAt !== undefined)).toEqual([true, true, true]);
    expect(clouds.azure.callsOf("startCircuitTableRead")).toBe(6);
    expect(clouds.azure.calls.filter((call) => call.startsWith("resume"))).toEqual([]);
  });

  it("when a batch is checked, then its records are read in one query and its reports stored in one batched write", async () => {
    const { deps, inventory } = await fleet(12);
    const get = jest.spyOn(inventory, "get");
    const getMany = jest.spyOn(inventory, "getMany");
    const updateMany = jest.spyOn(inventory, "updateMany");
    await checkBatch(deps, names(12), "sweep-1", names(4));
    expect([get.mock.calls.length, getMany.mock.calls.length, updateMany.mock.calls.length]).toEqual([0, 1, 1]);
    // The four deep checks are stored when their routes tables are read (see sweepBatch).
    expect([...(updateMany.mock.calls[0]?.[0].keys() ?? [])].sort()).toEqual(names(12).slice(4).sort());
    await sweepBatch(deps, names(12), "sweep-1", names(4));
    expect((await inventory.get("link-3"))?.lastHealth?.deepCheckedAt).toBeDefined();
    expect((await inventory.get("link-7"))?.lastHealth?.checkedAt).toBeDefined();
  });

  it("when nothing changed and no deep check is due, then only the cheap facts are read and the last deep findings are carried", async () => {
    const { clouds, deps, inventory } = await fleet(5);
    await sweepBatch(deps, names(5), "sweep-1", names(5));
    const deepAt = (await inventory.get("link-0"))?.lastHealth?.deepCheckedAt;
    clouds.azure.calls.length = 0;
    clouds.oci.calls.length = 0;
    const results = await checkBatch(deps, names(5), "sweep-2", []);
    expect(results.every((result) => result.verdict === "healthy" && result.deep === undefined)).toBe(true);
    expect(clouds.azure.calls.filter((call) => DEEP_AZURE.includes(call))).toEqual([]);
    expect(clouds.oci.callsOf("listNetworkSecurityGroupRules")).toBe(0);
    const report = (await inventory.get("link-0"))?.lastHealth;
    expect(report?.deepCheckedAt).toBe(deepAt);
    expect(report?.azure.learnedVcnPrefixes).toEqual({ primary: ["10.20.0.0/16"], secondary: ["10.20.0.0/16"] });
  });

  it("when a cheap fact changed since the last report, then that interconnect alone gets a deep check at once and one alert", async () => {
    const { clouds, deps, inventory } = await fleet(4);
    await sweepBatch(deps, names(4), "sweep-1", names(4));
    clouds.azure.connections.delete(`${RG}/${resourceNames("link-2", "vnet-app").gatewayConnection}`);
    clouds.azure.calls.length = 0;
    const results = await sweepBatch(deps, names(4), "sweep-2", []);
    expect(results.map((result) => [result.name, result.verdict, result.deep ?? null, result.changed])).toEqual([
      ["link-0", "healthy", null, false],
      ["link-1", "healthy", null, false],
      ["link-2", "down", "changedFacts", true],
      ["link-3", "healthy", null, false],
    ]);
    expect(clouds.azure.callsOf("startCircuitTableRead")).toBe(2);
    expect((await inventory.get("link-2"))?.lastHealth?.reasons).toContain("the gateway connection is gone");
    expect(deps.events.events.filter((event) => event.outcome === "health-changed").map((event) => event.name)).toEqual(["link-2"]);
  });

  it("when a deep check's routes tables are still running, then resuming it polls only those reads", async () => {
    const { clouds, deps, inventory } = await fleet(2);
    clouds.azure.tablePolls = 1;
    const [first] = await checkBatch(deps, ["link-0"], "sweep-1", ["link-0"]);
    expect(first?.pending).toBeDefined();
    expect(await inventory.get("link-0").then((record) => record?.lastHealth)).toBeUndefined();
    clouds.azure.calls.length = 0;
    clouds.oci.calls.length = 0;
    const [finished] = await finishDeepChecks(deps, [first?.pending as NonNullable<typeof first>["pending"] & object], "sweep-1");
    expect(finished).toMatchObject({ name: "link-0", verdict: "healthy" });
    expect([...new Set(clouds.azure.calls)].sort()).toEqual(["resumeCircuitTableRead", "resumeGatewayLearnedRoutesRead"]);
    expect(clouds.oci.calls).toEqual([]);
    expect((await inventory.get("link-0"))?.lastHealth?.azure.gatewayLearnedPrefixes).toEqual(["10.20.0.0/16"]);
  });
});
