import { type VirtualNetworkClient } from "oci-core";
import { classifyCloudError, isNotFound } from "../errors";
import { type Tags } from "../ports";
import { type RateLimiter } from "../rate-limit";

/** Throttled calls retried inside one activity attempt, with backoff from THROTTLE_BACKOFF_MS. */
const THROTTLE_RETRIES = 4;
const THROTTLE_BACKOFF_MS = 200;

export const LIVE = (state: string | undefined) => state !== "TERMINATED" && state !== "TERMINATING" && state !== "DETACHED" && state !== "DETACHING";
export const tagsOf = (tags: Record<string, string> | undefined): Tags => ({ ...(tags ?? {}) });

/**
 * How the OCI adapters call oci-core's VirtualNetworkClient (shared by network.ts and vpn.ts): every call goes
 * through the OCI rate limiter, a 429 pauses the limiter for the suggested time, reads of missing resources are
 * null and deletes of missing ones succeed.
 */
export abstract class OciCalls {
  constructor(
    protected readonly client: VirtualNetworkClient,
    protected readonly limiter: RateLimiter,
  ) {}

  /**
   * One SDK call under the rate limit. A throttled answer pauses the whole cloud (Retry-After, or a short
   * exponential backoff since OCI rarely sends one) and is retried a few times here, so one 429 does not
   * cost a whole activity attempt; longer storms surface and Durable's retries take over.
   */
  protected async call<T>(request: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await this.limiter.acquire();
      try {
        return await request();
      } catch (error) {
        const classified = classifyCloudError(error);
        if (classified.failure.status !== 429 || attempt >= THROTTLE_RETRIES) throw error;
        this.limiter.pause(classified.retryAfterMs ?? THROTTLE_BACKOFF_MS * 2 ** attempt);
      }
    }
  }

  protected async read<T>(request: () => Promise<T>): Promise<T | null> {
    try {
      return await this.call(request);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  protected async remove(request: () => Promise<unknown>): Promise<{ existed: boolean }> {
    try {
      await this.call(request);
      return { existed: true };
    } catch (error) {
      if (isNotFound(error)) return { existed: false };
      throw error;
    }
  }

  protected all<T>(list: (page: string | undefined) => Promise<{ items: T[]; opcNextPage?: string }>): Promise<T[]> {
    return allPages((request) => this.call(request), list);
  }
}

/** Every item of an OCI list, page after page, each page through `call` (the client's rate limit). */
export async function allPages<T>(call: <R>(request: () => Promise<R>) => Promise<R>, list: (page: string | undefined) => Promise<{ items: T[]; opcNextPage?: string }>): Promise<T[]> {
  const items: T[] = [];
  let page: string | undefined;
  do {
    const response = await call(() => list(page));
    items.push(...response.items);
    page = response.opcNextPage;
  } while (page);
  return items;
}
