// node:http front for the host's transport-neutral dispatcher. Loopback only.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { textResponse, type HostRequest, type HostResponse } from "./convert";

export type Dispatcher = (request: HostRequest) => Promise<HostResponse>;

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** Bodies above this many bytes are refused with 413 while they arrive (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT). */
  maxBodyBytes: number;
  /** Where an unexpected failure is reported; the caller only sees a bare 500 (no paths or messages). */
  onError?: (error: unknown) => void;
}

/** How long a refused request's connection stays half-open so the client reads the 413 before the socket closes. */
const LINGER_MS = 2_000;

type Body = { ok: true; body: Buffer } | { ok: false };

/**
 * Reads the body, counting bytes as they arrive. A declared Content-Length over the limit is refused before any
 * byte is read; a body that grows past it stops being read at once (the socket is paused, so the sender's own
 * buffers fill and it cannot push the rest).
 */
function readBody(request: http.IncomingMessage, maxBytes: number): Promise<Body> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ ok: false });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        request.off("data", onData);
        request.pause();
        chunks.length = 0;
        resolve({ ok: false });
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.on("end", () => resolve({ ok: true, body: Buffer.concat(chunks) }));
    request.on("error", reject);
  });
}

export function payloadTooLarge(maxBytes: number): HostResponse {
  return textResponse(413, `Request body too large: at most ${maxBytes} bytes (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT).`);
}

/** Answers 413 and closes the connection without reading the rest of the body. */
function refuse(request: http.IncomingMessage, response: http.ServerResponse, maxBytes: number): void {
  const refused = payloadTooLarge(maxBytes);
  response.shouldKeepAlive = false;
  response.writeHead(refused.status, { ...refused.headers, connection: "close", "content-length": String(refused.body.length) });
  response.end(refused.body, () => {
    // Half-close: the client sees the answer and the end of the stream; unread bytes are dropped with the socket.
    request.socket.end();
    setTimeout(() => request.socket.destroy(), LINGER_MS).unref();
  });
}

export function listen(dispatch: Dispatcher, port: number, host = "127.0.0.1", options: ListenOptions = { maxBodyBytes: Number.POSITIVE_INFINITY }): Promise<RunningServer> {
  const server = http.createServer((request, response) => {
    void (async () => {
      let result: HostResponse;
      try {
        const read = await readBody(request, options.maxBodyBytes);
        if (!read.ok) {
          refuse(request, response, options.maxBodyBytes);
          return;
        }
        result = await dispatch({ method: request.method ?? "GET", url: request.url ?? "/", headers: request.headers, body: read.body });
      } catch (error) {
        options.onError?.(error);
        result = textResponse(500, "Internal Server Error");
      }
      response.writeHead(result.status, { ...result.headers, "content-length": String(result.body.length) });
      response.end(request.method === "HEAD" ? undefined : result.body);
    })();
  });
  server.keepAliveTimeout = 2_000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
