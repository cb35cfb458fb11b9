import { handleQueueRequest } from "../../../shared/operations/intake";
import { FakeOrchestrations, MemoryEventSink, MemoryInventory } from "../../support/fakes";
import { designRequest } from "../../support/requests";

function setup() {
  const inventory = new MemoryInventory();
  const orchestrations = new FakeOrchestrations();
  const events = new MemoryEventSink();
  return { inventory, orchestrations, events, deps: { inventory, orchestrations, events } };
}

const now = new Date("2026-11-22T12:00:00Z");

describe("queue intake", () => {
  it("when a valid setup ticket arrives, then the intake itself sends `accepted` (with the record written) and starts the setup with the ticket id", async () => {
    const { deps, inventory, orchestrations, events } = setup();
    const request = designRequest((r) => delete r.ticketId);
    const outcome = await handleQueueRequest(deps, { action: "setup", ticketId: "CHG9", request }, "m1", now);
    expect(outcome).toMatchObject({ kind: "started", instanceId: "erp-db-link.setup.1" });
    expect(orchestrations.started[0]?.input.ticketId).toBe("CHG9");
    expect(events.events).toEqual([
      { eventId: "erp-db-link.setup.1:accepted", ticketId: "CHG9", name: "erp-db-link", action: "setup", outcome: "accepted", detail: { instanceId: "erp-db-link.setup.1", state: "Provisioning" }, at: now.toISOString() },
    ]);
    expect((await inventory.get("erp-db-link"))?.operations).toEqual([expect.objectContaining({ instanceId: "erp-db-link.setup.1", ticketId: "CHG9", status: "Running" })]);
  });

  it("when the same ticket is delivered twice, then one orchestration runs and the second delivery gets a `duplicate` event pointing at it", async () => {
    const { deps, orchestrations, events } = setup();
    const message = { action: "setup", ticketId: "CHG9", request: designRequest((r) => delete r.ticketId) };
    await handleQueueRequest(deps, message, "m1", now);
    const second = await handleQueueRequest(deps, message, "m2", now);
    expect(second.kind).toBe("existing");
    expect(orchestrations.started).toHaveLength(1);
    expect(events.events.map((event) => event.outcome)).toEqual(["accepted", "duplicate"]);
    expect(events.events[1]).toEqual({
      eventId: "message:m2:duplicate",
      ticketId: "CHG9",
      name: "erp-db-link",
      action: "setup",
      outcome: "duplicate",
      detail: { reason: "the same request was accepted before: setup erp-db-link.setup.1 carries it", instanceId: "erp-db-link.setup.1", operation: "setup", originalTicketId: "CHG9", messageId: "m2" },
      at: now.toISOString(),
    });
  });

  it("when another ticket asks for a teardown already running, then its `duplicate` event names the original ticket and instance", async () => {
    const { deps, inventory, orchestrations, events } = setup();
    await handleQueueRequest(deps, { action: "setup", ticketId: "CHG1", request: designRequest() }, "m1", now);
    await inventory.update("erp-db-link", (record) => record && { ...record, state: "Active", operations: record.operations.map((op) => ({ ...op, status: "Succeeded" as const })) });
    orchestrations.finish("erp-db-link.setup.1");
    await handleQueueRequest(deps, { action: "teardown", ticketId: "CHG2", request: { name: "erp-db-link" } }, "m2", now);
    await handleQueueRequest(deps, { action: "teardown", ticketId: "CHG2", request: { name: "erp-db-link" } }, "m3", now);
    expect(events.events.at(-1)).toMatchObject({ eventId: "message:m3:duplicate", ticketId: "CHG2", outcome: "duplicate", detail: { instanceId: "erp-db-link.teardown.2", operation: "teardown", originalTicketId: "CHG2" } });
    expect(orchestrations.started.map((started) => started.instanceId)).toEqual(["erp-db-link.setup.1", "erp-db-link.teardown.2"]);
  });

  it("when starting fails transiently after the ticket was accepted, then the delivery throws (the queue retries it) and the redelivery starts that same setup, with one `accepted` in all", async () => {
    const { deps, orchestrations, events } = setup();
    orchestrations.failingStarts = 1;
    const message = { action: "setup", ticketId: "CHG9", request: designRequest() };
    await expect(handleQueueRequest(deps, message, "m1", now)).rejects.toThrow("unavailable");
    expect(events.poisoned).toEqual([]);
    const redelivered = await handleQueueRequest(deps, message, "m1", now);
    expect(redelivered).toMatchObject({ kind: "started", instanceId: "erp-db-link.setup.1" });
    expect(orchestrations.started).toHaveLength(1);
    expect(events.events.map((event) => event.eventId)).toEqual(["erp-db-link.setup.1:accepted"]);
  });

  it.each([
    ["plain text", "please build a link"],
    ["unknown action", { action: "explode", ticketId: "T1", request: {} }],
    ["missing ticket", { action: "teardown", request: { name: "erp-db-link" } }],
    ["bad /30", { action: "setup", ticketId: "T1", request: designRequest((r) => (r.bgp.primary = "10.99.0.0/29")) }],
  ])("when the message is %s, then one rejected event names the rule and the message is poisoned", async (_label, message) => {
    const { deps, orchestrations, events } = setup();
    const outcome = await handleQueueRequest(deps, message, "m1", now);
    expect(outcome.kind).toBe("rejected");
    expect(events.events).toHaveLength(1);
    expect(events.events[0]).toMatchObject({ outcome: "rejected", eventId: "message:m1:rejected" });
    expect(events.poisoned).toHaveLength(1);
    expect(events.poisoned[0]?.reason.errors.length).toBeGreaterThan(0);
    expect(orchestrations.started).toEqual([]);
  });

  it("when a message nests 5,000 levels deep, then it is rejected at once with the rule and poisoned cut short (no stack overflow)", async () => {
    const { deps, orchestrations, events } = setup();
    const message = JSON.parse(`{"action":"setup","ticketId":"T9","request":{"name":${"[".repeat(5000)}${"]".repeat(5000)}}}`) as unknown;
    const outcome = await handleQueueRequest(deps, message, "deep", now);
    expect(outcome).toEqual({ kind: "rejected", errors: [{ path: "", message: "is nested more than 32 levels deep; a request nests only a few" }] });
    expect(events.events).toEqual([expect.objectContaining({ eventId: "message:deep:rejected", ticketId: "T9", action: "setup", outcome: "rejected" })]);
    expect(events.poisoned).toHaveLength(1);
    expect(JSON.stringify(events.poisoned[0]?.message)).toContain("…");
    expect(orchestrations.started).toEqual([]);
  });

  it("when the ticket arrives as the queue's base64 text, then it is decoded and checked before it is parsed", async () => {
    const { deps, orchestrations, events } = setup();
    const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
    const valid = await handleQueueRequest(deps, base64(JSON.stringify({ action: "setup", ticketId: "CHG7", request: designRequest() })), "b1", now);
    expect(valid).toMatchObject({ kind: "started" });
    expect(orchestrations.started).toHaveLength(1);
    const deep = await handleQueueRequest(deps, base64(`{"action":"setup","ticketId":"CHG8","request":${"{\"a\":".repeat(5000)}1${"}".repeat(5000)}}`), "b2", now);
    expect(deep).toMatchObject({ kind: "rejected", errors: [{ message: expect.stringContaining("nested more than 32 levels") }] });
    expect(events.events.filter((event) => event.outcome === "rejected")).toEqual([expect.objectContaining({ eventId: "message:b2:rejected", ticketId: "CHG8", action: "setup" })]);
    const text = await handleQueueRequest(deps, base64("please build a link"), "b3", now);
    expect(text).toMatchObject({ kind: "rejected", errors: [{ message: expect.stringContaining("is not a JSON object") }] });
    expect(orchestrations.started).toHaveLength(1);
  });

  it("when a rejected message is redelivered (same message id), then no second event is sent", async () => {
    const { deps, events } = setup();
    await handleQueueRequest(deps, "junk", "m1", now);
    await handleQueueRequest(deps, "junk", "m1", now);
    expect(events.events).toHaveLength(1);
  });

  it("when a teardown names an unknown interconnect, then it is rejected with the reason", async () => {
    const { deps, events } = setup();
    const outcome = await handleQueueRequest(deps, { action: "teardown", ticketId: "T2", request: { name: "ghost-link" } }, "m3", now);
    expect(outcome.kind).toBe("not-found");
    expect(events.events[0]).toMatchObject({ ticketId: "T2", name: "ghost-link", action: "teardown", outcome: "rejected" });
    expect(events.poisoned[0]?.reason.errors[0]?.path).toBe("request.name");
  });

  it("when a setup ticket's security rules would protect nothing, then it is rejected naming the request's fields, as over HTTP, and nothing starts", async () => {
    const { deps, orchestrations, events } = setup();
    const request = designRequest((r) => (r.options = { ...r.options, allowUnboundRules: false }));
    const outcome = await handleQueueRequest(deps, { action: "setup", ticketId: "CHG10", request }, "m4", now);
    expect(outcome.kind === "rejected" && outcome.errors.map((error) => error.path)).toEqual(["request.azure.appSubnets", "request.oci.subnetIds"]);
    expect(orchestrations.started).toEqual([]);
    expect(events.events[0]).toMatchObject({ ticketId: "CHG10", outcome: "rejected" });
  });
});
