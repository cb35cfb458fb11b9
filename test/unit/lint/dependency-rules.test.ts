import { readFileSync } from "node:fs";
import path from "node:path";
import { lintTexts, type LintFinding } from "../../support/lint";

const fixture = (name: string) => readFileSync(path.join(__dirname, "../../fixtures/lint/dependencies", name), "utf8");

const importLines = (code: string) => code.split("\n").flatMap((line, index) => (line.startsWith("import ") ? [index + 1] : []));

/** The message no-restricted-imports gave each line, in line order. */
const restrictedByLine = (findings: LintFinding[]) =>
  new Map(findings.filter((finding) => finding.rule === "no-restricted-imports").map((finding) => [finding.line, finding.text]));

/** Lints one fixture at each path (one ESLint process for all) and returns the restricted imports found at each. */
function lintAt(name: string, paths: string[]): Array<{ path: string; code: string; restricted: Map<number, string> }> {
  const code = fixture(name);
  return lintTexts(paths.map((where) => ({ code, path: where }))).map((findings, index) => ({ path: paths[index] ?? "", code, restricted: restrictedByLine(findings) }));
}

const appFiles = ["functions/http/fixture.ts", "orchestrations/fixture/orchestrator.ts", "shared/domain/fixture.ts", "shared/clouds/fixture.ts", "shared/operations/fixture.ts", "cli/fixture.ts"];
const toolingFiles = ["packages/cloud-emulators/src/fabric/fixture.ts", "packages/functions-host/src/durable/fixture.ts", "packages/dev-stack/src/fixture.ts", "packages/functions-host/test/fixture.test.ts"];
const testFiles = ["test/contract/fixture.test.ts", "test/support/fixture.ts", "bench/health-sweep/fixture.bench.ts", "tools/fixture.ts"];

describe("dependency rules lint", () => {
  it("when app code imports the offline tooling (by package name or path), then each import is an error", () => {
    for (const linted of lintAt("app-imports-tooling.ts", appFiles)) {
      expect({ path: linted.path, lines: [...linted.restricted.keys()] }).toEqual({ path: linted.path, lines: importLines(linted.code) });
      for (const message of linted.restricted.values()) expect(message).toMatch(/The app never imports the offline tooling/);
    }
  });

  it("when the tooling (a package's sources or tests) imports the app, then each import is an error", () => {
    for (const linted of lintAt("tooling-imports-app.ts", toolingFiles)) {
      expect({ path: linted.path, lines: [...linted.restricted.keys()] }).toEqual({ path: linted.path, lines: importLines(linted.code) });
      for (const message of linted.restricted.values()) expect(message).toMatch(/The offline tooling never imports the app/);
    }
  });

  it("when shared/domain imports an SDK, an adapter, an activity or an orchestration, then each import is an error", () => {
    const [linted] = lintAt("domain-imports-adapters.ts", ["shared/domain/fixture.ts"]);
    expect([...(linted?.restricted.keys() ?? [])]).toEqual(importLines(linted?.code ?? ""));
    const messages = [...(linted?.restricted.values() ?? [])];
    expect(messages.slice(0, 3).every((message) => /shared\/domain is pure: no SDK/.test(message))).toBe(true);
    expect(messages.slice(3).every((message) => /shared\/domain imports only shared\/domain/.test(message))).toBe(true);
  });

  it("when the same SDK and adapter imports live in an adapter, then the domain rule does not apply", () => {
    const [linted] = lintAt("domain-imports-adapters.ts", ["shared/clouds/fixture.ts"]);
    expect([...(linted?.restricted.values() ?? [])].filter((message) => /shared\/domain/.test(message))).toEqual([]);
  });

  it("when tests, benchmarks and tools import both the app and the tooling, then nothing is reported", () => {
    for (const linted of [...lintAt("app-imports-tooling.ts", testFiles), ...lintAt("tooling-imports-app.ts", testFiles)]) {
      expect({ path: linted.path, restricted: [...linted.restricted.entries()] }).toEqual({ path: linted.path, restricted: [] });
    }
  });

  it("when each area imports only its own modules and its libraries, then nothing is reported", () => {
    for (const linted of lintAt("within-bounds.ts", [...appFiles, ...toolingFiles])) {
      expect({ path: linted.path, restricted: [...linted.restricted.entries()] }).toEqual({ path: linted.path, restricted: [] });
    }
  });
});
