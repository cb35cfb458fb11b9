import { StepFailure } from "../../../orchestrations/flow/failure";
import { call } from "../../../orchestrations/flow/steps";
import { type WaitOptions, waitUntil } from "../../../orchestrations/flow/wait";
import { pollScheduleFor, TYPICAL_DURATIONS } from "../../../shared/domain/typical-durations";
import { runFlowScripted, START_MS } from "../../support/scripted-orchestration";
import { ReadState, scriptOf } from "./activities";

type State = { state: string };

/** A wait on ReadState that is done at "Succeeded", with a deadline `deadlineSeconds` after the start. */
function waitFor(deadlineSeconds: number, extra: Partial<WaitOptions<State>> = {}) {
  return (nowMs: () => number) =>
    waitUntil<State>({
      step: "gateway",
      what: "the gateway",
      read: () => call(ReadState, { what: "gateway" }),
      isDone: (read) => read.state === "Succeeded",
      describe: (read) => read.state,
      deadlineMs: START_MS + deadlineSeconds * 1000,
      nowMs,
      ...extra,
    });
}

/** Seconds between consecutive sleeps' start and end, i.e. the backoff the wait used. */
const sleepsOf = (requests: ReturnType<typeof runFlowScripted>["requests"]) =>
  requests.flatMap((request) => (request.kind === "sleep" ? [(request.untilMs - request.atMs) / 1000] : []));

describe("waitUntil (scripted flow, virtual time)", () => {
  it("when the resource is still building, then reads back off 10 s, 20 s, then every 30 s", () => {
    const states = [...Array<string>(7).fill("Updating"), "Succeeded"];
    const run = runFlowScripted(waitFor(3600), scriptOf(states));
    expect(run.error).toBeUndefined();
    expect(sleepsOf(run.requests)).toEqual([10, 20, 30, 30, 30, 30, 30]);
    expect(run.result).toEqual({ state: { state: "Succeeded" }, polls: 8 });
  });

  it("when the deadline comes first, then the last sleep ends at the deadline and the step fails with a timeout naming the last state", () => {
    const run = runFlowScripted(waitFor(95), scriptOf(["Updating"]));
    // 10 + 20 + 30 + 30 would pass the deadline at 95 s: the last sleep is cut to 5 s.
    expect(sleepsOf(run.requests)).toEqual([10, 20, 30, 30, 5]);
    expect(run.nowMs).toBe(START_MS + 95_000);
    expect(run.error).toBeInstanceOf(StepFailure);
    const failure = run.error as StepFailure;
    expect(failure.step).toBe("gateway");
    expect(failure.failure).toMatchObject({ cloud: "interlink", code: "ProvisioningTimeout" });
    expect(failure.failure.message).toBe("the gateway did not finish before the deadline (2026-11-22T12:01:35.000Z); last state: Updating");
  });

  it("when the caller names the timeout, then the deadline failure carries that code", () => {
    const run = runFlowScripted(waitFor(0, { timeoutCode: "ConnectionTestFailed" }), scriptOf(["Updating"]));
    expect(run.requests).toHaveLength(1);
    expect((run.error as StepFailure).failure.code).toBe("ConnectionTestFailed");
  });

  it("when a read shows a state that can never finish, then the wait fails at once with that failure", () => {
    const failure = (read: State) => (read.state === "Failed" ? { cloud: "azure" as const, code: "ProvisioningFailed", message: "the gateway failed" } : null);
    const run = runFlowScripted(waitFor(3600, { failure }), scriptOf(["Updating", "Failed", "Succeeded"]));
    expect(run.requests.map((request) => request.kind)).toEqual(["call", "sleep", "call"]);
    expect(run.error).toBeInstanceOf(StepFailure);
    expect((run.error as StepFailure).failure).toEqual({ cloud: "azure", code: "ProvisioningFailed", message: "the gateway failed" });
  });

  it("when polling, then every read is reported with its number, and a custom backoff is used as given", () => {
    const polls: string[] = [];
    const run = runFlowScripted(
      waitFor(3600, { onPoll: (read, count) => polls.push(`${count}:${read.state}`), backoff: { initialMs: 5_000, maxMs: 12_000, factor: 3 } }),
      scriptOf(["Creating", "Updating", "Updating", "Succeeded"]),
    );
    expect(polls).toEqual(["1:Creating", "2:Updating", "3:Updating", "4:Succeeded"]);
    expect(sleepsOf(run.requests)).toEqual([5, 12, 12]);
  });

  describe("with a poll schedule from the resource's typical duration", () => {
    /** Seconds after the start at which each read happened. */
    const readsAt = (requests: ReturnType<typeof runFlowScripted>["requests"]) => requests.flatMap((request) => (request.kind === "call" ? [(request.atMs - START_MS) / 1000] : []));

    it("when the gateway takes a little over its typical half hour, then the first read comes at the half hour, then one every 30 s, and nothing is read before", () => {
      const schedule = pollScheduleFor("expressRouteGateway");
      expect(schedule).toEqual({ firstReadMs: 30 * 60_000, intervalMs: 30_000 });
      const run = runFlowScripted(waitFor(7200, { schedule }), scriptOf(["Updating", "Succeeded"]));
      expect(readsAt(run.requests)).toEqual([1800, 1830]);
      expect(run.result).toEqual({ state: { state: "Succeeded" }, polls: 2 });
    });

    it("when the resource takes longer than usual, then reads keep the fixed interval (no backoff) until it is done", () => {
      const run = runFlowScripted(waitFor(3600, { schedule: { firstReadMs: 120_000, intervalMs: 30_000 } }), scriptOf([...Array<string>(6).fill("Updating"), "Succeeded"]));
      expect(readsAt(run.requests)).toEqual([120, 150, 180, 210, 240, 270, 300]);
    });

    it("when the deadline comes before the typical duration, then the deadline is unchanged: the one read happens at it and the step times out", () => {
      const run = runFlowScripted(waitFor(600, { schedule: pollScheduleFor("expressRouteGateway") }), scriptOf(["Updating"]));
      expect(readsAt(run.requests)).toEqual([600]);
      expect(run.nowMs).toBe(START_MS + 600_000);
      expect((run.error as StepFailure).failure).toMatchObject({ code: "ProvisioningTimeout", message: expect.stringContaining("(2026-11-22T12:10:00.000Z)") });
    });

    it("when a wait may already be done (read at once), then its first read comes at the start", () => {
      const run = runFlowScripted(waitFor(3600, { schedule: { firstReadMs: 0, intervalMs: 6_000 } }), scriptOf(["Updating", "Succeeded"]));
      expect(readsAt(run.requests)).toEqual([0, 6]);
    });
  });

  describe("pollScheduleFor", () => {
    it("when a change takes its typical time, then one read at that time sees it done; after that, reads come every fifth of it, at most every 30 s", () => {
      expect(pollScheduleFor("armSmallChange")).toEqual({ firstReadMs: 5_000, intervalMs: 1_000 });
      expect(pollScheduleFor("gatewayConnection")).toEqual({ firstReadMs: 90_000, intervalMs: 18_000 });
      expect(pollScheduleFor("expressRouteCircuit")).toEqual({ firstReadMs: 150_000, intervalMs: 30_000 });
      for (const typical of Object.values(TYPICAL_DURATIONS)) {
        const schedule = pollScheduleFor(typical);
        expect(schedule.firstReadMs).toBe(typical.ms);
        expect(schedule.intervalMs).toBeLessThanOrEqual(30_000);
      }
    });
  });
});
