// Queue triggers and queue outputs against a real Azurite, and a timer trigger under the virtual clock.
import path from "node:path";
import { QueueServiceClient, type QueueClient } from "@azure/storage-queue";
import { setTimeout as delay } from "node:timers/promises";
import { createTestHost, type TestHost } from "../src/testing";
import { startAzurite, type Azurite } from "../src/storage/azurite";
import { explosions, ticks } from "./apps/queues/index";

let azurite: Azurite;
let host: TestHost;
let queues: QueueServiceClient;

const base64 = (text: string) => Buffer.from(text).toString("base64");
const fromBase64 = (text: string) => Buffer.from(text, "base64").toString("utf8");

/** Azurite offers no change notification, so queue state is polled until it holds (or the deadline passes). */
async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await delay(50);
  }
}

async function peekAll(queue: QueueClient): Promise<string[]> {
  const response = await queue.peekMessages({ numberOfMessages: 32 });
  return response.peekedMessageItems.map((message) => message.messageText);
}

beforeAll(async () => {
  azurite = await startAzurite();
  queues = QueueServiceClient.fromConnectionString(azurite.connectionString);
  host = await createTestHost({
    appRoot: path.join(__dirname, "apps/queues"),
    entry: "index.ts",
    startTime: new Date("2030-01-01T00:02:30Z"),
    settings: { StorageConnection: azurite.connectionString, TICK_SCHEDULE: "0 */5 * * * *" },
  });
}, 30_000);

afterAll(async () => {
  await host?.dispose();
  await azurite?.stop();
});

describe("queue trigger", () => {
  it("when a base64 message arrives, then the function runs once, writes its output binding and the message is deleted", async () => {
    const orders = queues.getQueueClient("orders");
    await orders.createIfNotExists();
    await orders.sendMessage(base64(JSON.stringify({ sku: "A-1", quantity: 2 })));
    const doneQueue = queues.getQueueClient("orders-done");
    const [output] = await eventually(() => doneQueue.createIfNotExists().then(() => peekAll(doneQueue)), (messages) => messages.length > 0);
    expect(JSON.parse(fromBase64(output as string))).toMatchObject({ order: { sku: "A-1", quantity: 2 }, dequeueCount: 1 });
    await eventually(() => orders.getProperties().then((properties) => properties.approximateMessagesCount), (count) => count === 0);
    await host.waitForIdle();
    expect(await peekAll(doneQueue)).toHaveLength(1);
  });

  it("when the handler keeps throwing, then the message is retried and moved to the poison queue after 5 dequeues", async () => {
    const explode = queues.getQueueClient("explode");
    await explode.createIfNotExists();
    const original = base64("not going to work");
    await explode.sendMessage(original);
    const poison = queues.getQueueClient("explode-poison");
    const poisoned = await eventually(() => poison.createIfNotExists().then(() => peekAll(poison)), (messages) => messages.length > 0);
    expect(poisoned).toEqual([original]);
    expect(explosions).toEqual([1, 2, 3, 4, 5]);
    expect((await explode.getProperties()).approximateMessagesCount).toBe(0);
  });

  it("when a queue function returns an array to a $return queue output, then each element becomes a message", async () => {
    const batches = queues.getQueueClient("batches");
    await batches.createIfNotExists();
    await batches.sendMessage(base64(JSON.stringify({ items: [{ n: 1 }, "two", 3] })));
    const items = queues.getQueueClient("batch-items");
    const messages = await eventually(() => items.createIfNotExists().then(() => peekAll(items)), (found) => found.length >= 3);
    expect(messages.map(fromBase64)).toEqual(['{"n":1}', "two", "3"]);
  });
});

describe("timer trigger", () => {
  it("when the virtual clock passes two occurrences of the %TICK_SCHEDULE% schedule, then the function runs on each", async () => {
    expect(ticks).toEqual([]);
    await host.clock.advanceTo(new Date("2030-01-01T00:11:00Z"));
    expect(ticks).toEqual([
      { at: "2030-01-01T00:05:00.000Z", isPastDue: false },
      { at: "2030-01-01T00:10:00.000Z", isPastDue: false },
    ]);
  });
});

describe("functionTimeout", () => {
  it("when a function runs past host.json functionTimeout, then the invocation fails (HTTP 500)", async () => {
    const response = await host.http.request("GET", "/api/hang");
    expect(response.status).toBe(500);
    expect(host.logs.join("\n")).toContain("Timeout value of 1000 ms (host.json functionTimeout) was exceeded by function: Functions.hang");
  });
});
