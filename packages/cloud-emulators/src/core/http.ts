import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

/** A request as the emulators see it: fully read, body kept raw (OCI signs the exact bytes). */
export interface EmulatorRequest {
  method: string;
  /** Path and query exactly as sent (what OCI signs as `(request-target)`). */
  rawUrl: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface EmulatorReply {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON when present. */
  json?: unknown;
  /** Recorded in the journal, never sent (why a request was refused, e.g. the permission a caller lacks). */
  note?: string;
}

export const MAX_BODY_BYTES = 1024 * 1024;

export async function readRequest(req: IncomingMessage, scheme: "http" | "https"): Promise<EmulatorRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  const rawUrl = req.url ?? "/";
  const host = req.headers.host ?? "127.0.0.1";
  return { method: (req.method ?? "GET").toUpperCase(), rawUrl, url: new URL(rawUrl, `${scheme}://${host}`), headers: req.headers, body: Buffer.concat(chunks) };
}

export function header(req: EmulatorRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Parses the body as JSON; an empty body is `undefined`. Throws SyntaxError on malformed JSON. */
export function jsonBody(req: EmulatorRequest): unknown {
  if (req.body.length === 0) return undefined;
  return JSON.parse(req.body.toString("utf8")) as unknown;
}

export function writeReply(res: ServerResponse, reply: EmulatorReply): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  let payload: Buffer | undefined;
  if (reply.json !== undefined && reply.status !== 204) {
    payload = Buffer.from(JSON.stringify(reply.json), "utf8");
    headers["content-type"] ??= "application/json; charset=utf-8";
  }
  headers["content-length"] = String(payload?.length ?? 0);
  res.writeHead(reply.status, headers);
  res.end(payload);
}
