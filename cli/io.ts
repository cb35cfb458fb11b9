import { readFile } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";

export interface OutputStream {
  write(text: string): unknown;
  /** Set on a terminal: progress is redrawn in place instead of printed line by line. */
  isTTY?: boolean;
  columns?: number;
}

export type InputStream = NodeJS.ReadableStream & { isTTY?: boolean };

/**
 * Everything the CLI touches outside itself. `process` satisfies it; tests pass their own streams, a fetch, and a
 * clock and sleep that drive a virtual clock.
 */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin?: InputStream;
  env?: Record<string, string | undefined>;
  fetch?: typeof globalThis.fetch;
  /** Milliseconds since the epoch (progress elapsed times and --timeout). */
  now?: () => number;
  /** Waits between two polls; resolves early when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Aborted on Ctrl-C: a follow stops and says how to pick the operation up again. */
  signal?: AbortSignal;
}

export type Runtime = Required<Omit<CliIo, "signal">> & { signal?: AbortSignal };

async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  await delay(ms, undefined, signal ? { signal } : {}).catch((error: unknown) => {
    if (!(error instanceof Error && error.name === "AbortError")) throw error;
  });
}

/** The io with the process's defaults filled in. */
export function runtimeOf(io: CliIo): Runtime {
  return {
    stdout: io.stdout,
    stderr: io.stderr,
    stdin: io.stdin ?? process.stdin,
    env: io.env ?? process.env,
    fetch: io.fetch ?? globalThis.fetch,
    now: io.now ?? Date.now,
    sleep: io.sleep ?? sleep,
    ...(io.signal ? { signal: io.signal } : {}),
  };
}

/** Reads a whole file, or standard input when the path is `-`. */
export async function readInput(path: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  if (path !== "-") return readFile(path, "utf8");
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
