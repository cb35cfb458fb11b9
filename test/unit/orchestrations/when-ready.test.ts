import { z } from "zod";
import { okFailedOrNotReady } from "../../../orchestrations/contracts/common";
import { defineActivity } from "../../../orchestrations/flow/contract";
import { StepFailure } from "../../../orchestrations/flow/failure";
import { type Flow } from "../../../orchestrations/flow/steps";
import { callWhenReady, type WhenReadyOptions } from "../../../orchestrations/lifecycle/when-ready";

const StartThing = defineActivity("StartThingActivity", z.object({ name: z.string() }), okFailedOrNotReady({ id: z.string() }));

/** The orchestration clock a flow reads; the driver moves it to each durable timer's wake-up. */
class Clock {
  now = 0;
}

/** Drives a flow as the scheduler would: answers its calls in order and fires each timer it asks for. */
function drive<T>(flow: Flow<T>, clock: Clock, answers: unknown[]): { value?: T; error?: unknown; calls: number; waits: number[] } {
  const waits: number[] = [];
  let calls = 0;
  try {
    for (let next = flow.next(); ; ) {
      if (next.done) return { value: next.value, calls, waits };
      if (next.value.kind === "call") next = flow.next(answers[calls++]);
      else {
        waits.push(next.value.untilMs - clock.now);
        clock.now = next.value.untilMs;
        next = flow.next();
      }
    }
  } catch (error) {
    return { error, calls, waits };
  }
}

const options = (clock: Clock, deadlineMs: number, onWait?: (reason: string) => void): WhenReadyOptions => ({ step: "gateway", what: "create the thing", deadlineMs, nowMs: () => clock.now, ...(onWait ? { onWait } : {}) });

describe("callWhenReady", () => {
  it("when the activity answers notReady twice, then it is called again after durable waits that back off, and its ok answer is returned", () => {
    const clock = new Clock();
    const reasons: string[] = [];
    const busy = { kind: "notReady", reason: "the GatewaySubnet is Updating" };
    const result = drive(callWhenReady(StartThing, { name: "a" }, options(clock, 3_600_000, (reason) => reasons.push(reason))), clock, [busy, busy, { kind: "ok", id: "thing-1" }]);
    expect(result).toEqual({ value: { kind: "ok", id: "thing-1" }, calls: 3, waits: [5_000, 10_000] });
    expect(reasons).toEqual(["the GatewaySubnet is Updating", "the GatewaySubnet is Updating"]);
  });

  it("when the activity fails permanently, then the failure is returned at once without waiting", () => {
    const clock = new Clock();
    const failed = { kind: "failed", error: { cloud: "azure", code: "Forbidden", message: "no" } };
    expect(drive(callWhenReady(StartThing, { name: "a" }, options(clock, 60_000)), clock, [failed])).toEqual({ value: failed, calls: 1, waits: [] });
  });

  it("when the resource stays busy past the step's deadline, then the step fails with ResourceNotReady and the last reason", () => {
    const clock = new Clock();
    const busy = Array.from({ length: 20 }, () => ({ kind: "notReady", reason: "AnotherOperationInProgress: the VNet is being updated" }));
    const result = drive(callWhenReady(StartThing, { name: "a" }, options(clock, 60_000)), clock, busy);
    expect(result.error).toBeInstanceOf(StepFailure);
    expect((result.error as StepFailure).failure).toMatchObject({
      cloud: "interlink",
      code: "ResourceNotReady",
      message: expect.stringMatching(/^the wait to create the thing did not finish before the deadline .*last state: AnotherOperationInProgress: the VNet is being updated$/),
    });
    expect(result.waits).toEqual([5_000, 10_000, 20_000, 25_000]);
  });
});
