// Queue and timer trigger app for the dev host tests (connection from the StorageConnection setting).
import { app, output, type InvocationContext, type Timer } from "@azure/functions";

const done = output.storageQueue({ queueName: "orders-done", connection: "StorageConnection" });

/** Each run of the throwing handler, so the test can count dequeues. */
export const explosions: number[] = [];
/** Each timer run: when it ran (the host clock, from the schedule status) and whether it was past due. */
export const ticks: Array<{ at: string; isPastDue: boolean }> = [];

app.storageQueue("processOrder", {
  queueName: "orders",
  connection: "StorageConnection",
  extraOutputs: [done],
  handler: (message: unknown, context: InvocationContext) => {
    context.extraOutputs.set(done, { order: message, dequeueCount: context.triggerMetadata?.dequeueCount, id: context.triggerMetadata?.id });
  },
});

app.storageQueue("alwaysThrows", {
  queueName: "explode",
  connection: "StorageConnection",
  handler: (_message: unknown, context: InvocationContext) => {
    explosions.push(Number(context.triggerMetadata?.dequeueCount));
    throw new Error("cannot handle this message");
  },
});

/** $return queue output from a queue trigger: fans one message out into several. */
app.storageQueue("splitBatch", {
  queueName: "batches",
  connection: "StorageConnection",
  return: output.storageQueue({ queueName: "batch-items", connection: "StorageConnection" }),
  handler: (message: unknown) => (message as { items: unknown[] }).items,
});

app.timer("tick", {
  schedule: "%TICK_SCHEDULE%",
  handler: (timer: Timer) => {
    ticks.push({ at: timer.scheduleStatus?.lastUpdated ?? "unknown", isPastDue: timer.isPastDue });
  },
});

/** Never answers: the host fails it after host.json functionTimeout. */
app.http("hang", { methods: ["GET"], authLevel: "anonymous", handler: () => new Promise<never>(() => undefined) });
