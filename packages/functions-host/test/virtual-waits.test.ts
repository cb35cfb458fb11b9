// Virtual waits: work that waits for virtual time (the cloud emulators' charged calls in benchmarks) lets the
// virtual clock move on once everything in flight waits, and concurrent waits overlap instead of adding up.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createTestHost, type TestHost } from "../src/testing";

let host: TestHost;
let server: Server;
let origin = "";

beforeAll(async () => {
  host = await createTestHost({ appRoot: path.join(__dirname, "apps/durable"), entry: "index.ts", startTime: new Date("2030-01-01T00:00:00Z"), triggers: false });
  // Answers after `ms` of virtual time, in the given number of waits (as a paced call waits its turn, then its latency).
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const waits = (url.searchParams.get("ms") ?? "0").split(",").map(Number);
    void (async () => {
      for (const ms of waits) await host.clock.sleep(ms);
      response.end(`waited ${waits.join("+")} at ${host.clock.now().toISOString()}`);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await host.dispose();
  await new Promise((resolve) => server.close(resolve));
});

it("when activities wait for virtual time in parallel, then time moves to each wait in turn and the waits overlap", async () => {
  const started = host.clock.now().getTime();
  const id = await host.startNew("fetchAll", { input: [`${origin}/?ms=1000`, `${origin}/?ms=3000`, `${origin}/?ms=1000,500`] });
  const status = await host.waitForCompletion(id, { timeoutMs: 30_000 });
  expect(status.output).toEqual(["waited 1000 at 2030-01-01T00:00:01.000Z", "waited 3000 at 2030-01-01T00:00:03.000Z", "waited 1000+500 at 2030-01-01T00:00:01.500Z"]);
  expect(host.clock.now().getTime() - started).toBe(3000);
});

it("when the clock is advanced less than a pending wait, then the wait is still pending and finishes on the next advance", async () => {
  const id = await host.startNew("fetchAll", { input: [`${origin}/?ms=5000`] });
  await host.clock.advance(2000);
  expect(host.host.engine.get(id)?.runtimeStatus).toBe("Running");
  await host.clock.advance(3000);
  expect((await host.waitForCompletion(id)).output).toEqual(["waited 5000 at 2030-01-01T00:00:08.000Z"]);
});
