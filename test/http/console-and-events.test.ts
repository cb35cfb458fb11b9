// The console's files are public (they hold no data) and its API calls carry the key; the event log it reads is a
// keyed read route returning one interconnect's events, newest first.
import { QueueEventSink } from "../../shared/events/queue-sink";
import { type InterlinkEvent } from "../../shared/domain/events";
import { type KeyedHost, startKeyedHost } from "../support/keyed-host";

jest.setTimeout(60_000);

const event = (eventId: string, outcome: InterlinkEvent["outcome"], name = "erp-db-link"): InterlinkEvent => ({
  eventId,
  name,
  ticketId: "CHG0012345",
  action: outcome === "health-changed" ? "health" : "setup",
  outcome,
  detail: outcome === "health-changed" ? { from: "healthy", to: "degraded", reasons: ["BGP is DOWN on the virtual circuit"] } : { instanceId: `${name}.setup.1` },
  at: "2026-11-22T12:00:00.000Z",
});

describe("the console's files and the event log route (keys enforced)", () => {
  let app: KeyedHost;
  const get = (route: string, key = true) => app.host.http.request("GET", route, { headers: key ? { "x-functions-key": app.key } : {} });

  beforeAll(async () => {
    app = await startKeyedHost();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("when the console is opened without a key, then its page, script and stylesheet are served with a same-origin-only policy", async () => {
    const page = await get("/api/console", false);
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.text).toContain('src="console/app.js"');
    expect(page.headers["content-security-policy"]).toContain("default-src 'self'");
    const script = await get("/api/console/app.js", false);
    expect(script.status).toBe(200);
    expect(script.headers["content-type"]).toContain("text/javascript");
    expect((await get("/api/console/app.css", false)).headers["content-type"]).toContain("text/css");
  });

  it("when a file the console does not have is asked for, then it is a 404 (no path reaches the disk)", async () => {
    expect((await get("/api/console/keys.json", false)).status).toBe(404);
    expect((await get("/api/console/..%2F..%2Fpackage.json", false)).status).toBe(404);
  });

  it("when events were sent, then the route lists that interconnect's events newest first, each once, and honours limit", async () => {
    const sink = QueueEventSink.fromConnectionString(app.connectionString);
    await sink.emit(event("e1", "accepted"));
    await sink.emit(event("other", "accepted", "other-link"));
    await sink.emit(event("e2", "succeeded"));
    await sink.emit(event("e2", "succeeded"));
    await sink.emit(event("e3", "health-changed"));

    const all = await get("/api/interconnects/erp-db-link/events");
    expect(all.status).toBe(200);
    const listed = all.json<{ value: InterlinkEvent[] }>().value;
    expect(listed.map((entry) => [entry.eventId, entry.outcome])).toEqual([
      ["e3", "health-changed"],
      ["e2", "succeeded"],
      ["e1", "accepted"],
    ]);
    expect(listed[0]?.detail).toEqual({ from: "healthy", to: "degraded", reasons: ["BGP is DOWN on the virtual circuit"] });
    expect((await get("/api/interconnects/erp-db-link/events?limit=2")).json<{ value: InterlinkEvent[] }>().value.map((entry) => entry.eventId)).toEqual(["e3", "e2"]);
    expect((await get("/api/interconnects/never-set-up/events")).json<{ value: InterlinkEvent[] }>().value).toEqual([]);
  });

  it("when the limit or name breaks a rule, then it is a 400 naming the field", async () => {
    const tooMany = await get("/api/interconnects/erp-db-link/events?limit=501");
    expect(tooMany.status).toBe(400);
    expect(tooMany.json<{ errors: Array<{ path: string }> }>().errors[0]?.path).toBe("limit");
    const badName = await get("/api/interconnects/Not_A_Name/events");
    expect(badName.status).toBe(400);
    expect(badName.json<{ errors: Array<{ path: string }> }>().errors[0]?.path).toBe("name");
  });
});
