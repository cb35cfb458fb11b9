// Records the histories the replay-compatibility check replays (`npm run record-histories`): each lifecycle
// orchestrator on representative paths, run by the dev host on its virtual clock against the cloud emulators, written
// compact and with stable ids to test/fixtures/histories/<host.json defaultVersion>/. Recordings of older versions stay:
// they stand for instances of those versions still in flight.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO } from "@interlink/cloud-emulators";
import { azureNetworkClient } from "@interlink/cloud-emulators";
import { HEALTH_SWEEP_ORCHESTRATOR } from "../../shared/domain/health";
import { appDefaultVersion, compactEvents, formatRecording, HISTORIES_DIR, RecordedScenario, stableIds, type RecordedInstance } from "../support/histories";
import { type InProcessStack, startInProcessStack } from "../support/in-process-stack";
import { fault, namedRequest, operate, run, setup, teardown } from "../support/lifecycle";

jest.setTimeout(600_000);

/** A fixed secret store key: VPN links keep their pre-shared keys sealed with it. */
const SECRET_STORE_KEY = Buffer.alloc(32, 7).toString("base64");
const SPOKE = { resourceGroup: "rg-spokes", name: "vnet-web", location: "eastus2", cidr: "10.11.0.0/16" };

let stack: InProcessStack;
const version = appDefaultVersion();
const directory = path.join(HISTORIES_DIR, version);

beforeAll(async () => {
  stack = await startInProcessStack({ settings: { SECRET_STORE_KEY } });
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
});
afterAll(() => stack?.stop());

function instance(instanceId: string): RecordedInstance {
  const record = stack.host.host.engine.get(instanceId);
  if (!record) throw new Error(`no instance ${instanceId}`);
  return { orchestrator: record.name, instanceId, version: record.version ?? "", events: compactEvents(record.history) };
}

function save(scenario: string, description: string, instanceIds: string[]): void {
  const recording = RecordedScenario.parse({ scenario, description, instances: instanceIds.map(instance) });
  writeFileSync(path.join(directory, `${scenario}.json`), stableIds(formatRecording(recording)));
}

async function started(method: string, route: string, json?: unknown): Promise<string> {
  const outcome = await operate(stack, method, route, json);
  expect(["succeeded", "failed"]).toContain(outcome.outcome.status);
  return outcome.instanceId;
}

it("records the lifecycle of an interconnect: setup, resize, suspend and resume, a topology change, a health sweep, teardown", async () => {
  await azureNetworkClient(stack.emulators.azure, DEMO.subscriptionId).virtualNetworks.beginCreateOrUpdate(SPOKE.resourceGroup, SPOKE.name, {
    location: SPOKE.location,
    addressSpace: { addressPrefixes: [SPOKE.cidr] },
    subnets: [{ name: "app", addressPrefix: "10.11.1.0/24" }],
  });
  await stack.host.clock.advance(60_000);

  const created = await setup(stack, namedRequest("rec-link"));
  expect(created.outcome.status).toBe("succeeded");
  save("setup-succeeds", "Setup of DESIGN.md's example interconnect that succeeds", [created.instanceId]);
  save("resize", "Raising the circuits' bandwidth", [await started("PATCH", "/api/interconnects/rec-link", { bandwidthMbps: 2000 })]);
  save("suspend-resume", "Suspending traffic, then resuming it", [await started("POST", "/api/interconnects/rec-link/suspend"), await started("POST", "/api/interconnects/rec-link/resume")]);
  const spokes = { azure: { spokes: [{ resourceGroup: SPOKE.resourceGroup, vnet: { name: SPOKE.name, addressSpaces: [SPOKE.cidr] } }] } };
  save("topology-update", "A topology change that adds a spoke VNet", [await started("PATCH", "/api/interconnects/rec-link", spokes)]);

  await stack.host.startNew(HEALTH_SWEEP_ORCHESTRATOR, { instanceId: "rec-sweep", input: {} });
  expect((await stack.host.waitForCompletion("rec-sweep", { timeoutMs: 60_000 })).runtimeStatus).toBe("Completed");
  save("health-sweep", "A health sweep over one active interconnect", ["rec-sweep"]);

  const removed = await teardown(stack, "rec-link");
  expect(removed.outcome.status).toBe("succeeded");
  save("teardown", "Teardown of the interconnect", [removed.instanceId]);
});

it("records a setup that fails at the gateway connection and rolls back", async () => {
  await fault(stack, { match: { op: "virtualNetworkGatewayConnections.createOrUpdate" }, action: { type: "error", status: 400, code: "ExpressRouteCircuitNotProvisioned", message: "the circuit is not provisioned", phase: "before" } });
  const failed = await setup(stack, namedRequest("rec-rollback"));
  await stack.emulators.admin.clearFaults();
  expect(failed.outcome).toMatchObject({ status: "failed", rolledBack: true });
  save("setup-rolls-back", "Setup that fails at the gateway connection and rolls back what it made", [failed.instanceId]);
});

it("records a site-to-site VPN link's setup", async () => {
  const request = {
    name: "rec-vpn",
    type: "azure-oci",
    ticketId: "CHG0099",
    azure: { subscriptionId: DEMO.subscriptionId, resourceGroup: DEMO.resourceGroup, region: "eastus", vnet: { name: DEMO.vnet.name }, gatewaySubnetPrefix: "10.10.255.0/27" },
    oci: { region: "us-ashburn-1", compartmentId: DEMO.compartmentId, vcnId: DEMO.vcn.id, drgId: DEMO.drg.id },
    routing: { mode: "bgp", tunnels: ["169.254.21.0/30", "169.254.22.0/30"] },
  };
  const response = await run(stack, "POST", "/api/vpn-links", request);
  expect(response.status).toBe(202);
  const instanceId = String(response.body.instanceId);
  expect((await stack.host.waitForCompletion(instanceId, { timeoutMs: 120_000 })).runtimeStatus).toBe("Completed");
  save("vpn-setup", "Setup of a BGP site-to-site VPN link", [instanceId]);
});
