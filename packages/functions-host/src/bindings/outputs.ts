// Output bindings: `queue` outputs ($return or extraOutputs) are written to Storage queues; other output types are
// reported at start-up as unsupported by the dev host.
import type { QueueClient } from "@azure/storage-queue";
import { resolveSettingReferences, type QueueOptions } from "../config";
import type { FunctionMetadata, RpcInvocationResponse, RpcTypedData } from "../core/coreTypes";
import { encodeMessage, queueService, resolveConnectionString } from "../storage/connection";

const supportedOutputs = new Set(["http", "queue"]);

/** Messages from a binding value: arrays become one message per element, as the queue binding does. */
function messagesOf(data: RpcTypedData): string[] {
  if (typeof data.string === "string") return [data.string];
  if (data.bytes) return [Buffer.from(data.bytes).toString("utf8")];
  if (typeof data.int === "number") return [String(data.int)];
  if (typeof data.double === "number") return [String(data.double)];
  if (typeof data.json === "string") {
    const value = JSON.parse(data.json) as unknown;
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => (typeof item === "string" ? item : JSON.stringify(item)));
  }
  return [];
}

export class OutputBindings {
  private readonly created = new Map<string, Promise<QueueClient>>();

  constructor(
    private readonly settings: () => Record<string, string | undefined>,
    private readonly queues: QueueOptions,
  ) {}

  static unsupported(metadata: FunctionMetadata): string[] {
    return Object.entries(metadata.bindings)
      .filter(([, binding]) => binding.direction === "out" && typeof binding.type === "string" && !supportedOutputs.has(binding.type.toLowerCase()))
      .map(([name, binding]) => `${metadata.name}: output binding "${name}" of type ${String(binding.type)} is not supported by the dev host and is ignored`);
  }

  private queueClient(connection: unknown, queueName: string): Promise<QueueClient> {
    const connectionString = resolveConnectionString(this.settings(), connection);
    const key = `${connectionString}\u0000${queueName}`;
    let client = this.created.get(key);
    if (!client) {
      const queue = queueService(connectionString).getQueueClient(queueName);
      client = queue.createIfNotExists().then(() => queue);
      client.catch(() => this.created.delete(key));
      this.created.set(key, client);
    }
    return client;
  }

  async write(metadata: FunctionMetadata, response: RpcInvocationResponse): Promise<void> {
    for (const [name, binding] of Object.entries(metadata.bindings)) {
      if (binding.direction !== "out" || binding.type?.toLowerCase() !== "queue") continue;
      const data = name === "$return" ? response.returnValue : response.outputData?.find((output) => output.name === name)?.data;
      if (!data) continue;
      const queueName = resolveSettingReferences(String(binding.queueName), this.settings()).toLowerCase();
      const client = await this.queueClient(binding.connection, queueName);
      for (const message of messagesOf(data)) await client.sendMessage(encodeMessage(message, this.queues.messageEncoding));
    }
  }
}
