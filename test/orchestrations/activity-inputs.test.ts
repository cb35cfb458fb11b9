import { type InProcessStack, startInProcessStack } from "../support/in-process-stack";
import { namedRequest, setup, teardown } from "../support/lifecycle";

jest.setTimeout(120_000);

/** The Durable Task history event of an activity being scheduled (its `Input` is the activity input as sent). */
const TASK_SCHEDULED = 4;

interface Scheduled {
  name: string;
  input: Record<string, unknown>;
}

/** The activity calls an instance scheduled, with their inputs, as its stored history holds them. */
function scheduledActivities(stack: InProcessStack, instanceId: string): Scheduled[] {
  const record = stack.host.host.engine.get(instanceId);
  if (!record) throw new Error(`no instance ${instanceId}`);
  return record.history.filter((event) => event.Name && event.Input && event.EventType === TASK_SCHEDULED).map((event) => ({ name: event.Name ?? "", input: JSON.parse(event.Input ?? "{}") as Record<string, unknown> }));
}

/** Only these need what the request says as a whole: preflight checks all of it, the first record stores it. */
const WHOLE_REQUEST = new Set(["PreflightActivity", "RecordOperationActivity"]);

describe("activity inputs in orchestration history", () => {
  let stack: InProcessStack;
  beforeAll(async () => {
    stack = await startInProcessStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("when an interconnect is set up and torn down, then activities get a reference and their own fields, never the whole request", async () => {
    const request = namedRequest("inputs-link", (r) => (r.traffic = [{ from: "azure", to: "oci", protocol: "tcp", ports: "1521", description: "a rule only the security step needs" }]));
    const built = await setup(stack, request);
    expect(built.outcome.status).toBe("succeeded");
    const removed = await teardown(stack, "inputs-link");
    expect(removed.outcome.status).toBe("succeeded");

    for (const instanceId of [built.instanceId, removed.instanceId]) {
      const calls = scheduledActivities(stack, instanceId);
      const network = calls.filter((call) => !WHOLE_REQUEST.has(call.name) && call.name !== "EmitEventActivity" && call.name !== "ReadDrgActivity" && !/^ReadOperations?Activity$/.test(call.name));
      expect(network.length).toBeGreaterThan(10);
      for (const call of network) {
        expect({ activity: call.name, ref: call.input.ref }).toEqual({ activity: call.name, ref: { name: "inputs-link", operationId: instanceId } });
        expect({ activity: call.name, request: call.input.request }).toEqual({ activity: call.name, request: undefined });
      }
      // The traffic rules ride only where they are applied.
      const carryingTraffic = calls.filter((call) => JSON.stringify(call.input).includes("a rule only the security step needs")).map((call) => call.name);
      expect(new Set(carryingTraffic)).toEqual(new Set(instanceId === built.instanceId ? ["PreflightActivity", "RecordOperationActivity", "ApplySecurityRulesActivity"] : []));
      // Polls are small: what a read needs is a reference, where the resource lives and its id.
      const polls = calls.filter((call) => /^Read(Circuit|Gateway|VirtualCircuit|Connection|SharedResources)Activity$/.test(call.name));
      expect(polls.length).toBeGreaterThan(0);
      expect(Math.max(...polls.map((call) => JSON.stringify(call.input).length))).toBeLessThan(400);
    }
  });
});
