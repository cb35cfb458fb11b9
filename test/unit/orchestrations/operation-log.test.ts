import { StepFailure } from "../../../orchestrations/flow/failure";
import { call, type Flow, sleepUntil } from "../../../orchestrations/flow/steps";
import { lifecycle, OperationRun, type Runbook } from "../../../orchestrations/lifecycle/operation";
import { designRequest } from "../../support/requests";
import { runScripted } from "../../support/scripted-orchestration";
import { Echo } from "./activities";

const STEPS = [
  { id: "first", title: "First" },
  { id: "second", title: "Second" },
];

function activity(name: string, input: unknown): unknown {
  if (name === "RecordOperationActivity") return { kind: "ok" };
  if (name === "EmitEventActivity") return { kind: "ok", sent: true };
  if (name === "Echo") return input;
  throw new Error(`unexpected activity ${name}`);
}

function* echoStep(tag: string, waitMs = 0, nowMs = () => 0): Flow<string> {
  if (waitMs > 0) yield* sleepUntil(nowMs() + waitMs);
  return (yield* call(Echo, { tag })).tag;
}

function linesOf(runbookOf: (op: OperationRun) => Runbook): string[] {
  const run = runScripted((context) => {
    const op = new OperationRun(context, "setup", STEPS);
    return lifecycle(op, runbookOf(op));
  }, { activity, input: { request: designRequest(), requestHash: "hash-1", resources: {} }, instanceId: "erp-db-link.setup.1" });
  return run.lines;
}

describe("operation log lines (scripted orchestration context)", () => {
  it("when an operation succeeds, then the console gets its start, each step's end with its duration and detail, and the outcome", () => {
    const lines = linesOf((op) => ({
      *run() {
        yield* op.step("first", echoStep("circuit created", 150_000, op.nowMs));
        yield* op.step("second", echoStep("routes applied"));
        return {};
      },
    }));
    expect(lines).toEqual([
      "info: setup erp-db-link started (instance erp-db-link.setup.1)",
      "info: setup erp-db-link: step first succeeded in 2 min 30 s (circuit created)",
      "info: setup erp-db-link: step second succeeded in 0 s (routes applied)",
      "info: setup erp-db-link succeeded: Active",
    ]);
  });

  it("when a step fails, then the console says which step, the cloud's code and message, and what became of the interconnect", () => {
    const lines = linesOf((op) => ({
      *run() {
        yield* op.step("first", echoStep("one"));
        yield* op.step("second", (function* (): Flow<string> {
          yield* call(Echo, { tag: "two" });
          throw new StepFailure("second", { cloud: "azure", code: "Conflict", message: "in use" });
        })());
        return {};
      },
      *compensate() {
        yield* op.flow(call(Echo, { tag: "undo" }));
        return { rolledBack: true, resources: {}, warnings: [] };
      },
    }));
    expect(lines.at(-2)).toBe("warn: setup erp-db-link: step second failed in 0 s (Conflict: in use)");
    expect(lines.at(-1)).toBe("error: setup erp-db-link failed at step second: azure Conflict: in use; rolled back; now RolledBack");
    expect(lines.filter((line) => line.includes("started"))).toHaveLength(1);
  });
});
