// `interlink` as users run it (bin/interlink.js, a child process) against the stack `npm start` runs, sped up with
// INTERLINK_TIME_SCALE: apply reaches Active and destroy reaches Deleted, each with its exit status.
import { type OfflineStack, startOfflineStack } from "../support/offline-stack";
import { startNode } from "../support/processes";

jest.setTimeout(180_000);

async function interlink(args: string[], env: Record<string, string> = {}) {
  const child = startNode("bin/interlink.js", args, { ...process.env, INTERLINK_URL: "", INTERLINK_KEY: "", ...env });
  const code = await child.exited;
  return { code, output: child.output() };
}

describe("the interlink command against the offline stack", () => {
  let stack: OfflineStack;

  beforeAll(async () => {
    stack = await startOfflineStack("0.004");
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("when apply --yes runs, then it prints step progress and exits 0 at Active; destroy --yes exits 0 at Deleted", async () => {
    const applied = await interlink(["apply", "test/fixtures/design-example.json", "--yes", "--interval", "0.5"], { INTERLINK_URL: stack.api });
    expect(applied.output).toMatch(/\] gateway succeeded in \d+m/);
    expect(applied.output).toContain("setup of erp-db-link succeeded: erp-db-link is Active.");
    expect(applied.code).toBe(0);

    const destroyed = await interlink(["destroy", "erp-db-link", "--yes", "--interval", "0.5", "--url", stack.api]);
    expect(destroyed.output).toMatch(/\] circuit succeeded in \d+/);
    expect(destroyed.output).toContain("teardown of erp-db-link succeeded: erp-db-link is Deleted.");
    expect(destroyed.code).toBe(0);
  });

  it("when standard input is not a terminal and --yes is missing, then it refuses with exit 2", async () => {
    const { code, output } = await interlink(["apply", "test/fixtures/design-example.json", "--url", stack.api]);
    expect(output).toContain("pass --yes");
    expect(code).toBe(2);
  });
});
