// INTERLINK_READ_AUTH=anonymous opens the read routes for a trusted network; changes still need a key.
import { designRequest } from "../support/requests";
import { type KeyedHost, startKeyedHost } from "../support/keyed-host";

jest.setTimeout(60_000);

describe("auth levels with INTERLINK_READ_AUTH=anonymous", () => {
  let app: KeyedHost;
  beforeAll(async () => {
    app = await startKeyedHost({ INTERLINK_READ_AUTH: "anonymous" });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("when read routes are called without a key, then they answer; routes that change something still need one", async () => {
    expect(await app.status("GET", "/api/interconnects")).toBe(200);
    expect(await app.status("GET", "/api/interconnects/erp-db-link")).toBe(404);
    expect(await app.status("POST", "/api/interconnects/plan", { json: designRequest() })).toBe(200);
    expect(await app.status("POST", "/api/interconnects", { json: designRequest() })).toBe(401);
    expect(await app.status("POST", "/api/interconnects/erp-db-link/health")).toBe(401);
    const document = (await app.host.http.request("GET", "/api/openapi.json")).json<{ paths: Record<string, Record<string, { security: unknown[] }>> }>();
    expect(document.paths["/api/interconnects"]?.get?.security).toEqual([]);
    expect(document.paths["/api/interconnects"]?.post?.security).toEqual([{ functionKey: [] }]);
  });
});
