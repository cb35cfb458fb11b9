// The offline stack behind `npm start`, out of process: readiness within 30 s, a route served, Ctrl-C (SIGINT)
// leaves no process behind, and a busy port gives one clear line. Interlink itself on the stack is the app's test/e2e.
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { waitForOutput } from "@interlink/functions-host";
import { alive, descendants, freePort, startNode } from "@interlink/functions-host/testing";

let stateDir: string;

beforeAll(() => {
  stateDir = mkdtempSync(path.join(os.tmpdir(), "dev-stack-"));
});
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

async function stackEnv(): Promise<NodeJS.ProcessEnv & { AZURE_EMULATOR_PORT: string; OCI_EMULATOR_PORT: string }> {
  return {
    ...process.env,
    FUNCTIONS_PORT: "0",
    AZURITE_BLOB_PORT: "0",
    AZURITE_QUEUE_PORT: "0",
    AZURITE_TABLE_PORT: "0",
    AZURE_EMULATOR_PORT: String(await freePort()),
    OCI_EMULATOR_PORT: String(await freePort()),
    INTERLINK_STATE_DIR: stateDir,
  };
}

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
