/**
 * SDK errors carry the request that failed (the Azure pipeline's RestError keeps `request`, body included), so an
 * error raised while a shared key was being sent could put the key in a log or in orchestration history. Calls
 * that send a secret go through `withoutSecrets`: what it rethrows keeps what errors.ts reads (name, message,
 * status, codes, response headers) and nothing else, with any occurrence of the secret masked.
 */

const KEPT_FIELDS = ["name", "code", "statusCode", "serviceCode", "opcRequestId", "targetService", "operationName", "timestamp"] as const;

export const SECRET_MASK = "[redacted]";

function mask(text: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length > 0).reduce((current, secret) => current.split(secret).join(SECRET_MASK), text);
}

/** A copy of an SDK error without its request, its body, or the secrets. */
export function scrubbedError(error: unknown, secrets: readonly string[]): Error {
  if (error === null || typeof error !== "object") return new Error(mask(String(error), secrets));
  const source = error as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const field of KEPT_FIELDS) {
    const value = source[field];
    if (value !== undefined) fields[field] = typeof value === "string" ? mask(value, secrets) : value;
  }
  const response = source.response as { headers?: unknown; status?: unknown } | undefined;
  // Retry-After lives in the response headers; the body (which may echo the request) is left behind.
  if (response && typeof response === "object") fields.response = { headers: response.headers, status: response.status };
  return Object.assign(new Error(mask(typeof source.message === "string" ? source.message : "the cloud call failed", secrets)), fields);
}

export async function withoutSecrets<T>(secrets: readonly string[], call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw scrubbedError(error, secrets);
  }
}
