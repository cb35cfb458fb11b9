import { readFileSync } from "node:fs";
import path from "node:path";
import { lintText } from "../../support/lint";

const root = path.resolve(__dirname, "../../..");
const fixture = (name: string) => readFileSync(path.join(root, "test/fixtures/lint", name), "utf8");

/** Lints fixture text as if it lived in orchestrations/, where the determinism rules apply. */
const lintAsOrchestration = async (code: string) => lintText(code, "orchestrations/fixture/orchestrator.ts");

describe("orchestration determinism lint", () => {
  it("when an orchestrator reads the clock, randomness, env, timers or I/O, then each is an error", async () => {
    const findings = await lintAsOrchestration(fixture("nondeterministic-orchestrator.ts"));
    const byLine = (line: number) => findings.filter((finding) => finding.line === line).map((finding) => finding.rule);

    expect(byLine(2)).toContain("no-restricted-imports"); // node:fs
    expect(byLine(3)).toContain("no-restricted-imports"); // cloud SDK
    expect(byLine(4)).toContain("no-restricted-imports"); // activity code
    expect(byLine(7)).toContain("no-restricted-properties"); // Date.now
    expect(byLine(8)).toContain("no-restricted-syntax"); // new Date()
    expect(byLine(9)).toContain("no-restricted-properties"); // Math.random
    expect(byLine(10)).toContain("no-restricted-globals"); // process.env
    expect(byLine(11)).toContain("no-restricted-globals"); // setTimeout
    expect(byLine(16)).toContain("no-restricted-syntax"); // async function
    expect(byLine(17)).toEqual(expect.arrayContaining(["no-restricted-syntax", "no-restricted-globals"])); // await fetch
  });

  it("when an orchestrator sets a retry timeout, then it is an error naming the hang it causes in Azure", async () => {
    const code = [
      'import * as df from "durable-functions";',
      "const byProperty = Object.assign(new df.RetryOptions(1000, 3), { retryTimeoutInMilliseconds: 60_000 });",
      "const byAssignment = new df.RetryOptions(1000, 3);",
      "byAssignment.retryTimeoutInMilliseconds = 60_000;",
      "export { byProperty, byAssignment };",
      "",
    ].join("\n");
    const findings = await lintAsOrchestration(code);
    expect(findings.filter((finding) => finding.rule === "no-restricted-syntax").map((finding) => finding.line)).toEqual([2, 4]);
    expect(findings[0]?.text).toContain("azure-functions-durable-js#629");
  });

  it("when an orchestrator uses only context.df and contracts, then it passes", async () => {
    expect(await lintAsOrchestration(fixture("deterministic-orchestrator.ts"))).toEqual([]);
  });

  it("when the same code lives outside orchestrations/, then the determinism rules do not apply", async () => {
    expect(lintText("export const startedAt = Date.now();\n", "shared/somewhere.ts")).toEqual([]);
  });
});
