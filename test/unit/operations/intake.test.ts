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
  it("when a valid setup ticket arrives, then the setup orchestration starts with the ticket id", async () => {
    const { deps, orchestrations, events } = setup();
    const request = designRequest((r) => delete r.ticketId);
    const outcome = await handleQueueRequest(deps, { action: "setup", ticketId: "CHG9", request }, "m1", now);
    expect(outcome).toMatchObject({ kind: "started", instanceId: "erp-db-link.setup.1" });
    expect(orchestrations.started[0]?.input.ticketId).toBe("CHG9");
    expect(events.events).toEqual([]); // accepted comes from the orchestration's activity
  });

  it("when the same ticket is delivered twice, then one orchestration runs", async () => {
    const { deps, orchestrations } = setup();
    const message = { action: "setup", ticketId: "CHG9", request: designRequest() };
    await handleQueueRequest(deps, message, "m1", now);
    const second = await handleQueueRequest(deps, message, "m2", now);
    expect(second.kind).toBe("existing");
    expect(orchestrations.started).toHaveLength(1);
  });

  it("when starting fails transiently, then the delivery throws with no event (the queue retries it), and the redelivery starts one setup", async () => {
    const { deps, orchestrations, events } = setup();
    orchestrations.failingStarts = 1;
    const message = { action: "setup", ticketId: "CHG9", request: designRequest() };
    await expect(handleQueueRequest(deps, message, "m1", now)).rejects.toThrow("unavailable");
    expect(events.events).toEqual([]);
    expect(events.poisoned).toEqual([]);
    const redelivered = await handleQueueRequest(deps, message, "m1", now);
    expect(redelivered).toMatchObject({ kind: "started", instanceId: "erp-db-link.setup.1" });
    expect(orchestrations.started).toHaveLength(1);
    expect(events.events).toEqual([]);
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
});
