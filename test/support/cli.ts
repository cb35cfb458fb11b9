import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { main } from "../../cli/main";
import { type InProcessStack } from "./in-process-stack";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Requests the CLI sent ("METHOD /path"). */
  requests: string[];
}

export interface CliRunOptions {
  /** Standard input's text, and whether it claims to be a terminal. */
  stdin?: string;
  tty?: boolean;
  /** Called at each wait between two polls, before the clock moves (e.g. to interrupt, or to start an operation). */
  onSleep?: () => void | Promise<void>;
  signal?: AbortSignal;
  /** Instead of the stack's URL and key (null: send no key). */
  url?: string;
  key?: string | null;
}

/**
 * Runs `interlink` in this process against an in-process stack served on a real port: the CLI's clock is the
 * stack's virtual clock, and each wait between two polls advances it (so minutes of provisioning pass at once).
 */
export function cliAgainst(stack: InProcessStack, endpoint: () => { url: string; key: string }) {
  return async function cli(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
    let stdout = "";
    let stderr = "";
    const requests: string[] = [];
    const stdin = Object.assign(Readable.from([options.stdin ?? ""]), { isTTY: options.tty ?? false });
    const key = options.key === undefined ? endpoint().key : options.key;
    const code = await main([...args, "--url", options.url ?? endpoint().url], {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: (text: string) => (stderr += text) },
      stdin,
      env: key === null ? {} : { INTERLINK_KEY: key },
      fetch: (input, init) => {
        requests.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname}`);
        return fetch(input, init);
      },
      now: () => stack.host.clock.now().getTime(),
      sleep: async (ms) => {
        await options.onSleep?.();
        if (!options.signal?.aborted) await stack.host.clock.advance(ms);
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { code, stdout, stderr, requests };
  };
}

/** Request files in a temporary directory. */
export function requestFiles() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "interlink-cli-"));
  return {
    write(name: string, content: unknown): string {
      const file = path.join(dir, name);
      writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
