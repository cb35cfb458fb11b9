// HTTP triggers on the dev host: route templates and constraints, methods, responses, function keys, admin API.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestHost, type TestHost } from "../src/testing";
import { compileRoute } from "../src/http/routes";

let host: TestHost;
let stateDir: string;

beforeAll(async () => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), "dev-host-http-"));
  host = await createTestHost({ appRoot: path.join(__dirname, "apps/durable"), entry: "index.ts", store: "file", stateDir, keysEnforced: true });
});
afterAll(async () => {
  await host.dispose();
  rmSync(stateDir, { recursive: true, force: true });
});

describe("route templates", () => {
  it("when a route has an optional int parameter, then it matches with and without it and rejects non-numbers", () => {
    const route = compileRoute("items/{id:int?}");
    expect(route.match("/items/42")).toEqual({ id: "42" });
    expect(route.match("/items")).toEqual({});
    expect(route.match("/items/abc")).toBeUndefined();
    expect(route.match("/ITEMS/7")).toEqual({ id: "7" });
  });

  it("when a route has constraints with arguments, defaults and a catch-all, then each applies", () => {
    expect(compileRoute("a/{code:length(3)}").match("/a/abc")).toEqual({ code: "abc" });
    expect(compileRoute("a/{code:length(3)}").match("/a/abcd")).toBeUndefined();
    expect(compileRoute("r/{n:range(1,5)}").match("/r/6")).toBeUndefined();
    expect(compileRoute("g/{id:guid}").match("/g/0f8fad5b-d9cb-469f-a165-70867728950e")).toEqual({ id: "0f8fad5b-d9cb-469f-a165-70867728950e" });
    expect(compileRoute("p/{page=1}").match("/p")).toEqual({ page: "1" });
    expect(compileRoute("f/{name}.{ext}").match("/f/report.pdf")).toEqual({ name: "report", ext: "pdf" });
    expect(compileRoute("docs/{*rest}").match("/docs/a/b/c%20d")).toEqual({ rest: "a/b/c d" });
    expect(compileRoute("x/{re:regex(^\\d{{2}}$)}").match("/x/12")).toBeDefined();
  });
});

describe("HTTP triggers", () => {
  it("when two routes could match, then the constrained one takes numbers and the alpha one takes names", async () => {
    const numeric = await host.http.request("GET", "/api/items/5?q=x");
    expect(numeric.json()).toEqual({ id: "5", q: "x" });
    const named = await host.http.request("GET", "/api/items/widgets");
    expect(named.json()).toEqual({ name: "widgets" });
    expect((await host.http.request("GET", "/api/items")).json()).toEqual({ id: null, q: null });
  });

  it("when a catch-all route gets a body and the method is allowed, then the handler sees both and cookies become Set-Cookie", async () => {
    const response = await host.http.request("PUT", "/api/files/a/b.txt", { body: "payload" });
    expect(response.status).toBe(201);
    expect(response.json()).toEqual({ path: "a/b.txt", method: "PUT", body: "payload" });
    expect(response.headers["set-cookie"]).toEqual(["seen=1; HttpOnly"]);
  });

  it("when the method is not allowed or no route matches, then the answer is 404", async () => {
    expect((await host.http.request("DELETE", "/api/files/x")).status).toBe(404);
    expect((await host.http.request("GET", "/api/nothing-here")).status).toBe(404);
    expect((await host.http.request("GET", "/items/5")).status).toBe(404);
  });

  it("when a handler returns nothing, then 204; when it throws, then 500", async () => {
    expect((await host.http.request("POST", "/api/noContent")).status).toBe(204);
    expect((await host.http.request("GET", "/api/boom")).status).toBe(500);
  });
});

describe("function keys (FUNCTIONS_HOST_KEYS_ENFORCED)", () => {
  const keys = () => JSON.parse(readFileSync(path.join(stateDir, "keys.json"), "utf8")) as { masterKey: string; functionKeys: Record<string, { default: string }> };

  it("when keys are enforced, then they are generated under the state dir", () => {
    expect(existsSync(path.join(stateDir, "keys.json"))).toBe(true);
    expect(keys().functionKeys.secret?.default).toMatch(/^[\w-]{30,}$/);
  });

  it("when a function-level route is called without a valid key, then 401", async () => {
    expect((await host.http.request("GET", "/api/secret")).status).toBe(401);
    expect((await host.http.request("GET", "/api/secret", { headers: { "x-functions-key": "wrong" } })).status).toBe(401);
    expect((await host.http.request("GET", `/api/secret?code=${keys().functionKeys.items?.default}`)).status).toBe(401);
  });

  it("when the function key comes as header or code, or the master key is used, then the call goes through", async () => {
    const functionKey = keys().functionKeys.secret?.default as string;
    expect((await host.http.request("GET", "/api/secret", { headers: { "x-functions-key": functionKey } })).text).toBe("classified");
    expect((await host.http.request("GET", `/api/secret?code=${encodeURIComponent(functionKey)}`)).status).toBe(200);
    expect((await host.http.request("GET", `/api/secret?code=${encodeURIComponent(keys().masterKey)}`)).status).toBe(200);
  });

  it("when a route is anonymous, then it stays open with keys enforced", async () => {
    expect((await host.http.request("GET", "/api/items/1")).status).toBe(200);
  });
});

describe("admin and concurrency", () => {
  it("when the host status is asked for, then it is Running", async () => {
    const masterKey = (JSON.parse(readFileSync(path.join(stateDir, "keys.json"), "utf8")) as { masterKey: string }).masterKey;
    expect((await host.http.request("GET", "/admin/host/status", { headers: { "x-functions-key": masterKey } })).json()).toMatchObject({ state: "Running" });
  });

  it("when many orchestrations start together, then they all complete with their own outputs (bounded worker pool)", async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, (_unused, index) => host.startNew("sequence", { input: [`city-${index}`] })));
    const statuses = await Promise.all(ids.map((id) => host.waitForCompletion(id)));
    expect(statuses.map((status) => status.output)).toEqual(ids.map((_id, index) => [`Hello city-${index}`]));
  });
});
