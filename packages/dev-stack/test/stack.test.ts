// The offline stack behind `npm start`, out of process: readiness within 30 s, a route served, Ctrl-C (SIGINT)
// leaves no process behind, nor does the end of its parent (`kill <npm pid>`); a busy port or a bad setting gives
// one clear line before anything starts; state is kept, or cleared together. Interlink itself on the stack is the
// app's test/e2e.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { waitForOutput } from "@interlink/functions-host";
import { alive, descendants, startNode } from "@interlink/functions-host/testing";
import { isolatedStackEnv } from "../src/testing";

let stateDir: string;

beforeAll(() => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), "dev-stack-"));
});
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

const stackEnv = () => isolatedStackEnv(stateDir);

const app = path.join(__dirname, "apps/settings-echo");
const startStack = (args: string[], env: NodeJS.ProcessEnv) => startNode(path.join(__dirname, "../dist/src/main.js"), args, env, app);

it("when the stack starts with an app, then it serves its routes within 30 s, hands it the emulators' endpoints, and SIGINT stops every child", async () => {
  const startedAt = Date.now();
  const env = { ...(await stackEnv()), INTERLINK_CLOUD_EMULATOR: path.join(__dirname, "apps/fake-cloud/main.js") };
  const stack = startStack(["--app", app], env);
  try {
    const [, origin] = await waitForOutput(stack.child, /Functions host\s+(http:\/\/127\.0\.0\.1:\d+)\/api/, 30_000, stack.output);
    expect(Date.now() - startedAt).toBeLessThan(30_000);
    expect(stack.output()).not.toContain("Try:"); // the app has no example request to suggest
    const response = await fetch(`${origin}/api/items/7`);
    expect(await response.json()).toEqual({ id: "7", q: null });
    const settings = (await (await fetch(`${origin}/api/stackSettings`)).json()) as Record<string, string>;
    expect(settings).toMatchObject({
      AZURE_ARM_ENDPOINT: `https://127.0.0.1:${env.AZURE_EMULATOR_PORT}`,
      AZURE_ARM_CA_FILE: "/tmp/fake-cloud/ca.pem",
      OCI_ENDPOINT: `http://127.0.0.1:${env.OCI_EMULATOR_PORT}`,
      OCI_CONFIG_FILE: "/tmp/fake-cloud/config",
      OCI_PROFILE: "DEFAULT", // the emulators' value wins over local.settings.example.json
      EXAMPLE_ONLY: "from-example", // no local.settings.json: the stack falls back to the example's Values
    });
    expect(settings.AzureWebJobsStorage).toMatch(/QueueEndpoint=http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1/);

    const children = descendants(stack.child.pid as number);
    expect(children.length).toBeGreaterThanOrEqual(3); // Azurite, the cloud emulators and the Functions host
    stack.child.kill("SIGINT");
    expect(await stack.exited).toBe(0);
    expect(children.filter(alive)).toEqual([]);
  } finally {
    stack.child.kill("SIGKILL");
  }
}, 40_000);

it("when the Functions port is taken, then the stack exits non-zero with one line naming the port and FUNCTIONS_PORT", async () => {
  const blocker = net.createServer();
  const port = await new Promise<number>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve((blocker.address() as net.AddressInfo).port)));
  try {
    const stack = startStack([], { ...(await stackEnv()), FUNCTIONS_PORT: String(port) });
    expect(await stack.exited).toBe(1);
    expect(stack.output().trim()).toBe(`Port ${port} on 127.0.0.1 is already in use: stop what uses it or set FUNCTIONS_PORT to another port.`);
  } finally {
    blocker.close();
  }
});

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });

/** Alive and not a zombie: an orphan that exited stays a zombie until whatever adopted it reaps it. */
function running(pid: number): boolean {
  if (!alive(pid)) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** The ports a running stack printed in its banner. */
function bannerPorts(output: string): number[] {
  const functions = /Functions host\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
  const azurite = /Azurite\s+blob (\d+), queue (\d+), table (\d+)/.exec(output);
  return [functions?.[1], azurite?.[1], azurite?.[2], azurite?.[3]].map(Number);
}

it("when the process that started the stack dies without signalling it (kill <npm pid>), then the stack stops every child and frees every port", async () => {
  const env = { ...(await stackEnv()), INTERLINK_CLOUD_EMULATOR: path.join(__dirname, "apps/fake-cloud/main.js") };
  // npm runs `sh -c "npm run build && node ..."`: killing npm ends the shell, which does not pass the signal on.
  const shell = spawn("sh", ["-c", `true && "${process.execPath}" "${path.join(__dirname, "../dist/src/main.js")}" --app "${app}"`], { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  shell.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  shell.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // 'close' comes once every holder of the shell's output pipes exited: the shell, the stack and whatever it leaked.
  const closed = new Promise<void>((resolve) => shell.once("close", () => resolve()));
  const everything: number[] = [];
  try {
    await waitForOutput(shell, /Press Ctrl-C to stop/, 30_000, () => output);
    everything.push(...descendants(shell.pid as number));
    expect(everything.length).toBeGreaterThanOrEqual(4); // the stack, Azurite, the cloud emulators and the Functions host
    const ports = [...bannerPorts(output), Number(env.AZURE_EMULATOR_PORT), Number(env.OCI_EMULATOR_PORT)];
    expect(ports.every((port) => port > 0)).toBe(true);

    shell.kill("SIGTERM");
    const outcome = await Promise.race([closed.then(() => "stopped"), new Promise((resolve) => setTimeout(resolve, 30_000, "still running 30 s after its parent died"))]);
    expect(outcome).toBe("stopped");
    expect(output).toContain("The process that started the stack has exited, stopping the dev stack");
    expect(everything.filter(running)).toEqual([]);
    expect(await Promise.all(ports.map(portIsFree))).toEqual(ports.map(() => true));
  } finally {
    for (const pid of everything.filter(running)) process.kill(pid, "SIGKILL");
  }
}, 60_000);

it("when a stack setting or the app's own settings are bad, then the stack exits non-zero with the one line naming it, before starting anything", async () => {
  const env = { ...(await stackEnv()), INTERLINK_CLOUD_EMULATOR: path.join(__dirname, "apps/fake-cloud/main.js") };
  const cases: Array<[NodeJS.ProcessEnv, string]> = [
    [{ ...env, FUNCTIONS_PORT: "seventy" }, "invalid setting FUNCTIONS_PORT=seventy: must be a port number from 0 to 65535 (0 picks a free port)"],
    [{ ...env, CLOUD_MODE: "cloud" }, 'invalid setting CLOUD_MODE=cloud: must be "emulator" or "live"'],
    [{ ...env, ECHO_GREETING: "Hello!" }, `Cannot load the app in ${app}: invalid setting ECHO_GREETING=Hello!: must be lowercase letters`],
  ];
  const runs = cases.map(([caseEnv]) => startStack(["--app", app], caseEnv));
  try {
    for (const [index, [, line]] of cases.entries()) {
      const run = runs[index];
      expect(await run?.exited).toBe(1);
      expect(run?.output().trim()).toBe(line);
    }
    expect(existsSync(path.join(stateDir, "dev-stack.pid"))).toBe(false);
  } finally {
    for (const run of runs) run.child.kill("SIGINT");
  }
});

it("when restarted, then the stack keeps its state; --fresh clears Azurite, the emulated clouds and the host together; reset refuses while it runs and clears after", async () => {
  const state = mkdtempSync(path.join(os.tmpdir(), "dev-stack-state-"));
  const markers = ["emulators/state.json", "host/timers.json"].map((file) => path.join(state, file));
  const reset = (env: NodeJS.ProcessEnv) => startNode(path.join(__dirname, "../dist/src/reset.js"), [], env, app);
  const stacks: Array<ReturnType<typeof startStack>> = [];
  try {
    for (const marker of markers) {
      mkdirSync(path.dirname(marker), { recursive: true });
      writeFileSync(marker, "{}");
    }
    const env = { ...(await stackEnv()), INTERLINK_STATE_DIR: state, INTERLINK_CLOUD_EMULATOR: path.join(__dirname, "apps/fake-cloud/main.js") };
    const kept = startStack(["--app", app], env);
    stacks.push(kept);
    await waitForOutput(kept.child, /Press Ctrl-C to stop/, 30_000, kept.output);
    expect(kept.output()).toMatch(/State\s+kept in .* for the next start/);
    expect(markers.filter(existsSync)).toEqual(markers);
    const refused = reset(env);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain(`Another dev stack (pid ${kept.child.pid}) is using ${state}`);
    kept.child.kill("SIGINT");
    expect(await kept.exited).toBe(0);

    const fresh = startStack(["--app", app, "--fresh"], env);
    stacks.push(fresh);
    await waitForOutput(fresh.child, /Press Ctrl-C to stop/, 30_000, fresh.output);
    expect(fresh.output()).toMatch(/State\s+fresh: cleared Azurite data \(inventory, queues, leases\), the emulated clouds, the host's orchestrations, timers and keys/);
    expect(markers.filter(existsSync)).toEqual([]);
    fresh.child.kill("SIGINT");
    expect(await fresh.exited).toBe(0);

    const cleared = reset(env);
    expect(await cleared.exited).toBe(0);
    expect(cleared.output()).toMatch(/^Cleared the dev stack's state in .*: Azurite data/);
    expect(["azurite", "emulators", "host"].filter((part) => existsSync(path.join(state, part)))).toEqual([]);
  } finally {
    for (const stack of stacks) stack.child.kill("SIGINT");
    rmSync(state, { recursive: true, force: true });
  }
}, 90_000);
