// docs/operations.md and docs/troubleshooting.md are written by hand; these checks keep them in step with the code.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { InterconnectState } from "../../../shared/domain/inventory";
import { STEPS_OF } from "../../../shared/domain/steps";

const root = path.resolve(__dirname, "../../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("the operation model and troubleshooting docs", () => {
  const operations = read("docs/operations.md");
  const troubleshooting = read("docs/troubleshooting.md");

  it("when an interconnect state exists, then docs/operations.md explains it", () => {
    expect(InterconnectState.options.filter((state) => !operations.includes(`| \`${state}\` |`))).toEqual([]);
  });

  it("when an operation has a step, then docs/operations.md describes it", () => {
    const missing = Object.entries(STEPS_OF).flatMap(([operation, steps]) => steps.filter((step) => !operations.includes(`\`${step.id}\``)).map((step) => `${operation}: ${step.id}`));
    expect(missing).toEqual([]);
  });

  it("when an orchestration can fail with a code of its own, then docs/troubleshooting.md says what it means", () => {
    const codes = new Set(sources(path.join(root, "orchestrations")).flatMap((file) => [...readFileSync(file, "utf8").matchAll(/(?:code|timeoutCode): "([A-Z][A-Za-z]+)"/g)].map((match) => match[1] ?? "")));
    codes.add("ProvisioningTimeout");
    // Raised only when an activity answers something its contract does not allow: a defect, not a user's problem.
    codes.delete("UnexpectedResult");
    expect(codes.size).toBeGreaterThan(6);
    expect([...codes].filter((code) => !troubleshooting.includes(`\`${code}\``))).toEqual([]);
  });
});
