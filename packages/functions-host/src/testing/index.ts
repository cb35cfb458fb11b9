// In-process dev host for jest: no ports, a virtual clock, and the real DurableClient talking to the host's
// management API through an axios adapter. One test host per test file (each jest file has its own registry).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { InvocationContext } from "@azure/functions";
import * as df from "durable-functions";
import { RealClock, VirtualClock } from "../clock";
import { rpcPath, webhookPath } from "../durable/clientData";
import { isTerminal } from "../durable/engine";
import type { VersioningOptions } from "../durable/versioning";
import type { HostRequest } from "../http/convert";
import { FunctionsHost, type LogLevel } from "../host";
import { OutgoingHttp } from "./outgoing-http";

export interface TestHostOptions {
  /** Directory with host.json (and local.settings.json, package.json). Default: the directory of the first entry file. */
  appRoot?: string;
  /** Entry files, relative to appRoot or absolute (e.g. "functions/index.ts"); default: package.json "main". */
  entry?: string | string[];
  /** "file" keeps state under stateDir (a temp dir unless given). Default "memory". */
  store?: "memory" | "file";
  stateDir?: string;
  /** "virtual" (default): time only moves when a test waits for completion or advances the clock. */
  clock?: "virtual" | "real";
  startTime?: Date;
  settings?: Record<string, string>;
  keysEnforced?: boolean;
  /** Print host and function logs (also with DEV_HOST_VERBOSE=1). */
  verbose?: boolean;
  /** Start queue listeners and timer triggers (default true). */
  triggers?: boolean;
  /** Orchestration versioning over host.json's, to play an older or newer deployment of the app. */
  versioning?: Partial<VersioningOptions>;
}

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[]>;
  text: string;
  json<T = unknown>(): T;
}

export type DurableClient = ReturnType<typeof df.getClient>;
export type OrchestrationStatus = Awaited<ReturnType<DurableClient["getStatus"]>>;

export interface TestHost {
  host: FunctionsHost;
  /** The real durable-functions DurableClient, wired to this host. */
  client: DurableClient;
  startNew(orchestratorName: string, options?: { instanceId?: string; input?: unknown }): Promise<string>;
  raiseEvent(instanceId: string, eventName: string, data?: unknown): Promise<void>;
  /** Runs the host (advancing virtual time through durable timers) until the instance finishes. */
  waitForCompletion(instanceId: string, options?: { timeoutMs?: number; showHistory?: boolean }): Promise<OrchestrationStatus>;
  /** Waits until nothing is in flight, without moving virtual time. */
  waitForIdle(): Promise<void>;
  clock: {
    now(): Date;
    /** Moves virtual time forward, firing durable timers and timer triggers in order. */
    advance(ms: number): Promise<void>;
    advanceTo(time: Date): Promise<void>;
    /**
     * Resolves once virtual time has moved on by `ms`. Such waits do not keep time still: when everything in flight
     * waits for virtual time (and no real I/O is pending), advancing and waiting for completion move time to
     * the earliest of them. The cloud emulators charge for calls through this in benchmarks.
     */
    sleep(ms: number): Promise<void>;
  };
  http: {
    request(method: string, pathAndQuery: string, options?: { json?: unknown; body?: string | Buffer; headers?: Record<string, string> }): Promise<TestResponse>;
  };
  logs: string[];
  dispose(): Promise<void>;
}

interface AxiosLike {
  defaults: { adapter?: unknown };
  getAdapter(adapter: unknown): (config: AxiosRequestConfigLike) => Promise<unknown>;
}

interface AxiosRequestConfigLike {
  url?: string;
  baseURL?: string;
  method?: string;
  data?: unknown;
  headers?: { toJSON?(): Record<string, unknown> } & Record<string, unknown>;
  validateStatus?: ((status: number) => boolean) | null;
}

/** The axios instance durable-functions resolves, so DurableClient's requests can be answered in-process. */
function durableFunctionsAxios(): AxiosLike {
  const axiosPath = require.resolve("axios", { paths: [path.dirname(require.resolve("durable-functions"))] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved at run time from durable-functions' own dependency tree
  return require(axiosPath) as AxiosLike;
}

function toHeaders(headers: AxiosRequestConfigLike["headers"]): Record<string, string> {
  const plain = typeof headers?.toJSON === "function" ? headers.toJSON() : (headers ?? {});
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(plain)) if (value !== undefined && value !== null && typeof value !== "object") result[name.toLowerCase()] = String(value);
  return result;
}

function installAxiosAdapter(host: FunctionsHost): () => void {
  const axios = durableFunctionsAxios();
  const previous = axios.defaults.adapter;
  const fallback = axios.getAdapter(previous);
  axios.defaults.adapter = async (config: AxiosRequestConfigLike) => {
    const url = new URL(config.url ?? "", config.baseURL);
    // DurableClient calls the RPC listener; a test may follow a public management URL (system key checked).
    const dispatch = url.href.startsWith(`${host.rpcOrigin}${rpcPath}`) ? host.dispatchRpc.bind(host) : url.href.startsWith(`${host.origin}${webhookPath}`) ? host.dispatch.bind(host) : undefined;
    if (!dispatch) return fallback(config);
    const body = typeof config.data === "string" ? Buffer.from(config.data) : config.data === undefined || config.data === null ? Buffer.alloc(0) : Buffer.from(JSON.stringify(config.data));
    const response = await dispatch({ method: (config.method ?? "get").toUpperCase(), url: url.pathname + url.search, headers: toHeaders(config.headers), body });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    const result = { data: response.body.toString("utf8"), status: response.status, statusText: String(response.status), headers, config, request: {} };
    if (config.validateStatus && !config.validateStatus(response.status)) throw Object.assign(new Error(`Request failed with status code ${response.status}`), { response: result });
    return result;
  };
  return () => {
    axios.defaults.adapter = previous;
  };
}

function clientFor(host: FunctionsHost): DurableClient {
  const binding = df.input.durableClient();
  const context = new InvocationContext({ functionName: "testHost", options: { extraInputs: [binding] } });
  context.extraInputs.set(binding, host.durableClientData());
  return df.getClient(context);
}

function earliest(...times: Array<number | undefined>): number | undefined {
  const defined = times.filter((time): time is number => time !== undefined);
  return defined.length > 0 ? Math.min(...defined) : undefined;
}

export async function createTestHost(options: TestHostOptions): Promise<TestHost> {
  const verbose = options.verbose ?? process.env.DEV_HOST_VERBOSE === "1";
  const logs: string[] = [];
  const logger = (level: LogLevel, message: string) => {
    const line = `${level}: ${message}`;
    logs.push(line);
    if (verbose) console.log(line);
  };
  const store = options.store ?? "memory";
  const temporaryState = store === "file" && !options.stateDir ? mkdtempSync(path.join(os.tmpdir(), "dev-host-")) : undefined;
  const virtual = (options.clock ?? "virtual") === "virtual" ? new VirtualClock((options.startTime ?? new Date()).getTime()) : undefined;
  const firstEntry = Array.isArray(options.entry) ? options.entry[0] : options.entry;
  const appRoot = options.appRoot ?? (firstEntry && path.isAbsolute(firstEntry) ? path.dirname(firstEntry) : undefined);
  if (!appRoot) throw new Error("createTestHost needs appRoot, or an absolute entry file path");
  const host = await FunctionsHost.load({
    appRoot,
    entry: options.entry,
    stateDir: options.stateDir ?? temporaryState,
    store,
    clock: virtual ?? new RealClock(),
    settings: options.settings,
    keysEnforced: options.keysEnforced,
    versioning: options.versioning,
    logger,
  });
  host.useOrigin("http://127.0.0.1:7071");
  const uninstall = installAxiosAdapter(host);
  const client = clientFor(host);
  if (options.triggers ?? true) host.start();
  else host.engine.recover();

  const outgoing = virtual ? new OutgoingHttp() : undefined;
  let waitsArmed = 0;
  let onFirstWait = () => {};
  const firstWait = new Promise<void>((resolve) => {
    onFirstWait = resolve;
  });
  const progress = () => host.work.starts + (outgoing?.changes ?? 0) + waitsArmed;
  // Everything in flight waits for virtual time: a wait is pending and every outgoing request is one of them.
  const onlyWaiting = () => !!virtual && !!outgoing && virtual.pending("wait") > 0 && outgoing.pending <= virtual.pending("wait");

  /** Until the host is idle, or until all its work waits for virtual time (nothing moved for a few turns). */
  const settle = async () => {
    let idle = false;
    const idleNow = host.work.whenIdle().then(() => {
      idle = true;
    });
    // Until the first charged wait, this is the host's own idleness, exactly as before.
    if (waitsArmed === 0) await Promise.race([idleNow, firstWait]);
    if (idle) return;
    let quietTurns = 0;
    let seen = progress();
    for (;;) {
      if (onlyWaiting()) await nextTurn();
      else await new Promise((resolve) => setTimeout(resolve, 1));
      if (idle) return;
      const now = progress();
      if (now !== seen || !onlyWaiting()) {
        seen = now;
        quietTurns = 0;
      } else if (++quietTurns >= 3) return;
    }
  };

  const advanceTo = async (target: number) => {
    if (!virtual) throw new Error("clock.advance needs the virtual clock");
    for (;;) {
      await settle();
      if (!virtual.fireNextMoment(target)) break;
    }
    virtual.setNow(target);
    await settle();
  };

  const waitForChange = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        host.engine.events.off("changed", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      host.engine.events.on("changed", done);
    });

  const testHost: TestHost = {
    host,
    client,
    logs,
    startNew: (name, startOptions) => client.startNew(name, startOptions),
    raiseEvent: (instanceId, eventName, data) => client.raiseEvent(instanceId, eventName, data),
    async waitForCompletion(instanceId, waitOptions = {}) {
      const deadline = Date.now() + (waitOptions.timeoutMs ?? 10_000);
      for (;;) {
        await settle();
        const record = host.engine.get(instanceId);
        if (record && isTerminal(record.runtimeStatus)) return client.getStatus(instanceId, { showHistory: waitOptions.showHistory, showHistoryOutput: waitOptions.showHistory });
        const nextTimer = earliest(virtual?.next("durable"), virtual?.next("wait"));
        if (nextTimer !== undefined) {
          await advanceTo(Math.max(nextTimer, virtual?.now() ?? 0));
          continue;
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`Instance ${instanceId} did not finish in time: ${record ? `${record.runtimeStatus}, nothing scheduled that would move it on` : "not found"}`);
        await waitForChange(Math.min(remaining, 200));
      }
    },
    waitForIdle: () => host.work.whenIdle(),
    clock: {
      now: () => new Date(host.clock.now()),
      advance: (ms) => advanceTo(host.clock.now() + ms),
      advanceTo: (time) => advanceTo(time.getTime()),
      sleep(ms) {
        if (!virtual) return new Promise((resolve) => setTimeout(resolve, ms));
        if (!(ms > 0)) return Promise.resolve();
        const at = virtual.now() + ms;
        if (waitsArmed++ === 0) onFirstWait();
        return new Promise((resolve) => virtual.schedule(at, "wait", resolve));
      },
    },
    http: {
      async request(method, pathAndQuery, requestOptions = {}) {
        const headers: HostRequest["headers"] = {};
        for (const [name, value] of Object.entries(requestOptions.headers ?? {})) headers[name.toLowerCase()] = value;
        let body = Buffer.alloc(0);
        if (requestOptions.json !== undefined) {
          body = Buffer.from(JSON.stringify(requestOptions.json));
          headers["content-type"] ??= "application/json";
        } else if (requestOptions.body !== undefined) body = Buffer.from(requestOptions.body);
        const response = await host.dispatch({ method, url: pathAndQuery, headers, body });
        const text = response.body.toString("utf8");
        return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
      },
    },
    async dispose() {
      await host.stop();
      outgoing?.dispose();
      uninstall();
      if (temporaryState) rmSync(temporaryState, { recursive: true, force: true });
    },
  };
  return testHost;
}

export { spawnHost, type SpawnedHost } from "./outOfProcess";
export { alive, descendants, freePort, startNode, type StartedProcess } from "./processes";

// For checks that replay recorded histories (host.engine.replay) against an app's current orchestrator code.
export { EventType, type HistoryEvent } from "../durable/types";
export type { ReplayResult } from "../durable/replay";
export { compareVersions } from "../durable/versioning";
