import { Progress } from "../../../orchestrations/flow/progress";
import { type Flow } from "../../../orchestrations/flow/steps";
import { inStep } from "../../../orchestrations/lifecycle/kit";

const start = Date.parse("2026-11-22T12:00:00Z");

function progressOf() {
  const published: unknown[] = [];
  const progress = new Progress({ currentUtcDateTime: new Date(start), setCustomStatus: (status) => published.push(structuredClone(status)) }, "setup", "erp-db-link", [{ id: "provisioning", title: "Confirm that both circuits are provisioned" }]);
  return { progress, published, step: () => progress.snapshot().steps[0] };
}

describe("a step that waits shows when it checks again", () => {
  it("when the step's flow sleeps, then the step carries nextCheckAt until it ends, and the flow sees the scheduler's answers", () => {
    const { progress, step } = progressOf();
    const seen: unknown[] = [];
    const flow = inStep(
      progress,
      "provisioning",
      (function* (): Flow<string> {
        seen.push(yield { kind: "sleep", untilMs: start + 10_000 });
        seen.push(yield { kind: "sleep", untilMs: start + 30_000 });
        return "provisioned";
      })(),
    );
    expect(flow.next().value).toEqual({ kind: "sleep", untilMs: start + 10_000 });
    expect(step()).toMatchObject({ status: "running", nextCheckAt: "2026-11-22T12:00:10.000Z" });
    expect(flow.next("woke").value).toEqual({ kind: "sleep", untilMs: start + 30_000 });
    expect(step()?.nextCheckAt).toBe("2026-11-22T12:00:30.000Z");
    expect(flow.next("woke again")).toEqual({ done: true, value: "provisioned" });
    expect(seen).toEqual(["woke", "woke again"]);
    expect(step()?.status).toBe("succeeded");
    expect(step()).not.toHaveProperty("nextCheckAt");
  });

  it("when the scheduler throws into a waiting step, then its flow gets the error, and a failure ends the step without a next check", () => {
    const { progress, step } = progressOf();
    const flow = inStep(
      progress,
      "provisioning",
      (function* (): Flow<string> {
        try {
          yield { kind: "sleep", untilMs: start + 10_000 };
        } catch {
          yield { kind: "sleep", untilMs: start + 20_000 };
        }
        throw new Error("the virtual circuit is FAILED");
      })(),
    );
    flow.next();
    expect(flow.throw(new Error("transient")).value).toEqual({ kind: "sleep", untilMs: start + 20_000 });
    expect(step()?.nextCheckAt).toBe("2026-11-22T12:00:20.000Z");
    expect(() => flow.next()).toThrow();
    expect(step()?.status).toBe("failed");
    expect(step()).not.toHaveProperty("nextCheckAt");
  });
});
