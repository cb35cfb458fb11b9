import { readFileSync } from "node:fs";
import path from "node:path";
import { REQUEST_SCHEMAS } from "../../../functions/http/openapi-document";
import { fieldsOf, requestJsonSchemas, requestReferenceMarkdown } from "../../../tools/docs/request-reference";

const file = path.resolve(__dirname, "../../../docs/request-reference.md");

describe("docs/request-reference.md", () => {
  it("when a request field is added, removed, renamed or re-described, then the checked-in reference must be regenerated (npm run docs)", () => {
    // On failure: run `npm run docs` and commit docs/request-reference.md.
    expect(readFileSync(file, "utf8")).toBe(requestReferenceMarkdown());
  });

  it("when a field takes a value, then the reference gives its meaning and an example or a default", () => {
    const schemas = requestJsonSchemas();
    const rows = Object.keys(REQUEST_SCHEMAS).flatMap((id) => fieldsOf(schemas[id] ?? {}).map((row) => ({ id, ...row })));
    const leaves = rows.filter((row) => /^(string|integer|number|array of string)/.test(row.type));
    expect(leaves.length).toBeGreaterThan(30);
    expect(leaves.filter((row) => row.example === undefined && row.defaultValue === undefined).map((row) => `${row.id}: ${row.path}`)).toEqual([]);
    // The fields a newcomer asked about are all there.
    const setupPaths = rows.filter((row) => row.id === "SetupRequest").map((row) => row.path);
    expect(setupPaths).toEqual(expect.arrayContaining(["azure.appSubnets", "oci.security.mode", "oci.security.securityListId", "oci.peeredVcns[].cidrs", "oci.routeTableId", "options.rollbackOnFailure", "options.provisioningTimeoutMinutes"]));
  });
});
