// Out-of-process mode for e2e tests: spawn the compiled CLI on a free port, wait until it serves, kill it.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

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
  const compiled = path.resolve(__dirname, "../../../dist/emulators/functions-host/cli.js");
  if (!existsSync(compiled)) throw new Error(`${compiled} is missing: run npm run build first`);
  return compiled;
}

export function waitForExit(child: ChildProcess, graceMs: number, signal: NodeJS.Signals): Promise<number | string> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode ?? child.signalCode ?? "exited");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", (code, exitSignal) => {
      clearTimeout(timer);
      resolve(code ?? exitSignal ?? "exited");
    });
    child.kill(signal);
  });
}

export async function spawnHost(options: SpawnHostOptions): Promise<SpawnedHost> {
  const args = [cliPath(), "start", "--app", options.appRoot, "--port", String(options.port ?? 0)];
  if (options.stateDir) args.push("--state", options.stateDir);
  const child = spawn(process.execPath, args, { env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`The dev host did not start within ${options.timeoutMs ?? 20_000}ms:\n${output}`)), options.timeoutMs ?? 20_000);
    const onData = () => {
      const match = /Host started: (http:\/\/\S+)/.exec(output);
      if (match) {
        cleanup();
        resolve(match[1] as string);
      }
    };
    const onExit = (code: number | null) => fail(new Error(`The dev host exited (${code}) before it was ready:\n${output}`));
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout.off("data", onData);
      child.off("exit", onExit);
    };
    const fail = (error: Error) => {
      cleanup();
      child.kill("SIGKILL");
      reject(error);
    };
    child.stdout.on("data", onData);
    child.once("exit", onExit);
  });
  return {
    baseUrl,
    port: Number(new URL(baseUrl).port),
    pid: child.pid as number,
    process: child,
    output: () => output,
    stop: (signal = "SIGTERM", graceMs = 5_000) => waitForExit(child, graceMs, signal),
  };
}
