// Setups and teardowns under the faults a real cloud throws (429, 500, failed operations, a failed virtual circuit),
// injected through the emulators' fault rules: whatever each one ends as, nothing Interlink created is left behind,
// the GatewaySubnet (which carries no tag) included.
import { azureNetworkClient, DEMO, type FaultRuleInput, ociVirtualNetworkClient } from "@interlink/cloud-emulators";
import { type SetupRequestInput } from "../../shared/domain/setup-request";
import { type InProcessStack, startInProcessStack } from "../support/in-process-stack";
import { fault, finished, namedRequest, operate, run, setup, taggedResources, teardown } from "../support/lifecycle";

jest.setTimeout(180_000);

/** The subnets of a VNet, by name. */
async function subnetsOf(stack: InProcessStack, vnet: string): Promise<string[]> {
  const read = await azureNetworkClient(stack.emulators.azure, DEMO.subscriptionId).virtualNetworks.get(DEMO.resourceGroup, vnet);
  return (read.subnets ?? []).map((subnet) => subnet.name ?? "").sort();
}

/** One setup of the storm: its own VNet, VCN and DRG (so all run at once), and the faults aimed at it. */
interface StormCase {
  index: number;
  faults: (names: { vnet: string; name: string }) => FaultRuleInput[];
  /** How the setup ends: succeeded (then it is torn down under its faults too) or failed at that step and rolled back. */
  expected: { status: "succeeded" } | { status: "failed"; failedStep: string };
}

const THROTTLE = { type: "throttle" } as const;
const lost = (status: number) => ({ type: "error", status, phase: "after" }) as const;
const refused = (status: number) => ({ type: "error", status, phase: "before" }) as const;
const lroFailed = (code: string) => ({ type: "lroFailed", code, message: `${code} (injected)` }) as const;

const STORM: StormCase[] = [
  {
    index: 1,
    // 429s everywhere, the GatewaySubnet's answer lost among them.
    faults: ({ vnet, name }) => [
      { match: { op: "subnets.createOrUpdate", resourceName: vnet }, action: lost(429), times: 1 },
      { match: { op: "virtualNetworkGateways.get", resourceName: `${vnet}-ergw` }, action: THROTTLE, times: 3 },
      { match: { op: "createDrg", resourceName: `${name}-drg` }, action: THROTTLE, times: 2 },
      { match: { op: "expressRouteCircuits.delete", resourceName: `${name}-erc` }, action: THROTTLE, times: 2 },
    ],
    expected: { status: "succeeded" },
  },
  {
    index: 2,
    // 500s, some after the change was stored.
    faults: ({ vnet, name }) => [
      { match: { op: "expressRouteCircuits.createOrUpdate", resourceName: `${name}-erc` }, action: lost(500), times: 6 },
      { match: { op: "createVirtualCircuit", resourceName: `${name}-vc` }, action: lost(500), times: 3 },
      { match: { op: "subnets.createOrUpdate", resourceName: vnet }, action: lost(500), times: 6 },
      { match: { op: "virtualNetworkGatewayConnections.delete", resourceName: `${name}-erconn` }, action: refused(500), times: 3 },
    ],
    expected: { status: "succeeded" },
  },
  {
    index: 3,
    // Operations that end Failed with a transient code: built again, never rolled back.
    faults: ({ vnet, name }) => [
      { match: { op: "virtualNetworkGateways.createOrUpdate", resourceName: `${vnet}-ergw` }, action: lroFailed("InternalServerError"), times: 1 },
      { match: { op: "virtualNetworkGatewayConnections.createOrUpdate", resourceName: `${name}-erconn` }, action: lroFailed("InternalServerError"), times: 1 },
      { match: { op: "expressRouteCircuits.delete", resourceName: `${name}-erc` }, action: lroFailed("InternalServerError"), times: 1 },
    ],
    expected: { status: "succeeded" },
  },
  {
    index: 4,
    // A gateway that can never be built, after a lost GatewaySubnet answer: rolled back.
    faults: ({ vnet }) => [
      { match: { op: "subnets.createOrUpdate", resourceName: vnet }, action: lost(429), times: 1 },
      { match: { op: "virtualNetworkGateways.createOrUpdate", resourceName: `${vnet}-ergw` }, action: lroFailed("GwmOperationTimeOut") },
      { match: { op: "virtualNetworkGateways.delete", resourceName: `${vnet}-ergw` }, action: THROTTLE, times: 2 },
    ],
    expected: { status: "failed", failedStep: "gateway" },
  },
  {
    index: 5,
    // The provider fails the virtual circuit; the rollback meets 500s.
    faults: ({ vnet, name }) => [
      { match: { op: "createVirtualCircuit", resourceName: `${name}-vc` }, action: { type: "virtualCircuitFailed" }, times: 1 },
      { match: { op: "subnets.delete", resourceName: vnet }, action: refused(500), times: 2 },
      { match: { op: "deleteVirtualCircuit" }, action: THROTTLE, times: 1 },
    ],
    expected: { status: "failed", failedStep: "provisioning" },
  },
  {
    index: 6,
    // Everything at once: a lost subnet answer, a transient circuit failure, throttled OCI, then a refused connection.
    faults: ({ vnet, name }) => [
      { match: { op: "subnets.createOrUpdate", resourceName: vnet }, action: lost(429), times: 1 },
      { match: { op: "expressRouteCircuits.createOrUpdate", resourceName: `${name}-erc` }, action: lroFailed("InternalServerError"), times: 1 },
      { match: { op: "createDrgAttachment", resourceName: `${name}-drg-attachment` }, action: THROTTLE, times: 2 },
      { match: { op: "virtualNetworkGatewayConnections.createOrUpdate", resourceName: `${name}-erconn` }, action: { type: "error", status: 400, code: "ExpressRouteCircuitNotProvisioned", message: "refused (injected)", phase: "before" } },
    ],
    expected: { status: "failed", failedStep: "routing" },
  },
];

// One stack for the file: the app's clients are built once per process, for the first stack's endpoints.
let stack: InProcessStack;
const vcns = new Map<number, string>();

beforeAll(async () => {
  stack = await startInProcessStack();
  const azure = azureNetworkClient(stack.emulators.azure, DEMO.subscriptionId);
  const oci = ociVirtualNetworkClient(stack.emulators.oci);
  for (const { index } of STORM) {
    await azure.virtualNetworks.beginCreateOrUpdate(DEMO.resourceGroup, `vnet-storm-${index}`, { location: DEMO.location, addressSpace: { addressPrefixes: [`10.${100 + index}.0.0/16`] } });
    const created = await oci.createVcn({ createVcnDetails: { compartmentId: DEMO.compartmentId, cidrBlocks: [`10.${110 + index}.0.0/16`], displayName: `vcn-storm-${index}` } });
    vcns.set(index, created.vcn.id);
  }
  await stack.host.clock.advance(60_000);
});
afterAll(async () => {
  await stack?.stop();
});
afterEach(async () => {
  await stack.emulators.admin.clearFaults();
});

describe("the GatewaySubnet, which carries no tag, is never lost track of", () => {
  it("when the answer to the GatewaySubnet PUT is lost (429 after ARM stored it), then the retried step still knows Interlink created it and teardown removes it", async () => {
    await fault(stack, { match: { op: "subnets.createOrUpdate", resourceName: "GatewaySubnet" }, action: { type: "error", status: 429, code: "SubscriptionRequestsThrottled", phase: "after" }, times: 1 });
    const { outcome } = await setup(stack, namedRequest("lost-answer-link"));
    expect(outcome).toMatchObject({ status: "succeeded", resources: { gatewaySubnetCreated: true } });
    expect((await teardown(stack, "lost-answer-link")).outcome.status).toBe("succeeded");
    expect(await taggedResources(stack, "lost-answer-link")).toEqual([]);
    expect(await subnetsOf(stack, DEMO.vnet.name)).toEqual(["app"]);
    expect(await stack.emulators.admin.orphans()).toEqual([]);
  });

  it("when the GatewaySubnet PUT is stored but refused (400 after storing), then the setup fails and the rollback removes the subnet it made", async () => {
    await fault(stack, { match: { op: "subnets.createOrUpdate", resourceName: "GatewaySubnet" }, action: { type: "error", status: 400, code: "InvalidRequestFormat", message: "refused after all", phase: "after" }, times: 1 });
    const { outcome } = await setup(stack, namedRequest("refused-subnet-link"));
    expect(outcome).toMatchObject({ status: "failed", failedStep: "preflight", rolledBack: true, error: { cloud: "azure", code: "InvalidRequestFormat" } });
    await stack.host.clock.advance(60 * 60_000);
    expect(await subnetsOf(stack, DEMO.vnet.name)).toEqual(["app"]);
    expect(await stack.emulators.admin.orphans()).toEqual([]);
  });
});


/** DESIGN.md's example on a storm case's own networks: a VNet 10.10N.0.0/16, a VCN 10.11N.0.0/16, Interlink's own DRG. */
const stormRequest = (index: number): SetupRequestInput =>
  namedRequest(`storm-${index}`, (request) => {
    request.azure.vnet = { name: `vnet-storm-${index}`, addressSpaces: [`10.${100 + index}.0.0/16`] };
    request.azure.gatewaySubnetPrefix = `10.${100 + index}.255.0/27`;
    request.oci.vcnId = vcns.get(index) ?? "";
    request.oci.vcnCidrs = [`10.${110 + index}.0.0/16`];
    delete request.oci.drgId;
    request.bgp = { primary: `10.99.${10 + index}.0/30`, secondary: `10.99.${10 + index}.4/30` };
  });

describe("a fault storm of six setups at once", () => {
  it("when six setups run at once under 429s, 500s, failed operations and a failed virtual circuit, then each ends as expected and 0 resources Interlink created are left", async () => {
    for (const { index, faults } of STORM) for (const rule of faults({ vnet: `vnet-storm-${index}`, name: `storm-${index}` })) await fault(stack, rule);

    // All six start before any finishes: they provision side by side on one virtual clock.
    const started = await Promise.all(
      STORM.map(async ({ index }) => {
        const response = await run(stack, "POST", "/api/interconnects", stormRequest(index));
        expect(response.status).toBe(202);
        return { instanceId: String(response.body.instanceId), location: String(response.headers.location) };
      }),
    );
    const outcomes = [];
    for (const { instanceId, location } of started) outcomes.push((await finished(stack, instanceId, location, 150_000)).outcome);
    expect(outcomes.map((outcome) => ({ status: outcome.status, ...(outcome.failedStep ? { failedStep: outcome.failedStep } : {}) }))).toEqual(STORM.map((entry) => entry.expected));
    for (const outcome of outcomes.filter((candidate) => candidate.status === "failed")) expect(outcome.rolledBack).toBe(true);

    // The ones that succeeded are torn down under what is left of their faults.
    const survivors = outcomes.filter((outcome) => outcome.status === "succeeded").map((outcome) => outcome.name);
    for (const name of survivors) expect((await operate(stack, "DELETE", `/api/interconnects/${name}`)).outcome.status).toBe("succeeded");

    const fired = (await stack.emulators.admin.faults()).reduce((total, rule) => total + rule.hits, 0);
    expect(fired).toBeGreaterThanOrEqual(20);
    await stack.emulators.admin.clearFaults();
    const left = (await Promise.all(STORM.map(({ index }) => taggedResources(stack, `storm-${index}`)))).flat();
    expect(left).toEqual([]);
    for (const { index } of STORM) expect(await subnetsOf(stack, `vnet-storm-${index}`)).toEqual([]);
    expect(await stack.emulators.admin.orphans()).toEqual([]);
  });
});
