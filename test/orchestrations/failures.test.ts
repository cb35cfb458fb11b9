import { type InProcessStack, startInProcessStack } from "../support/in-process-stack";
import { fault, namedRequest, run, setup, taggedResources, teardown } from "../support/lifecycle";

jest.setTimeout(120_000);

describe("setup failures roll back and leave no orphan", () => {
  let stack: InProcessStack;
  beforeAll(async () => {
    stack = await startInProcessStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(async () => {
    await stack.emulators.admin.clearFaults();
  });

  it.each([
    ["security", { match: { op: "addNetworkSecurityGroupSecurityRules" }, action: { type: "error", status: 403, code: "NotAuthorized", message: "not allowed to add rules", phase: "before" } }, "oci", "NotAuthorized"],
    ["circuit", { match: { op: "expressRouteCircuits.createOrUpdate" }, action: { type: "lroFailed", code: "ServiceProviderNotAvailable", message: "circuit provisioning failed" } }, "azure", "ServiceProviderNotAvailable"],
    ["gateway", { match: { op: "virtualNetworkGateways.createOrUpdate" }, action: { type: "lroFailed", code: "GwmOperationTimeOut", message: "gateway manager timed out" } }, "azure", "GwmOperationTimeOut"],
    ["provisioning", { match: { op: "createVirtualCircuit" }, action: { type: "virtualCircuitFailed" } }, "oci", "VirtualCircuitFailed"],
    ["routing", { match: { op: "virtualNetworkGatewayConnections.createOrUpdate" }, action: { type: "error", status: 400, code: "ExpressRouteCircuitNotProvisioned", message: "the circuit is not provisioned", phase: "before" } }, "azure", "ExpressRouteCircuitNotProvisioned"],
  ] as const)("when the %s step fails permanently, then setup fails there with the cloud's code and everything it made is removed", async (step, rule, cloud, code) => {
    const name = `fail-${step}`;
    await fault(stack, rule as Parameters<typeof fault>[1]);
    const { outcome, status } = await setup(stack, namedRequest(name));
    expect(status.runtimeStatus).toBe("Failed");
    expect(outcome).toMatchObject({ status: "failed", failedStep: step, rolledBack: true, error: { cloud, code } });
    const progress = status.customStatus as { steps: Array<{ id: string; status: string }> };
    expect(progress.steps.find((entry) => entry.id === step)?.status).toBe("failed");
    expect(progress.steps.find((entry) => entry.id === "rollback")?.status).toBe("succeeded");
    await stack.emulators.admin.clearFaults();
    expect(await taggedResources(stack, name)).toEqual([]);
    expect(await stack.emulators.admin.orphans()).toEqual([]);
  });

  it("when a setup fails and is rolled back, then Durable says Failed, the interconnect stays listed as RolledBack with its error until DELETE clears it, and the name can be set up again", async () => {
    await fault(stack, { match: { op: "virtualNetworkGatewayConnections.createOrUpdate" }, action: { type: "error", status: 400, code: "ExpressRouteCircuitNotProvisioned", message: "the circuit is not provisioned", phase: "before" } });
    const { status, operation } = await setup(stack, namedRequest("fail-visible"));
    expect(status.runtimeStatus).toBe("Failed");
    expect(String(status.output)).toContain("setup of fail-visible failed at step routing: azure ExpressRouteCircuitNotProvisioned: the circuit is not provisioned; rolled back");
    expect(operation).toMatchObject({ result: "failed", done: true, runtimeStatus: "Failed", state: "RolledBack", rolledBack: true, error: { step: "routing", code: "ExpressRouteCircuitNotProvisioned" } });
    await stack.emulators.admin.clearFaults();

    const listed = (await run(stack, "GET", "/api/interconnects")).body as { value: Array<{ name: string; state: string; lastError: unknown }> };
    expect(listed.value.find((entry) => entry.name === "fail-visible")).toMatchObject({
      state: "RolledBack",
      lastError: { operation: "setup", step: "routing", cloud: "azure", code: "ExpressRouteCircuitNotProvisioned", message: "the circuit is not provisioned", rolledBack: true },
    });
    expect((await run(stack, "GET", "/api/interconnects/fail-visible")).body).toMatchObject({ state: "RolledBack", lastError: { step: "routing" } });
    expect((await run(stack, "POST", "/api/interconnects/fail-visible/suspend")).status).toBe(409);
    expect((await run(stack, "POST", "/api/interconnects/fail-visible/health")).status).toBe(409);
    expect((await run(stack, "GET", "/api/interconnects/fail-visible/health")).body).toMatchObject({ status: 404, detail: expect.stringContaining("rolled back") });

    const removed = await teardown(stack, "fail-visible");
    expect(removed.status.runtimeStatus).toBe("Completed");
    expect((await run(stack, "GET", "/api/interconnects/fail-visible")).body).toMatchObject({ state: "Deleted", lastError: null });
    const after = (await run(stack, "GET", "/api/interconnects")).body as { value: Array<{ name: string }> };
    expect(after.value.map((entry) => entry.name)).not.toContain("fail-visible");

    const again = await setup(stack, namedRequest("fail-visible", (r) => (r.bgp = { primary: "10.99.2.0/30", secondary: "10.99.2.4/30" })));
    expect(again.status.runtimeStatus).toBe("Completed");
    expect((await run(stack, "GET", "/api/interconnects/fail-visible")).body).toMatchObject({ state: "Active", lastError: null });
    expect((await teardown(stack, "fail-visible")).status.runtimeStatus).toBe("Completed");
  });

  it("when the gateway connection's operation ends Failed with a transient code, then the same PUT is sent again and the setup succeeds without a rollback", async () => {
    const name = "transient-link";
    await fault(stack, { match: { op: "virtualNetworkGatewayConnections.createOrUpdate" }, action: { type: "lroFailed", code: "InternalServerError", message: "An error occurred." }, times: 1 });
    const count = async (op: string) => (await stack.emulators.admin.journal({ op })).length;
    const [putsBefore, gatewayDeletesBefore] = [await count("virtualNetworkGatewayConnections.createOrUpdate"), await count("virtualNetworkGateways.delete")];
    const { outcome, status } = await setup(stack, namedRequest(name));
    expect(outcome).toMatchObject({ status: "succeeded" });
    const routing = (status.customStatus as { steps: Array<{ id: string; status: string; detail?: string }> }).steps.find((entry) => entry.id === "routing");
    expect(routing?.status).toBe("succeeded");
    expect((await count("virtualNetworkGatewayConnections.createOrUpdate")) - putsBefore).toBe(2);
    // The 30-minute gateway was never touched by a rollback.
    expect(await count("virtualNetworkGateways.delete")).toBe(gatewayDeletesBefore);
    expect((await teardown(stack, name)).outcome.status).toBe("succeeded");
    expect(await taggedResources(stack, name)).toEqual([]);
  });

  it("when a build keeps failing with a transient code, then it is sent three times and the setup fails with the cloud's code and message", async () => {
    const name = "flaky-link";
    await fault(stack, { match: { op: "virtualNetworkGatewayConnections.createOrUpdate" }, action: { type: "lroFailed", code: "InternalServerError", message: "An internal error occurred in the gateway manager." } });
    const before = (await stack.emulators.admin.journal({ op: "virtualNetworkGatewayConnections.createOrUpdate" })).length;
    const { outcome } = await setup(stack, namedRequest(name));
    expect(outcome).toMatchObject({ status: "failed", failedStep: "routing", rolledBack: true, error: { cloud: "azure", code: "InternalServerError", message: "An internal error occurred in the gateway manager." } });
    expect((await stack.emulators.admin.journal({ op: "virtualNetworkGatewayConnections.createOrUpdate" })).length - before).toBe(3);
    await stack.emulators.admin.clearFaults();
    expect(await taggedResources(stack, name)).toEqual([]);
  });

  it("when the request does not match the clouds, then preflight refuses before anything is created", async () => {
    const { outcome } = await setup(stack, namedRequest("fail-preflight", (r) => (r.oci.vcnCidrs = ["10.21.0.0/16"])));
    expect(outcome).toMatchObject({ status: "failed", failedStep: "preflight", error: { code: "PreflightRejected", message: expect.stringContaining("oci.vcnCidrs: does not match OCI: the VCN has 10.20.0.0/16") } });
    expect(await taggedResources(stack, "fail-preflight")).toEqual([]);
  });

  it("when the provider never finishes, then the deadline fails the setup and the rollback removes what was built", async () => {
    await fault(stack, { match: { op: "createVirtualCircuit" }, action: { type: "stuckProvisioning" } });
    const { outcome } = await setup(stack, namedRequest("fail-deadline", (r) => (r.options = { rollbackOnFailure: true, provisioningTimeoutMinutes: 45 })));
    expect(outcome).toMatchObject({ status: "failed", failedStep: "provisioning", rolledBack: true, error: { code: "ProvisioningTimeout" } });
    expect(await taggedResources(stack, "fail-deadline")).toEqual([]);
  });

  it("when rollbackOnFailure is false, then the failed setup keeps what it built for inspection", async () => {
    await fault(stack, { match: { op: "virtualNetworkGatewayConnections.createOrUpdate" }, action: { type: "error", status: 400, code: "BadRequest", message: "no", phase: "before" } });
    const { outcome } = await setup(stack, namedRequest("fail-keep", (r) => (r.options = { rollbackOnFailure: false, provisioningTimeoutMinutes: 120 })));
    expect(outcome).toMatchObject({ status: "failed", failedStep: "routing", rolledBack: false });
    expect(await taggedResources(stack, "fail-keep")).toEqual(expect.arrayContaining(["azure expressRouteCircuits fail-keep-erc", "oci virtualcircuit fail-keep-vc"]));
  });
});
