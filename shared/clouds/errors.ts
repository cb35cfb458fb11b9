import { type ClassifiedError } from "../domain/failure";

export type { ClassifiedError };

/**
 * Every SDK's error shapes are read here and nowhere else: adapters and activities ask these functions what
 * an error means instead of looking at its fields or message themselves.
 */

/*
 * ARM failures are classified by what ARM's contract says about them, not by a list of guessed codes:
 * - an HTTP answer by its status class: 408, 429 and 5xx (but 501, 505) are transient, and so is any answer that
 *   carries Retry-After (ARM RPC, "Retrying REST Calls": https://github.com/Azure/azure-resource-manager-rpc/blob/master/v1.0/Addendum.md);
 *   every other 4xx is permanent and keeps the cloud's code and message;
 * - an operation that ended Failed (its Azure-AsyncOperation body `{status: "Failed", error: {code, message}}`) has no
 *   status: its final error code decides, transient only for the server-fault codes below.
 * Exact codes are kept only where public sources show ARM sending them (cited in the emulator README's fidelity table).
 */

/**
 * A resource busy with another operation or not provisioned yet: wait, then try again. AnotherOperationInProgress
 * (409, e.g. microsoft/AzureTRE#2222), ReferencedResourceNotProvisioned (e.g. hashicorp/terraform-provider-azurerm#30197).
 */
const ARM_NOT_READY_CODES = new Set(["AnotherOperationInProgress", "ReferencedResourceNotProvisioned"]);
/**
 * Final error codes of failed Microsoft.Network operations that name a server fault: InternalServerError,
 * InternalExecutionError ("Please retry later", Azure/azure-powershell#14460), RetryableError (microsoft/AzureTRE#1494).
 */
const ARM_TRANSIENT_OPERATION_CODES = new Set(["InternalServerError", "InternalExecutionError", "RetryableError"]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ESOCKETTIMEDOUT", "EPIPE", "EAI_AGAIN", "ENOTFOUND", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "EOPENBREAKER"]);

type Fields = Record<string, unknown>;

const asFields = (error: unknown): Fields => (error !== null && typeof error === "object" ? (error as Fields) : {});
const text = (value: unknown) => (typeof value === "string" ? value : undefined);

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  const getter = (headers as { get?: unknown }).get;
  if (typeof getter === "function") return (getter as (key: string) => string | null | undefined).call(headers, name) ?? undefined;
  const record = headers as Record<string, unknown>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  return key ? text(record[key]) : undefined;
}

/** Retry-After in seconds or as an HTTP date, or retry-after-ms / x-ms-retry-after-ms. */
export function retryAfterMsOf(headers: unknown, now = Date.now()): number | undefined {
  const ms = headerValue(headers, "retry-after-ms") ?? headerValue(headers, "x-ms-retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headerValue(headers, "retry-after");
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Messages never carry more than their first line (SDK errors append request dumps). */
function firstLine(message: string): string {
  return (message.split("\n")[0] ?? "").slice(0, 500);
}

function transientStatus(status: number | undefined): boolean {
  return status === 408 || status === 429 || (status !== undefined && status >= 500 && status !== 501 && status !== 505);
}

const LRO_FAILED = "The long-running operation has failed";

/**
 * The Azure SDK's long-running-operation poller (core-lro) reports an operation that ended Failed as a plain
 * Error whose message is "The long-running operation has failed[. <code>. <message>]": its code and message.
 */
export function failedOperation(error: unknown): { code: string; message: string } | null {
  const message = text(asFields(error).message);
  if (!message?.startsWith(LRO_FAILED)) return null;
  const detail = /^The long-running operation has failed\. ([\w.]+)\. (.*)/s.exec(message);
  return detail ? { code: detail[1] ?? "OperationFailed", message: firstLine(detail[2] ?? "") } : { code: "OperationFailed", message: firstLine(message) };
}

/** What an ARM operation's final error means: its code decides (see above). */
export function classifyOperationError(error: { code: string; message: string }): ClassifiedError {
  const notReady = ARM_NOT_READY_CODES.has(error.code);
  return {
    retryable: notReady || ARM_TRANSIENT_OPERATION_CODES.has(error.code),
    ...(notReady ? { notReady } : {}),
    failure: { cloud: "azure", code: error.code, message: firstLine(error.message) },
  };
}

/** A long-running operation that ended Failed without saying why (core-lro gives no error for some). */
export class OperationFailedError extends Error {
  override readonly name = "OperationFailedError";
  readonly code = "OperationFailed";
}

/** A read or delete of something that is not there (ARM 404, OCI 404 NotAuthorizedOrNotFound). */
export function isNotFound(error: unknown): boolean {
  return asFields(error).statusCode === 404;
}

/**
 * DurableClient answers an unknown instance id with a plain Error (no status field) whose message says the
 * extension "replied with HTTP 404 response".
 */
export function isUnknownInstance(error: unknown): boolean {
  const message = text(asFields(error).message) ?? "";
  return message.startsWith("DurableClient error:") && message.includes("HTTP 404");
}

/**
 * Maps an error from either SDK (or Azure Storage) to one shape. Checks fields and names, never
 * `instanceof` across packages: the OCI SDK throws OciError {statusCode, serviceCode, opcRequestId},
 * the Azure pipeline RestError {statusCode, code, response.headers}, the core-lro poller a plain Error
 * (see failedOperation). Busy or not-yet-provisioned resources (ARM AnotherOperationInProgress,
 * ReferencedResourceNotProvisioned, OCI 409 IncorrectState) are retryable and also `notReady`.
 */
export function classifyCloudError(error: unknown): ClassifiedError {
  const fields = asFields(error);
  const message = text(fields.message) ?? String(error);

  // OCI SDK
  if (text(fields.serviceCode) !== undefined || text(fields.targetService) !== undefined || text(fields.opcRequestId) !== undefined) {
    const status = typeof fields.statusCode === "number" ? fields.statusCode : undefined;
    const code = text(fields.serviceCode) ?? (status === undefined ? "ClientError" : `Http${status}`);
    const notReady = status === 409 && code === "IncorrectState";
    // A 412 NoEtagMatch is a lost read-modify-write race: the retried activity re-reads the etag.
    const retryable = status === undefined || transientStatus(status) || notReady || (status === 412 && code === "NoEtagMatch");
    return { retryable, ...(notReady ? { notReady } : {}), failure: { cloud: "oci", ...(status !== undefined ? { status } : {}), code, message: firstLine(message) } };
  }

  const operation = failedOperation(error);
  if (operation) return classifyOperationError(operation);

  // Azure RestError (ARM or Storage)
  const status = typeof fields.statusCode === "number" ? fields.statusCode : undefined;
  const code = text(fields.code);
  if (status !== undefined || (code !== undefined && !NETWORK_CODES.has(code))) {
    const response = asFields(fields.response);
    const retryAfterMs = retryAfterMsOf(response.headers);
    const armCode = code ?? (status === undefined ? "RestError" : `Http${status}`);
    // 429 without any retry-after hint is still throttling: retry it with our own backoff.
    const notReady = ARM_NOT_READY_CODES.has(armCode);
    const retryable = transientStatus(status) || retryAfterMs !== undefined || notReady;
    return {
      retryable,
      ...(notReady ? { notReady } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      failure: { cloud: "azure", ...(status !== undefined ? { status } : {}), code: armCode, message: firstLine(message) },
    };
  }

  // Sockets, timeouts, an open circuit breaker: transient by nature.
  const networkCode = code ?? text(asFields(fields.cause).code);
  if (networkCode && NETWORK_CODES.has(networkCode)) {
    return { retryable: true, failure: { cloud: "interlink", code: networkCode, message: firstLine(message) } };
  }
  return { retryable: false, failure: { cloud: "interlink", code: text(fields.name) ?? "Error", message: firstLine(message) } };
}
