import { type OrchestrationContext } from "durable-functions";
import { OperationFailed, StepFailure } from "../../../orchestrations/flow/failure";
import { runFlows } from "../../../orchestrations/flow/scheduler";
import { call, type Flow, sleepUntil } from "../../../orchestrations/flow/steps";
import { lifecycle, type LifecycleOperationName, OperationRun, type Runbook } from "../../../orchestrations/lifecycle/operation";
import { LifecycleOutcome } from "../../../shared/domain/lifecycle";
import { designRequest } from "../../support/requests";
import { runScripted, type Scheduled } from "../../support/scripted-orchestration";
import { Echo } from "./activities";

const STEPS = [
  { id: "first", title: "First" },
  { id: "second", title: "Second" },
];

const INPUT = { request: designRequest(), requestHash: "hash-1", resources: { circuitId: "circuit-1" } };

function* echoStep(tag: string): Flow<string> {
  return (yield* call(Echo, { tag })).tag;
}

function* brokenStep(): Flow<string> {
  yield* call(Echo, { tag: "broken" });
  throw new StepFailure("second", { cloud: "azure", code: "Conflict", message: "in use" });
}

/** Answers the inventory and event activities, and Echo; an Echo tagged "exhausted" fails as retries running out do. */
function activity(name: string, input: unknown): unknown {
  if (name === "RecordOperationActivity") return { kind: "ok" };
  if (name === "EmitEventActivity") return { kind: "ok", sent: true };
  if (name === "Echo" && (input as { tag: string }).tag === "exhausted") throw new Error("Activity function 'Echo' failed: 503 Service Unavailable \n at stack");
  if (name === "Echo") return input;
  throw new Error(`unexpected activity ${name}`);
}

function operate(operation: LifecycleOperationName, runbookOf: (op: OperationRun, context: OrchestrationContext) => Runbook) {
  const run = runScripted(
    (context) => {
      const op = new OperationRun(context, operation, STEPS);
      return lifecycle(op, runbookOf(op, context));
    },
    { activity, input: INPUT, instanceId: `erp-db-link.${operation}.2` },
  );
  const records = run.log.flatMap((entry) => (entry.kind === "activity" && entry.name === "RecordOperationActivity" ? [entry.input as Record<string, unknown>] : []));
  const events = run.log.flatMap((entry) => (entry.kind === "activity" && entry.name === "EmitEventActivity" ? [entry.input as { outcome: string; detail: Record<string, unknown> }] : []));
  const outcome = run.error ? undefined : LifecycleOutcome.parse(run.result);
  return { run, outcome, records, events, names: run.log.map((entry: Scheduled) => (entry.kind === "activity" ? entry.name : entry.kind)) };
}

describe("lifecycle skeleton (scripted orchestration context)", () => {
  it("when the runbook succeeds, then the start and the success are recorded around its steps, with the operation's states and events", () => {
    const { names, records, events, outcome } = operate("resize", (op) => ({
      *run() {
        yield* op.step("first", echoStep("one"));
        yield* op.step("second", echoStep("two"));
        return {};
      },
    }));
    expect(names).toEqual(["RecordOperationActivity", "EmitEventActivity", "Echo", "Echo", "RecordOperationActivity", "EmitEventActivity"]);
    expect(records.map((record) => [record.phase, record.state])).toEqual([
      ["started", "Updating"],
      ["succeeded", "Active"],
    ]);
    expect(records[1]?.steps).toEqual([expect.objectContaining({ id: "first", status: "succeeded", detail: "one" }), expect.objectContaining({ id: "second", status: "succeeded", detail: "two" })]);
    expect(events.map((event) => event.outcome)).toEqual(["accepted", "succeeded"]);
    expect(outcome).toEqual({ status: "succeeded", operation: "resize", name: "erp-db-link", resources: { circuitId: "circuit-1" }, warnings: [] });
  });

  it("when a step fails, then the failure is recorded with the step and the cloud's error, later steps never run, and the orchestration fails naming the step and the error", () => {
    const { names, records, events, run } = operate("teardown", (op) => ({
      *run() {
        delete op.resources.circuitId;
        yield* op.step("second", brokenStep());
        yield* op.step("first", echoStep("never"));
        return { resources: {} };
      },
    }));
    expect(names).toEqual(["RecordOperationActivity", "EmitEventActivity", "Echo", "RecordOperationActivity", "EmitEventActivity"]);
    expect(records[1]).toMatchObject({ phase: "failed", state: "Failed", failedStep: "second", error: { cloud: "azure", code: "Conflict", message: "in use" } });
    expect(records[1]).not.toHaveProperty("resources");
    expect(events[1]).toMatchObject({ outcome: "failed", detail: { step: "second", code: "Conflict" } });
    // Durable ends the instance Failed (a caller waiting for Completed never mistakes it for success).
    expect(run.error).toBeInstanceOf(OperationFailed);
    expect((run.error as Error).message).toBe("teardown of erp-db-link failed at step second: azure Conflict: in use");
  });

  it("when an activity keeps failing until its retries run out, then the step that called it fails with RetriesExhausted and the readable message", () => {
    const { records, run } = operate("suspend", (op) => ({
      *run() {
        yield* op.step("first", echoStep("exhausted"));
        return {};
      },
    }));
    expect(records[1]).not.toHaveProperty("state");
    expect(records[1]).toMatchObject({ phase: "failed", failedStep: "first", error: { cloud: "interlink", code: "RetriesExhausted", message: "Activity function 'Echo' failed: 503 Service Unavailable" } });
    expect((run.error as Error).message).toBe("suspend of erp-db-link failed at step first: interlink RetriesExhausted: Activity function 'Echo' failed: 503 Service Unavailable");
  });

  it.each([
    [true, "RolledBack"],
    [false, "Failed"],
  ])("when a setup fails and its compensation reports rolledBack=%s, then steps still running are stopped and the failure is recorded as %s", (rolledBack, state) => {
    let compensatedAfter: string | undefined;
    const { run, records } = operate("setup", (op, context) => ({
      started: { spec: op.request },
      *run() {
        op.warnings.push("a warning");
        const slow = (function* () {
          yield* call(Echo, { tag: "slow" });
          yield* sleepUntil(op.nowMs() + 60_000);
          return "done";
        })();
        const results = yield* runFlows(context, { first: op.inStep("first", slow), second: op.inStep("second", brokenStep()) });
        throw (results.second as { error: unknown }).error;
      },
      *compensate(failure) {
        compensatedAfter = failure.step;
        yield* op.flow(call(Echo, { tag: "undo" }));
        return { rolledBack, resources: op.resources, warnings: op.warnings };
      },
    }));
    expect(compensatedAfter).toBe("second");
    expect(records[0]).toMatchObject({ phase: "started", state: "Provisioning", spec: expect.objectContaining({ name: "erp-db-link" }) });
    expect(records[1]).toMatchObject({ phase: "failed", state, rolledBack, failedStep: "second", warnings: ["a warning"], resources: { circuitId: "circuit-1" } });
    expect(records[1]?.steps).toEqual([expect.objectContaining({ id: "first", status: "skipped", detail: "stopped: second failed" }), expect.objectContaining({ id: "second", status: "failed" })]);
    expect((run.error as OperationFailed).rolledBack).toBe(rolledBack);
    expect((run.error as Error).message).toMatch(rolledBack ? /failed at step second: azure Conflict: in use; rolled back/ : /; not rolled back: what it created is kept until DELETE$/);
    expect(run.statuses.at(-1)).toMatchObject({ step: "second", error: { step: "second", code: "Conflict" } });
  });
});
