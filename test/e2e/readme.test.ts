// The README's walk-throughs, pasted in order into bash against the stack `npm start` runs (sped up with
// INTERLINK_TIME_SCALE): the CLI quick start, the HTTP API walk-through, then the ticket queue. curl fails on any
// 4xx/5xx here, so a step that would be refused (a 409 for a change sent while another runs, a 404 after an early
// teardown) fails the test.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { type OfflineStack, startOfflineStack } from "../support/offline-stack";
import { repoRoot, startNode } from "../support/processes";

jest.setTimeout(240_000);

const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
const bashBlocks = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
const block = (marker: string) => {
  const found = bashBlocks.filter((candidate) => candidate.includes(marker));
  if (found.length !== 1) throw new Error(`expected one README bash block with ${marker}, found ${found.length}`);
  return found[0] ?? "";
};

/** Runs a README block as a user would paste it; every command must succeed. */
function paste(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const prelude = "set -euo pipefail\ncurl() { command curl --fail-with-body \"$@\"; }\n";
    const child = spawn("bash", ["-c", prelude + script], { cwd: repoRoot, env: { ...process.env, INTERLINK_URL: "", INTERLINK_KEY: "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => resolve({ code, output }));
  });
}

describe("the README, pasted in order against the offline stack", () => {
  let stack: OfflineStack;
  let env: Record<string, string>;

  beforeAll(async () => {
    stack = await startOfflineStack("0.004");
    const queuePort = /queue (\d+)/.exec(stack.process.output())?.[1];
    env = {
      FUNCTIONS_PORT: new URL(stack.api).port,
      AzureWebJobsStorage: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;QueueEndpoint=http://127.0.0.1:${queuePort}/devstoreaccount1;`,
    };
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("when the quick start's CLI commands run, then apply prints step progress and exits 0 at Active, destroy exits 0 at Deleted", async () => {
    const { code, output } = await paste(block("npx interlink apply test/fixtures/design-example.json --yes"), env);
    expect(output).toMatch(/\] gateway succeeded in \d+m/);
    expect(output).toContain("setup of erp-db-link succeeded: erp-db-link is Active.");
    expect(output).toContain("teardown of erp-db-link succeeded: erp-db-link is Deleted.");
    expect(code).toBe(0);
  });

  it("when the API walk-through runs, then each change waits for the one before and the teardown ends it", async () => {
    const { code, output } = await paste(block("API=http://127.0.0.1:"), env);
    for (const outcome of ["setup of erp-db-link succeeded: erp-db-link is Active.", "resize of erp-db-link succeeded", "suspend of erp-db-link succeeded: erp-db-link is Suspended.", "resume of erp-db-link succeeded", "teardown of erp-db-link succeeded: erp-db-link is Deleted."]) {
      expect(output).toContain(outcome);
    }
    expect(code).toBe(0);
  });

  it("when the ticket example runs, then the setup ticket and the teardown ticket are each followed to their end", async () => {
    const { code, output } = await paste(block("ticket() {"), env);
    expect(output).toContain("setup of erp-db-link succeeded: erp-db-link is Active.");
    expect(output).toContain("teardown of erp-db-link succeeded: erp-db-link is Deleted.");
    expect(code).toBe(0);
  });

  it("when bin/interlink.js runs apply without a terminal and without --yes, then it refuses with exit 2 before sending anything", async () => {
    const child = startNode("bin/interlink.js", ["apply", "test/fixtures/design-example.json", "--url", stack.api], { ...process.env, INTERLINK_URL: "", INTERLINK_KEY: "" });
    expect(await child.exited).toBe(2);
    expect(child.output()).toContain("standard input is not a terminal, so interlink apply cannot ask for confirmation; pass --yes");
  });
});
