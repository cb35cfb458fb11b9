// Storage connections as the Functions host resolves them: the binding's `connection` names an app setting
// (default AzureWebJobsStorage); "UseDevelopmentStorage=true" means Azurite's well-known account on loopback.
import { QueueServiceClient } from "@azure/storage-queue";

const devAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export function developmentStorageConnectionString(ports: { blob: number; queue: number; table: number } = { blob: 10000, queue: 10001, table: 10002 }): string {
  return [
    "DefaultEndpointsProtocol=http",
    "AccountName=devstoreaccount1",
    `AccountKey=${devAccountKey}`,
    `BlobEndpoint=http://127.0.0.1:${ports.blob}/devstoreaccount1`,
    `QueueEndpoint=http://127.0.0.1:${ports.queue}/devstoreaccount1`,
    `TableEndpoint=http://127.0.0.1:${ports.table}/devstoreaccount1`,
  ].join(";");
}

export function resolveConnectionString(settings: Record<string, string | undefined>, connection: unknown): string {
  const name = typeof connection === "string" && connection !== "" ? connection : "AzureWebJobsStorage";
  const value = settings[name] ?? settings[`AzureWebJobs${name}`];
  if (!value) throw new Error(`The storage connection setting "${name}" is not defined (set it in local.settings.json or the environment)`);
  return value.trim().toLowerCase() === "usedevelopmentstorage=true" ? developmentStorageConnectionString() : value;
}

const clients = new Map<string, QueueServiceClient>();

export function queueService(connectionString: string): QueueServiceClient {
  let client = clients.get(connectionString);
  if (!client) {
    client = QueueServiceClient.fromConnectionString(connectionString);
    clients.set(connectionString, client);
  }
  return client;
}

/** Queue message text as the host encodes it (host.json extensions.queues.messageEncoding, default base64). */
export function encodeMessage(text: string, encoding: "base64" | "none"): string {
  return encoding === "base64" ? Buffer.from(text, "utf8").toString("base64") : text;
}

export function decodeMessage(text: string, encoding: "base64" | "none"): string {
  if (encoding === "none") return text;
  const compact = text.replace(/\s+/g, "");
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw new Error("The message is not valid base64 (host.json extensions.queues.messageEncoding is base64)");
  return Buffer.from(compact, "base64").toString("utf8");
}
