import { lintTexts } from "../../support/lint";

describe("one clock lint", () => {
  it("when app code outside orchestrations reads the wall clock for a time it shows, then it is an error; a known instant, pacing and the clock module are fine", () => {
    const [activity, operations, pacing, known] = lintTexts([
      { code: "export const checkedAt = () => new Date().toISOString();\n", path: "functions/activities/somewhere.ts" },
      { code: "export const at = () => Date();\n", path: "shared/operations/somewhere.ts" },
      { code: "export const deadline = () => Date.now() + 5_000;\n", path: "shared/clouds/somewhere.ts" },
      { code: "export const at = (ms: number) => new Date(ms).toISOString();\n", path: "functions/somewhere.ts" },
    ]);
    expect(activity?.map((finding) => finding.rule)).toEqual(["no-restricted-syntax"]);
    expect(activity?.[0]?.text).toContain("currentTime()");
    expect(operations?.map((finding) => finding.rule)).toEqual(["no-restricted-syntax"]);
    expect(pacing).toEqual([]);
    expect(known).toEqual([]);
  });
});
