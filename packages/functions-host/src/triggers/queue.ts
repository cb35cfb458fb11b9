// Storage queue trigger with the Storage extension's QueueProcessor semantics: poll with backoff, batches,
// base64 decoding, delete on success, visibility timeout on failure, poison queue after maxDequeueCount.
import { setTimeout as sleep } from "node:timers/promises";
import type { DequeuedMessageItem, QueueClient } from "@azure/storage-queue";
import type { QueueOptions } from "../config";
import type { RpcTypedData } from "../core/coreTypes";
import type { InvocationOutcome } from "../core/invoker";
import { decodeMessage } from "../storage/connection";

export interface QueueListenerOptions {
  functionName: string;
  queue: QueueClient;
  poisonQueue: QueueClient;
  options: QueueOptions;
  invoke(message: RpcTypedData, triggerMetadata: Record<string, RpcTypedData>): Promise<InvocationOutcome>;
  log(level: "info" | "warn" | "error", message: string): void;
}

// While a message is processed it stays invisible this long (the extension uses the function timeout, max 10 min).
const processingVisibilitySeconds = 600;
const minPollMs = 100;

const jsonData = (value: unknown): RpcTypedData => ({ json: JSON.stringify(value) });

export class QueueListener {
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private loop: Promise<void> | undefined;

  constructor(private readonly config: QueueListenerOptions) {}

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.abort.signal }).catch(() => undefined);
  }

  private async run(): Promise<void> {
    const { queue, options } = this.config;
    let delay = minPollMs;
    await queue.createIfNotExists({ abortSignal: this.abort.signal }).catch(() => undefined);
    while (!this.abort.signal.aborted) {
      if (this.inFlight.size > options.newBatchThreshold) {
        await Promise.race([...this.inFlight, this.pause(options.maxPollingIntervalMs)]);
        continue;
      }
      let messages: DequeuedMessageItem[] = [];
      try {
        const response = await queue.receiveMessages({ numberOfMessages: options.batchSize, visibilityTimeout: processingVisibilitySeconds, abortSignal: this.abort.signal });
        messages = response.receivedMessageItems;
      } catch (error) {
        if (this.abort.signal.aborted) break;
        this.config.log("warn", `Queue listener for ${this.config.functionName} could not read ${queue.name}: ${(error as Error).message}`);
      }
      if (messages.length === 0) {
        await this.pause(delay);
        delay = Math.min(delay * 2, Math.max(options.maxPollingIntervalMs, minPollMs));
        continue;
      }
      delay = minPollMs;
      for (const message of messages) {
        const work = this.process(message).catch((error: unknown) => this.config.log("error", `Queue message ${message.messageId} on ${queue.name}: ${(error as Error).message}`));
        this.inFlight.add(work);
        void work.finally(() => this.inFlight.delete(work));
      }
    }
  }

  private async poison(message: DequeuedMessageItem): Promise<void> {
    const { queue, poisonQueue } = this.config;
    await poisonQueue.createIfNotExists();
    await poisonQueue.sendMessage(message.messageText);
    await queue.deleteMessage(message.messageId, message.popReceipt);
    this.config.log("warn", `Message ${message.messageId} has reached MaxDequeueCount of ${this.config.options.maxDequeueCount}. Moving message to queue '${poisonQueue.name}'.`);
  }

  private async process(message: DequeuedMessageItem): Promise<void> {
    const { queue, options } = this.config;
    if (message.dequeueCount > options.maxDequeueCount) return this.poison(message);
    let outcome: InvocationOutcome | undefined;
    try {
      const text = decodeMessage(message.messageText, options.messageEncoding);
      outcome = await this.config.invoke({ string: text }, {
        Id: jsonData(message.messageId),
        DequeueCount: { int: message.dequeueCount },
        ExpirationTime: jsonData(message.expiresOn.toISOString()),
        InsertionTime: jsonData(message.insertedOn.toISOString()),
        NextVisibleTime: jsonData(message.nextVisibleOn.toISOString()),
        PopReceipt: jsonData(message.popReceipt),
        QueueTrigger: { string: text },
      });
    } catch (error) {
      this.config.log("error", `Queue message ${message.messageId} on ${queue.name} could not be processed: ${(error as Error).message}`);
    }
    if (outcome?.ok) {
      await queue.deleteMessage(message.messageId, message.popReceipt);
      return;
    }
    if (message.dequeueCount >= options.maxDequeueCount) return this.poison(message);
    await queue.updateMessage(message.messageId, message.popReceipt, undefined, Math.round(options.visibilityTimeoutMs / 1000));
  }
}
