import { LifecycleOutcome } from "../../shared/domain/lifecycle";
import { designRequest } from "../support/requests";
import { type InProcessStack, startInProcessStack } from "../support/in-process-stack";

jest.setTimeout(60_000);

describe("setup orchestration (in-process host, emulators, virtual clock)", () => {
  let stack: InProcessStack;
  beforeAll(async () => {
    stack = await startInProcessStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("when DESIGN.md's example is posted, then setup completes with BGP up and evidence, and teardown leaves no orphan", async () => {
    const post = await stack.host.http.request("POST", "/api/interconnects", { json: designRequest() });
    expect(post.status).toBe(202);
    const { instanceId } = post.json<{ instanceId: string }>();
    const status = await stack.host.waitForCompletion(instanceId, { timeoutMs: 50_000 });
    const outcome = LifecycleOutcome.parse(status.output);
    expect(outcome).toMatchObject({ status: "succeeded" });
    expect(outcome.evidence).toMatchObject({ bgpSessionState: "UP", connectionStatus: "Connected" });

    const detail = await stack.host.http.request("GET", "/api/interconnects/erp-db-link");
    expect(detail.json<{ state: string }>().state).toBe("Active");

    const teardown = await stack.host.http.request("DELETE", "/api/interconnects/erp-db-link");
    expect(teardown.status).toBe(202);
    const done = await stack.host.waitForCompletion(teardown.json<{ instanceId: string }>().instanceId, { timeoutMs: 50_000 });
    expect(LifecycleOutcome.parse(done.output).status).toBe("succeeded");
    expect(await stack.emulators.admin.orphans()).toEqual([]);
  });
});
