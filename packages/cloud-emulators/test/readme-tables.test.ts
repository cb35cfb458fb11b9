import { readFileSync } from "node:fs";
import { join } from "node:path";
import { operationTable } from "../src/oci/iam/operations";
import { FAMILIES, RESOURCE_TYPES, VERB_ORDER } from "../src/oci/iam/vocabulary";

/**
 * The README's permission tables are copies of the code's (the code is the one source); this keeps them equal.
 * On a difference, paste the expected block into the README between its markers.
 */
const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");

function block(name: string): string {
  const match = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(readme);
  if (!match?.[1]) throw new Error(`README.md has no ${name} block`);
  return match[1];
}

describe("the README's OCI authorization tables", () => {
  it("lists every operation with the permissions the emulator checks", () => {
    const rows = operationTable().map((row) => `| \`${row.op}\` | ${row.needs.map((need) => `\`${need}\``).join("<br>") || "none"} | ${row.note ?? ""} |`);
    expect(block("operations")).toBe(["| operation | needs | also |", "| --- | --- | --- |", ...rows].join("\n"));
  });

  it("lists every resource type with what each verb adds, and every family", () => {
    const types = Object.entries(RESOURCE_TYPES).map(([type, byVerb]) => `| \`${type}\` | ${VERB_ORDER.map((verb) => (byVerb[verb] ?? []).join(", ")).join(" | ")} |`);
    expect(block("permissions")).toBe(["| resource type | inspect | read | use | manage |", "| --- | --- | --- | --- | --- |", ...types].join("\n"));
    const families = Object.entries(FAMILIES).map(([family, members]) => `| \`${family}\` | ${members.join(", ")} |`);
    expect(block("families")).toBe(["| family | members |", "| --- | --- |", ...families].join("\n"));
  });
});
