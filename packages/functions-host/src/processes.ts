// Child processes (the host out of process, Azurite, the dev stack's children): wait for a readiness line, stop them
// (SIGTERM, then SIGKILL), never leak them.
import type { ChildProcess } from "node:child_process";

/** Resolves with the first match of `pattern` in the child's stdout+stderr; rejects on exit or timeout. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number, describe: () => string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        cleanup();
        resolve(match);
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup();
      reject(new Error(`exited (${code ?? signal}) before it was ready\n${describe()}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`was not ready within ${timeoutMs} ms\n${describe()}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onData);
      child.off("exit", onExit);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", onExit);
  });
}

/** Sends `signal`, escalates to SIGKILL after `graceMs`, resolves with the exit code (or signal) once the child exited. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM", graceMs = 5_000): Promise<number | string> {
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

const tracked = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills tracked children if this process exits without stopping them (a crashed test, an uncaught error). */
export function killOnExit(child: ChildProcess): void {
  tracked.add(child);
  child.once("exit", () => tracked.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const orphan of tracked) orphan.kill("SIGKILL");
  });
}
