import { type ClassifiedError } from "../../shared/domain/failure";

/** Azure Storage (Tables, Queues) errors: throttling, 5xx and network failures are transient. */
export function classifyStorageError(error: unknown): ClassifiedError {
  const fields = error !== null && typeof error === "object" ? (error as { statusCode?: unknown; code?: unknown; message?: unknown }) : {};
  const status = typeof fields.statusCode === "number" ? fields.statusCode : undefined;
  const code = typeof fields.code === "string" ? fields.code : "StorageError";
  const message = typeof fields.message === "string" ? fields.message.split("\n")[0] ?? "" : String(error);
  const retryable = status === undefined || status === 408 || status === 429 || status >= 500;
  return { retryable, failure: { cloud: "interlink", ...(status !== undefined ? { status } : {}), code, message } };
}
