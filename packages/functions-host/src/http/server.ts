// node:http front for the host's transport-neutral dispatcher. Loopback only.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { textResponse, type HostRequest, type HostResponse } from "./convert";

export type Dispatcher = (request: HostRequest) => Promise<HostResponse>;

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

export function listen(dispatch: Dispatcher, port: number, host = "127.0.0.1"): Promise<RunningServer> {
  const server = http.createServer((request, response) => {
    void (async () => {
      let result: HostResponse;
      try {
        const body = await readBody(request);
        result = await dispatch({ method: request.method ?? "GET", url: request.url ?? "/", headers: request.headers, body });
      } catch (error) {
        result = textResponse(500, `Internal Server Error: ${(error as Error).message}`);
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
