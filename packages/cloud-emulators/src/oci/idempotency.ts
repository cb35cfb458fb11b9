import { canonicalHash } from "../core/ids";
import { header } from "../core/http";
import { OciError } from "./errors";
import type { OciCall } from "./kinds";
import type { RetryTokenRecord } from "./model";

/**
 * `opc-retry-token`: the same token with the same body replays the original outcome (the SDK sends a
 * token on every create and reuses it on its own retries); with a different body it is 409
 * InvalidatedRetryToken. Tokens expire after 24 emulated hours.
 */
export interface RetryTokenCheck {
  /** The outcome of the first request with this token, when this is a replay. */
  previous?: RetryTokenRecord;
  /** Records the outcome of this (first) request. */
  remember(outcome: { status: number; resourceId?: string; json?: unknown }): void;
}

export function checkRetryToken(call: OciCall, op: string, body: unknown): RetryTokenCheck {
  const token = header(call.req, "opc-retry-token");
  const { world } = call;
  if (!token) return { remember: () => undefined };
  const tokens = world.state.oci.retryTokens;
  for (const [key, record] of Object.entries(tokens)) if (record.expiresAt <= world.now) delete tokens[key];
  const key = `${op} ${token}`;
  const bodyHash = canonicalHash(body ?? null);
  const previous = tokens[key];
  if (previous) {
    if (previous.bodyHash !== bodyHash) {
      throw new OciError(409, "InvalidatedRetryToken", "The retry token has already been used with a different request body.");
    }
    return { previous, remember: () => undefined };
  }
  return {
    remember(outcome) {
      const record: RetryTokenRecord = { op, bodyHash, status: outcome.status, expiresAt: world.now + world.config.durations.retryTokenLifetime };
      if (outcome.resourceId !== undefined) record.resourceId = outcome.resourceId;
      if (outcome.json !== undefined) record.json = outcome.json;
      tokens[key] = record;
      world.dirty = true;
    },
  };
}
