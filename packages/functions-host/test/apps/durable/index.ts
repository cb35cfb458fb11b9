// Conformance app for the dev host: one orchestration per Durable feature, driven by test/*.test.ts both
// in-process (jest loads this file) and out-of-process (the CLI loads its compiled copy from dist/).
import { app as functionsApp, type HttpHandler, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import * as df from "durable-functions";
import type { OrchestrationContext } from "durable-functions";

/** Attempts per key, so a test can see how often the host ran an activity. */
export const attempts = new Map<string, number>();

df.app.activity("sayHello", { handler: (name: unknown) => `Hello ${String(name)}` });

df.app.activity("echo", { handler: (value: unknown) => value });

/** Fails until its key has been tried `succeedOn` times. */
df.app.activity("flaky", {
  handler: (input: unknown) => {
    const { key, succeedOn } = input as { key: string; succeedOn: number };
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    if (attempt < succeedOn) throw new Error(`flaky failure ${attempt}`);
    return { key, attempt };
  },
});

df.app.activity("step", {
  handler: (n: unknown, context: InvocationContext) => {
    context.log(`step ${String(n)}`);
    return Number(n) * 10;
  },
});

/** How many "tracked" activities run at once, and the most seen: checks the host's activity worker pool. */
export const concurrency = { running: 0, max: 0 };
df.app.activity("tracked", {
  handler: async (value: unknown) => {
    concurrency.running++;
    concurrency.max = Math.max(concurrency.max, concurrency.running);
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    concurrency.running--;
    return value;
  },
});

/** Reads a URL (a test's server that answers after virtual time has passed). */
df.app.activity("fetchText", { handler: async (url: unknown) => (await fetch(String(url))).text() });

df.app.orchestration("fetchAll", function* (context: OrchestrationContext) {
  const urls = context.df.getInput() as string[];
  return yield context.df.Task.all(urls.map((url) => context.df.callActivity("fetchText", url)));
});

df.app.orchestration("fanOutTracked", function* (context: OrchestrationContext) {
  const tasks = Array.from({ length: context.df.getInput() as number }, (_unused, index) => context.df.callActivity("tracked", index));
  return yield context.df.Task.all(tasks);
});

df.app.orchestration("sequence", function* (context: OrchestrationContext) {
  const cities = context.df.getInput() as string[];
  const greetings: unknown[] = [];
  for (const city of cities) greetings.push(yield context.df.callActivity("sayHello", city));
  return greetings;
});

df.app.orchestration("fanOut", function* (context: OrchestrationContext) {
  const count = context.df.getInput() as number;
  const tasks = Array.from({ length: count }, (_unused, index) => context.df.callActivity("echo", { index }));
  return yield context.df.Task.all(tasks);
});

df.app.orchestration("retrying", function* (context: OrchestrationContext) {
  const input = context.df.getInput() as { key: string; succeedOn: number; attempts: number; firstMs: number; backoff?: number; maxMs?: number; timeoutMs?: number };
  const options = new df.RetryOptions(input.firstMs, input.attempts);
  if (input.backoff !== undefined) options.backoffCoefficient = input.backoff;
  if (input.maxMs !== undefined) options.maxRetryIntervalInMilliseconds = input.maxMs;
  if (input.timeoutMs !== undefined) options.retryTimeoutInMilliseconds = input.timeoutMs;
  try {
    return yield context.df.callActivityWithRetry("flaky", options, { key: input.key, succeedOn: input.succeedOn });
  } catch (error) {
    return { failed: (error as Error).message };
  }
});

df.app.orchestration("timer", function* (context: OrchestrationContext) {
  const start = context.df.currentUtcDateTime;
  yield context.df.createTimer(new Date(start.getTime() + (context.df.getInput() as number)));
  return { startedAt: start.toISOString(), resumedAt: context.df.currentUtcDateTime.toISOString() };
});

df.app.orchestration("approval", function* (context: OrchestrationContext) {
  const deadline = new Date(context.df.currentUtcDateTime.getTime() + 60 * 60 * 1000);
  const timeout = context.df.createTimer(deadline);
  const approval = context.df.waitForExternalEvent("approve");
  const winner: unknown = yield context.df.Task.any([approval, timeout]);
  if (winner === approval) {
    timeout.cancel();
    return { outcome: "approved", by: approval.result };
  }
  return { outcome: "timedOut" };
});

df.app.orchestration("child", function* (context: OrchestrationContext) {
  const input = context.df.getInput() as { fail?: boolean; value: number };
  if (input.fail) throw new Error(`child refused ${input.value}`);
  return (yield context.df.callActivity("step", input.value)) as number;
});

df.app.orchestration("parent", function* (context: OrchestrationContext) {
  const ok = (yield context.df.callSubOrchestrator("child", { value: 1 })) as number;
  try {
    yield context.df.callSubOrchestrator("child", { value: 2, fail: true });
    return { ok, failure: null };
  } catch (error) {
    return { ok, failure: (error as Error).message };
  }
});

df.app.orchestration("parentWithRetry", function* (context: OrchestrationContext) {
  try {
    yield context.df.callSubOrchestratorWithRetry("child", new df.RetryOptions(1000, 2), { value: 3, fail: true });
    return "unexpected";
  } catch (error) {
    return { failure: (error as Error).message };
  }
});

/** Reports the version it was created with (context.df.version) once told to go. */
df.app.orchestration("versioned", function* (context: OrchestrationContext) {
  yield context.df.waitForExternalEvent("go");
  return context.df.version ?? null;
});

df.app.orchestration("versionOnly", function* (context: OrchestrationContext) {
  yield context.df.callActivity("sayHello", "version");
  return context.df.version ?? null;
});

/** Its own version, a child's started without one (the app's defaultVersion) and one started with one. */
df.app.orchestration("versionedParent", function* (context: OrchestrationContext) {
  const inherited = (yield context.df.callSubOrchestrator("versionOnly")) as string;
  const pinned = (yield context.df.callSubOrchestrator("versionOnly", undefined, undefined, "0.9")) as string;
  return { own: context.df.version ?? null, inherited, pinned };
});

df.app.orchestration("counter", function* (context: OrchestrationContext) {
  const count = context.df.getInput() as number;
  context.df.setCustomStatus({ count });
  if (count >= 3) return { final: count };
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 1000));
  context.df.continueAsNew(count + 1);
  return undefined;
});

df.app.orchestration("waitForever", function* (context: OrchestrationContext) {
  context.df.setCustomStatus("waiting");
  return yield context.df.waitForExternalEvent("never");
});

df.app.orchestration("failing", function* (context: OrchestrationContext) {
  yield context.df.callActivity("sayHello", "before failure");
  throw new Error("orchestrator gave up");
});

/** Changes its schedule between replays (a module flag the test flips): the host must report non-determinism. */
export const replayDrift = { rename: false, skip: false };
df.app.orchestration("drifting", function* (context: OrchestrationContext) {
  if (!replayDrift.skip) yield context.df.callActivity(replayDrift.rename ? "echo" : "sayHello", "x");
  return yield context.df.waitForExternalEvent("go");
});

/** Survives a host kill: the test kills the process during the timer and restarts it. */
df.app.orchestration("restartable", function* (context: OrchestrationContext) {
  const first = (yield context.df.callActivity("step", 1)) as number;
  context.df.setCustomStatus("sleeping");
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + (context.df.getInput() as number)));
  const rest = (yield context.df.Task.all([context.df.callActivity("step", 2), context.df.callActivity("step", 3)])) as number[];
  return [first, ...rest];
});

df.app.client.http("startOrchestration", {
  route: "orchestrators/{name}/{instanceId?}",
  methods: ["POST"],
  authLevel: "anonymous",
  handler: async (request: HttpRequest, client: df.DurableClient, _context: InvocationContext): Promise<HttpResponseInit> => {
    const body = await request.text();
    const instanceId = await client.startNew(request.params.name as string, { instanceId: request.params.instanceId, input: body ? (JSON.parse(body) as unknown) : undefined });
    return client.createCheckStatusResponse(request, instanceId);
  },
});

functionsApp.http("items", {
  route: "items/{id:int?}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: (request: HttpRequest) => ({ jsonBody: { id: request.params.id ?? null, q: request.query.get("q") } }),
});

functionsApp.http("itemsByName", {
  route: "items/{name:alpha}",
  methods: ["GET"],
  authLevel: "anonymous",
  handler: (request: HttpRequest) => ({ jsonBody: { name: request.params.name } }),
});

functionsApp.http("files", {
  route: "files/{*path}",
  methods: ["GET", "PUT"],
  authLevel: "anonymous",
  handler: async (request: HttpRequest) => ({
    status: request.method === "PUT" ? 201 : 200,
    jsonBody: { path: request.params.path ?? "", method: request.method, body: await request.text() },
    cookies: [{ name: "seen", value: "1", httpOnly: true }],
  }),
});

functionsApp.http("secret", {
  route: "secret",
  methods: ["GET"],
  authLevel: "function",
  handler: () => ({ body: "classified" }),
});

// Returns nothing at all (the typings forbid it, apps still do it): the host answers 204.
functionsApp.http("noContent", { methods: ["POST"], authLevel: "anonymous", handler: (() => undefined) as unknown as HttpHandler });

functionsApp.http("boom", { methods: ["GET"], authLevel: "anonymous", handler: () => {
  throw new Error("handler exploded");
} });
