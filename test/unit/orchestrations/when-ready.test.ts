import { z } from "zod";
import { okFailedOrNotReady } from "../../../orchestrations/contracts/common";
import { defineActivity } from "../../../orchestrations/flow/contract";
import { StepFailure } from "../../../orchestrations/flow/failure";
import { callWhenReady } from "../../../orchestrations/lifecycle/when-ready";
import { runFlowScripted, START_MS } from "../../support/scripted-orchestration";

const StartThing = defineActivity("StartThingActivity", z.object({ name: z.string() }), okFailedOrNotReady({ id: z.string() }));

/** Answers StartThing with the given outputs in turn (the last one repeats). */
const answers = (outputs: unknown[]) => {
  let calls = 0;
  return () => outputs[Math.min(calls++, outputs.length - 1)];
};

/** Seconds each durable wait lasted. */
const waitsOf = (requests: ReturnType<typeof runFlowScripted>["requests"]) => requests.flatMap((request) => (request.kind === "sleep" ? [(request.untilMs - request.atMs) / 1000] : []));

function startThing(deadlineSeconds: number, onWait?: (reason: string) => void) {
  return (nowMs: () => number) => callWhenReady(StartThing, { name: "a" }, { step: "gateway", what: "create the thing", deadlineMs: START_MS + deadlineSeconds * 1000, nowMs, ...(onWait ? { onWait } : {}) });
}

describe("callWhenReady (scripted flow, virtual time)", () => {
  it("when the activity answers notReady twice, then it is called again after durable waits that back off, and its ok answer is returned", () => {
    const reasons: string[] = [];
    const busy = { kind: "notReady", reason: "the GatewaySubnet is Updating" };
    const run = runFlowScripted(startThing(3600, (reason) => reasons.push(reason)), answers([busy, busy, { kind: "ok", id: "thing-1" }]));
    expect(run.result).toEqual({ kind: "ok", id: "thing-1" });
    expect(run.requests.filter((request) => request.kind === "call")).toHaveLength(3);
    expect(waitsOf(run.requests)).toEqual([5, 10]);
    expect(reasons).toEqual(["the GatewaySubnet is Updating", "the GatewaySubnet is Updating"]);
  });

  it("when the activity fails permanently, then the failure is returned at once without waiting", () => {
    const failed = { kind: "failed", error: { cloud: "azure", code: "Forbidden", message: "no" } };
    const run = runFlowScripted(startThing(60), answers([failed]));
    expect(run.result).toEqual(failed);
    expect(run.requests).toHaveLength(1);
  });

  it("when the resource stays busy past the step's deadline, then the step fails with ResourceNotReady and the last reason", () => {
    const run = runFlowScripted(startThing(60), answers([{ kind: "notReady", reason: "AnotherOperationInProgress: the VNet is being updated" }]));
    expect(run.error).toBeInstanceOf(StepFailure);
    expect((run.error as StepFailure).failure).toMatchObject({
      cloud: "interlink",
      code: "ResourceNotReady",
      message: expect.stringMatching(/^the wait to create the thing did not finish before the deadline .*last state: AnotherOperationInProgress: the VNet is being updated$/),
    });
    expect(waitsOf(run.requests)).toEqual([5, 10, 20, 25]);
  });
});
