// What an attacker or a careless client can send the dev host: requests without keys for the Durable management
// API, oversized bodies, malformed escapes and Host headers, overlong instance ids. Each gets a 4xx, never a 500.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createTestHost, type TestHost } from "../src/testing";

const webhooks = "/runtime/webhooks/durabletask";
const LIMIT = 64 * 1024;
let host: TestHost;
let stateDir: string;

interface Keys {
  masterKey: string;
  systemKeys: Record<string, string>;
  functionKeys: Record<string, { default: string }>;
}
const keys = () => JSON.parse(readFileSync(path.join(stateDir, "keys.json"), "utf8")) as Keys;
const systemKey = () => keys().systemKeys.durabletask_extension as string;

beforeAll(async () => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), "dev-host-hardening-"));
  host = await createTestHost({
    appRoot: path.join(__dirname, "apps/durable"),
    entry: "index.ts",
    store: "file",
    stateDir,
    keysEnforced: true,
    settings: { FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: String(LIMIT) },
  });
});
afterAll(async () => {
  await host.dispose();
  rmSync(stateDir, { recursive: true, force: true });
});

describe("the Durable management API with keys enforced", () => {
  it("when it is called without the system key, then every route answers 401 and nothing starts", async () => {
    const functionKey = keys().functionKeys.secret?.default as string;
    expect((await host.http.request("GET", `${webhooks}/instances`)).status).toBe(401);
    expect((await host.http.request("GET", `${webhooks}/instances?code=${functionKey}`)).status).toBe(401);
    const start = await host.http.request("POST", `${webhooks}/orchestrators/sequence/crafted`, { json: ["x"] });
    expect(start.status).toBe(401);
    expect(host.host.engine.get("crafted")).toBeUndefined();
    expect((await host.http.request("POST", `${webhooks}/instances/anything/terminate`)).status).toBe(401);
    expect((await host.http.request("DELETE", `${webhooks}/instances/anything`)).status).toBe(401);
  });

  it("when the system key or the master key is presented, then the API answers", async () => {
    expect((await host.http.request("GET", `${webhooks}/instances?code=${encodeURIComponent(systemKey())}`)).status).toBe(200);
    expect((await host.http.request("GET", `${webhooks}/instances`, { headers: { "x-functions-key": keys().masterKey } })).status).toBe(200);
  });

  it("when the app's own DurableClient starts and reads an instance, then it works without a key, and the status URL it hands out carries the system key", async () => {
    const started = await host.http.request("POST", "/api/orchestrators/sequence", { json: ["Oslo"] });
    expect(started.status).toBe(202);
    const payload = started.json<{ id: string; statusQueryGetUri: string }>();
    expect(new URL(payload.statusQueryGetUri).searchParams.get("code")).toBe(systemKey());
    const status = await host.waitForCompletion(payload.id);
    expect(status.output).toEqual(["Hello Oslo"]);
    const url = new URL(payload.statusQueryGetUri);
    expect((await host.http.request("GET", url.pathname + url.search)).json()).toMatchObject({ runtimeStatus: "Completed" });
  });

  it("when admin endpoints are called without the master key, then 401; the system key is not enough", async () => {
    expect((await host.http.request("GET", "/admin/host/status")).status).toBe(401);
    expect((await host.http.request("POST", "/admin/functions/sequence", { json: { input: "" }, headers: { "x-functions-key": systemKey() } })).status).toBe(401);
    expect((await host.http.request("GET", "/admin/host/status", { headers: { "x-functions-key": keys().masterKey } })).json()).toMatchObject({ state: "Running" });
  });
});

describe("malformed requests", () => {
  it("when a route parameter holds a malformed percent-escape, then the function gets it as written (never a 500)", async () => {
    for (const [raw, expected] of [
      ["%", "%"],
      ["%zz", "%zz"],
      ["a%20b%", "a b%"],
      ["%E2%82", "%E2%82"],
      ["%E2%82%AC%zz", "€%zz"],
    ]) {
      const response = await host.http.request("GET", `/api/files/${raw}`);
      expect({ raw, status: response.status, path: response.json<{ path: string }>().path }).toEqual({ raw, status: 200, path: expected });
    }
  });

  it("when the Durable API or the admin API gets a malformed escape, then it answers 404, not 500", async () => {
    const code = `code=${encodeURIComponent(keys().masterKey)}`;
    expect((await host.http.request("GET", `${webhooks}/instances/%zz?${code}`)).status).toBe(404);
    expect((await host.http.request("POST", `/admin/functions/%zz?${code}`, { json: {} })).status).toBe(404);
  });

  it("when the Host header is not a host name, then 400", async () => {
    for (const bad of ["bad host", "a/b", "x:y:z", "[::1", "host:99999999"]) {
      expect({ bad, status: (await host.http.request("GET", "/api/items/1", { headers: { host: bad } })).status }).toEqual({ bad, status: 400 });
    }
    expect((await host.http.request("GET", "/api/items/1", { headers: { host: "[::1]:7071" } })).status).toBe(200);
  });

  it("when an instance id is longer than the Durable limit, then 400 and nothing is saved; a long id within it is stored", async () => {
    const code = `code=${encodeURIComponent(systemKey())}`;
    const overlong = "x".repeat(257);
    const refused = await host.http.request("POST", `${webhooks}/orchestrators/sequence/${overlong}?${code}`, { json: ["a"] });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("must not exceed 256 characters");
    expect(host.host.engine.get(overlong)).toBeUndefined();
    // 256 characters that encode to far more than a file name's 255 bytes.
    const wide = "é".repeat(256);
    const accepted = await host.http.request("POST", `${webhooks}/orchestrators/sequence/${encodeURIComponent(wide)}?${code}`, { json: ["b"] });
    expect(accepted.status).toBe(202);
    expect((await host.waitForCompletion(wide)).output).toEqual(["Hello b"]);
    const files = readdirSync(path.join(stateDir, host.host.config.hubName, "instances"));
    expect(files.some((file) => file.includes("x".repeat(200)))).toBe(false);
    expect(files.filter((file) => file.startsWith("%%"))).toHaveLength(1);
  });
});

describe("request body limit (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT)", () => {
  it("when an in-process request carries more than the limit, then 413 before any function runs", async () => {
    const response = await host.http.request("PUT", "/api/files/big.txt", { body: Buffer.alloc(LIMIT + 1, 0x61) });
    expect(response.status).toBe(413);
    expect((await host.http.request("PUT", "/api/files/small.txt", { body: Buffer.alloc(LIMIT, 0x61) })).status).toBe(201);
  });

  describe("over a socket", () => {
    let port: number;
    beforeAll(async () => {
      port = await host.host.listen(0);
    });

    /** Streams up to `total` bytes (chunked, or with the declared length) and stops as soon as an answer arrives. */
    function stream(total: number, declareLength: boolean): Promise<{ status: number; sent: number }> {
      return new Promise((resolve, reject) => {
        let sent = 0;
        let answered = false;
        const headers: Record<string, string> = { "content-type": "application/octet-stream" };
        if (declareLength) headers["content-length"] = String(total);
        const request = http.request({ host: "127.0.0.1", port, method: "PUT", path: "/api/files/huge.bin", headers }, (response) => {
          answered = true;
          response.resume();
          resolve({ status: response.statusCode ?? 0, sent });
          request.destroy();
        });
        request.on("error", (error) => {
          if (!answered) reject(error);
        });
        const chunk = Buffer.alloc(64 * 1024, 0x62);
        const pump = () => {
          while (!answered && sent < total) {
            sent += chunk.length;
            if (!request.write(chunk)) {
              request.once("drain", pump);
              return;
            }
          }
          if (!answered) request.end();
        };
        pump();
      });
    }

    it("when a chunked body grows past the limit, then the host stops reading and answers 413 before the client has sent it all", async () => {
      const total = 256 * 1024 * 1024;
      const { status, sent } = await stream(total, false);
      expect(status).toBe(413);
      // The host stopped reading: the sender could only fill the socket buffers, nowhere near the whole body.
      expect(sent).toBeLessThan(total / 4);
    });

    it("when the declared Content-Length is over the limit, then 413 comes before the body is read", async () => {
      const total = 256 * 1024 * 1024;
      const { status, sent } = await stream(total, true);
      expect(status).toBe(413);
      expect(sent).toBeLessThan(total / 4);
    });

    it("when a body is within the limit, then it reaches the function", async () => {
      const response = await fetch(`http://127.0.0.1:${port}/api/files/ok.txt`, { method: "PUT", body: "x".repeat(LIMIT) });
      expect(response.status).toBe(201);
      expect(((await response.json()) as { body: string }).body).toHaveLength(LIMIT);
    });
  });
});
