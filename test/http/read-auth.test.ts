// Read routes show subscription ids, OCIDs, BGP addresses and exposure findings: by default they need a function
// key like the routes that change something. The OpenAPI document stays public (it holds no interconnect data).
import { designRequest } from "../support/requests";
import { type KeyedHost, startKeyedHost } from "../support/keyed-host";

jest.setTimeout(60_000);

describe("auth levels with keys enforced (default INTERLINK_READ_AUTH)", () => {
  let app: KeyedHost;
  beforeAll(async () => {
    app = await startKeyedHost();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it.each([
    ["GET", "/api/interconnects"],
    ["GET", "/api/interconnects/erp-db-link"],
    ["GET", "/api/interconnects/erp-db-link/health"],
    ["GET", "/api/interconnects/erp-db-link/operations/erp-db-link.setup.1"],
    ["GET", "/api/interconnects/erp-db-link/events"],
    ["POST", "/api/interconnects/plan"],
    ["POST", "/api/policies"],
    ["POST", "/api/policies/lint"],
  ])("when %s %s is called without a key, then it is refused with 401", async (method, route) => {
    expect(await app.status(method, route, { json: method === "POST" ? {} : undefined })).toBe(401);
  });

  it("when a read route is called with a key, then it answers", async () => {
    expect(await app.status("GET", "/api/interconnects", { key: true })).toBe(200);
    expect(await app.status("GET", "/api/interconnects/erp-db-link", { key: true })).toBe(404);
    expect(await app.status("POST", "/api/interconnects/plan", { key: true, json: designRequest() })).toBe(200);
  });

  it("when a route changes something, then it needs a key too", async () => {
    expect(await app.status("POST", "/api/interconnects", { json: designRequest() })).toBe(401);
    expect(await app.status("DELETE", "/api/interconnects/erp-db-link")).toBe(401);
  });

  it("when the OpenAPI document is fetched without a key, then it is served, and says which routes need one", async () => {
    const response = await app.host.http.request("GET", "/api/openapi.json");
    expect(response.status).toBe(200);
    const paths = response.json<{ paths: Record<string, Record<string, { security: unknown[] }>> }>().paths;
    expect(paths["/api/interconnects"]?.get?.security).toEqual([{ functionKey: [] }]);
    expect(paths["/api/openapi.json"]?.get?.security).toEqual([]);
  });
});
