import { type InProcessStack, useSharedStack } from "../support/in-process-stack";
import { WRITE_ATTEMPTS } from "../../orchestrations/lifecycle/settle";
import { fault, namedRequest, run, setup, taggedResources, teardown } from "../support/lifecycle";

jest.setTimeout(120_000);

describe("setup failures roll back and leave no orphan", () => {
  let stack: InProcessStack;
  useSharedStack((started) => (stack = started));

  it.each([
    ["security", { match: { op: "addNetworkSecurityGroupSecurityRules" }, action: { type: "error", status: 403, code: "NotAuthorized", message: "not allowed to add rules", phase: "before" } }, "oci", "NotAuthorized"],
    ["circuit", { match: { op: "expressRouteCircuits.createOrUpdate" }, action: { type: "lroFailed", code: "ServiceProviderNotAvailable", message: "circuit provisioning failed" } }, "azure", "ServiceProviderNotAvailable"],
    ["gateway", { match: { op: "virtualNetworkGateways.createOrUpdate" }, action: { type: "lroFailed", code: "GwmOperationTimeOut", message: "gateway manager timed out" } }, "azure", "GwmOperationTimeOut"],
    ["provisioning", { match: { op: "createVirtualCircuit" }, action: { type: "virtualCircuitFailed" } }, "oci", "VirtualCircuitFailed"],
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

  // ARM refuses a write either in its first answer or, having accepted it (201/200/202), in its long-running operation.
  const ARM_WRITES = [
    ["preflight", { op: "subnets.createOrUpdate", resourceName: "GatewaySubnet" }],
    ["security", { op: "networkSecurityGroups.createOrUpdate" }],
    ["circuit", { op: "expressRouteCircuits.createOrUpdate" }],
    ["gateway", { op: "virtualNetworkGateways.createOrUpdate" }],
    ["routing", { op: "virtualNetworkGatewayConnections.createOrUpdate" }],
    ["routing", { op: "routeTables.createOrUpdate" }],
  ] as const;
  const FORMS = [
    ["in the first answer", (code: string) => ({ type: "error", status: 400, code, message: `refused: ${code}`, phase: "before" })],
    ["in the operation, after accepting it", (code: string) => ({ type: "lroFailed", code, message: `refused: ${code}` })],
  ] as const;
  it.each(ARM_WRITES.flatMap(([step, match]) => FORMS.map(([form, action]) => [step, match.op, form, match, action] as const)))(
    "when ARM refuses the %s step's %s %s, then setup fails at that step with the cloud's code and message and the rollback leaves nothing",
    async (step, op, form, match, action) => {
      const name = `refused-${op.split(".")[0]?.toLowerCase().slice(0, 12)}-${form.startsWith("in the first") ? "now" : "late"}`;
      const code = `Refused${op.split(".")[0]}`;
      await fault(stack, { match, action: action(code) } as Parameters<typeof fault>[1]);
      const { outcome, status } = await setup(stack, namedRequest(name));
      expect(outcome).toMatchObject({ status: "failed", failedStep: step, rolledBack: true, error: { cloud: "azure", code, message: `refused: ${code}` } });
      const progress = status.customStatus as { steps: Array<{ id: string; status: string }> };
      expect(progress.steps.find((entry) => entry.id === "rollback")?.status).toBe("succeeded");
      await stack.emulators.admin.clearFaults();
      expect(await taggedResources(stack, name)).toEqual([]);
      expect(await stack.emulators.admin.orphans()).toEqual([]);
    },
  );

  it("when ARM fails the circuit's operation with a transient error once, then the circuit is put again and setup completes", async () => {
    await fault(stack, { match: { op: "expressRouteCircuits.createOrUpdate" }, action: { type: "lroFailed", code: "InternalServerError", message: "An error occurred." }, times: 1 });
    const { outcome, status } = await setup(stack, namedRequest("retried-link"));
    expect(outcome.status).toBe("succeeded");
    expect((await stack.emulators.admin.journal({ op: "expressRouteCircuits.createOrUpdate" })).filter((entry) => entry.status < 300).length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(status.customStatus)).not.toContain("InternalServerError");
    expect((await teardown(stack, "retried-link")).outcome.status).toBe("succeeded");
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

  it("when a build keeps failing with a transient code, then it is sent as many times as any ARM write may be and the setup fails with the cloud's code and message", async () => {
    const name = "flaky-link";
    await fault(stack, { match: { op: "virtualNetworkGatewayConnections.createOrUpdate" }, action: { type: "lroFailed", code: "InternalServerError", message: "An internal error occurred in the gateway manager." } });
    const before = (await stack.emulators.admin.journal({ op: "virtualNetworkGatewayConnections.createOrUpdate" })).length;
    const { outcome } = await setup(stack, namedRequest(name));
    expect(outcome).toMatchObject({ status: "failed", failedStep: "routing", rolledBack: true, error: { cloud: "azure", code: "InternalServerError", message: "An internal error occurred in the gateway manager." } });
    expect((await stack.emulators.admin.journal({ op: "virtualNetworkGatewayConnections.createOrUpdate" })).length - before).toBe(WRITE_ATTEMPTS);
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
    const { outcome } = await setup(stack, namedRequest("fail-deadline", (r) => (r.options = { ...r.options, rollbackOnFailure: true, provisioningTimeoutMinutes: 45 })));
    expect(outcome).toMatchObject({ status: "failed", failedStep: "provisioning", rolledBack: true, error: { code: "ProvisioningTimeout" } });
    expect(await taggedResources(stack, "fail-deadline")).toEqual([]);
  });

  it("when the provider passes through PENDING_PROVIDER and VERIFYING, then setup waits through them and completes", async () => {
    await fault(stack, {
      match: { op: "createVirtualCircuit" },
      action: { type: "virtualCircuitStates", states: [{ lifecycleState: "PENDING_PROVIDER", ms: 10 * 60_000 }, { lifecycleState: "VERIFYING", ms: 5 * 60_000 }] },
      times: 1,
    });
    const { outcome } = await setup(stack, namedRequest("slow-provider"));
    expect(outcome.status).toBe("succeeded");
    expect((await teardown(stack, "slow-provider")).outcome.status).toBe("succeeded");
  });

  it("when the provider holds the virtual circuit in a state Interlink does not know, then setup fails naming that state long before its deadline and rolls back", async () => {
    await fault(stack, { match: { op: "createVirtualCircuit" }, action: { type: "virtualCircuitStates", states: [{ lifecycleState: "PROVIDER_REVIEW" }] }, times: 1 });
    const started = stack.host.clock.now().getTime();
    const { outcome } = await setup(stack, namedRequest("odd-state", (r) => (r.options = { ...r.options, rollbackOnFailure: true, provisioningTimeoutMinutes: 600 })));
    expect(outcome).toMatchObject({ status: "failed", failedStep: "provisioning", rolledBack: true, error: { cloud: "oci", code: "VirtualCircuitStateUnknown", message: expect.stringContaining("'PROVIDER_REVIEW', which Interlink does not know") } });
    // Failed after the grace period for unknown states (30 min), not at the 10-hour deadline.
    expect(stack.host.clock.now().getTime() - started).toBeLessThan(5 * 60 * 60_000);
    expect(await taggedResources(stack, "odd-state")).toEqual([]);
  });

  it("when rollbackOnFailure is false, then the failed setup keeps what it built for inspection", async () => {
    await fault(stack, { match: { op: "virtualNetworkGatewayConnections.createOrUpdate" }, action: { type: "error", status: 400, code: "BadRequest", message: "no", phase: "before" } });
    const { outcome } = await setup(stack, namedRequest("fail-keep", (r) => (r.options = { ...r.options, rollbackOnFailure: false, provisioningTimeoutMinutes: 120 })));
    expect(outcome).toMatchObject({ status: "failed", failedStep: "routing", rolledBack: false });
    expect(await taggedResources(stack, "fail-keep")).toEqual(expect.arrayContaining(["azure expressRouteCircuits fail-keep-erc", "oci virtualcircuit fail-keep-vc"]));
  });
});
