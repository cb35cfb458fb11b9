import { TableClient } from "@azure/data-tables";
import { QueueClient } from "@azure/storage-queue";
import { QueueEventSink } from "../../shared/events/queue-sink";
import { type InProcessStack, startInProcessStack } from "../support/in-process-stack";
import { namedRequest } from "../support/lifecycle";

jest.setTimeout(120_000);

interface Event {
  eventId: string;
  ticketId?: string;
  name?: string;
  action: string;
  outcome: string;
  detail: Record<string, unknown>;
}

const encode = (text: string) => Buffer.from(text, "utf8").toString("base64");
const decode = (text: string) => JSON.parse(Buffer.from(text, "base64").toString("utf8")) as unknown;

describe("ticketing intake on the interconnect-requests queue (real Azurite)", () => {
  let stack: InProcessStack;
  let requests: QueueClient;
  let events: QueueClient;
  let poison: QueueClient;

  beforeAll(async () => {
    // Triggers on: the host polls Azurite for queue messages. A yearly schedule keeps health sweeps out of the way.
    stack = await startInProcessStack({ triggers: true, settings: { HEALTH_CHECK_SCHEDULE: "0 0 0 1 1 *" } });
    requests = new QueueClient(stack.azurite.connectionString, "interconnect-requests");
    events = new QueueClient(stack.azurite.connectionString, "interconnect-events");
    poison = new QueueClient(stack.azurite.connectionString, "interconnect-requests-poison");
    await Promise.all([requests.createIfNotExists(), events.createIfNotExists(), poison.createIfNotExists()]);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function allEvents(): Promise<Event[]> {
    const found: Event[] = [];
    for (;;) {
      const batch = await events.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 3600 });
      if (batch.receivedMessageItems.length === 0) return found;
      found.push(...batch.receivedMessageItems.map((item) => decode(item.messageText) as Event));
    }
  }

  async function drain(queue: QueueClient): Promise<unknown[]> {
    const found: unknown[] = [];
    for (;;) {
      const batch = await queue.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 3600 });
      if (batch.receivedMessageItems.length === 0) return found;
      found.push(...batch.receivedMessageItems.map((item) => decode(item.messageText)));
    }
  }

  async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value).slice(0, 500)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function instanceStarted(instanceId: string) {
    await waitFor(
      async () => (await stack.host.client.getStatusAll()).some((status) => status.instanceId === instanceId),
      (started) => started,
    );
  }

  it("when a valid ticket arrives twice, then one setup runs and the ticket gets accepted and succeeded once each, and one duplicate for the second delivery", async () => {
    const message = JSON.stringify({ action: "setup", ticketId: "CHG-100", request: namedRequest("ticket-link", (r) => delete r.ticketId) });
    await requests.sendMessage(encode(message));
    await requests.sendMessage(encode(message));
    await instanceStarted("ticket-link.setup.1");
    const status = await stack.host.waitForCompletion("ticket-link.setup.1", { timeoutMs: 60_000 });
    expect(status.runtimeStatus).toBe("Completed");
    await waitFor(async () => (await requests.getProperties()).approximateMessagesCount ?? 0, (count) => count === 0);
    const all = (await allEvents()).filter((event) => event.ticketId === "CHG-100");
    expect(all.map((event) => `${event.action}:${event.outcome}`).sort()).toEqual(["setup:accepted", "setup:duplicate", "setup:succeeded"]);
    expect(all.find((event) => event.outcome === "duplicate")?.detail).toMatchObject({ instanceId: "ticket-link.setup.1", operation: "setup", originalTicketId: "CHG-100" });
    expect((await stack.host.client.getStatusAll()).filter((instance) => instance.instanceId.startsWith("ticket-link."))).toHaveLength(1);
  });

  it("when two senders emit the same event at once, then it is sent once; a claim left unsent for a minute is taken over", async () => {
    const sink = QueueEventSink.fromConnectionString(stack.azurite.connectionString);
    const event = (eventId: string) => ({ eventId, name: "sink-link", action: "setup", outcome: "accepted" as const, detail: {}, at: "2026-11-22T12:00:00.000Z" });
    const sent = await Promise.all(Array.from({ length: 8 }, () => sink.emit(event("sink-link.setup.1:accepted"))));
    expect(sent.filter(Boolean)).toHaveLength(1);
    const markers = TableClient.fromConnectionString(stack.azurite.connectionString, "interlinkevents", { allowInsecureConnection: true });
    const claim = (rowKey: string, claimedAt: number) => markers.createEntity({ partitionKey: "event", rowKey, outcome: "accepted", at: "", sent: false, claimedAt });
    await claim(encodeURIComponent("sink-link.setup.2:accepted"), Date.now());
    await claim(encodeURIComponent("sink-link.setup.3:accepted"), Date.now() - 120_000);
    expect(await sink.emit(event("sink-link.setup.2:accepted"))).toBe(false);
    expect(await sink.emit(event("sink-link.setup.3:accepted"))).toBe(true);
    expect((await allEvents()).filter((found) => found.name === "sink-link").map((found) => found.eventId)).toEqual(["sink-link.setup.1:accepted", "sink-link.setup.3:accepted"]);
  });

  const valid = () => namedRequest("bad-link");
  const malformed: Array<[string, string]> = [
    ["bad JSON", "{ \"action\": \"setup\", "],
    ["plain text", "please connect azure to oci"],
    ["an empty object", "{}"],
    ["a JSON array", "[1,2,3]"],
    ["no action", JSON.stringify({ ticketId: "T-1", request: valid() })],
    ["an unknown action", JSON.stringify({ action: "explode", ticketId: "T-2", request: valid() })],
    ["no ticket", JSON.stringify({ action: "setup", request: valid() })],
    ["a numeric ticket", JSON.stringify({ action: "setup", ticketId: 42, request: valid() })],
    ["no request", JSON.stringify({ action: "setup", ticketId: "T-3" })],
    ["a request without azure", JSON.stringify({ action: "setup", ticketId: "T-4", request: { ...valid(), azure: undefined } })],
    ["a string bandwidth", JSON.stringify({ action: "setup", ticketId: "T-5", request: namedRequest("bad-link", (r) => ((r.azure.circuit as { bandwidthMbps: unknown }).bandwidthMbps = "1000")) })],
    ["overlapping CIDRs", JSON.stringify({ action: "setup", ticketId: "T-6", request: namedRequest("bad-link", (r) => (r.oci.vcnCidrs = ["10.10.128.0/17"])) })],
    ["a /29 BGP block", JSON.stringify({ action: "setup", ticketId: "T-7", request: namedRequest("bad-link", (r) => (r.bgp.primary = "10.99.0.0/29")) })],
    ["a /30 off its boundary", JSON.stringify({ action: "setup", ticketId: "T-8", request: namedRequest("bad-link", (r) => (r.bgp.secondary = "10.99.0.6/30")) })],
    ["identical BGP blocks", JSON.stringify({ action: "setup", ticketId: "T-9", request: namedRequest("bad-link", (r) => (r.bgp.secondary = "10.99.0.0/30")) })],
    ["an unpaired region", JSON.stringify({ action: "setup", ticketId: "T-10", request: namedRequest("bad-link", (r) => (r.oci.region = "eu-frankfurt-1")) })],
    ["Local with MeteredData", JSON.stringify({ action: "setup", ticketId: "T-11", request: namedRequest("bad-link", (r) => (r.azure.circuit.sku = { tier: "Local", family: "MeteredData" })) })],
    ["on-premises transit", JSON.stringify({ action: "setup", ticketId: "T-12", request: namedRequest("bad-link", (r) => r.traffic.push({ from: "on-premises", to: "oci", protocol: "tcp" })) })],
    ["a resize to 1500 Mbps", JSON.stringify({ action: "resize", ticketId: "T-13", request: { name: "ticket-link", bandwidthMbps: 1500 } })],
    ["a bad interconnect name", JSON.stringify({ action: "teardown", ticketId: "T-14", request: { name: "Bad Name!" } })],
    ["an unknown field", JSON.stringify({ action: "suspend", ticketId: "T-15", request: { name: "ticket-link" }, priority: "high" })],
    ["an oversized body", JSON.stringify({ action: "setup", ticketId: "T-16", request: { ...valid(), padding: "x".repeat(40_000) } })],
    ["a teardown of an unknown interconnect", JSON.stringify({ action: "teardown", ticketId: "T-17", request: { name: "ghost-link" } })],
    ["5,000 levels of nesting", `{"action":"setup","ticketId":"T-18","request":${"[".repeat(5000)}${"]".repeat(5000)}}`],
  ];

  it(`when ${malformed.length} kinds of malformed message arrive, then each is rejected once with a reason, poisoned, and no cloud is touched`, async () => {
    await drain(events);
    await drain(poison);
    const writesBefore = (await stack.emulators.admin.journal()).filter((entry) => entry.method !== "GET").length;
    for (const [, text] of malformed) await requests.sendMessage(encode(text));

    const collected: unknown[] = [];
    await waitFor(
      async () => {
        collected.push(...(await drain(poison)));
        return collected.length;
      },
      (count) => count >= malformed.length,
      30_000,
    );
    expect(collected).toHaveLength(malformed.length);
    for (const entry of collected) expect(entry).toMatchObject({ reason: expect.any(String), errors: expect.arrayContaining([expect.objectContaining({ message: expect.any(String) })]) });

    const rejected = (await allEvents()).filter((event) => event.outcome === "rejected");
    expect(rejected).toHaveLength(malformed.length);
    expect(new Set(rejected.map((event) => event.eventId)).size).toBe(malformed.length);
    for (const event of rejected) expect((event.detail.errors as unknown[]).length).toBeGreaterThan(0);
    expect(rejected.find((event) => event.ticketId === "T-6")?.detail.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: "request.oci.vcnCidrs[0]", message: expect.stringContaining("10.10.0.0/16") })]));
    expect(rejected.find((event) => event.ticketId === "T-16")?.detail.reason).toContain("too large");
    expect(rejected.find((event) => event.ticketId === "T-18")?.detail.errors).toEqual([{ path: "", message: expect.stringContaining("nested more than 32 levels") }]);

    const writesAfter = (await stack.emulators.admin.journal()).filter((entry) => entry.method !== "GET").length;
    expect(writesAfter).toBe(writesBefore);
    expect((await requests.getProperties()).approximateMessagesCount).toBe(0);
  });
});
