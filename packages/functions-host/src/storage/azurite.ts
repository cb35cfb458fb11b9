// Azurite (blob, queue, table) as a child process on loopback. Always --skipApiVersionCheck (the storage SDKs we pin
// speak newer API versions than Azurite 3.35 knows) and --disableTelemetry.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import os from "node:os";
import { developmentStorageConnectionString } from "./connection";
import { killOnExit, stopChild, waitForOutput } from "../processes";

export interface AzuriteOptions {
  /** 0 picks a free port (the default). */
  ports?: { blob?: number; queue?: number; table?: number };
  /** Keep data under this directory; without it Azurite keeps everything in memory. */
  location?: string;
  timeoutMs?: number;
}

export interface Azurite {
  connectionString: string;
  ports: { blob: number; queue: number; table: number };
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  const ports = { blob: options.ports?.blob ?? 0, queue: options.ports?.queue ?? 0, table: options.ports?.table ?? 0 };
  const args = [require.resolve("azurite/dist/src/azurite.js"), "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose"];
  for (const service of ["blob", "queue", "table"] as const) args.push(`--${service}Host`, "127.0.0.1", `--${service}Port`, String(ports[service]));
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push("--location", options.location);
  } else args.push("--inMemoryPersistence", "--extentMemoryLimit", "256");
  // cwd: Azurite may drop files in its working directory; keep them out of the checkout.
  const child = spawn(process.execPath, args, { cwd: options.location ?? os.tmpdir(), stdio: ["ignore", "pipe", "pipe"] });
  killOnExit(child);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const listening = (service: string) => new RegExp(`Azurite ${service} service is successfully listening at http://127\\.0\\.0\\.1:(\\d+)`);
  try {
    const timeout = options.timeoutMs ?? 20_000;
    const [blob, queue, table] = await Promise.all(
      ["Blob", "Queue", "Table"].map((service) => waitForOutput(child, listening(service), timeout, () => output).then((match) => Number(match[1]))),
    );
    const actual = { blob: blob as number, queue: queue as number, table: table as number };
    return { connectionString: developmentStorageConnectionString(actual), ports: actual, process: child, stop: () => stopChild(child).then(() => undefined) };
  } catch (error) {
    await stopChild(child, "SIGKILL");
    const inUse = /EADDRINUSE.*:(\d+)/.exec(output);
    if (inUse) throw new Error(`Azurite: port ${inUse[1]} is already in use`);
    throw new Error(`Azurite ${(error as Error).message}`);
  }
}
