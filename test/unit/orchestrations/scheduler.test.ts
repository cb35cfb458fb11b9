import { StepFailure } from "../../../orchestrations/flow/failure";
import { firstFailure, runFlow, runFlows } from "../../../orchestrations/flow/scheduler";
import { call, callEach, type Flow, sleepUntil } from "../../../orchestrations/flow/steps";
import { runScripted, START_MS } from "../../support/scripted-orchestration";
import { Echo, scriptOf, tagsOf } from "./activities";

const seconds = (count: number) => START_MS + count * 1000;

/** Calls, sleeps until `wakeAt`, calls again; returns both answers. */
function* worker(label: string, wakeAt: number): Flow<string[]> {
  const first = yield* call(Echo, { tag: `${label}-1` });
  yield* sleepUntil(wakeAt);
  const second = yield* call(Echo, { tag: `${label}-2` });
  return [first.tag, second.tag];
}

function* failing(label: string, wakeAt: number): Flow<never> {
  yield* sleepUntil(wakeAt);
  yield* call(Echo, { tag: `${label}-1` });
  throw new StepFailure(label, { cloud: "interlink", code: "Broken", message: `${label} broke` });
}

describe("runFlows (scripted orchestration context)", () => {
  it("when two flows call and wait, then calls run one at a time in key order and one timer sleeps to the earliest wake-up", () => {
    const run = runScripted((context) => runFlows(context, { a: worker("a", seconds(10)), b: worker("b", seconds(30)) }), { activity: scriptOf() });
    expect(tagsOf(run.log, START_MS)).toEqual(["a-1", "b-1", "timer +10s", "a-2", "timer +30s", "b-2"]);
    expect(run.result).toEqual({ a: { ok: true, value: ["a-1", "a-2"] }, b: { ok: true, value: ["b-1", "b-2"] } });
  });

  it("when several flows wake at the same time, then a single timer wakes them all", () => {
    const run = runScripted((context) => runFlows(context, { a: worker("a", seconds(10)), b: worker("b", seconds(10)), c: worker("c", seconds(20)) }), { activity: scriptOf() });
    expect(tagsOf(run.log, START_MS)).toEqual(["a-1", "b-1", "c-1", "timer +10s", "a-2", "b-2", "timer +20s", "c-2"]);
  });

  it("when a flow's wake-up time has already passed, then it goes on without a timer", () => {
    const run = runScripted((context) => runFlows(context, { a: worker("a", seconds(-5)) }), { activity: scriptOf() });
    expect(tagsOf(run.log, START_MS)).toEqual(["a-1", "a-2"]);
  });

  it("when one flow fails, then the others are not advanced any further and end as stopped", () => {
    const run = runScripted((context) => runFlows(context, { steady: worker("steady", seconds(30)), broken: failing("broken", seconds(10)) }), { activity: scriptOf() });
    // After the failure neither the 30 s timer nor the steady flow's second call is scheduled.
    expect(tagsOf(run.log, START_MS)).toEqual(["steady-1", "timer +10s", "broken-1"]);
    expect(run.result?.steady).toMatchObject({ ok: false, stopped: true });
    expect(run.result?.broken).toMatchObject({ ok: false, error: expect.objectContaining({ step: "broken" }) });
    expect(firstFailure(run.result ?? {})).toBe((run.result?.broken as { error: unknown }).error);
  });

  it("when an activity fails for good, then the error is thrown into the flow that called it, which may handle it", () => {
    function* tolerant(): Flow<string> {
      try {
        yield* call(Echo, { tag: "flaky" });
        return "answered";
      } catch (error) {
        return `handled: ${(error as Error).message}`;
      }
    }
    const activity = (name: string, input: unknown) => {
      if ((input as { tag: string }).tag === "flaky") throw new Error("Activity function 'Echo' failed: gone");
      return input;
    };
    const run = runScripted((context) => runFlow(context, tolerant()), { activity });
    expect(run.result).toBe("handled: Activity function 'Echo' failed: gone");
  });

  it("when runFlow's flow fails, then its failure is rethrown to the orchestrator", () => {
    const run = runScripted((context) => runFlow(context, failing("only", seconds(1))), { activity: scriptOf() });
    expect(run.error).toBeInstanceOf(StepFailure);
    expect((run.error as StepFailure).failure.code).toBe("Broken");
  });

  it("when a flow fans out with callEach, then the calls are scheduled together and their outputs come back in order", () => {
    function* fanOut(): Flow<string[]> {
      const none = yield* callEach(Echo, []);
      const outputs = yield* callEach(Echo, [{ tag: "x" }, { tag: "y" }, { tag: "z" }]);
      return [...none, ...outputs].map((output) => output.tag);
    }
    const run = runScripted((context) => runFlow(context, fanOut()), { activity: scriptOf() });
    expect(run.log).toHaveLength(1);
    expect(run.log[0]).toMatchObject({ kind: "all", tasks: [{ name: "Echo", input: { tag: "x" } }, { name: "Echo", input: { tag: "y" } }, { name: "Echo", input: { tag: "z" } }] });
    expect(run.result).toEqual(["x", "y", "z"]);
  });

  it("when an activity's input breaks its contract, then the flow fails before anything is scheduled", () => {
    const run = runScripted((context) => runFlow(context, call(Echo, { tag: 42 } as unknown as { tag: string })), { activity: scriptOf() });
    expect(run.log).toEqual([]);
    expect(String(run.error)).toContain("tag");
  });
});
