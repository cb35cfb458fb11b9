import { type OrchestrationContext } from "durable-functions";
import { StepFailure } from "../../../orchestrations/flow/failure";
import { type GraphStep, runGraph, type StepFlows, uniformFlows } from "../../../orchestrations/flow/graph";
import { firstFailure, runFlow, runFlows } from "../../../orchestrations/flow/scheduler";
import { call, type Flow, sleepUntil } from "../../../orchestrations/flow/steps";
import { SETUP_STEPS, type SetupStepId } from "../../../shared/domain/steps";
import { runScripted, START_MS } from "../../support/scripted-orchestration";
import { Echo, scriptOf, tagsOf } from "./activities";

type Id = "a" | "b" | "c" | "d";
/** a -> { b | c } -> d */
const DIAMOND: ReadonlyArray<GraphStep<Id>> = [
  { id: "a", dependsOn: [] },
  { id: "b", dependsOn: ["a"] },
  { id: "c", dependsOn: ["a"] },
  { id: "d", dependsOn: ["b", "c"] },
];

/** A step that calls, waits `seconds`, calls again; it notes when it started and ended (orchestration time). */
function timedStep(id: string, seconds: number, context: () => OrchestrationContext, times: Record<string, { start: number; end: number }>): Flow<string> {
  return (function* () {
    const start = context().df.currentUtcDateTime.getTime();
    yield* call(Echo, { tag: `${id}-start` });
    yield* sleepUntil(start + seconds * 1000);
    yield* call(Echo, { tag: `${id}-end` });
    times[id] = { start, end: context().df.currentUtcDateTime.getTime() };
    return id;
  })();
}

describe("runGraph (scripted orchestration context)", () => {
  it("when a diamond runs, then both branches overlap and the join starts only after both ended", () => {
    const times: Record<string, { start: number; end: number }> = {};
    const run = runScripted(
      (context) => runGraph(context, DIAMOND, uniformFlows(DIAMOND, (id) => timedStep(id, { a: 10, b: 60, c: 20, d: 10 }[id], () => context, times))),
      { activity: scriptOf() },
    );
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual({ a: "a", b: "b", c: "c", d: "d" });
    expect(times.b?.start).toBe(times.a?.end);
    expect(times.c?.start).toBe(times.a?.end);
    expect(times.d?.start).toBe(Math.max(times.b?.end ?? 0, times.c?.end ?? 0));
    expect(tagsOf(run.log, START_MS)).toEqual(["a-start", "timer +10s", "a-end", "b-start", "c-start", "timer +30s", "c-end", "timer +70s", "b-end", "d-start", "timer +80s", "d-end"]);
  });

  it("when a step reads what its dependencies produced, then it gets it, also through other steps; reading an unrelated step is refused", () => {
    const flows = (cReads: "a" | "b"): StepFlows<Id, Record<Id, number>> => ({
      *a() {
        yield* call(Echo, { tag: "a" });
        return 1;
      },
      *b(done) {
        yield* call(Echo, { tag: "b" });
        return done("a") + 10;
      },
      *c(done) {
        yield* call(Echo, { tag: "c" });
        return done(cReads);
      },
      *d(done) {
        yield* call(Echo, { tag: "d" });
        return done("a") + done("b") + done("c");
      },
    });
    expect(runScripted((context) => runGraph(context, DIAMOND, flows("a")), { activity: scriptOf() }).result).toEqual({ a: 1, b: 11, c: 1, d: 13 });
    // b has ended by the time c reads it, but c does not depend on b: the declared graph must say so.
    expect(runScripted((context) => runGraph(context, DIAMOND, flows("b")), { activity: scriptOf() }).error).toEqual(new Error("step c reads the output of b, which it does not depend on"));
  });

  it("when a step fails, then the steps running beside it stop, no later step starts, and the failure is rethrown", () => {
    const started: string[] = [];
    const seconds: Record<Id, number> = { a: 10, b: 60, c: 20, d: 10 };
    const run = runScripted(
      (context) =>
        runGraph(
          context,
          DIAMOND,
          uniformFlows(DIAMOND, (id) =>
            (function* (): Flow<string> {
              started.push(id);
              const start = context.df.currentUtcDateTime.getTime();
              yield* call(Echo, { tag: `${id}-start` });
              yield* sleepUntil(start + seconds[id] * 1000);
              if (id === "c") throw new StepFailure("c", { cloud: "oci", code: "Broken", message: "c broke" });
              yield* call(Echo, { tag: `${id}-end` });
              return id;
            })(),
          ),
        ),
      { activity: scriptOf() },
    );
    expect(run.error).toBeInstanceOf(StepFailure);
    expect((run.error as StepFailure).step).toBe("c");
    expect(started).toEqual(["a", "b", "c"]);
    expect(tagsOf(run.log, START_MS)).toEqual(["a-start", "timer +10s", "a-end", "b-start", "c-start", "timer +30s"]);
  });

  it.each([
    ["a cycle", [{ id: "a", dependsOn: ["b"] }, { id: "b", dependsOn: ["a"] }], "steps depend on each other in a cycle: a -> b -> a"],
    ["an unknown dependency", [{ id: "a", dependsOn: [] }, { id: "b", dependsOn: ["x"] }], "step b depends on unknown step x"],
    ["a duplicate step", [{ id: "a", dependsOn: [] }, { id: "a", dependsOn: [] }, { id: "b", dependsOn: [] }], "step a is declared twice"],
    ["a step without a flow", [{ id: "a", dependsOn: [] }, { id: "b", dependsOn: [] }, { id: "c", dependsOn: [] }], "steps and flows differ: no flow for [c], no step for []"],
  ])("when the graph has %s, then it is refused before anything is scheduled", (_what, steps, message) => {
    const flows = { a: () => call(Echo, { tag: "a" }), b: () => call(Echo, { tag: "b" }) };
    const run = runScripted((context) => runGraph(context, steps as ReadonlyArray<GraphStep<string>>, flows as unknown as StepFlows<string, Record<string, unknown>>), { activity: scriptOf() });
    expect(run.log).toEqual([]);
    expect(run.error).toEqual(new Error(message));
  });
});

/**
 * Earlier versions wired the setup graph by hand: preflight, then { security | circuit -> virtual circuit ->
 * provisioning | gateway } side by side, then routing and verify. Orchestrations started then are still
 * replayed from their stored history, so running the declared graph must schedule exactly the same tasks.
 */
describe("runGraph over SETUP_STEPS", () => {
  const durations: Record<SetupStepId, number> = { preflight: 5, security: 0, circuit: 150, gateway: 1800, "virtual-circuit": 0, provisioning: 240, routing: 90, spokes: 0, verify: 30 };

  /** A stand-in for each setup step: calls, waits its duration polling every 30 s, calls again. */
  const stepFlow = (context: OrchestrationContext, id: SetupStepId, seconds: number): Flow<string> =>
    (function* () {
      const start = context.df.currentUtcDateTime.getTime();
      yield* call(Echo, { tag: `${id}-start` });
      for (let now = start; now < start + seconds * 1000; now = context.df.currentUtcDateTime.getTime()) {
        yield* sleepUntil(Math.min(now + 30_000, start + seconds * 1000));
        yield* call(Echo, { tag: `${id}-read` });
      }
      return id;
    })();

  function* handWired(context: OrchestrationContext, seconds: Record<SetupStepId, number>) {
    const step = (id: SetupStepId) => stepFlow(context, id, seconds[id]);
    yield* runFlow(context, step("preflight"));
    const branches = yield* runFlows(context, {
      security: step("security"),
      circuits: (function* () {
        yield* step("circuit");
        yield* step("virtual-circuit");
        yield* step("provisioning");
      })(),
      gateway: step("gateway"),
    });
    if (firstFailure(branches) !== undefined) throw firstFailure(branches);
    yield* runFlow(context, call(Echo, { tag: "checkpoint" }));
    yield* runFlow(context, step("routing"));
    yield* runFlow(context, step("verify"));
  }

  function* declared(context: OrchestrationContext, seconds: Record<SetupStepId, number>) {
    yield* runGraph(
      context,
      SETUP_STEPS,
      uniformFlows(SETUP_STEPS, (id) =>
        // Without spokes the spokes step schedules nothing: histories recorded before it existed replay unchanged.
        id === "spokes"
          ? // eslint-disable-next-line require-yield
            (function* () {
              return "no spokes";
            })()
          : id === "routing"
          ? (function* () {
              yield* call(Echo, { tag: "checkpoint" });
              return yield* stepFlow(context, id, seconds[id]);
            })()
          : stepFlow(context, id, seconds[id]),
      ),
    );
  }

  it.each([
    ["the gateway is the slowest", durations],
    ["the provider is the slowest", { ...durations, provisioning: 2400 }],
    ["everything is quick", { ...durations, gateway: 10, circuit: 10, provisioning: 10 }],
  ])("when %s, then the declared graph schedules exactly what the hand-wired composition did", (_case, seconds) => {
    const before = runScripted((context) => handWired(context, seconds), { activity: scriptOf() });
    const after = runScripted((context) => declared(context, seconds), { activity: scriptOf() });
    expect(before.error).toBeUndefined();
    expect(after.error).toBeUndefined();
    expect(after.log.length).toBeGreaterThan(20);
    expect(tagsOf(after.log, START_MS)).toEqual(tagsOf(before.log, START_MS));
  });
});
