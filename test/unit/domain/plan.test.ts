import { planInterconnectCore } from "../../../shared/domain/plan";
import { SetupRequest } from "../../../shared/domain/setup-request";
import { criticalPath, SETUP_STEPS, TEARDOWN_STEPS } from "../../../shared/domain/steps";
import { designRequest } from "../../support/requests";

const plan = (change?: Parameters<typeof designRequest>[0]) => planInterconnectCore(SetupRequest.parse(designRequest(change)));

describe("interconnect plan", () => {
  it("when planned, then the plan shows the step graph the setup orchestrator runs, each step listed after the steps it depends on", () => {
    const steps = plan().setup;
    expect(steps.map(({ id, dependsOn }) => ({ id, dependsOn }))).toEqual(SETUP_STEPS.map(({ id, dependsOn }) => ({ id, dependsOn: [...dependsOn] })));
    const listed = steps.map((step) => step.id);
    for (const step of steps) for (const dependency of step.dependsOn) expect(listed.indexOf(dependency)).toBeLessThan(listed.indexOf(step.id));
  });

  it("when the gateway takes longest, then the critical path is preflight -> gateway -> routing -> verify", () => {
    const minutes: Record<string, number> = { preflight: 1, security: 1, circuit: 2, gateway: 30, "virtual-circuit": 3, provisioning: 5, routing: 2, verify: 1 };
    const result = criticalPath(SETUP_STEPS, (id) => minutes[id] ?? 0);
    expect(result).toEqual({ length: 34, path: ["preflight", "gateway", "routing", "verify"] });
  });

  it("when the provider is slow, then the critical path runs through the circuits instead", () => {
    const minutes: Record<string, number> = { preflight: 1, security: 1, circuit: 2, gateway: 30, "virtual-circuit": 3, provisioning: 40, routing: 2, verify: 1 };
    expect(criticalPath(SETUP_STEPS, (id) => minutes[id] ?? 0).path).toEqual(["preflight", "circuit", "virtual-circuit", "provisioning", "routing", "verify"]);
  });

  it("when planned, then every created resource carries the owner tag and deterministic names", () => {
    const created = plan().setup.flatMap((step) => step.resources).filter((resource) => resource.action.startsWith("create"));
    expect(created.length).toBeGreaterThan(4);
    for (const resource of created) expect(resource.tags).toEqual({ interlink: "erp-db-link", "interlink-ticket": "CHG0012345" });
    expect(created.map((resource) => resource.name)).toEqual(expect.arrayContaining(["erp-db-link-erc", "vnet-app-ergw", "erp-db-link-vc", "erp-db-link-erconn"]));
  });

  it("when the request lists spokes, then the plan peers every hub side, then every spoke side, after the gateway, and teardown removes each spoke side first", () => {
    const planned = plan((r) => {
      r.azure.spokes = [
        { resourceGroup: "rg-spokes", vnet: { name: "vnet-web", addressSpaces: ["10.11.0.0/16"] } },
        { subscriptionId: "11111111-1111-1111-1111-111111111111", resourceGroup: "rg-other", vnet: { name: "vnet-api" }, allowForwardedTraffic: true },
      ];
    });
    const spokes = planned.setup.find((step) => step.id === "spokes");
    expect(spokes?.dependsOn).toEqual(["gateway"]);
    expect(spokes?.resources.map((resource) => [resource.action, resource.name, resource.properties?.order, resource.properties?.allowGatewayTransit, resource.properties?.useRemoteGateways])).toEqual([
      ["create", expect.stringMatching(/^vnet-app\/interlink-erp-db-link-vnet-web-[0-9a-f]{6}$/), 1, true, false],
      ["create", expect.stringMatching(/^vnet-app\/interlink-erp-db-link-vnet-api-[0-9a-f]{6}$/), 2, true, false],
      ["create", "vnet-web/interlink-erp-db-link-vnet-app", 3, false, true],
      ["create", "vnet-api/interlink-erp-db-link-vnet-app", 4, false, true],
      ["wait", "4 peering side(s)", undefined, undefined, undefined],
    ]);
    expect(planned.setup.find((step) => step.id === "verify")?.dependsOn).toEqual(["routing", "spokes"]);
    // Spoke ranges are routed to the DRG like the hub's; one left out is read at preflight.
    expect(planned.setup.find((step) => step.id === "routing")?.resources.find((resource) => resource.kind === "routeRules")?.properties?.add).toEqual(
      ["10.10.0.0/16", "10.11.0.0/16", "read at preflight (vnet-api)"].map((destination) => expect.objectContaining({ destination })),
    );
    expect(planned.teardown.find((step) => step.id === "spokes")?.resources.map((resource) => resource.name.split("/")[0])).toEqual(["vnet-web", "vnet-app", "vnet-api", "vnet-app"]);
  });

  it("when no DRG is given, then the plan creates one and deletes it on teardown only if unused", () => {
    const withoutDrg = plan((r) => delete r.oci.drgId);
    expect(withoutDrg.setup[0]?.resources).toContainEqual(expect.objectContaining({ kind: "drg", name: "erp-db-link-drg", action: "create" }));
    expect(withoutDrg.teardown.at(-1)?.resources).toContainEqual(expect.objectContaining({ kind: "drg", action: "delete-if-unused" }));
    const withDrg = plan();
    expect(withDrg.setup[0]?.resources).toContainEqual(expect.objectContaining({ kind: "drg", name: "ocid1.drg.oc1.iad.aaaa", action: "reuse" }));
    expect(withDrg.teardown.flatMap((step) => step.resources).some((resource) => resource.kind === "drg")).toBe(false);
  });

  it("when planned, then teardown follows the documented order and waits for NotProvisioned before deleting the circuit", () => {
    expect(plan().teardown.map((step) => step.id)).toEqual(TEARDOWN_STEPS.map((step) => step.id));
    expect(TEARDOWN_STEPS.map((step) => step.id)).toEqual(["stop-traffic", "spokes", "connection", "virtual-circuit", "deprovisioning", "circuit", "shared-resources"]);
    const wait = plan().teardown.find((step) => step.id === "deprovisioning")?.resources[0];
    expect(wait?.properties).toEqual({ until: { serviceProviderProvisioningState: "NotProvisioned" } });
  });

  it("when peered VCNs are listed, then routing advertises them and suspend would blackhole them on Azure", () => {
    const routing = plan((r) => (r.oci.peeredVcns = [{ cidrs: ["10.30.0.0/16"] }])).setup.find((step) => step.id === "routing");
    expect(routing?.resources.map((resource) => resource.kind)).toContain("drgRouteRules");
    const routeTable = routing?.resources.find((resource) => resource.kind === "routeTable");
    expect(routeTable?.properties?.routes).toEqual([]);
    expect(routeTable?.properties?.suspendRoutes).toEqual([
      { addressPrefix: "10.20.0.0/16", nextHopType: "None" },
      { addressPrefix: "10.30.0.0/16", nextHopType: "None" },
    ]);
  });

  it("when the service key is referenced, then the plan never contains a key value", () => {
    expect(JSON.stringify(plan())).toContain("secret, never shown");
  });

  it("when the pair is unconfirmed, then a warning says so", () => {
    const warnings = plan((r) => {
      r.azure.region = "canadacentral";
      r.oci.region = "ca-toronto-1";
      r.azure.circuit.peeringLocation = "Toronto";
    }).warnings;
    expect(warnings.some((warning) => warning.includes("not confirmed"))).toBe(true);
  });
});
