// Out-of-process mode for e2e tests: spawn the compiled CLI on a free port, wait until it serves, kill it.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { killOnExit, stopChild, waitForOutput } from "../processes";

export interface SpawnedHost {
  baseUrl: string;
  port: number;
  pid: number;
  process: ChildProcess;
  /** Everything the host printed so far (stdout and stderr). */
  output(): string;
  /** Sends a signal and waits for the exit (SIGKILL after `graceMs`). Resolves with the exit code or signal. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | string>;
}

export interface SpawnHostOptions {
  appRoot: string;
  stateDir?: string;
  port?: number;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/** The compiled CLI, whether this module runs from sources (jest) or from dist. */
export function cliPath(): string {
  const fromDist = path.resolve(__dirname, "../cli.js");
  if (__dirname.split(path.sep).includes("dist") && existsSync(fromDist)) return fromDist;
  const compiled = path.resolve(__dirname, "../../dist/src/cli.js");
  if (!existsSync(compiled)) throw new Error(`${compiled} is missing: run npm run build first`);
  return compiled;
}

export async function spawnHost(options: SpawnHostOptions): Promise<SpawnedHost> {
  const args = [cliPath(), "start", "--app", options.appRoot, "--port", String(options.port ?? 0)];
  if (options.stateDir) args.push("--state", options.stateDir);
  const child = spawn(process.execPath, args, { env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
  killOnExit(child);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timeoutMs = options.timeoutMs ?? 20_000;
  let baseUrl: string;
  try {
    [, baseUrl = ""] = await waitForOutput(child, /Host started: (http:\/\/\S+)/, timeoutMs, () => output);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`The dev host ${(error as Error).message}`);
  }
  return {
    baseUrl,
    port: Number(new URL(baseUrl).port),
    pid: child.pid as number,
    process: child,
    output: () => output,
    stop: (signal = "SIGTERM", graceMs = 5_000) => stopChild(child, signal, graceMs),
  };
}
