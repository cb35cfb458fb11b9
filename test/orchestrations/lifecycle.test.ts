import { type InProcessStack, useSharedStack } from "../support/in-process-stack";
import { fault, namedRequest, operate, run, setup, taggedResources, teardown } from "../support/lifecycle";
import { publishedSchemas } from "../support/openapi";

jest.setTimeout(120_000);

interface StepView {
  id: string;
  status: string;
  detail?: string;
}

describe("interconnect lifecycle (in-process host, emulators, virtual clock)", () => {
  let stack: InProcessStack;
  useSharedStack((started) => (stack = started));

  it("when an operation starts, then the 202 points at Interlink's own status route (never a Durable management link), which follows it to its end", async () => {
    const schemas = publishedSchemas();
    const started = await run(stack, "POST", "/api/interconnects", namedRequest("status-link"));
    expect(started.status).toBe(202);
    expect(started.headers.location).toBe("/api/interconnects/status-link/operations/status-link.setup.1");
    expect(started.body).toEqual({ name: "status-link", operation: "setup", instanceId: "status-link.setup.1", replayed: false, statusUri: started.headers.location, interconnectUri: "/api/interconnects/status-link" });
    expect(JSON.stringify({ headers: started.headers, body: started.body })).not.toMatch(/runtime\/webhooks|terminate|purge|rewind|raiseEvent|restart|code=/i);
    expect(schemas.errors("StartAccepted", started.body)).toEqual([]);

    const running = await run(stack, "GET", String(started.headers.location));
    expect(running.status).toBe(202);
    expect(running.headers["retry-after"]).toBeDefined();
    expect(running.body).toMatchObject({ result: "running", done: false, step: expect.any(String) });
    expect(schemas.errors("OperationStatus", running.body)).toEqual([]);

    await stack.host.waitForCompletion("status-link.setup.1", { timeoutMs: 60_000 });
    const done = await run(stack, "GET", String(started.headers.location));
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ result: "succeeded", done: true, runtimeStatus: "Completed", step: "verify", state: "Active" });
    expect((done.body.steps as StepView[]).every((step) => step.status === "succeeded")).toBe(true);
    expect(schemas.errors("OperationStatus", done.body)).toEqual([]);
    expect(schemas.errors("InterconnectList", (await run(stack, "GET", "/api/interconnects")).body)).toEqual([]);
    expect(schemas.errors("InterconnectDetail", (await run(stack, "GET", "/api/interconnects/status-link")).body)).toEqual([]);
    expect((await run(stack, "GET", "/api/interconnects/other-link/operations/status-link.setup.1")).status).toBe(404);

    // A finished teardown reads finished: no "deleting ..." or "detaching" left on a succeeded step.
    const removed = await teardown(stack, "status-link");
    expect(removed.operation).toMatchObject({ result: "succeeded", state: "Deleted" });
    const details = removed.operation.steps.map((step) => `${step.id}: ${step.detail ?? ""}`);
    expect(details.filter((detail) => /deleting|detaching|waiting/i.test(detail))).toEqual([]);
    expect(details).toEqual(expect.arrayContaining([expect.stringMatching(/^shared-resources: gateway: deleted; GatewaySubnet: deleted; DRG attachment: detached; DRG: kept: the request named an existing DRG$/)]));
  });

  it("when the provider takes much longer than the first backoff steps, then setup keeps polling and completes", async () => {
    await fault(stack, { match: { op: "createVirtualCircuit" }, action: { type: "slowProvisioning", factor: 6 } });
    const { outcome, status } = await setup(stack, namedRequest("slow-link"));
    expect(outcome.status).toBe("succeeded");
    const provisioning = (status.customStatus as { steps: StepView[] }).steps.find((step) => step.id === "provisioning");
    const polls = Number(/after (\d+) poll/.exec(provisioning?.detail ?? "")?.[1]);
    expect(polls).toBeGreaterThan(5);
    await teardown(stack, "slow-link");
  });

  it("when both clouds throw storms of 429 and 500, then setup still completes", async () => {
    await fault(stack, { match: { cloud: "azure", method: "GET" }, action: { type: "throttle", retryAfterMs: 10 }, times: 15 });
    await fault(stack, { match: { cloud: "azure", method: "PUT" }, action: { type: "error", status: 500, phase: "before" }, times: 4 });
    await fault(stack, { match: { cloud: "oci" }, action: { type: "throttle" }, times: 12 });
    await fault(stack, { match: { op: "createVirtualCircuit" }, action: { type: "error", status: 500, phase: "after" }, times: 1 });
    const { outcome } = await setup(stack, namedRequest("storm-link"));
    expect(outcome.status).toBe("succeeded");
    // The create answered 500 after storing the circuit: the retried create (same retry token) found it, so there is one.
    expect((await taggedResources(stack, "storm-link")).filter((entry) => entry.startsWith("oci virtualcircuit"))).toHaveLength(1);
    await stack.emulators.admin.clearFaults();
    await teardown(stack, "storm-link");
  });

  it("when the circuit delete is refused while Azure still deprovisions, then teardown waits and deletes it (wrong-order protection)", async () => {
    expect((await setup(stack, namedRequest("order-link"))).outcome.status).toBe("succeeded");
    await fault(stack, { match: { op: "expressRouteCircuits.delete" }, action: { type: "lroFailed", code: "ConflictError", message: "The specified dedicated circuit is not in Deprovisioned state." }, times: 1 });
    const { outcome, status } = await teardown(stack, "order-link");
    expect(outcome.status).toBe("succeeded");
    const circuit = (status.customStatus as { steps: StepView[] }).steps.find((step) => step.id === "circuit");
    expect(circuit?.status).toBe("succeeded");
    expect(await taggedResources(stack, "order-link")).toEqual([]);
  });

  it("when the circuit delete's operation fails with a transient code, then teardown sends the delete again and completes", async () => {
    expect((await setup(stack, namedRequest("retry-delete"))).outcome.status).toBe("succeeded");
    await fault(stack, { match: { op: "expressRouteCircuits.delete" }, action: { type: "lroFailed", code: "InternalServerError", message: "An error occurred." }, times: 1 });
    const before = (await stack.emulators.admin.journal({ op: "expressRouteCircuits.delete" })).length;
    const { outcome } = await teardown(stack, "retry-delete");
    expect(outcome.status).toBe("succeeded");
    expect((await stack.emulators.admin.journal({ op: "expressRouteCircuits.delete" })).length - before).toBe(2);
    expect(await taggedResources(stack, "retry-delete")).toEqual([]);
  });

  it("when the connection cannot be deleted, then teardown stops before the virtual circuit, so the circuit is never broken", async () => {
    expect((await setup(stack, namedRequest("guard-link"))).outcome.status).toBe("succeeded");
    await fault(stack, { match: { op: "virtualNetworkGatewayConnections.delete" }, action: { type: "error", status: 400, code: "OperationNotAllowed", message: "locked", phase: "before" } });
    const { outcome, status } = await teardown(stack, "guard-link");
    expect(status.runtimeStatus).toBe("Failed");
    expect(outcome).toMatchObject({ status: "failed", failedStep: "connection", error: { code: "OperationNotAllowed" } });
    expect(await taggedResources(stack, "guard-link")).toEqual(expect.arrayContaining(["oci virtualcircuit guard-link-vc", "azure expressRouteCircuits guard-link-erc"]));
    const circuit = (await run(stack, "GET", "/api/interconnects/guard-link")).body;
    expect(circuit.state).toBe("Failed");

    // Resumable: once the lock is gone, DELETE again finishes the job from where it stopped.
    await stack.emulators.admin.clearFaults();
    expect((await teardown(stack, "guard-link")).outcome.status).toBe("succeeded");
    expect(await taggedResources(stack, "guard-link")).toEqual([]);
  });

  // ARM may refuse a change only in its long-running operation: each lifecycle step waits for it and reports it.
  it.each([
    ["teardown", "connection", "virtualNetworkGatewayConnections.delete"],
    ["teardown", "shared-resources", "virtualNetworkGateways.delete"],
    ["resize", "circuit", "expressRouteCircuits.createOrUpdate"],
    ["suspend", "routes", "routeTables.createOrUpdate"],
  ] as const)("when ARM accepts the %s's %s change and fails its operation (%s), then the operation fails at that step with the cloud's code, and runs once the cause is gone", async (operation, step, op) => {
    const name = `late-${operation}-${step}`.slice(0, 30);
    expect((await setup(stack, namedRequest(name))).outcome.status).toBe("succeeded");
    await fault(stack, { match: { op }, action: { type: "lroFailed", code: "LinkedResourceRefused", message: `${op} refused later` } });
    const start = { teardown: ["DELETE", `/api/interconnects/${name}`, undefined], resize: ["PATCH", `/api/interconnects/${name}`, { bandwidthMbps: 2000 }], suspend: ["POST", `/api/interconnects/${name}/suspend`, undefined] } as const;
    const [method, path, body] = start[operation];
    const failed = await operate(stack, method, path, body);
    expect(failed.outcome).toMatchObject({ status: "failed", failedStep: step, error: { cloud: "azure", code: "LinkedResourceRefused", message: `${op} refused later` } });
    await stack.emulators.admin.clearFaults();
    if (operation !== "teardown") expect((await operate(stack, method, path, body)).outcome.status).toBe("succeeded");
    expect((await teardown(stack, name)).outcome.status).toBe("succeeded");
    expect(await taggedResources(stack, name)).toEqual([]);
  });

  it("when a teardown starts after resources vanished out of band, then it converges anyway", async () => {
    expect((await setup(stack, namedRequest("gone-link"))).outcome.status).toBe("succeeded");
    const snapshot = await stack.emulators.admin.snapshot();
    const connection = snapshot.azure.find((entry) => String(entry.resource.name) === "gone-link-erconn");
    await stack.emulators.admin.outOfBand({ action: "delete", cloud: "azure", id: String(connection?.id) });
    expect((await teardown(stack, "gone-link")).outcome.status).toBe("succeeded");
    expect(await taggedResources(stack, "gone-link")).toEqual([]);
  });

  it("when the bandwidth is raised, then both circuits change; a decrease is refused with the reason", async () => {
    expect((await setup(stack, namedRequest("edit-link"))).outcome.status).toBe("succeeded");
    const smaller = await run(stack, "PATCH", "/api/interconnects/edit-link", { bandwidthMbps: 1000 });
    expect(smaller.status).toBe(409);
    const resize = await operate(stack, "PATCH", "/api/interconnects/edit-link", { bandwidthMbps: 2000 });
    expect(resize.outcome.status).toBe("succeeded");
    const snapshot = await stack.emulators.admin.snapshot();
    const circuit = snapshot.azure.find((entry) => String(entry.resource.name) === "edit-link-erc")?.resource as { properties?: { serviceProviderProperties?: { bandwidthInMbps?: number } } };
    expect(circuit.properties?.serviceProviderProperties?.bandwidthInMbps).toBe(2000);
    const vc = snapshot.oci.find((entry) => entry.resource.displayName === "edit-link-vc" && entry.resource.lifecycleState !== "TERMINATED")?.resource;
    expect(vc?.bandwidthShapeName).toBe("2 Gbps");
    const detail = (await run(stack, "GET", "/api/interconnects/edit-link")).body as { state: string; spec: { azure: { circuit: { bandwidthMbps: number } } } };
    expect(detail.state).toBe("Active");
    expect(detail.spec.azure.circuit.bandwidthMbps).toBe(2000);
    const decrease = await run(stack, "PATCH", "/api/interconnects/edit-link", { bandwidthMbps: 1000 });
    expect(decrease.body).toMatchObject({ status: 409, detail: expect.stringContaining("cannot lower a circuit's bandwidth in place") });
    await teardown(stack, "edit-link");
  });

  it("when the provider does not accept the virtual circuit's bandwidth change, then the resize fails at that step saying so, not at its deadline", async () => {
    expect((await setup(stack, namedRequest("refused-link"))).outcome.status).toBe("succeeded");
    await fault(stack, { match: { op: "updateVirtualCircuit" }, action: { type: "virtualCircuitResizeRejected" }, times: 1 });
    const started = stack.host.clock.now().getTime();
    const { outcome } = await operate(stack, "PATCH", "/api/interconnects/refused-link", { bandwidthMbps: 2000 });
    expect(outcome).toMatchObject({
      status: "failed",
      failedStep: "virtual-circuit",
      error: { cloud: "oci", code: "VirtualCircuitResizeRejected", message: expect.stringContaining("the provider did not accept the change to 2 Gbps: the virtual circuit is PROVISIONED at 1 Gbps") },
    });
    expect(stack.host.clock.now().getTime() - started).toBeLessThan(60 * 60_000);
    await teardown(stack, "refused-link");
    expect(await taggedResources(stack, "refused-link")).toEqual([]);
  });

  it("when suspended and resumed, then the VCN route rules go and come back while the circuits stay", async () => {
    expect((await setup(stack, namedRequest("pause-link"))).outcome.status).toBe("succeeded");
    const routeRules = async () => {
      const snapshot = await stack.emulators.admin.snapshot();
      const vcn = snapshot.oci.find((entry) => entry.id === "ocid1.vcn.oc1.iad.aaaa")?.resource as { defaultRouteTableId: string };
      const table = snapshot.oci.find((entry) => entry.id === vcn.defaultRouteTableId)?.resource as { routeRules: Array<{ destination: string; description?: string }> };
      return table.routeRules.filter((rule) => rule.description === "interlink:pause-link").map((rule) => rule.destination);
    };
    expect(await routeRules()).toEqual(["10.10.0.0/16"]);
    expect((await operate(stack, "POST", "/api/interconnects/pause-link/suspend")).outcome.status).toBe("succeeded");
    expect(await routeRules()).toEqual([]);
    expect((await run(stack, "GET", "/api/interconnects/pause-link")).body.state).toBe("Suspended");
    expect(await taggedResources(stack, "pause-link")).toEqual(expect.arrayContaining(["oci virtualcircuit pause-link-vc", "azure expressRouteCircuits pause-link-erc"]));
    const again = await run(stack, "POST", "/api/interconnects/pause-link/suspend");
    expect(again.body).toMatchObject({ replayed: true, operation: "suspend" });
    expect((await run(stack, "POST", "/api/interconnects/pause-link/suspend", { ticketId: "CHG-2" })).status).toBe(409);

    expect((await operate(stack, "POST", "/api/interconnects/pause-link/resume")).outcome.status).toBe("succeeded");
    expect(await routeRules()).toEqual(["10.10.0.0/16"]);
    expect((await run(stack, "GET", "/api/interconnects/pause-link")).body.state).toBe("Active");
    await teardown(stack, "pause-link");
  });

  it("when the same setup is posted twice, then one orchestration runs; a different spec under the name is a conflict", async () => {
    const first = await run(stack, "POST", "/api/interconnects", namedRequest("twice-link"));
    const second = await run(stack, "POST", "/api/interconnects", namedRequest("twice-link"));
    expect(second.body).toMatchObject({ instanceId: first.body.instanceId, replayed: true });
    const different = await run(stack, "POST", "/api/interconnects", namedRequest("twice-link", (r) => (r.bgp.primary = "10.99.0.8/30")));
    expect(different.status).toBe(409);
    await stack.host.waitForCompletion(String(first.body.instanceId), { timeoutMs: 60_000 });
    await teardown(stack, "twice-link");
    expect(await stack.emulators.admin.orphans()).toEqual([]);
  });
});
