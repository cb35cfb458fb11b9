import { type OrchestrationContext } from "durable-functions";
import { startedAtLeast } from "../../../orchestrations/flow/version";

const startedBy = (version: string | undefined) => ({ df: { version } }) as unknown as OrchestrationContext;

describe("startedAtLeast (branching on context.df.version)", () => {
  it("when the instance's version is the one asked for or later, then it is true; earlier, false", () => {
    expect(startedAtLeast(startedBy("1.1"), "1.1")).toBe(true);
    expect(startedAtLeast(startedBy("1.10"), "1.9")).toBe(true);
    expect(startedAtLeast(startedBy("2.0"), "1.1")).toBe(true);
    expect(startedAtLeast(startedBy("1.0"), "1.1")).toBe(false);
    expect(startedAtLeast(startedBy("1.1"), "1.1.0")).toBe(false);
  });

  it("when the instance has no version (started before versioning), then it counts as the oldest", () => {
    expect(startedAtLeast(startedBy(undefined), "1.0")).toBe(false);
    expect(startedAtLeast(startedBy(""), "1.0")).toBe(false);
  });

  it("when the version asked for is not dotted numbers, then it says so", () => {
    expect(() => startedAtLeast(startedBy("1.0"), "v2")).toThrow('"v2" is not a version like "1.1"');
  });
});
