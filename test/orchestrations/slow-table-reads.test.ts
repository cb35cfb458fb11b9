import { type InProcessStack, startInProcessStack } from "../support/in-process-stack";
import { namedRequest, setup, teardown } from "../support/lifecycle";

jest.setTimeout(120_000);

interface StepView {
  id: string;
  status: string;
  detail?: string;
}

/**
 * The circuit's ARP and route tables are ARM long-running reads. The dev host's clock stands still while an
 * activity runs, so an activity that waited for a read taking emulated minutes would never return: setup
 * completing here shows the connection test polls those reads between durable timers instead.
 */
describe("connection test with slow circuit table reads", () => {
  let stack: InProcessStack;
  beforeAll(async () => {
    stack = await startInProcessStack({ durations: { armAction: 2 * 60_000 } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("when each ARP or routes table read takes two minutes, then setup still completes with the tables as evidence", async () => {
    const { outcome, status } = await setup(stack, namedRequest("slow-read-link"));
    expect(outcome.status).toBe("succeeded");
    expect(outcome.evidence).toMatchObject({ azureLearnedPrefixes: { primary: ["10.20.0.0/16"], secondary: ["10.20.0.0/16"] }, arpNeighbours: { primary: expect.arrayContaining(["10.99.0.1"]) } });
    const verify = (status.customStatus as { steps: StepView[] }).steps.find((step) => step.id === "verify");
    expect(verify?.status).toBe("succeeded");
    expect((await teardown(stack, "slow-read-link")).outcome.status).toBe("succeeded");
  });
});
