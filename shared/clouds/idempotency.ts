import { createHash } from "node:crypto";

/**
 * OCI `opc-retry-token` for one create in one operation step: the same orchestration instance and step
 * always send the same token, so a replayed or retried activity gets the original resource back
 * (tokens live 24 h; after that, lookup-by-name-and-tag before create covers replays).
 */
export function retryToken(operationId: string, step: string): string {
  return createHash("sha256").update(`${operationId}\u0000${step}`).digest("hex").slice(0, 64);
}
