import { azureNetworkClient, DEMO, ociVirtualNetworkClient } from "@interlink/cloud-emulators";
import { models } from "oci-core";
import { peeringSuffix } from "../../shared/domain/peered-vcn";
import { OperationProgress } from "../../shared/domain/progress";
import { type SetupRequestInput } from "../../shared/domain/setup-request";
import { type InProcessStack, useSharedStack } from "../support/in-process-stack";
import { namedRequest, operate, run, setup, taggedResources, teardown } from "../support/lifecycle";

jest.setTimeout(180_000);

const SPOKE_RG = "rg-spokes";
const SPOKES = [
  { name: "vnet-web", location: "eastus2", cidr: "10.11.0.0/16" },
  { name: "vnet-api", location: "eastus2", cidr: "10.12.0.0/16" },
  // Across geopolitical areas from the Washington DC circuit: only a Premium circuit reaches it.
  { name: "vnet-eu", location: "westeurope", cidr: "10.13.0.0/16" },
] as const;
/** Added by a day-2 change. */
const FOURTH = { name: "vnet-ops", location: "eastus", cidr: "10.15.0.0/16" } as const;

/** The example request with a Premium circuit and the given spokes. */
const hubSpoke = (name: string, spokes: ReadonlyArray<{ name: string; cidr: string }>, change?: (request: SetupRequestInput) => void) =>
  namedRequest(name, (request) => {
    request.azure.circuit.sku = { tier: "Premium", family: "MeteredData" };
    request.azure.spokes = spokes.map((spoke) => ({ resourceGroup: SPOKE_RG, vnet: { name: spoke.name, addressSpaces: [spoke.cidr] } }));
    change?.(request);
  });

/**
 * Hub-spoke on Azure: spoke VNets peered with the hub VNet that holds the ExpressRoute gateway reach OCI through it.
 * One stack for the suite; the spokes are VNets made in the Azure emulator before the first test.
 */
describe("hub-spoke: spokes reach OCI through the hub's gateway", () => {
  let stack: InProcessStack;
  useSharedStack((started) => (stack = started));

  const azure = () => azureNetworkClient(stack.emulators.azure, DEMO.subscriptionId);
  const peerings = async (resourceGroup: string, vnet: string) => {
    const found = [];
    for await (const peering of azure().virtualNetworkPeerings.list(resourceGroup, vnet)) found.push(peering);
    return found;
  };
  const oci = () => ociVirtualNetworkClient(stack.emulators.oci);
  /** The destinations of a VCN route table's rules. */
  const vcnRules = async (rtId: string) => (await oci().getRouteTable({ rtId })).routeTable.routeRules.map((rule) => rule.destination);
  const udrRoutes = async () => (await azure().routeTables.get(DEMO.resourceGroup, "rt-firewall")).routes?.map((route) => route.name);
  let defaultTableId: string;
  let appTableId: string;

  beforeAll(async () => {
    for (const spoke of [...SPOKES, FOURTH]) {
      await azure()
        .virtualNetworks.beginCreateOrUpdate(SPOKE_RG, spoke.name, { location: spoke.location, addressSpace: { addressPrefixes: [spoke.cidr] }, subnets: [{ name: "app", addressPrefix: spoke.cidr.replace(".0.0/16", ".1.0/24") }] });
    }
    // Two VCN route tables, each with a rule of its own; an app subnet whose UDR sends everything to a firewall.
    defaultTableId = (await oci().getVcn({ vcnId: DEMO.vcn.id })).vcn.defaultRouteTableId ?? "";
    const lpg = await oci().createLocalPeeringGateway({ createLocalPeeringGatewayDetails: { compartmentId: DEMO.compartmentId, vcnId: DEMO.vcn.id, displayName: "lpg-partner" } });
    await stack.host.clock.advance(60_000);
    const foreignRule = { destination: "192.168.50.0/24", destinationType: models.RouteRule.DestinationType.CidrBlock, networkEntityId: lpg.localPeeringGateway.id };
    const current = await oci().getRouteTable({ rtId: defaultTableId });
    await oci().updateRouteTable({ rtId: defaultTableId, updateRouteTableDetails: { routeRules: [...current.routeTable.routeRules, foreignRule] } });
    appTableId = (await oci().createRouteTable({ createRouteTableDetails: { compartmentId: DEMO.compartmentId, vcnId: DEMO.vcn.id, displayName: "rt-app", routeRules: [foreignRule] } })).routeTable.id;
    await azure()
      .routeTables.beginCreateOrUpdate(DEMO.resourceGroup, "rt-firewall", { location: DEMO.location, routes: [{ name: "to-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.10.2.4" }] });
    await stack.host.clock.advance(60_000);
    const udr = await azure().routeTables.get(DEMO.resourceGroup, "rt-firewall");
    await azure().subnets.beginCreateOrUpdate(DEMO.resourceGroup, DEMO.vnet.name, "app", { addressPrefix: DEMO.vnet.appSubnet, routeTable: { id: udr.id ?? "" } });
    await stack.host.clock.advance(60_000);
  });

  it("when a hub has three spokes in two areas and two VCN route tables, then each spoke is peered after the gateway, routed and learned on OCI, reachable both ways; a PATCH adds a fourth and a traffic rule and removes one without writing to either circuit; teardown leaves the existing route tables as they were", async () => {
    const { outcome, status } = await setup(
      stack,
      hubSpoke("hub-link", SPOKES, (request) => {
        request.oci.routeTableIds = [defaultTableId, appTableId];
        request.azure.appSubnets = ["app"];
        request.azure.gateway = { sku: "ErGw3AZ", fastPath: true };
      }),
    );
    expect(outcome).toMatchObject({ status: "succeeded" });
    const steps = new Map(OperationProgress.parse(status.customStatus).steps.map((step) => [step.id, step]));
    expect(Date.parse(steps.get("spokes")?.startedAt ?? "")).toBeGreaterThanOrEqual(Date.parse(steps.get("gateway")?.endedAt ?? ""));
    expect(steps.get("spokes")?.detail).toContain("3 spoke(s) peered");

    // The gateway SKU asked for, FastPath on the connection.
    expect((await azure().virtualNetworkGateways.get(DEMO.resourceGroup, "vnet-app-ergw")).sku?.name).toBe("ErGw3AZ");
    expect((await azure().virtualNetworkGatewayConnections.get(DEMO.resourceGroup, "hub-link-erconn")).expressRouteGatewayBypass).toBe(true);
    // The hub side allows transit, each spoke uses the hub's gateway, both Connected.
    const hub = await peerings(DEMO.resourceGroup, DEMO.vnet.name);
    expect(hub.map((peering) => [peering.allowGatewayTransit, peering.useRemoteGateways, peering.peeringState])).toEqual(SPOKES.map(() => [true, false, "Connected"]));
    for (const spoke of SPOKES) {
      expect((await peerings(SPOKE_RG, spoke.name)).map((peering) => [peering.name, peering.useRemoteGateways, peering.peeringState])).toEqual([["interlink-hub-link-vnet-app", true, "Connected"]]);
    }
    // Both VCN route tables send the hub and every spoke to the DRG, beside their own rule; OCI learned every spoke over
    // the virtual circuit (the connection test's evidence).
    const azureRanges = [DEMO.vnet.addressSpace, ...SPOKES.map((spoke) => spoke.cidr)];
    for (const table of [defaultTableId, appTableId]) expect((await vcnRules(table)).sort()).toEqual(["192.168.50.0/24", ...azureRanges].sort());
    expect(outcome.status === "succeeded" && outcome.evidence?.ociLearnedPrefixes).toEqual(expect.arrayContaining(SPOKES.map((spoke) => spoke.cidr)));
    for (const spoke of SPOKES) {
      expect(await stack.emulators.admin.reachability(spoke.cidr.replace(".0.0/16", ".1.4"), "10.20.0.5")).toMatchObject({ reachable: true });
      expect(await stack.emulators.admin.reachability("10.20.0.5", spoke.cidr.replace(".0.0/16", ".1.4"))).toMatchObject({ reachable: true });
    }
    expect((await run(stack, "POST", "/api/interconnects/hub-link/health")).body).toMatchObject({ verdict: "healthy" });
    // The app subnet keeps its UDR; suspend adds Interlink's routes to it, resume takes them out again.
    expect(await udrRoutes()).toEqual(["to-firewall"]);
    expect((await operate(stack, "POST", "/api/interconnects/hub-link/suspend")).outcome.status).toBe("succeeded");
    expect(await udrRoutes()).toEqual(["to-firewall", "interlink-hub-link-blackhole-0"]);
    for (const table of [defaultTableId, appTableId]) expect(await vcnRules(table)).toEqual(["192.168.50.0/24"]);
    expect((await operate(stack, "POST", "/api/interconnects/hub-link/resume")).outcome.status).toBe("succeeded");
    expect(await udrRoutes()).toEqual(["to-firewall"]);

    // Day 2: add a fourth spoke and a traffic rule, remove vnet-api. The plan preview says exactly what changes.
    const spokeOf = (spoke: { name: string; cidr: string }) => ({ resourceGroup: SPOKE_RG, vnet: { name: spoke.name, addressSpaces: [spoke.cidr] } });
    const change = {
      azure: { spokes: [SPOKES[0], SPOKES[2], FOURTH].map(spokeOf) },
      traffic: [{ from: "azure", to: "oci", protocol: "tcp", ports: "1521" }, { from: "azure", to: "oci", protocol: "tcp", ports: "443" }],
      ticketId: "CHG0012400",
    };
    const preview = (await run(stack, "POST", "/api/interconnects/hub-link/plan", change)).body as { steps: Array<{ id: string; add: Array<{ name: string }>; remove: Array<{ name: string }> }>; unchanged: string[] };
    const stepOf = (id: string) => preview.steps.find((step) => step.id === id);
    expect(stepOf("peer-spokes")?.add.map((resource) => resource.name)).toEqual([expect.stringMatching(/^vnet-app\/interlink-hub-link-vnet-ops-/), "vnet-ops/interlink-hub-link-vnet-app", "2 peering side(s)"]);
    expect(stepOf("unpeer-spokes")?.remove.map((resource) => resource.name)).toEqual(["vnet-api/interlink-hub-link-vnet-app", expect.stringMatching(/^vnet-app\/interlink-hub-link-vnet-api-/)]);
    expect(stepOf("routing")?.add.map((resource) => resource.name)).toEqual([`${defaultTableId}: ${FOURTH.cidr}`, `${appTableId}: ${FOURTH.cidr}`]);
    expect(stepOf("routing")?.remove.map((resource) => resource.name)).toEqual([`${defaultTableId}: 10.12.0.0/16`, `${appTableId}: 10.12.0.0/16`]);
    expect(stepOf("security")?.add.length).toBeGreaterThan(0);
    expect(preview.unchanged).toEqual(expect.arrayContaining(["ExpressRoute circuit hub-link-erc", "FastConnect virtual circuit hub-link-vc", "both BGP sessions"]));

    const [circuitBefore] = (await stack.emulators.admin.snapshot()).azure.filter((entry) => entry.kind === "expressRouteCircuits").map((entry) => JSON.stringify(entry.resource));
    const mark = (await stack.emulators.admin.journal()).at(-1)?.seq ?? 0;
    const patched = await operate(stack, "PATCH", "/api/interconnects/hub-link", change);
    expect(patched.outcome).toMatchObject({ status: "succeeded", operation: "update" });
    // Not one write to either circuit, the gateway connection or the virtual circuit: only reads.
    const writes = (await stack.emulators.admin.journal({ since: mark })).filter((entry) => entry.method !== "GET" && /expressRouteCircuits|connections|virtualCircuits/i.test(entry.path) && !/TablesSummary|routesTable|arpTable|routeTables\//i.test(entry.path));
    expect(writes.map((entry) => `${entry.method} ${entry.path}`)).toEqual([]);
    const [circuitAfter] = (await stack.emulators.admin.snapshot()).azure.filter((entry) => entry.kind === "expressRouteCircuits").map((entry) => JSON.stringify(entry.resource));
    expect(circuitAfter).toBe(circuitBefore);
    expect((await peerings(SPOKE_RG, "vnet-api")).length).toBe(0);
    expect((await peerings(SPOKE_RG, FOURTH.name)).map((peering) => [peering.useRemoteGateways, peering.peeringState])).toEqual([[true, "Connected"]]);
    for (const table of [defaultTableId, appTableId]) expect((await vcnRules(table)).sort()).toEqual(["192.168.50.0/24", DEMO.vnet.addressSpace, SPOKES[0].cidr, SPOKES[2].cidr, FOURTH.cidr].sort());
    expect(patched.outcome.status === "succeeded" && patched.outcome.evidence?.ociLearnedPrefixes).toEqual(expect.arrayContaining([FOURTH.cidr]));
    expect(await stack.emulators.admin.reachability("10.15.1.4", "10.20.0.5")).toMatchObject({ reachable: true });
    expect(await stack.emulators.admin.reachability("10.12.1.4", "10.20.0.5")).toMatchObject({ reachable: false });
    const record = (await run(stack, "GET", "/api/interconnects/hub-link")).body as { state: string; spec: { azure: { spokes: Array<{ vnet: { name: string } }> }; traffic: unknown[] } };
    expect(record.state).toBe("Active");
    expect(record.spec.azure.spokes.map((spoke) => spoke.vnet.name)).toEqual(["vnet-web", "vnet-eu", "vnet-ops"]);
    expect(record.spec.traffic).toHaveLength(2);
    const afterChange = (await run(stack, "POST", "/api/interconnects/hub-link/health")).body;
    expect({ verdict: afterChange.verdict, reasons: afterChange.reasons }).toEqual({ verdict: "healthy", reasons: [] });

    // The fourth spoke grows: until its peering is synced the new range does not cross, and the health check says so;
    // a PATCH declaring the new range syncs the peering (syncRemoteAddressSpace) and the route rules follow.
    const grownSpace = [FOURTH.cidr, "10.16.0.0/16"];
    await azure().virtualNetworks.beginCreateOrUpdate(SPOKE_RG, FOURTH.name, { location: FOURTH.location, addressSpace: { addressPrefixes: grownSpace }, subnets: [{ name: "app", addressPrefix: "10.15.1.0/24" }] });
    await stack.host.clock.advance(60_000);
    const unsynced = (await run(stack, "POST", "/api/interconnects/hub-link/health")).body as { verdict: string; reasons: string[] };
    expect(unsynced.verdict).toBe("degraded");
    expect(unsynced.reasons).toContain("the hub side of spoke vnet-ops's peering is RemoteNotInSync: an address space changed and the peering was not synced");
    expect(await stack.emulators.admin.reachability("10.20.0.5", "10.16.0.4")).toMatchObject({ reachable: false });
    const grown = { ...change, azure: { spokes: [spokeOf(SPOKES[0]), spokeOf(SPOKES[2]), { resourceGroup: SPOKE_RG, vnet: { name: FOURTH.name, addressSpaces: grownSpace } }] } };
    const synced = await operate(stack, "PATCH", "/api/interconnects/hub-link", grown);
    expect(synced.outcome.status).toBe("succeeded");
    expect((await peerings(DEMO.resourceGroup, DEMO.vnet.name)).map((peering) => peering.peeringSyncLevel)).toEqual(["FullyInSync", "FullyInSync", "FullyInSync"]);
    expect(await vcnRules(defaultTableId)).toContain("10.16.0.0/16");
    expect(synced.outcome.status === "succeeded" && synced.outcome.evidence?.ociLearnedPrefixes).toEqual(expect.arrayContaining(["10.16.0.0/16"]));
    expect(await stack.emulators.admin.reachability("10.20.0.5", "10.16.0.4")).toMatchObject({ reachable: true });

    // Out of band, a spoke drops its side: the health check names the spoke and the state.
    await azure().virtualNetworkPeerings.beginDelete(SPOKE_RG, "vnet-web", "interlink-hub-link-vnet-app");
    await stack.host.clock.advance(60_000);
    const degraded = (await run(stack, "POST", "/api/interconnects/hub-link/health")).body as { verdict: string; reasons: string[] };
    expect(degraded.verdict).toBe("degraded");
    expect(degraded.reasons).toEqual(expect.arrayContaining(["the hub side of spoke vnet-web's peering is Disconnected", "the spoke side of spoke vnet-web's peering is gone"]));

    const down = await teardown(stack, "hub-link");
    expect(down.outcome.status).toBe("succeeded");
    expect(OperationProgress.parse(down.status.customStatus).steps.find((step) => step.id === "spokes")?.detail).toBe("5 peering side(s) of 3 spoke(s) removed");
    expect(await peerings(DEMO.resourceGroup, DEMO.vnet.name)).toEqual([]);
    for (const spoke of [...SPOKES, FOURTH]) expect(await peerings(SPOKE_RG, spoke.name)).toEqual([]);
    expect(await taggedResources(stack, "hub-link")).toEqual([]);
    expect(await stack.emulators.admin.orphans()).toEqual([]);
    // The pre-existing route tables keep exactly their own routes.
    for (const table of [defaultTableId, appTableId]) expect(await vcnRules(table)).toEqual(["192.168.50.0/24"]);
    expect(await udrRoutes()).toEqual(["to-firewall"]);
    expect((await azure().subnets.get(DEMO.resourceGroup, DEMO.vnet.name, "app")).routeTable?.id).toContain("rt-firewall");
  });

  it("when a topology change fails half-way, then it is undone (added spoke unpeered, rules as before) and the interconnect stays Active with its spec", async () => {
    expect((await setup(stack, hubSpoke("roll-link", [SPOKES[0]]))).outcome.status).toBe("succeeded");
    const rulesBefore = (await vcnRules(defaultTableId)).sort();
    await stack.emulators.admin.addFault({ match: { op: "networkSecurityGroups.createOrUpdate" }, action: { type: "error", status: 400, code: "InvalidRequestFormat", message: "refused" }, times: 1 });
    const change = { azure: { spokes: [{ resourceGroup: SPOKE_RG, vnet: { name: SPOKES[2].name, addressSpaces: [SPOKES[2].cidr] } }] } };
    const { outcome, operation } = await operate(stack, "PATCH", "/api/interconnects/roll-link", change);
    expect(outcome).toMatchObject({ status: "failed", failedStep: "security", rolledBack: true, error: { cloud: "azure", code: "InvalidRequestFormat" } });
    expect(operation.steps.find((step) => step.id === "rollback")).toMatchObject({ status: "succeeded", detail: "restored the route and security rules; unpeered 1 added spoke(s)" });
    expect(await peerings(SPOKE_RG, SPOKES[2].name)).toEqual([]);
    expect((await peerings(SPOKE_RG, SPOKES[0].name)).map((peering) => peering.peeringState)).toEqual(["Connected"]);
    expect((await vcnRules(defaultTableId)).sort()).toEqual(rulesBefore);
    const record = (await run(stack, "GET", "/api/interconnects/roll-link")).body as { state: string; spec: { azure: { spokes: Array<{ vnet: { name: string } }> } } };
    expect([record.state, record.spec.azure.spokes.map((spoke) => spoke.vnet.name)]).toEqual(["Active", [SPOKES[0].name]]);
    expect((await teardown(stack, "roll-link")).outcome.status).toBe("succeeded");
    expect(await stack.emulators.admin.orphans()).toEqual([]);
  });

  it("when the request names the subnets and VNICs whose traffic crosses, then the rules bind there (a subnet's security list, the VNIC's NSGs, the spoke subnet's NSG), the plan says so, health reports a binding undone out of band, and teardown takes out only Interlink's", async () => {
    const SPOKE = SPOKES[1];
    const marker = "interlink:bind-link";
    const bound = hubSpoke("bind-link", [SPOKE], (request) => {
      request.azure.appSubnets = ["app"];
      request.azure.spokes = [{ resourceGroup: SPOKE_RG, vnet: { name: SPOKE.name, addressSpaces: [SPOKE.cidr] }, subnets: ["app"] }];
      request.oci.subnetIds = [DEMO.subnet.id];
      request.oci.vnicIds = [DEMO.vnic.id];
      request.options = { ...request.options, allowUnboundRules: false };
    });
    const plan = (await run(stack, "POST", "/api/interconnects/plan", bound)).body as { ruleBindings: unknown; warnings: string[] };
    expect(plan.ruleBindings).toEqual([
      {
        rule: "traffic[0] azure -> oci tcp 1521",
        azure: ["subnet vnet-app/app (NSG bind-link-nsg)", "subnet vnet-api/app (its NSG, or bind-link-vnet-api-nsg when it has none)"],
        oci: [`subnet ${DEMO.subnet.id} (its first security list, and every other subnet using that list)`, `VNIC ${DEMO.vnic.id} (in NSG bind-link-nsg)`],
      },
    ]);
    // The database host's VNIC is already in an NSG of its own, which it keeps.
    const own = (await oci().createNetworkSecurityGroup({ createNetworkSecurityGroupDetails: { compartmentId: DEMO.compartmentId, vcnId: DEMO.vcn.id, displayName: "nsg-db" } })).networkSecurityGroup.id;
    await stack.host.clock.advance(60_000);
    await oci().updateVnic({ vnicId: DEMO.vnic.id, updateVnicDetails: { nsgIds: [own] } });

    const { outcome, status } = await setup(stack, bound);
    expect(outcome).toMatchObject({ status: "succeeded" });
    expect(OperationProgress.parse(status.customStatus).steps.find((step) => step.id === "security")?.detail).toContain("bound to subnet vnet-api/app (NSG bind-link-vnet-api-nsg), security list ");
    const listId = (await oci().getSubnet({ subnetId: DEMO.subnet.id })).subnet.securityListIds?.[0] ?? "";
    const ownedRules = async () => {
      const list = (await oci().getSecurityList({ securityListId: listId })).securityList;
      return [...list.ingressSecurityRules, ...list.egressSecurityRules].filter((rule) => rule.description?.startsWith(marker)).map((rule) => (rule as { source?: string }).source);
    };
    // OCI: the subnet's security list admits the hub and the spoke on 1521; the VNIC is in both NSGs.
    expect((await ownedRules()).sort()).toEqual([DEMO.vnet.addressSpace, SPOKE.cidr].sort());
    const nsgs = await oci().listNetworkSecurityGroups({ compartmentId: DEMO.compartmentId, vcnId: DEMO.vcn.id, displayName: "bind-link-nsg" });
    const interlinkNsg = nsgs.items.find((nsg) => nsg.lifecycleState !== "TERMINATED")?.id ?? "";
    expect((await oci().getVnic({ vnicId: DEMO.vnic.id })).vnic.nsgIds).toEqual([own, interlinkNsg]);
    // Azure: the hub's app subnet has Interlink's NSG; the spoke's, which had none, one made in the spoke's region.
    expect((await azure().subnets.get(DEMO.resourceGroup, DEMO.vnet.name, "app")).networkSecurityGroup?.id).toMatch(/\/bind-link-nsg$/);
    expect((await azure().subnets.get(SPOKE_RG, SPOKE.name, "app")).networkSecurityGroup?.id).toMatch(/\/bind-link-vnet-api-nsg$/);
    const spokeNsg = await azure().networkSecurityGroups.get(SPOKE_RG, "bind-link-vnet-api-nsg");
    expect([spokeNsg.location, spokeNsg.securityRules?.some((rule) => rule.name?.startsWith("interlink-bind-link-") && rule.destinationPortRange === "1521")]).toEqual([SPOKE.location, true]);
    expect((await run(stack, "POST", "/api/interconnects/bind-link/health")).body).toMatchObject({ verdict: "healthy" });

    // Another admin takes the VNIC out of Interlink's NSG and the rules out of the subnet's list: both are reported.
    await stack.emulators.admin.outOfBand({ action: "setVnicNsgs", cloud: "oci", id: DEMO.vnic.id, nsgIds: [own] });
    const list = (await oci().getSecurityList({ securityListId: listId })).securityList;
    const foreign = (rule: { description?: string }) => !rule.description?.startsWith(marker);
    await oci().updateSecurityList({ securityListId: listId, updateSecurityListDetails: { ingressSecurityRules: list.ingressSecurityRules.filter(foreign), egressSecurityRules: list.egressSecurityRules.filter(foreign) } });
    const drifted = (await run(stack, "POST", "/api/interconnects/bind-link/health")).body as { verdict: string; reasons: string[] };
    expect(drifted.verdict).toBe("degraded");
    expect(drifted.reasons).toEqual(
      expect.arrayContaining([`VNIC ${DEMO.vnic.id} is no longer in NSG bind-link-nsg: its rules do not filter that VNIC's traffic`, `the security rules are gone from the security lists of subnet ${DEMO.subnet.displayName}: its traffic is not filtered as declared`]),
    );
    // Setting up again would put them back; here the binding is restored by hand and teardown undoes it all.
    await oci().updateVnic({ vnicId: DEMO.vnic.id, updateVnicDetails: { nsgIds: [own, interlinkNsg] } });

    const down = await teardown(stack, "bind-link");
    expect(down.outcome.status).toBe("succeeded");
    expect(await ownedRules()).toEqual([]);
    expect((await oci().getVnic({ vnicId: DEMO.vnic.id })).vnic.nsgIds).toEqual([own]);
    expect((await azure().subnets.get(SPOKE_RG, SPOKE.name, "app")).networkSecurityGroup).toBeUndefined();
    await expect(azure().networkSecurityGroups.get(SPOKE_RG, "bind-link-vnet-api-nsg")).rejects.toMatchObject({ statusCode: 404 });
    expect(await taggedResources(stack, "bind-link")).toEqual([]);
    expect(await stack.emulators.admin.orphans()).toEqual([]);
  });

  it("when the rules would protect nothing on a side, then setup is refused naming the fields unless options.allowUnboundRules is set, and then the plan warns", async () => {
    const journal = (await stack.emulators.admin.journal()).length;
    const unbound = namedRequest("unbound-link", (request) => (request.options = { ...request.options, allowUnboundRules: false }));
    const refused = await run(stack, "POST", "/api/interconnects", unbound);
    expect([refused.status, refused.headers["content-type"]]).toEqual([400, expect.stringContaining("application/problem+json")]);
    expect(refused.body.errors).toEqual([
      { path: "azure.appSubnets", message: expect.stringMatching(/^the security rules of traffic\[0\] would protect no Azure subnet: NSG unbound-link-nsg would be associated with nothing\./) },
      { path: "oci.subnetIds", message: expect.stringMatching(/^the security rules of traffic\[0\] would protect no OCI subnet or VNIC: NSG unbound-link-nsg would hold no VNIC\./) },
    ]);
    for (const error of refused.body.errors as Array<{ message: string }>) expect(error.message).toContain("set options.allowUnboundRules to set up anyway");
    expect((await run(stack, "GET", "/api/interconnects/unbound-link")).status).toBe(404);
    // Bound on one side only: the other side is still named.
    const halfBound = namedRequest("unbound-link", (request) => {
      request.options = { ...request.options, allowUnboundRules: false };
      request.oci.vnicIds = [DEMO.vnic.id];
    });
    expect(((await run(stack, "POST", "/api/interconnects/plan", halfBound)).body.errors as Array<{ path: string }>).map((error) => error.path)).toEqual(["azure.appSubnets"]);
    expect((await stack.emulators.admin.journal()).length).toBe(journal);
    const allowed = (await run(stack, "POST", "/api/interconnects/plan", namedRequest("unbound-link"))).body as { ruleBindings: unknown; warnings: string[] };
    expect(allowed.ruleBindings).toEqual([{ rule: "traffic[0] azure -> oci tcp 1521", azure: [], oci: [] }]);
    expect(allowed.warnings).toEqual(
      expect.arrayContaining([
        "The security rules protect no Azure subnet (options.allowUnboundRules): NSG unbound-link-nsg is associated with nothing, so its rules filter nothing until you associate it.",
        "The security rules protect no OCI subnet or VNIC (options.allowUnboundRules): NSG unbound-link-nsg holds no VNIC, so its rules filter nothing until you add VNICs to it.",
      ]),
    );
  });

  describe("day-2 change of peered VCNs, VCN route tables and app subnets", () => {
    const [LPG_CIDR, ATTACHED_CIDR] = ["10.40.0.0/16", "10.42.0.0/16"];
    let lpgVcn: string;
    let attachedVcn: string;
    const lpgPeer = () => ({ kind: "local" as const, vcnId: lpgVcn, cidrs: [LPG_CIDR] });
    const attachedPeer = () => ({ kind: "drg" as const, vcnId: attachedVcn, cidrs: [ATTACHED_CIDR] });
    /** An interconnect with one VCN behind an LPG, the default VCN route table and the app subnet. */
    const peeredLink = (name: string) =>
      hubSpoke(name, [], (request) => {
        request.oci.routeTableIds = [defaultTableId];
        request.oci.peeredVcns = [lpgPeer()];
        request.azure.appSubnets = ["app"];
        request.traffic = [...request.traffic, { from: "azure", to: "oci-peered", protocol: "tcp", ports: "443" }];
      });
    /** The day-2 change: the attached VCN replaces the LPG one, the second route table and the web subnet join. */
    const change = () => ({ oci: { peeredVcns: [attachedPeer()], routeTableIds: [defaultTableId, appTableId] }, azure: { appSubnets: ["app", "web"] }, ticketId: "CHG0012401" });
    const lpgs = async (vcnId: string) => (await oci().listLocalPeeringGateways({ compartmentId: DEMO.compartmentId, vcnId })).items.filter((lpg) => !["TERMINATED", "TERMINATING"].includes(String(lpg.lifecycleState))).map((lpg) => lpg.displayName);
    const attachments = async (vcnId: string) =>
      (await oci().listDrgAttachments({ compartmentId: DEMO.compartmentId, vcnId })).items.filter((attachment) => !["DETACHED", "DETACHING"].includes(String(attachment.lifecycleState))).map((attachment) => attachment.displayName);
    const web = async () => {
      const subnet = await azure().subnets.get(DEMO.resourceGroup, DEMO.vnet.name, "web");
      return [subnet.routeTable?.id?.split("/").pop(), subnet.networkSecurityGroup?.id?.split("/").pop()];
    };
    const reaches = async (from: string, to: string) => (await stack.emulators.admin.reachability(from, to)).reachable;
    /** Static rules in the DRG route table the virtual circuits advertise from. */
    const advertisedStatics = async () => {
      const drg = await oci().getDrg({ drgId: DEMO.drg.id });
      const rules = await oci().listDrgRouteRules({ drgRouteTableId: drg.drg.defaultDrgRouteTables?.virtualCircuit ?? "" });
      return rules.items.filter((rule) => String(rule.routeType) === "STATIC").map((rule) => rule.destination);
    };
    const stepDetail = (operation: { steps: Array<{ id: string; detail?: string }> }, id: string) => operation.steps.find((step) => step.id === id)?.detail ?? "";

    beforeAll(async () => {
      lpgVcn = (await oci().createVcn({ createVcnDetails: { compartmentId: DEMO.compartmentId, cidrBlocks: [LPG_CIDR], displayName: "vcn-lpg" } })).vcn.id;
      attachedVcn = (await oci().createVcn({ createVcnDetails: { compartmentId: DEMO.compartmentId, cidrBlocks: [ATTACHED_CIDR], displayName: "vcn-attached" } })).vcn.id;
      await azure().subnets.beginCreateOrUpdate(DEMO.resourceGroup, DEMO.vnet.name, "web", { addressPrefix: "10.10.5.0/24" });
      await stack.host.clock.advance(60_000);
    });

    it("when a PATCH adds a peered VCN, a VCN route table and an app subnet and removes a peered VCN, then the plan and progress name each, traffic follows, neither circuit nor BGP is written, and a later PATCH withdraws the table and subnet again", async () => {
      expect((await setup(stack, peeredLink("vcn-link"))).outcome.status).toBe("succeeded");
      expect([await reaches("10.10.1.4", "10.40.0.9"), await reaches("10.40.0.9", "10.10.1.4"), await reaches("10.10.1.4", "10.42.0.9")]).toEqual([true, true, false]);
      expect(await advertisedStatics()).toEqual([LPG_CIDR]);
      const lpgName = `vcn-link-${peeringSuffix(lpgVcn)}-lpg`;
      expect(await lpgs(lpgVcn)).toEqual([lpgName]);

      const preview = (await run(stack, "POST", "/api/interconnects/vcn-link/plan", change())).body as { steps: Array<{ id: string; add: Array<{ kind: string; name: string }>; remove: Array<{ kind: string; name: string }> }> };
      const planned = (id: string, side: "add" | "remove") => (preview.steps.find((step) => step.id === id)?.[side] ?? []).map((resource) => `${resource.kind} ${resource.name}`);
      expect(planned("peer-vcns", "add")).toEqual([`drgAttachment vcn-link-${peeringSuffix(attachedVcn)}-attachment`, `routeRules the default route table of ${attachedVcn}`]);
      expect(planned("unpeer-vcns", "remove")).toEqual([`routeRules the default route table of ${lpgVcn}`, `localPeeringGateway ${lpgName}`, `localPeeringGateway ${lpgName}`, `routeTable ${lpgName}-rt`]);
      expect(planned("routing", "add")).toEqual([`routeRule ${appTableId}: ${DEMO.vnet.addressSpace}`, "subnet vnet-app/web"]);
      expect(planned("routing", "remove")).toEqual([`drgRouteRule ${DEMO.drg.id} (virtual-circuit route table): ${LPG_CIDR}`]);
      expect(planned("security", "add")).toContain("subnet vnet-app/web");

      const mark = (await stack.emulators.admin.journal()).at(-1)?.seq ?? 0;
      const patched = await operate(stack, "PATCH", "/api/interconnects/vcn-link", change());
      expect(patched.outcome).toMatchObject({ status: "succeeded", operation: "update" });
      const writes = (await stack.emulators.admin.journal({ since: mark })).filter((entry) => entry.method !== "GET" && /expressRouteCircuits|connections|virtualCircuits/i.test(entry.path) && !/TablesSummary|routesTable|arpTable|routeTables\//i.test(entry.path));
      expect(writes.map((entry) => `${entry.method} ${entry.path}`)).toEqual([]);
      // Progress names what was added and removed.
      expect(stepDetail(patched.operation, "peer-vcns")).toContain(`VCN ${attachedVcn} (drg): attached to the DRG`);
      expect(stepDetail(patched.operation, "unpeer-vcns")).toContain(`VCN ${lpgVcn} (local)`);
      expect(stepDetail(patched.operation, "preflight")).toContain("peered VCNs +1/-1, VCN route tables +1/-0, app subnets +1/-0");
      // The attached VCN is reachable both ways, the LPG one no longer (its gateways gone); both tables route the VNet.
      expect([await reaches("10.10.1.4", "10.42.0.9"), await reaches("10.42.0.9", "10.10.1.4"), await reaches("10.10.1.4", "10.40.0.9")]).toEqual([true, true, false]);
      expect(await lpgs(lpgVcn)).toEqual([]);
      expect(await advertisedStatics()).toEqual([]);
      expect(await attachments(attachedVcn)).toEqual([`vcn-link-${peeringSuffix(attachedVcn)}-attachment`]);
      for (const table of [defaultTableId, appTableId]) expect((await vcnRules(table)).sort()).toEqual(["192.168.50.0/24", DEMO.vnet.addressSpace].sort());
      expect(await web()).toEqual(["vcn-link-rt", "vcn-link-nsg"]);
      expect(patched.outcome.status === "succeeded" && patched.outcome.evidence?.azureLearnedPrefixes?.primary).toEqual(expect.arrayContaining([ATTACHED_CIDR]));
      const record = (await run(stack, "GET", "/api/interconnects/vcn-link")).body as { state: string; spec: { oci: { peeredVcns: Array<{ vcnId: string }>; routeTableIds: string[] } } };
      expect([record.state, record.spec.oci.peeredVcns.map((peer) => peer.vcnId), record.spec.oci.routeTableIds]).toEqual(["Active", [attachedVcn], [defaultTableId, appTableId]]);

      // A peered VCN that stays cannot change how it is peered in place.
      const reshaped = await run(stack, "PATCH", "/api/interconnects/vcn-link", { oci: { peeredVcns: [{ ...attachedPeer(), kind: "local" }] } });
      expect([reshaped.status, (reshaped.body.errors as Array<{ path: string }>)[0]?.path]).toEqual([400, "oci.peeredVcns[0]"]);

      // Back to one table and the app subnet: only Interlink's rules leave the table, the web subnet lets go of both.
      const undo = await operate(stack, "PATCH", "/api/interconnects/vcn-link", { oci: { routeTableIds: [defaultTableId] }, azure: { appSubnets: ["app"] } });
      expect(undo.outcome.status).toBe("succeeded");
      expect(stepDetail(undo.operation, "routing")).toContain(`withdrawn from VCN route table ${appTableId} (1 rule(s) withdrawn), subnet web`);
      expect(await vcnRules(appTableId)).toEqual(["192.168.50.0/24"]);
      expect(await web()).toEqual([undefined, undefined]);

      expect((await teardown(stack, "vcn-link")).outcome.status).toBe("succeeded");
      expect(await attachments(attachedVcn)).toEqual([]);
      expect(await taggedResources(stack, "vcn-link")).toEqual([]);
      expect(await stack.emulators.admin.orphans()).toEqual([]);
    });

    it("when a PATCH of peered VCNs, route tables and app subnets fails half-way, then the added VCN, table and subnet are undone and the interconnect stays Active with its old spec", async () => {
      expect((await setup(stack, peeredLink("vcn-roll"))).outcome.status).toBe("succeeded");
      await stack.emulators.admin.addFault({ match: { op: "networkSecurityGroups.createOrUpdate" }, action: { type: "error", status: 400, code: "InvalidRequestFormat", message: "refused" }, times: 1 });
      const { outcome, operation } = await operate(stack, "PATCH", "/api/interconnects/vcn-roll", change());
      expect(outcome).toMatchObject({ status: "failed", failedStep: "security", rolledBack: true });
      expect(stepDetail(operation, "rollback")).toBe("restored the route and security rules; removed 1 added peered VCN(s)");
      expect(await attachments(attachedVcn)).toEqual([]);
      expect(await lpgs(lpgVcn)).toEqual([`vcn-roll-${peeringSuffix(lpgVcn)}-lpg`]);
      expect([await reaches("10.10.1.4", "10.40.0.9"), await reaches("10.10.1.4", "10.42.0.9")]).toEqual([true, false]);
      expect(await advertisedStatics()).toEqual([LPG_CIDR]);
      expect(await vcnRules(appTableId)).toEqual(["192.168.50.0/24"]);
      expect(await web()).toEqual([undefined, undefined]);
      const record = (await run(stack, "GET", "/api/interconnects/vcn-roll")).body as { state: string; spec: { oci: { peeredVcns: Array<{ vcnId: string }>; routeTableIds: string[] }; azure: { appSubnets: string[] } } };
      expect([record.state, record.spec.oci.peeredVcns.map((peer) => peer.vcnId), record.spec.oci.routeTableIds, record.spec.azure.appSubnets]).toEqual(["Active", [lpgVcn], [defaultTableId], ["app"]]);
      expect((await teardown(stack, "vcn-roll")).outcome.status).toBe("succeeded");
      expect(await stack.emulators.admin.orphans()).toEqual([]);
    });
  });

  it("when the request breaks a spoke rule, then the plan is refused with problem+json naming the field, before any cloud call", async () => {
    const refusals = async (request: SetupRequestInput) => {
      const response = await run(stack, "POST", "/api/interconnects/plan", request);
      expect(response.status).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      return (response.body.errors as Array<{ path: string; message: string }>).map((error) => `${error.path}: ${error.message}`);
    };
    const journal = (await stack.emulators.admin.journal()).length;
    const nested = hubSpoke("bad-spokes", [SPOKES[0]], (request) => {
      (request.azure.spokes?.[0] as Record<string, unknown>).spokes = [{ resourceGroup: SPOKE_RG, vnet: { name: "vnet-eu" } }];
    });
    expect(await refusals(nested)).toEqual([expect.stringMatching(/^azure\.spokes\[0\]\.spokes: VNet peering is not transitive: .*list each such VNet in azure\.spokes/)]);
    const overlapping = hubSpoke("bad-spokes", [{ name: "vnet-web", cidr: "10.10.128.0/17" }, { name: "vnet-api", cidr: "10.20.0.0/16" }, { name: "vnet-eu", cidr: "10.99.0.0/29" }], (request) => {
      request.bgp = { primary: "100.64.0.0/30", secondary: "10.99.0.4/30" };
      request.azure.spokes?.push({ resourceGroup: SPOKE_RG, vnet: { name: "vnet-web" } });
      request.azure.spokes?.push({ resourceGroup: DEMO.resourceGroup, vnet: { name: DEMO.vnet.name } });
    });
    expect(await refusals(overlapping)).toEqual(
      expect.arrayContaining([
        "azure.spokes[3].vnet.name: 'vnet-web' is already listed as azure.spokes[0]: a VNet is peered with the hub once",
        "azure.spokes[4].vnet.name: 'vnet-app' is the hub VNet (azure.vnet): a VNet cannot be peered with itself",
        "azure.spokes[0].vnet.addressSpaces[0]: 10.10.128.0/17 (spoke VNet address space, azure.spokes[0].vnet.addressSpaces[0]) overlaps 10.10.0.0/16 (VNet address space, azure.vnet.addressSpaces[0]): peered VNets must not have overlapping address spaces (Azure refuses the peering)",
        "oci.vcnCidrs[0]: 10.20.0.0/16 (VCN CIDR, oci.vcnCidrs[0]) overlaps 10.20.0.0/16 (spoke VNet address space, azure.spokes[1].vnet.addressSpaces[0]): the VNet and the VCN must not have overlapping CIDRs",
        "bgp.secondary: 10.99.0.4/30 (secondary BGP /30, bgp.secondary) overlaps 10.99.0.0/29 (spoke VNet address space, azure.spokes[2].vnet.addressSpaces[0]): ranges on an interconnect must be disjoint",
        "bgp.primary: the primary BGP block must be a private (RFC 1918) block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16: the private peering's BGP sessions use private addresses",
      ]),
    );
    const tables = hubSpoke("bad-tables", [SPOKES[0]], (request) => {
      request.oci.routeTableId = "ocid1.routetable.oc1.iad.aaaa";
      request.oci.routeTableIds = ["ocid1.routetable.oc1.iad.bbbb", "ocid1.routetable.oc1.iad.bbbb"];
    });
    const fastPath = hubSpoke("bad-gateway", [SPOKES[0]], (request) => (request.azure.gateway = { sku: "ErGw1AZ", fastPath: true }));
    expect(await refusals(fastPath)).toEqual(["azure.gateway.fastPath: FastPath needs the ErGw3AZ, ErGwScale, UltraPerformance gateway SKU; azure.gateway.sku is ErGw1AZ"]);
    expect(await refusals(tables)).toEqual(["oci.routeTableIds: give oci.routeTableId or oci.routeTableIds, not both", "oci.routeTableIds[1]: ocid1.routetable.oc1.iad.bbbb is listed twice"]);
    expect((await stack.emulators.admin.journal()).length).toBe(journal);
  });

  it("when a spoke is outside the circuit's geopolitical area and the circuit is Standard, then preflight refuses naming the area rule, and nothing is created", async () => {
    const standard = hubSpoke("area-link", [SPOKES[1], SPOKES[2]], (request) => (request.azure.circuit.sku = { tier: "Standard", family: "MeteredData" }));
    const { outcome } = await setup(stack, standard);
    expect(outcome).toMatchObject({ status: "failed", failedStep: "preflight", error: { code: "PreflightRejected" } });
    // eastus2 is in the Washington DC circuit's area (North America): only the westeurope spoke is refused.
    expect(outcome.status === "failed" && outcome.error?.message).toBe(
      "azure.spokes[1].vnet.name: the spoke VNet is in westeurope: 'westeurope' is in Europe but the peering location Washington DC is in North America: a Standard circuit reaches VNets in its peering location's geopolitical area only; use the Premium tier (azure.circuit.sku.tier) or a region in North America",
    );
    expect(await taggedResources(stack, "area-link")).toEqual([]);
  });

  it("when a spoke already uses another VNet's gateway or has its own, then preflight refuses naming the spoke, and nothing is created", async () => {
    // vnet-other has a gateway that vnet-web already uses; vnet-gw has a gateway of its own.
    const client = azure();
    await client.virtualNetworks.beginCreateOrUpdate(SPOKE_RG, "vnet-gw", { location: "eastus", addressSpace: { addressPrefixes: ["10.14.0.0/16"] }, subnets: [{ name: "GatewaySubnet", addressPrefix: "10.14.255.0/27" }] });
    await stack.host.clock.advance(60_000);
    const gatewaySubnet = `/subscriptions/${DEMO.subscriptionId}/resourceGroups/${SPOKE_RG}/providers/Microsoft.Network/virtualNetworks/vnet-gw/subnets/GatewaySubnet`;
    await client.virtualNetworkGateways.beginCreateOrUpdate(SPOKE_RG, "vnet-gw-ergw", { location: "eastus", gatewayType: "ExpressRoute", sku: { name: "ErGw1AZ", tier: "ErGw1AZ" }, ipConfigurations: [{ name: "ip", subnet: { id: gatewaySubnet } }] });
    await stack.host.clock.advance(60 * 60_000);
    const gwVnet = `/subscriptions/${DEMO.subscriptionId}/resourceGroups/${SPOKE_RG}/providers/Microsoft.Network/virtualNetworks/vnet-gw`;
    const webVnet = `/subscriptions/${DEMO.subscriptionId}/resourceGroups/${SPOKE_RG}/providers/Microsoft.Network/virtualNetworks/vnet-web`;
    await client.virtualNetworkPeerings.beginCreateOrUpdate(SPOKE_RG, "vnet-gw", "to-web", { remoteVirtualNetwork: { id: webVnet }, allowGatewayTransit: true });
    await client.virtualNetworkPeerings.beginCreateOrUpdate(SPOKE_RG, "vnet-web", "to-gw", { remoteVirtualNetwork: { id: gwVnet }, useRemoteGateways: true });
    await stack.host.clock.advance(60_000);

    const { outcome } = await setup(stack, hubSpoke("taken-link", [SPOKES[0], { name: "vnet-gw", cidr: "10.14.0.0/16" }]));
    expect(outcome).toMatchObject({ status: "failed", failedStep: "preflight", error: { code: "PreflightRejected" } });
    const message = outcome.status === "failed" ? (outcome.error?.message ?? "") : "";
    expect(message).toContain("azure.spokes[0].vnet.name: 'vnet-web' already uses the gateway of VNet vnet-gw (peering to-gw): a VNet can use one remote gateway");
    expect(message).toContain("azure.spokes[1].vnet.name: 'vnet-gw' has a gateway of its own");
    expect(await taggedResources(stack, "taken-link")).toEqual([]);
    expect(await peerings(DEMO.resourceGroup, DEMO.vnet.name)).toEqual([]);
  });
});
