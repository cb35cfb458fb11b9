import http from "node:http";
import { type AddressInfo } from "node:net";
import { QueueClient } from "@azure/storage-queue";
import { HEALTH_SWEEP_ORCHESTRATOR, HealthSweepOutcome } from "../../shared/domain/health";
import { startHealthSweep } from "../../functions/timer/health-sweep";
import { type InProcessStack, startInProcessStack } from "../support/in-process-stack";
import { fault, namedRequest, operate, run, setup } from "../support/lifecycle";

jest.setTimeout(120_000);

interface Report {
  verdict: string;
  checkedAt: string;
  reasons: string[];
  security: { drift: Array<{ kind: string }>; exposure: Array<{ code: string; resource: string }> };
}

describe("health checks (in-process host, emulators, virtual clock)", () => {
  let stack: InProcessStack;
  let alerts: Array<Record<string, unknown>>;
  let receiver: http.Server;
  let sweeps = 0;

  beforeAll(async () => {
    alerts = [];
    receiver = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        alerts.push(JSON.parse(body) as Record<string, unknown>);
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    stack = await startInProcessStack({ settings: { ALERT_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts` } });
    expect((await setup(stack, namedRequest("watch-link"))).outcome.status).toBe("succeeded");
  });
  afterAll(async () => {
    await stack?.stop();
    receiver?.close();
  });
  afterEach(async () => {
    await stack.emulators.admin.clearFaults();
  });

  async function sweep(): Promise<HealthSweepOutcome> {
    const instanceId = `sweep-${++sweeps}`;
    await stack.host.startNew(HEALTH_SWEEP_ORCHESTRATOR, { instanceId, input: {} });
    const status = await stack.host.waitForCompletion(instanceId, { timeoutMs: 60_000 });
    return HealthSweepOutcome.parse(status.output);
  }

  const report = async () => (await run(stack, "GET", "/api/interconnects/watch-link/health")).body as unknown as Report;

  async function healthEvents(): Promise<Array<{ outcome: string; detail: { from: string; to: string } }>> {
    const queue = new QueueClient(stack.azurite.connectionString, "interconnect-events");
    const peeked = await queue.peekMessages({ numberOfMessages: 32 });
    return peeked.peekedMessageItems
      .map((item) => JSON.parse(Buffer.from(item.messageText, "base64").toString("utf8")) as { outcome: string; detail: { from: string; to: string } })
      .filter((event) => event.outcome === "health-changed");
  }

  it("when everything is up, then the sweep reports the interconnect healthy and the known default rules are not news", async () => {
    expect(await sweep()).toMatchObject({ checked: 1, healthy: 1, failedChecks: [] });
    const latest = await report();
    expect(latest.verdict).toBe("healthy");
    expect(latest.security.exposure).toEqual([]);
  });

  it("when the interconnect is suspended, then its health is reported as suspended (not healthy) without an alert, and healthy again once resumed", async () => {
    const before = (await healthEvents()).length;
    expect((await operate(stack, "POST", "/api/interconnects/watch-link/suspend")).outcome.status).toBe("succeeded");
    const checked = (await run(stack, "POST", "/api/interconnects/watch-link/health")).body as unknown as Report;
    expect(checked.verdict).toBe("suspended");
    expect(checked.reasons).toEqual([expect.stringContaining("traffic is suspended")]);
    expect(await sweep()).toMatchObject({ checked: 1, suspended: 1, healthy: 0, changed: 0 });
    expect((await run(stack, "GET", "/api/interconnects")).body.value).toEqual(expect.arrayContaining([expect.objectContaining({ name: "watch-link", state: "Suspended", lastHealth: "suspended" })]));
    expect((await operate(stack, "POST", "/api/interconnects/watch-link/resume")).outcome.status).toBe("succeeded");
    expect((await run(stack, "POST", "/api/interconnects/watch-link/health")).body).toMatchObject({ verdict: "healthy", reasons: [] });
    expect((await healthEvents()).length).toBe(before);
  });

  it("when BGP flaps, then the interconnect goes degraded and back to healthy, with two alerts", async () => {
    const before = (await healthEvents()).length;
    const vc = (await run(stack, "GET", "/api/interconnects/watch-link")).body.resources as { virtualCircuitId: string };
    await stack.emulators.admin.outOfBand({ action: "bgpFlap", id: vc.virtualCircuitId, downMs: 10 * 60_000 });
    expect(await sweep()).toMatchObject({ degraded: 1, changed: 1 });
    expect((await report()).reasons.join("; ")).toContain("BGP is DOWN");
    expect((await run(stack, "GET", "/api/interconnects/watch-link")).body.state).toBe("Degraded");
    await stack.host.clock.advance(15 * 60_000);
    expect(await sweep()).toMatchObject({ healthy: 1, changed: 1 });
    expect((await run(stack, "GET", "/api/interconnects/watch-link")).body.state).toBe("Active");
    const events = (await healthEvents()).slice(before);
    expect(events.map((event) => `${event.detail.from}->${event.detail.to}`)).toEqual(["healthy->degraded", "degraded->healthy"]);
    expect(alerts.slice(-2).map((alert) => alert.to)).toEqual(["degraded", "healthy"]);
    expect(JSON.stringify(alerts)).not.toMatch(/serviceKey|privateKey/i);
  });

  it("when a route rule is removed out of band, then drift of the routes is reported", async () => {
    const snapshot = await stack.emulators.admin.snapshot();
    const vcn = snapshot.oci.find((entry) => entry.id === "ocid1.vcn.oc1.iad.aaaa")?.resource as { defaultRouteTableId: string };
    await stack.emulators.admin.outOfBand({ action: "removeRouteRule", cloud: "oci", routeTableId: vcn.defaultRouteTableId, destination: "10.10.0.0/16" });
    const checked = await run(stack, "POST", "/api/interconnects/watch-link/health");
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ verdict: "degraded", oci: { vnetRoutesPresent: false, missingRouteRules: ["10.10.0.0/16"] } });
    // Repair the way an operator would: suspend and resume re-apply Interlink's routes.
    expect((await operate(stack, "POST", "/api/interconnects/watch-link/suspend")).outcome.status).toBe("succeeded");
    expect((await operate(stack, "POST", "/api/interconnects/watch-link/resume")).outcome.status).toBe("succeeded");
    expect((await run(stack, "POST", "/api/interconnects/watch-link/health")).body).toMatchObject({ oci: { vnetRoutesPresent: true } });
  });

  it("when someone opens SSH from anywhere on the interconnect's NSG, then the exposure is reported", async () => {
    const snapshot = await stack.emulators.admin.snapshot();
    const nsg = snapshot.oci.find((entry) => entry.resource.displayName === "watch-link-nsg" && entry.resource.lifecycleState === "AVAILABLE");
    await stack.emulators.admin.outOfBand({
      action: "addSecurityRule",
      cloud: "oci",
      nsgId: String(nsg?.id),
      direction: "INGRESS",
      rule: { protocol: "6", source: "0.0.0.0/0", sourceType: "CIDR_BLOCK", isStateless: false, tcpOptions: { destinationPortRange: { min: 22, max: 22 } } },
    });
    const checked = (await run(stack, "POST", "/api/interconnects/watch-link/health")).body as unknown as Report;
    expect(checked.security.exposure).toEqual(expect.arrayContaining([expect.objectContaining({ code: "default-ssh-open", resource: "watch-link-nsg" })]));
    expect(checked.verdict).not.toBe("healthy");
  });

  it("when the clouds throttle hard, then the sweep still completes every check", async () => {
    await fault(stack, { match: { cloud: "oci" }, action: { type: "throttle" }, times: 6 });
    await fault(stack, { match: { cloud: "azure", method: "GET" }, action: { type: "throttle", retryAfterMs: 5 }, times: 6 });
    const outcome = await sweep();
    expect(outcome.failedChecks).toEqual([]);
    expect(outcome.checked).toBe(1);
  });

  it("when the provider puts the virtual circuit in a state Interlink does not know, then the sweep reports it down naming that state, and not once it is back", async () => {
    const vc = (await run(stack, "GET", "/api/interconnects/watch-link")).body.resources as { virtualCircuitId: string };
    await stack.emulators.admin.outOfBand({ action: "setVirtualCircuitState", id: vc.virtualCircuitId, lifecycleState: "PROVIDER_REVIEW" });
    expect(await sweep()).toMatchObject({ down: 1, changed: 1 });
    expect((await report()).reasons).toContain("the FastConnect virtual circuit is 'PROVIDER_REVIEW', a state Interlink does not know");
    await stack.emulators.admin.outOfBand({ action: "setVirtualCircuitState", id: vc.virtualCircuitId, lifecycleState: "PROVISIONED" });
    expect(await sweep()).toMatchObject({ down: 0, changed: 1 });
    expect((await report()).reasons.join("; ")).not.toContain("PROVIDER_REVIEW");
  });

  it("when the gateway connection is deleted out of band while BGP stays UP, then the next sweep reports the interconnect down and names the missing connection", async () => {
    const snapshot = await stack.emulators.admin.snapshot();
    const connection = snapshot.azure.find((entry) => entry.kind === "connections" && entry.resource.name === "watch-link-erconn");
    await stack.emulators.admin.outOfBand({ action: "delete", cloud: "azure", id: String(connection?.id) });
    expect(await sweep()).toMatchObject({ down: 1, changed: 1 });
    const latest = (await report()) as Report & { oci: { virtualCircuit: { bgpSessionState: string } }; azure: { connectionStatus: string | null; gatewayLearnedPrefixes: string[] } };
    // BGP runs on the private peering and stays UP: the connection itself is what the verdict must catch.
    expect(latest.oci.virtualCircuit.bgpSessionState).toBe("UP");
    expect(latest.azure).toMatchObject({ connectionStatus: null, gatewayLearnedPrefixes: [] });
    expect(latest.verdict).toBe("down");
    expect(latest.reasons).toEqual(expect.arrayContaining(["the gateway connection is gone", "the ExpressRoute gateway has not learned 10.20.0.0/16: the VNet has no route to them"]));
    expect(latest.reasons.join("; ")).not.toContain("BGP");
  });

  it("when the virtual circuit is deleted out of band, then the interconnect is down", async () => {
    const vc = (await run(stack, "GET", "/api/interconnects/watch-link")).body.resources as { virtualCircuitId: string };
    await stack.emulators.admin.outOfBand({ action: "delete", cloud: "oci", id: vc.virtualCircuitId });
    expect(await sweep()).toMatchObject({ down: 1 });
    expect((await report()).reasons).toEqual(expect.arrayContaining(["the FastConnect virtual circuit is gone"]));
  });

  it("when Interlink shows a time (check, record, events), then it is the host's clock (virtual here), and events are in time order", async () => {
    await stack.host.clock.advance(3 * 24 * 60 * 60_000); // three virtual days: far from the wall clock, whatever it reads
    const checked = (await run(stack, "POST", "/api/interconnects/watch-link/health")).body as { checkedAt: string };
    const hostNow = stack.host.clock.now().toISOString();
    expect(checked.checkedAt).toBe(hostNow);
    const record = (await run(stack, "GET", "/api/interconnects/watch-link")).body as { createdAt: string; updatedAt: string; steps: Array<{ startedAt?: string; endedAt?: string }> };
    expect(record.updatedAt).toBe(hostNow);
    const before = stack.host.clock.now().getTime();
    await sweep();
    const swept = Date.parse((await report()).checkedAt);
    expect(swept).toBeGreaterThanOrEqual(before);
    expect(swept).toBeLessThanOrEqual(stack.host.clock.now().getTime());

    const queue = new QueueClient(stack.azurite.connectionString, "interconnect-events");
    const events = (await queue.peekMessages({ numberOfMessages: 32 })).peekedMessageItems.map((item) => JSON.parse(Buffer.from(item.messageText, "base64").toString("utf8")) as { at: string });
    const times = events.map((event) => Date.parse(event.at));
    expect(times.length).toBeGreaterThan(2);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const shown = [record.createdAt, ...record.steps.flatMap((step) => [step.startedAt, step.endedAt]).filter((at): at is string => at !== undefined)].map(Date.parse);
    for (const time of [...times, ...shown]) expect(time).toBeLessThanOrEqual(stack.host.clock.now().getTime());
  });

  it("when the timer fires while a sweep is still running, then the tick is skipped, never overlapped", async () => {
    const messages: string[] = [];
    expect(await startHealthSweep(stack.host.client, (message) => messages.push(message), {})).toBe("started");
    expect(await startHealthSweep(stack.host.client, (message) => messages.push(message), {})).toBe("skipped");
    expect(messages[1]).toMatch(/health sweep skipped: interlink-health-sweep is still (Running|Pending)/);
    await stack.host.waitForCompletion("interlink-health-sweep", { timeoutMs: 60_000 });
    expect(await startHealthSweep(stack.host.client, (message) => messages.push(message), {})).toBe("started");
    await stack.host.waitForCompletion("interlink-health-sweep", { timeoutMs: 60_000 });
  });

  it("when another tick starts the sweep between this tick's read and its start, then the host's 500 for the running id is read as a skipped tick", async () => {
    const messages: string[] = [];
    const client = stack.host.client;
    // The other tick wins the race: it starts the sweep right after this tick found none running.
    const racing = Object.assign(Object.create(client) as typeof client, {
      getStatus: async (...args: Parameters<typeof client.getStatus>) => {
        const status = await client.getStatus(...args);
        if (messages.length === 0) expect(await startHealthSweep(client, (message) => messages.push(`other tick: ${message}`), {})).toBe("started");
        return status;
      },
    });
    expect(await startHealthSweep(racing, (message) => messages.push(message), {})).toBe("skipped");
    expect(messages).toEqual(["other tick: health sweep started as interlink-health-sweep", expect.stringMatching(/^health sweep skipped: interlink-health-sweep is still (Running|Pending)/)]);
    await stack.host.waitForCompletion("interlink-health-sweep", { timeoutMs: 60_000 });
  });
});
