import { type InProcessStack, startInProcessStack } from "../support/in-process-stack";
import { HEALTH_SWEEP_ORCHESTRATOR, HealthSweepOutcome } from "../../shared/domain/health";
import { namedRequest, run, setup, teardown } from "../support/lifecycle";

jest.setTimeout(120_000);

interface StepView {
  id: string;
  status: string;
  detail?: string;
}

/**
 * The circuit's ARP and route tables are ARM long-running reads. The dev host's clock stands still while an
 * activity runs, so an activity that waited for a read taking emulated minutes would never return: setup and
 * the sweep completing here show both poll those reads between durable timers instead.
 */
describe("connection test and health sweep with slow circuit table reads", () => {
  let stack: InProcessStack;
  beforeAll(async () => {
    stack = await startInProcessStack({ durations: { armAction: 2 * 60_000 } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("when each ARP or routes table read takes two minutes, then setup completes with the tables as evidence and a sweep checks it healthy", async () => {
    const { outcome, status } = await setup(stack, namedRequest("slow-read-link"));
    expect(outcome.status).toBe("succeeded");
    expect(outcome.evidence).toMatchObject({ azureLearnedPrefixes: { primary: ["10.20.0.0/16"], secondary: ["10.20.0.0/16"] }, arpNeighbours: { primary: expect.arrayContaining(["10.99.0.1"]) } });
    const verify = (status.customStatus as { steps: StepView[] }).steps.find((step) => step.id === "verify");
    expect(verify?.status).toBe("succeeded");

    // The sweep's checks do not wait for the tables either: they come back pending and are checked again.
    await stack.host.startNew(HEALTH_SWEEP_ORCHESTRATOR, { instanceId: "slow-sweep", input: {} });
    const sweep = HealthSweepOutcome.parse((await stack.host.waitForCompletion("slow-sweep", { timeoutMs: 60_000 })).output);
    expect(sweep).toMatchObject({ checked: 1, healthy: 1, failedChecks: [] });
    const report = (await run(stack, "GET", "/api/interconnects/slow-read-link/health")).body;
    expect(report).toMatchObject({ verdict: "healthy", azure: { learnedVcnPrefixes: { primary: ["10.20.0.0/16"], secondary: ["10.20.0.0/16"] } } });

    expect((await teardown(stack, "slow-read-link")).outcome.status).toBe("succeeded");
  });
});
