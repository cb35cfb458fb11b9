// GET /api/interconnects reads one page of the inventory (Azure Table storage, here Azurite), in name order,
// optionally in one state; bad query values are refused naming the parameter.
import { specHash } from "../../shared/domain/fingerprint";
import { applyOperationChange, type InterconnectState } from "../../shared/domain/inventory";
import { SetupRequest } from "../../shared/domain/setup-request";
import { TableInventoryStore } from "../../shared/inventory/table-store";
import { type KeyedHost, startKeyedHost } from "../support/keyed-host";
import { designRequest } from "../support/requests";

jest.setTimeout(60_000);

interface Page {
  value: Array<{ name: string; state: string }>;
  continuationToken?: string;
  nextLink?: string;
}

const STATES: Array<[string, InterconnectState]> = [
  ["link-a", "Active"],
  ["link-b", "Failed"],
  ["link-c", "Active"],
  ["link-d", "Deleted"],
  ["link-e", "Active"],
  ["link-f", "Suspended"],
  ["link-g", "Active"],
];

describe("GET /api/interconnects pages and filters", () => {
  let app: KeyedHost;
  const get = async <T>(route: string) => {
    const response = await app.host.http.request("GET", route, { headers: { "x-functions-key": app.key } });
    return { status: response.status, type: response.headers["content-type"], body: response.json<T>() };
  };

  beforeAll(async () => {
    app = await startKeyedHost();
    const store = TableInventoryStore.fromConnectionString(app.connectionString);
    for (const [name, state] of STATES) {
      const spec = SetupRequest.parse(designRequest((request) => (request.name = name)));
      const change = { name, instanceId: `${name}.setup.1`, operation: "setup" as const, requestHash: specHash(spec), phase: "started" as const, at: "2026-11-22T12:00:00.000Z", state, spec };
      await store.update(name, (current) => applyOperationChange(current, change, specHash(spec)));
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("when a page size is given, then pages follow in name order through continuation tokens and next links until the last, Deleted ones left out", async () => {
    const names: string[] = [];
    let route: string | undefined = "/api/interconnects?top=2";
    const links: string[] = [];
    while (route) {
      const page: { status: number; body: Page } = await get<Page>(route);
      expect(page.status).toBe(200);
      expect(page.body.value.length).toBeLessThanOrEqual(2);
      names.push(...page.body.value.map((summary) => summary.name));
      expect(page.body.nextLink === undefined).toBe(page.body.continuationToken === undefined);
      route = page.body.nextLink;
      if (route) links.push(route);
    }
    expect(names).toEqual(["link-a", "link-b", "link-c", "link-e", "link-f", "link-g"]);
    expect(links[0]).toMatch(/^\/api\/interconnects\?top=2&continuationToken=[A-Za-z0-9_-]+$/);
  });

  it("when no page size is given, then one page holds them all and has no continuation", async () => {
    const page = await get<Page>("/api/interconnects");
    expect(page.body.value.map((summary) => summary.name)).toEqual(["link-a", "link-b", "link-c", "link-e", "link-f", "link-g"]);
    expect(page.body).not.toHaveProperty("continuationToken");
  });

  it("when a state is asked for, then only interconnects in it are listed, across pages too; Deleted ones only when asked for", async () => {
    const first = await get<Page>("/api/interconnects?state=Active&top=3");
    expect(first.body.value.map((summary) => summary.name)).toEqual(["link-a", "link-c", "link-e"]);
    expect(first.body.nextLink).toContain("state=Active");
    const second = await get<Page>(first.body.nextLink ?? "");
    expect(second.body.value.map((summary) => summary.name)).toEqual(["link-g"]);
    expect((await get<Page>("/api/interconnects?state=Deleted")).body.value.map((summary) => [summary.name, summary.state])).toEqual([["link-d", "Deleted"]]);
  });

  it.each([
    ["top=0", "top", "must be at least 1"],
    ["top=1001", "top", "must be at most 1000"],
    ["top=ten", "top", "must be a number"],
    ["top=2.5", "top", "must be a whole number"],
    ["state=Gone", "state", 'must be one of "Provisioning"'],
    ["continuationToken=not-a-token", "continuationToken", "is not a continuation token from this API"],
    [`continuationToken=${Buffer.from(JSON.stringify({ after: "Bad Name!" })).toString("base64url")}`, "continuationToken", "is not a continuation token from this API"],
  ])("when the query has %s, then 400 problem+json names the parameter and the rule", async (query, parameter, rule) => {
    const response = await get<{ status: number; errors: Array<{ path: string; message: string }> }>(`/api/interconnects?${query}`);
    expect({ status: response.status, type: response.type }).toEqual({ status: 400, type: "application/problem+json" });
    expect(response.body.errors).toEqual([{ path: parameter, message: expect.stringContaining(rule) }]);
  });
});
