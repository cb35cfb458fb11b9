// The dev host: loads an app through its own '@azure/functions-core', then serves HTTP triggers, the Durable
// management API, the Durable engine, queue and timer triggers. Generic over any Functions v4 + Durable 3 app.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { publishClock, RealClock, type Clock } from "./clock";
import { readAppSettings, readHostConfig, resolveSettingReferences, type HostConfig } from "./config";
import type { FunctionMetadata, RpcLogLevel, RpcParameterBinding, RpcTypedData } from "./core/coreTypes";
import { registry, type RegisteredFunction } from "./core/functionsCore";
import { installFunctionsCore } from "./core/install";
import { Invoker, type InvocationOutcome } from "./core/invoker";
import { loadApp } from "./core/loadApp";
import { OutputBindings } from "./bindings/outputs";
import { DurableApi } from "./durable/api";
import { durableClientData, rpcPath, webhookPath } from "./durable/clientData";
import { DurableEngine } from "./durable/engine";
import { FileStore, MemoryStore, type Store } from "./durable/store";
import type { VersioningOptions } from "./durable/versioning";
import { fromRpcHttp, jsonResponse, singleHeader, textResponse, toRpcHttp, type HostRequest, type HostResponse } from "./http/convert";
import { decodeLeniently } from "./http/decode";
import { DURABLE_SYSTEM_KEY, KeyStore } from "./http/keys";
import { compareRoutes, compileRoute, type CompiledRoute } from "./http/routes";
import { listen, payloadTooLarge, type RunningServer } from "./http/server";
import { queueService, resolveConnectionString } from "./storage/connection";
import { QueueListener } from "./triggers/queue";
import { parseSchedule, TimerTrigger, type TimerStatus, type TimerStatusStore } from "./triggers/timer";
import { WorkTracker } from "./work";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type HostLogger = (level: LogLevel, message: string) => void;

export interface FunctionsHostOptions {
  /** Directory with host.json (and package.json "main" unless `entry` is given). */
  appRoot: string;
  /** Entry files or globs relative to appRoot, instead of package.json "main" (tests load .ts sources). */
  entry?: string | string[];
  /** Where durable state, function keys and timer status live. Without it everything is in memory. */
  stateDir?: string;
  store?: "memory" | "file";
  clock?: Clock;
  /** App settings that win over the environment and local.settings.json. */
  settings?: Record<string, string>;
  logger?: HostLogger;
  /** Enforce function keys (default: FUNCTIONS_HOST_KEYS_ENFORCED=true). */
  keysEnforced?: boolean;
  /** Orchestration versioning over host.json's (a test playing an older or newer deployment of the same app). */
  versioning?: Partial<VersioningOptions>;
}

interface HttpRoute {
  fn: RegisteredFunction;
  route: CompiledRoute;
  methods: string[] | undefined;
  authLevel: string;
}

const rpcLevels: Record<RpcLogLevel, LogLevel> = { trace: "debug", debug: "debug", information: "info", warning: "warn", error: "error", critical: "error", none: "debug" };
const durableTriggers = new Set(["orchestrationtrigger", "activitytrigger", "entitytrigger"]);
const supportedTriggers = new Set(["httptrigger", "queuetrigger", "timertrigger", "orchestrationtrigger", "activitytrigger"]);
/** The Functions host's default request body limit (FUNCTIONS_REQUEST_BODY_SIZE_LIMIT overrides it). */
const DEFAULT_MAX_BODY_BYTES = 104_857_600;
/** host[:port] as Kestrel accepts it in a Host header: a name or IPv4 address, or a bracketed IPv6 address. */
const HOST_HEADER = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~-]+)(?::\d{1,5})?$/;

const unauthorized = (): HostResponse => ({ status: 401, headers: {}, body: Buffer.alloc(0) });

class JsonTimerStatus implements TimerStatusStore {
  private readonly statuses: Record<string, TimerStatus>;

  constructor(private readonly file: string | undefined) {
    this.statuses = file && existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, TimerStatus>) : {};
  }

  get(functionName: string): TimerStatus | undefined {
    return this.statuses[functionName];
  }

  set(functionName: string, status: TimerStatus): void {
    this.statuses[functionName] = status;
    if (!this.file) return;
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.statuses, null, 2));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

export class FunctionsHost {
  readonly work = new WorkTracker();
  readonly invoker: Invoker;
  readonly engine: DurableEngine;
  readonly api: DurableApi;
  readonly keys: KeyStore;
  origin = "http://127.0.0.1:7071";
  /** The Durable extension's internal listener DurableClient calls (no key: only the host's own processes reach it). */
  rpcOrigin = "http://127.0.0.1:17071";
  private readonly routes: HttpRoute[];
  private readonly outputs: OutputBindings;
  private readonly queueListeners: QueueListener[] = [];
  private readonly timerTriggers: TimerTrigger[] = [];
  private server: RunningServer | undefined;
  private rpcServer: RunningServer | undefined;
  private stopped = false;
  private setHostname = false;
  private timerStatus: JsonTimerStatus | undefined;
  private readonly unpublishClock: () => void;

  private constructor(
    readonly config: HostConfig,
    readonly clock: Clock,
    readonly settings: Record<string, string>,
    private readonly options: FunctionsHostOptions,
    private readonly restoreEnvironment: () => void,
  ) {
    this.unpublishClock = publishClock(clock);
    this.invoker = new Invoker((functionName, invocationId, level, category, message) => {
      this.log(category === "user" ? rpcLevels[level] : "debug", `[${functionName}] ${message}`);
    });
    const store: Store = options.stateDir && options.store !== "memory" ? new FileStore(options.stateDir, config.hubName) : new MemoryStore();
    this.engine = new DurableEngine({
      store,
      clock,
      work: this.work,
      maxConcurrentActivityFunctions: config.maxConcurrentActivityFunctions,
      maxConcurrentOrchestratorFunctions: config.maxConcurrentOrchestratorFunctions,
      versioning: { ...config.versioning, ...options.versioning },
      runner: { triggerType: (name) => this.triggerType(name), run: (name, data, prepare) => this.run(name, data, undefined, prepare) },
      log: (message) => this.log("warn", message),
    });
    this.api = new DurableApi(this.engine, (origin) => this.durableClientData(origin));
    this.outputs = new OutputBindings(() => this.settings, config.queues);
    this.routes = this.buildRoutes();
    this.keys = KeyStore.open(options.stateDir, this.routes.map((route) => route.fn.metadata.name));
  }

  /** The durable client binding payload: DurableClient calls the RPC listener; public URLs carry the system key when keys are enforced. */
  durableClientData(origin = this.origin): Record<string, unknown> {
    const systemKey = this.keysEnforced ? this.keys.systemKey(DURABLE_SYSTEM_KEY) : undefined;
    return durableClientData(origin, this.config.hubName, { rpcOrigin: this.rpcOrigin, ...(systemKey ? { systemKey } : {}) });
  }

  /** FUNCTIONS_REQUEST_BODY_SIZE_LIMIT in bytes, as the Functions host reads it; the default when unset or not a positive integer. */
  get maxRequestBodyBytes(): number {
    const text = this.settings.FUNCTIONS_REQUEST_BODY_SIZE_LIMIT ?? process.env.FUNCTIONS_REQUEST_BODY_SIZE_LIMIT;
    const value = Number(text);
    return text !== undefined && Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_MAX_BODY_BYTES;
  }

  /** Reads host.json and settings, applies settings to process.env (restored by stop()), loads the app. */
  static async load(options: FunctionsHostOptions): Promise<FunctionsHost> {
    installFunctionsCore();
    const appRoot = path.resolve(options.appRoot);
    const config = readHostConfig(appRoot);
    const settings = { ...readAppSettings(appRoot), ...options.settings };
    const previous = new Map<string, string | undefined>();
    for (const [name, value] of Object.entries(settings)) {
      if (process.env[name] === value) continue;
      previous.set(name, process.env[name]);
      process.env[name] = value;
    }
    const restore = () => {
      for (const [name, value] of previous) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    };
    if (options.stateDir) mkdirSync(options.stateDir, { recursive: true });
    const logger = options.logger ?? (() => undefined);
    registry.logSink = (level, _category, message) => logger(rpcLevels[level], message);
    try {
      // One registry per process (or jest test file): an app already loaded into it is reused.
      if (registry.functions.size === 0) await loadApp(appRoot, options.entry);
      return new FunctionsHost(config, options.clock ?? new RealClock(), settings, { ...options, appRoot }, restore);
    } catch (error) {
      restore();
      throw error;
    }
  }

  log(level: LogLevel, message: string): void {
    this.options.logger?.(level, message);
  }

  get functions(): FunctionMetadata[] {
    return this.invoker.functions.map((fn) => fn.metadata);
  }

  triggerType(functionName: string): string | undefined {
    const fn = this.invoker.find(functionName);
    return fn ? String(Invoker.trigger(fn.metadata).type) : undefined;
  }

  get keysEnforced(): boolean {
    return this.options.keysEnforced ?? process.env.FUNCTIONS_HOST_KEYS_ENFORCED?.toLowerCase() === "true";
  }

  private buildRoutes(): HttpRoute[] {
    const routes: HttpRoute[] = [];
    for (const fn of this.invoker.functions) {
      const trigger = Invoker.trigger(fn.metadata);
      const type = String(trigger.type).toLowerCase();
      if (!supportedTriggers.has(type)) this.log("warn", `${fn.metadata.name}: ${String(trigger.type)} is not supported by the dev host${type === "entitytrigger" ? " (durable entities)" : ""}; the function will not run`);
      for (const warning of OutputBindings.unsupported(fn.metadata)) this.log("warn", warning);
      if (type !== "httptrigger") continue;
      const methods = Array.isArray(trigger.methods) ? (trigger.methods as unknown[]).map((method) => String(method).toUpperCase()) : undefined;
      const template = typeof trigger.route === "string" && trigger.route !== "" ? trigger.route : fn.metadata.name;
      routes.push({ fn, route: compileRoute(template), methods, authLevel: typeof trigger.authLevel === "string" ? trigger.authLevel : "function" });
    }
    return routes.sort((a, b) => compareRoutes(a.route, b.route));
  }

  /** Invokes a function with its trigger data plus the input bindings the host provides, then writes its outputs. */
  async run(functionName: string, triggerData: RpcTypedData | undefined, triggerMetadata?: Record<string, RpcTypedData>, prepare?: (context: unknown) => void): Promise<InvocationOutcome> {
    const fn = this.invoker.find(functionName);
    if (!fn) throw new Error(`Function "${functionName}" is not registered`);
    const { metadata } = fn;
    const trigger = Invoker.trigger(metadata);
    const inputData: RpcParameterBinding[] = triggerData ? [{ name: trigger.name, data: triggerData }] : [];
    for (const [name, binding] of Object.entries(metadata.bindings)) {
      const type = String(binding.type).toLowerCase();
      if (binding.direction === "in" && (type === "durableclient" || type === "orchestrationclient")) {
        inputData.push({ name, data: { string: JSON.stringify(this.durableClientData()) } });
      }
    }
    // Activities, orchestration episodes and timer ticks are many and routine: their successes are debug lines.
    const quiet = durableTriggers.has(String(trigger.type).toLowerCase()) || String(trigger.type).toLowerCase() === "timertrigger";
    const started = Date.now();
    return this.work.track(
      (async () => {
        let timeout: NodeJS.Timeout | undefined;
        const timedOut = new Promise<InvocationOutcome>((resolve) => {
          timeout = setTimeout(() => resolve({ ok: false, error: new Error(`Timeout value of ${this.config.functionTimeoutMs} ms (host.json functionTimeout) was exceeded by function: Functions.${metadata.name}`), context: undefined, invocationId: "timeout" }), this.config.functionTimeoutMs);
        });
        let outcome = await Promise.race([this.invoker.invoke(metadata.name, { inputData, triggerMetadata, prepare }), timedOut]);
        clearTimeout(timeout);
        if (outcome.ok) {
          try {
            await this.outputs.write(metadata, outcome.response);
          } catch (error) {
            outcome = { ok: false, error: error as Error, context: outcome.context, invocationId: outcome.invocationId };
          }
        }
        const result = outcome.ok ? "Succeeded" : `Failed: ${outcome.error.message}`;
        this.log(quiet && outcome.ok ? "debug" : outcome.ok ? "info" : "warn", `Executed 'Functions.${metadata.name}' (${result}, Id=${outcome.invocationId}, Duration=${Date.now() - started}ms)`);
        return outcome;
      })(),
    );
  }

  // ---- HTTP --------------------------------------------------------------------------------------------------

  /** The key a request presents: the `x-functions-key` header or the `code` query parameter. */
  private presentedKey(request: HostRequest, url: URL): string | undefined {
    return singleHeader(request.headers, "x-functions-key") ?? url.searchParams.get("code") ?? undefined;
  }

  private authorized(authLevel: string, name: string, request: HostRequest, url: URL): boolean {
    return !this.keysEnforced || this.keys.authorize(authLevel, name, this.presentedKey(request, url));
  }

  /** The request's URL; null when its Host header or target is not one (Kestrel answers those 400 too). */
  private requestUrl(request: HostRequest): { url: URL; origin: string } | null {
    const hostHeader = singleHeader(request.headers, "host");
    if (hostHeader !== undefined && !HOST_HEADER.test(hostHeader)) return null;
    const origin = hostHeader ? `http://${hostHeader}` : this.origin;
    try {
      return { url: new URL(request.url, origin), origin };
    } catch {
      return null;
    }
  }

  /**
   * Handles one HTTP exchange: HTTP triggers, the Durable management API (system key) and the admin endpoints
   * (master key). Keys are checked only when enforced.
   */
  async dispatch(request: HostRequest): Promise<HostResponse> {
    const target = this.requestUrl(request);
    if (!target) return textResponse(400, "Bad Request: invalid Host header or request target");
    if (request.body.length > this.maxRequestBodyBytes) return payloadTooLarge(this.maxRequestBodyBytes);
    const { url, origin } = target;
    const pathname = url.pathname;
    if (pathname === webhookPath || pathname.startsWith(`${webhookPath}/`)) {
      if (!this.authorized("system", DURABLE_SYSTEM_KEY, request, url)) return unauthorized();
      return this.work.track(this.api.handle(request, url, webhookPath, origin));
    }
    if (pathname.startsWith("/admin/") && !this.authorized("admin", "", request, url)) return unauthorized();
    if (pathname === "/admin/host/status") return jsonResponse(200, { state: "Running", version: "4.x (Interlink dev host)", processId: process.pid });
    const admin = /^\/admin\/functions\/([^/]+)$/.exec(pathname);
    if (admin && request.method.toUpperCase() === "POST") return this.runFromAdmin(decodeLeniently(admin[1] as string), request);
    if (pathname === "/" || pathname === "") return textResponse(200, "The Interlink Functions dev host is running.");

    const prefix = this.config.routePrefix === "" ? "" : `/${this.config.routePrefix}`;
    if (prefix !== "" && pathname.toLowerCase() !== prefix.toLowerCase() && !pathname.toLowerCase().startsWith(`${prefix.toLowerCase()}/`)) return textResponse(404, "Not Found");
    const relative = pathname.slice(prefix.length);
    const method = request.method.toUpperCase();
    for (const candidate of this.routes) {
      const params = candidate.route.match(relative);
      if (!params || (candidate.methods && !candidate.methods.includes(method))) continue;
      if (!this.authorized(candidate.authLevel, candidate.fn.metadata.name, request, url)) return unauthorized();
      const outcome = await this.run(candidate.fn.metadata.name, { http: toRpcHttp(request, origin, params) });
      if (!outcome.ok) return { status: 500, headers: {}, body: Buffer.alloc(0) };
      const httpBinding = Object.entries(candidate.fn.metadata.bindings).find(([, binding]) => binding.direction === "out" && binding.type?.toLowerCase() === "http");
      const value = !httpBinding || httpBinding[0] === "$return" ? outcome.response.returnValue : outcome.response.outputData?.find((output) => output.name === httpBinding[0])?.data;
      return fromRpcHttp(value);
    }
    return textResponse(404, "Not Found");
  }

  /** `POST /admin/functions/{name}` with {"input": "..."}: how `func` runs non-HTTP functions on demand. */
  private async runFromAdmin(functionName: string, request: HostRequest): Promise<HostResponse> {
    const fn = this.invoker.find(functionName);
    if (!fn) return textResponse(404, `Function ${functionName} not found`);
    let input = "";
    try {
      const body = JSON.parse(request.body.toString("utf8") || "{}") as { input?: unknown };
      input = typeof body.input === "string" ? body.input : body.input === undefined ? "" : JSON.stringify(body.input);
    } catch {
      return textResponse(400, 'The body must be JSON: {"input": "..."}');
    }
    const type = String(Invoker.trigger(fn.metadata).type).toLowerCase();
    const now = new Date(this.clock.now()).toISOString();
    const data: RpcTypedData =
      type === "timertrigger"
        ? { json: JSON.stringify({ Schedule: { AdjustForDST: true }, ScheduleStatus: { Last: now, Next: now, LastUpdated: now }, IsPastDue: false }) }
        : { string: input };
    void this.run(fn.metadata.name, data).catch((error: unknown) => this.log("error", `${functionName}: ${(error as Error).message}`));
    return { status: 202, headers: {}, body: Buffer.alloc(0) };
  }

  /**
   * The Durable extension's internal listener: the management API under /durabletask/ with no key, for the app's
   * own DurableClient (the binding's rpcBaseUrl), as the real extension serves it on 127.0.0.1.
   */
  async dispatchRpc(request: HostRequest): Promise<HostResponse> {
    const target = this.requestUrl(request);
    if (!target) return textResponse(400, "Bad Request: invalid Host header or request target");
    const { url } = target;
    if (url.pathname !== rpcPath && !url.pathname.startsWith(`${rpcPath}/`)) return textResponse(404, "Not Found");
    return this.work.track(this.api.handle(request, url, rpcPath, this.origin));
  }

  async listen(port: number): Promise<number> {
    const options = { maxBodyBytes: this.maxRequestBodyBytes, onError: (error: unknown) => this.log("error", `HTTP request failed: ${(error as Error).stack ?? String(error)}`) };
    this.server = await listen((request) => this.dispatch(request), port, "127.0.0.1", options);
    this.rpcServer = await listen((request) => this.dispatchRpc(request), 0, "127.0.0.1", options);
    this.rpcOrigin = `http://127.0.0.1:${this.rpcServer.port}`;
    this.useOrigin(`http://127.0.0.1:${this.server.port}`);
    return this.server.port;
  }

  /** The origin the durable client binding advertises. DurableClient rewrites URLs to localhost:7071 unless WEBSITE_HOSTNAME is set. */
  useOrigin(origin: string): void {
    this.origin = origin;
    if (this.setHostname || !process.env.WEBSITE_HOSTNAME || process.env.WEBSITE_HOSTNAME.includes("0.0.0.0")) {
      process.env.WEBSITE_HOSTNAME = new URL(origin).host;
      this.setHostname = true;
    }
  }

  // ---- triggers ----------------------------------------------------------------------------------------------

  /** Resumes unfinished orchestrations and starts queue listeners and timers. */
  start(): void {
    this.engine.recover();
    for (const fn of this.invoker.functions) {
      const trigger = Invoker.trigger(fn.metadata);
      const type = String(trigger.type).toLowerCase();
      try {
        if (type === "queuetrigger") this.startQueue(fn.metadata, trigger);
        if (type === "timertrigger") this.startTimer(fn.metadata, trigger);
      } catch (error) {
        this.log("error", `${fn.metadata.name}: ${(error as Error).message}; the function is disabled`);
      }
    }
  }

  private startQueue(metadata: FunctionMetadata, trigger: Record<string, unknown>): void {
    const queueName = resolveSettingReferences(String(trigger.queueName), this.settings).toLowerCase();
    const service = queueService(resolveConnectionString(this.settings, trigger.connection));
    const listener = new QueueListener({
      functionName: metadata.name,
      queue: service.getQueueClient(queueName),
      poisonQueue: service.getQueueClient(`${queueName}-poison`),
      options: this.config.queues,
      invoke: (message, triggerMetadata) => this.run(metadata.name, message, triggerMetadata),
      log: (level, message) => this.log(level, message),
    });
    listener.start();
    this.queueListeners.push(listener);
  }

  private startTimer(metadata: FunctionMetadata, trigger: Record<string, unknown>): void {
    const statusFile = this.options.stateDir ? path.join(this.options.stateDir, "timers.json") : undefined;
    const timer = new TimerTrigger({
      functionName: metadata.name,
      schedule: parseSchedule(String(trigger.schedule), this.settings),
      runOnStartup: trigger.runOnStartup === true,
      clock: this.clock,
      status: (this.timerStatus ??= new JsonTimerStatus(statusFile)),
      invoke: (payload) => this.run(metadata.name, payload),
      track: (work) => this.work.track(work),
      log: (level, message) => this.log(level, message),
    });
    timer.start();
    this.timerTriggers.push(timer);
  }

  /** Stops triggers and the server, lets running invocations finish, runs appTerminate hooks, restores settings. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.engine.dispose();
    await Promise.all([...this.queueListeners.map((listener) => listener.stop()), ...this.timerTriggers.map((timer) => timer.stop())]);
    await this.server?.close();
    await this.rpcServer?.close();
    // Running invocations get a grace period; their results are persisted but no new work starts.
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([this.work.whenIdle(), new Promise((resolve) => (grace = setTimeout(resolve, 5_000)))]);
    clearTimeout(grace);
    this.clock.dispose();
    this.unpublishClock();
    for (const hook of registry.hooks.get("appTerminate") ?? []) await hook({ hookData: {}, appHookData: registry.appHookData });
    if (this.setHostname) delete process.env.WEBSITE_HOSTNAME;
    this.restoreEnvironment();
  }
}
