import { specHash } from "../../../shared/domain/fingerprint";
import { applyOperationChange, type InventoryRecord } from "../../../shared/domain/inventory";
import { SETUP_ORCHESTRATOR, TEARDOWN_ORCHESTRATOR } from "../../../shared/domain/lifecycle";
import { SetupRequest } from "../../../shared/domain/setup-request";
import { startOperation } from "../../../shared/operations/start-operation";
import { FakeOrchestrations, MemoryEventSink, MemoryInventory } from "../../support/fakes";
import { designRequest } from "../../support/requests";

const request = SetupRequest.parse(designRequest());

function setup() {
  const inventory = new MemoryInventory();
  const orchestrations = new FakeOrchestrations();
  const events = new MemoryEventSink();
  return { inventory, orchestrations, events, deps: { inventory, orchestrations, events, now: () => new Date("2026-11-22T12:00:00Z") } };
}

/** Plays what the orchestration would record, so the use case sees realistic inventory. */
async function record(inventory: MemoryInventory, instanceId: string, phase: "started" | "succeeded" | "failed", state: InventoryRecord["state"], operation: "setup" | "teardown" | "suspend" | "resize" = "setup", requestHash = specHash(request)) {
  await inventory.update(request.name, (current) =>
    applyOperationChange(current, { name: request.name, instanceId, operation, requestHash, phase, at: "2026-11-22T10:00:00.000Z", state, ...(operation === "setup" ? { spec: request } : {}) }, specHash(request)),
  );
}

describe("starting operations", () => {
  it("when a new interconnect is requested, then setup starts as <name>.setup.1 with the spec hash", async () => {
    const { deps, orchestrations } = setup();
    const outcome = await startOperation(deps, { operation: "setup", request });
    expect(outcome).toEqual({ kind: "started", instanceId: "erp-db-link.setup.1", name: "erp-db-link", operation: "setup" });
    expect(orchestrations.started[0]).toMatchObject({ orchestrator: SETUP_ORCHESTRATOR, input: { requestHash: specHash(request), ticketId: "CHG0012345" } });
  });

  it("when an operation starts, then its record (state, pending steps) and its `accepted` event exist before the orchestration does", async () => {
    const { deps, inventory, orchestrations, events } = setup();
    const seenAtStart: unknown[] = [];
    const start = orchestrations.start.bind(orchestrations);
    orchestrations.start = async (...args) => {
      const record = await inventory.get(request.name);
      seenAtStart.push({ state: record?.state, steps: record?.steps.map((step) => `${step.id}:${step.status}`), operations: record?.operations.map((op) => op.instanceId), events: events.events.map((event) => event.eventId) });
      return start(...args);
    };
    await startOperation(deps, { operation: "setup", request });
    expect(seenAtStart).toEqual([
      {
        state: "Provisioning",
        steps: ["preflight:pending", "security:pending", "circuit:pending", "gateway:pending", "virtual-circuit:pending", "provisioning:pending", "routing:pending", "spokes:pending", "verify:pending"],
        operations: ["erp-db-link.setup.1"],
        events: ["erp-db-link.setup.1:accepted"],
      },
    ]);
  });

  it("when the same request arrives again before the orchestration recorded anything, then no second run starts", async () => {
    const { deps, orchestrations } = setup();
    await startOperation(deps, { operation: "setup", request });
    const again = await startOperation(deps, { operation: "setup", request });
    expect(again).toMatchObject({ kind: "existing", instanceId: "erp-db-link.setup.1" });
    expect(orchestrations.started).toHaveLength(1);
  });

  it("when the same name arrives with a different spec, then it is a conflict", async () => {
    const { deps, inventory } = setup();
    await startOperation(deps, { operation: "setup", request });
    const different = SetupRequest.parse(designRequest((r) => (r.bgp.primary = "10.99.0.8/30")));
    expect((await startOperation(deps, { operation: "setup", request: different })).kind).toBe("conflict");
    await record(inventory, "erp-db-link.setup.1", "started", "Provisioning");
    const outcome = await startOperation(deps, { operation: "setup", request: different });
    expect(outcome).toMatchObject({ kind: "conflict", message: expect.stringContaining("different specification") });
  });

  it("when setup has finished, then the same request replays the finished instance", async () => {
    const { deps, inventory, orchestrations } = setup();
    await startOperation(deps, { operation: "setup", request });
    await record(inventory, "erp-db-link.setup.1", "succeeded", "Active");
    orchestrations.finish("erp-db-link.setup.1");
    expect(await startOperation(deps, { operation: "setup", request })).toMatchObject({ kind: "existing", instanceId: "erp-db-link.setup.1" });
  });

  it("when a setup is running, then a teardown is refused (one live operation per interconnect)", async () => {
    const { deps, inventory } = setup();
    await startOperation(deps, { operation: "setup", request });
    await record(inventory, "erp-db-link.setup.1", "started", "Provisioning");
    const outcome = await startOperation(deps, { operation: "teardown", name: "erp-db-link" });
    expect(outcome).toMatchObject({ kind: "conflict", instanceId: "erp-db-link.setup.1" });
  });

  it("when the running operation was terminated without recording its end, then it no longer blocks", async () => {
    const { deps, inventory, orchestrations } = setup();
    await startOperation(deps, { operation: "setup", request });
    await record(inventory, "erp-db-link.setup.1", "started", "Provisioning");
    orchestrations.finish("erp-db-link.setup.1", "Terminated");
    expect(await startOperation(deps, { operation: "teardown", name: "erp-db-link" })).toMatchObject({ kind: "started", instanceId: "erp-db-link.teardown.2" });
    expect(orchestrations.started.at(-1)?.orchestrator).toBe(TEARDOWN_ORCHESTRATOR);
  });

  it("when an interconnect was torn down, then the name can be set up again under a new sequence", async () => {
    const { deps, inventory, orchestrations } = setup();
    await startOperation(deps, { operation: "setup", request });
    await record(inventory, "erp-db-link.setup.1", "succeeded", "Active");
    orchestrations.finish("erp-db-link.setup.1");
    await startOperation(deps, { operation: "teardown", name: "erp-db-link" });
    await record(inventory, "erp-db-link.teardown.2", "succeeded", "Deleted", "teardown", "x");
    orchestrations.finish("erp-db-link.teardown.2");
    expect(await startOperation(deps, { operation: "setup", request })).toMatchObject({ kind: "started", instanceId: "erp-db-link.setup.3" });
  });

  it("when an unknown interconnect is torn down, suspended or resized, then it is not found", async () => {
    const { deps } = setup();
    expect((await startOperation(deps, { operation: "teardown", name: "nope-link" })).kind).toBe("not-found");
    expect((await startOperation(deps, { operation: "resize", name: "nope-link", bandwidthMbps: 2000 })).kind).toBe("not-found");
  });

  it("when the state does not allow it, then suspend, resume and a bandwidth decrease are refused with the reason", async () => {
    const { deps, inventory, orchestrations } = setup();
    await startOperation(deps, { operation: "setup", request });
    await record(inventory, "erp-db-link.setup.1", "succeeded", "Active");
    orchestrations.finish("erp-db-link.setup.1");
    expect(await startOperation(deps, { operation: "resume", name: "erp-db-link" })).toMatchObject({ kind: "conflict", message: expect.stringContaining("only a Suspended") });
    const smaller = await startOperation(deps, { operation: "resize", name: "erp-db-link", bandwidthMbps: 1000 });
    expect(smaller).toMatchObject({ kind: "conflict", message: expect.stringContaining("already runs at 1000 Mbps") });
    expect((await startOperation(deps, { operation: "suspend", name: "erp-db-link" })).kind).toBe("started");
  });

  it("when a resize is replayed after it finished, then the finished instance is reported", async () => {
    const { deps, inventory, orchestrations } = setup();
    await startOperation(deps, { operation: "setup", request });
    await record(inventory, "erp-db-link.setup.1", "succeeded", "Active");
    orchestrations.finish("erp-db-link.setup.1");
    const first = await startOperation(deps, { operation: "resize", name: "erp-db-link", bandwidthMbps: 2000, ticketId: "T-9" });
    expect(first).toMatchObject({ kind: "started", instanceId: "erp-db-link.resize.2" });
    const input = orchestrations.started.at(-1)?.input;
    await record(inventory, "erp-db-link.resize.2", "started", "Updating", "resize", input?.requestHash);
    await record(inventory, "erp-db-link.resize.2", "succeeded", "Active", "resize", input?.requestHash);
    orchestrations.finish("erp-db-link.resize.2");
    expect(await startOperation(deps, { operation: "resize", name: "erp-db-link", bandwidthMbps: 2000, ticketId: "T-9" })).toMatchObject({ kind: "existing", instanceId: "erp-db-link.resize.2" });
  });
});

describe("inventory changes", () => {
  const change = (phase: "started" | "succeeded" | "failed", extra = {}) => ({
    name: "erp-db-link",
    instanceId: "erp-db-link.setup.1",
    operation: "setup" as const,
    requestHash: "h",
    phase,
    at: `2026-11-22T10:0${phase === "started" ? 0 : 5}:00.000Z`,
    spec: request,
    ...extra,
  });

  it("when the same change is applied twice, then the record is the same (idempotent)", () => {
    const once = applyOperationChange(null, change("started", { state: "Provisioning" }), "s");
    expect(applyOperationChange(once, change("started", { state: "Provisioning" }), "s")).toEqual(once);
    expect(once?.operations).toHaveLength(1);
    expect(once?.sequence).toBe(1);
  });

  it("when a late 'started' replays after the operation ended, then it does not reopen it", () => {
    const started = applyOperationChange(null, change("started", { state: "Provisioning" }), "s");
    const done = applyOperationChange(started, change("succeeded", { state: "Active", resources: { circuitId: "c" } }), "s");
    const replayed = applyOperationChange(done, change("started", { state: "Provisioning" }), "s");
    expect(replayed?.state).toBe("Active");
    expect(replayed?.operations[0]?.status).toBe("Succeeded");
    expect(replayed?.resources).toEqual({ circuitId: "c" });
  });

  it("when an interconnect is deleted, then its resources are cleared but its history stays", () => {
    const active = applyOperationChange(null, change("succeeded", { state: "Active", resources: { circuitId: "c" } }), "s");
    const deleted = applyOperationChange(active, { ...change("succeeded", { state: "Deleted" }), instanceId: "erp-db-link.teardown.2", operation: "teardown" }, "s");
    expect(deleted?.resources).toEqual({});
    expect(deleted?.operations.map((operation) => operation.operation)).toEqual(["setup", "teardown"]);
    expect(deleted?.sequence).toBe(2);
  });
});

describe("retrying failed operations", () => {
  it.each([
    ["RolledBack", "the rollback removed everything"],
    ["Failed", "what it built is kept"],
  ] as const)("when a setup failed (%s: %s) and the same request is sent again, then a new setup runs instead of reporting the failed one", async (state, _why) => {
    const { deps, inventory, orchestrations } = setup();
    await startOperation(deps, { operation: "setup", request });
    await record(inventory, "erp-db-link.setup.1", "failed", state);
    orchestrations.finish("erp-db-link.setup.1", "Failed");
    expect(await startOperation(deps, { operation: "setup", request })).toMatchObject({ kind: "started", instanceId: "erp-db-link.setup.2" });
  });

  async function rolledBack() {
    const context = setup();
    await startOperation(context.deps, { operation: "setup", request });
    await record(context.inventory, "erp-db-link.setup.1", "failed", "RolledBack");
    context.orchestrations.finish("erp-db-link.setup.1", "Failed");
    return context;
  }

  it("when a setup was rolled back, then the name is free for a different spec and only a teardown (which clears the record) is accepted besides", async () => {
    const { deps } = await rolledBack();
    expect(await startOperation(deps, { operation: "suspend", name: "erp-db-link" })).toMatchObject({ kind: "conflict", message: expect.stringContaining("is RolledBack") });
    const different = SetupRequest.parse(designRequest((r) => (r.bgp.primary = "10.99.0.8/30")));
    expect(await startOperation(deps, { operation: "setup", request: different })).toMatchObject({ kind: "started", instanceId: "erp-db-link.setup.2" });
    expect(await startOperation((await rolledBack()).deps, { operation: "teardown", name: "erp-db-link" })).toMatchObject({ kind: "started", instanceId: "erp-db-link.teardown.2" });
  });

  it("when a failed setup is no longer the latest operation, then the same request reports it rather than running again", async () => {
    const { deps, inventory, orchestrations } = setup();
    await startOperation(deps, { operation: "setup", request });
    await record(inventory, "erp-db-link.setup.1", "failed", "Failed");
    orchestrations.finish("erp-db-link.setup.1", "Failed");
    await startOperation(deps, { operation: "teardown", name: "erp-db-link" });
    const hash = orchestrations.started.at(-1)?.input.requestHash;
    await record(inventory, "erp-db-link.teardown.2", "failed", "Failed", "teardown", hash);
    orchestrations.finish("erp-db-link.teardown.2", "Failed");
    expect(await startOperation(deps, { operation: "setup", request })).toMatchObject({ kind: "existing", instanceId: "erp-db-link.setup.1" });
  });

  it("when the same teardown is sent again after it failed, then a new run starts", async () => {
    const { deps, inventory, orchestrations } = setup();
    await startOperation(deps, { operation: "setup", request });
    await record(inventory, "erp-db-link.setup.1", "succeeded", "Active");
    orchestrations.finish("erp-db-link.setup.1");
    const first = await startOperation(deps, { operation: "teardown", name: "erp-db-link" });
    const hash = orchestrations.started.at(-1)?.input.requestHash;
    await record(inventory, "erp-db-link.teardown.2", "failed", "Failed", "teardown", hash);
    orchestrations.finish("erp-db-link.teardown.2", "Completed");
    expect(first).toMatchObject({ kind: "started", instanceId: "erp-db-link.teardown.2" });
    expect(await startOperation(deps, { operation: "teardown", name: "erp-db-link" })).toMatchObject({ kind: "started", instanceId: "erp-db-link.teardown.3" });
  });
});
