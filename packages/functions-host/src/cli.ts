#!/usr/bin/env node
// `node packages/functions-host/dist/src/cli.js start [--app <dir>] [--port 7071] [--state <dir>] [--verbose]`
// Runs a compiled Functions v4 + Durable 3 app the way `func start` does, without Core Tools.
// `cli.js check [--app <dir>]` only loads the app (its entry point checks its settings) and exits: 0 when it loads,
// 1 with one line when it does not. The dev stack runs it before starting anything.
import path from "node:path";
import { type Clock, RealClock } from "./clock";
import { readAppSettings } from "./config";
import { FunctionsHost, type LogLevel } from "./host";
import { scaledTimeline } from "./timeline";
import { Invoker } from "./core/invoker";

interface CliOptions {
  command: "start" | "check";
  app: string;
  port: number;
  state: string | undefined;
  verbose: boolean;
}

const usage = "usage: cli.js start|check [--app <dir with package.json and host.json>] [--port 7071] [--state <dir>] [--verbose]";

function parseArgs(argv: string[]): CliOptions {
  const [command, ...rest] = argv;
  if (command !== "start" && command !== "check") throw new Error(usage);
  const options: CliOptions = { command, app: process.cwd(), port: Number(process.env.FUNCTIONS_PORT ?? 7071), state: undefined, verbose: false };
  for (let index = 0; index < rest.length; index++) {
    const flag = rest[index];
    const value = () => {
      const next = rest[++index];
      if (next === undefined) throw new Error(`${flag} needs a value\n${usage}`);
      return next;
    };
    if (flag === "--app") options.app = path.resolve(value());
    else if (flag === "--port") options.port = Number(value());
    else if (flag === "--state") options.state = path.resolve(value());
    else if (flag === "--verbose") options.verbose = true;
    else throw new Error(`unknown option ${flag}\n${usage}`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error(`--port must be a port number (got ${options.port})`);
  return options;
}

function describe(host: FunctionsHost, origin: string): string[] {
  const lines: string[] = [];
  for (const metadata of host.functions) {
    const trigger = Invoker.trigger(metadata);
    const type = String(trigger.type);
    if (type.toLowerCase() === "httptrigger") {
      const methods = Array.isArray(trigger.methods) ? (trigger.methods as string[]).join(",") : "ALL";
      const route = typeof trigger.route === "string" && trigger.route !== "" ? trigger.route : metadata.name;
      const prefix = host.config.routePrefix === "" ? "" : `/${host.config.routePrefix}`;
      lines.push(`        ${metadata.name}: [${methods}] ${origin}${prefix}/${route.replace(/^\/+/, "")}`);
    } else lines.push(`        ${metadata.name}: ${type}`);
  }
  return lines;
}

/** INTERLINK_TIME_SCALE: 1 (or unset) is real time; below 1 runs durable timers faster than the wall clock. */
function timeScaleOf(appRoot: string): number {
  const text = readAppSettings(appRoot).INTERLINK_TIME_SCALE;
  if (text === undefined || text === "") return 1;
  const scale = Number(text);
  if (!(scale > 0 && scale <= 1)) throw new Error(`invalid setting INTERLINK_TIME_SCALE=${text}: must be a number greater than 0 and at most 1, such as 0.02 (50 times faster)`);
  return scale;
}

export async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  let scale: number;
  try {
    options = parseArgs(argv);
    scale = timeScaleOf(options.app);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const stateDir = options.state ?? path.join(options.app, ".interlink", "host");
  const timeline = scale === 1 || options.command === "check" ? undefined : scaledTimeline(stateDir, scale);
  const clock: Clock = timeline?.clock ?? new RealClock();
  // Log lines carry the host's time, the clock every time the app shows (statuses, events) comes from.
  const logger = (level: LogLevel, message: string) => {
    if (level === "debug" && !options.verbose) return;
    const line = `[${new Date(clock.now()).toISOString()}] ${message}`;
    if (level === "error" || level === "warn") console.error(line);
    else console.log(line);
  };
  let host: FunctionsHost;
  try {
    host = await FunctionsHost.load({ appRoot: options.app, logger, clock, ...(options.command === "start" ? { stateDir } : {}) });
  } catch (error) {
    timeline?.close();
    console.error(`Cannot load the app in ${options.app}: ${(error as Error).message}`);
    return 1;
  }
  if (options.command === "check") {
    await host.stop();
    return 0;
  }
  let port: number;
  try {
    port = await host.listen(options.port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(code === "EADDRINUSE" ? `Port ${options.port} is already in use: stop what uses it, or set FUNCTIONS_PORT (or --port) to another port.` : `Cannot listen on 127.0.0.1:${options.port}: ${(error as Error).message}`);
    await host.stop();
    timeline?.close();
    return 1;
  }
  const origin = `http://127.0.0.1:${port}`;
  host.start();
  const functions = describe(host, origin);
  console.log(`\nFunctions:\n\n${functions.length > 0 ? functions.join("\n\n") : "        (the app registered no functions)"}\n`);
  console.log("Not supported by the dev host: durable entities, rewind/restart, callHttp, non-queue output bindings, HTTP streaming.");
  console.log(`Host started: ${origin}`);
  if (timeline) console.log(`Host clock: ${new Date(clock.now()).toISOString()}, ${Math.round(1 / scale)}x real time (INTERLINK_TIME_SCALE=${scale}): durable timers, timer triggers and the times the app shows run on it`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = (signal: NodeJS.Signals) => {
      if (stopping) {
        resolve(130);
        return;
      }
      stopping = true;
      console.log(`Received ${signal}, stopping the host...`);
      host.stop().then(
        () => {
          timeline?.close();
          resolve(0);
        },
        (error: unknown) => {
          console.error(`Error while stopping: ${(error as Error).message}`);
          resolve(1);
        },
      );
    };
    process.on("SIGINT", shutdown);
    process.on("SIGTERM", shutdown);
  });
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
