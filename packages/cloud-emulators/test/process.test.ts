import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ConfigFileAuthenticationDetailsProvider } from "oci-common";

const MAIN = resolve(__dirname, "../src/cloud/main.ts");

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function readyLine(running: Running): Promise<string> {
  for (let waited = 0; waited < 20_000; waited += 25) {
    if (running.stdout().includes("\n")) return running.stdout();
    if (running.child.exitCode !== null) throw new Error(`exited early: ${running.stderr()}`);
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error(`no ready line: ${running.stderr()}`);
}

describe("npm run emulators (src/cloud/main.ts)", () => {
  let stateDir: string;
  beforeAll(() => {
    stateDir = mkdtempSync(join(tmpdir(), "interlink-main-"));
  });
  afterAll(() => {
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("when started, then it prints exactly one ready line, writes usable CA and OCI config files, and exits cleanly on SIGTERM; a busy port is reported by name", async () => {
    const first = run({ AZURE_EMULATOR_PORT: "0", OCI_EMULATOR_PORT: "0", INTERLINK_STATE_DIR: stateDir });
    const output = await readyLine(first);
    expect(output.trim().split("\n")).toHaveLength(1);
    const ready = JSON.parse(output) as { event: string; azure: { endpoint: string; caFile: string }; oci: { endpoint: string; configFile: string; profile: string } };
    expect(ready).toEqual({
      event: "ready",
      azure: { endpoint: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/), caFile: join(stateDir, "tls", "ca.pem") },
      oci: { endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), configFile: join(stateDir, "oci", "config"), profile: "DEFAULT" },
    });
    expect(existsSync(ready.azure.caFile)).toBe(true);
    const provider = new ConfigFileAuthenticationDetailsProvider(ready.oci.configFile, ready.oci.profile);
    await expect(provider.getKeyId()).resolves.toMatch(/^ocid1\.tenancy\.oc1\.\..+\/ocid1\.user\.oc1\.\..+\/([0-9a-f]{2}:){15}[0-9a-f]{2}$/);

    const ociPort = new URL(ready.oci.endpoint).port;
    const second = run({ AZURE_EMULATOR_PORT: "0", OCI_EMULATOR_PORT: ociPort, INTERLINK_STATE_DIR: stateDir });
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(`port ${ociPort} is already in use; set OCI_EMULATOR_PORT`);

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
  }, 30_000);
});
