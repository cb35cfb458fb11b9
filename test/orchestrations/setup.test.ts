import { OperationProgress } from "../../orchestrations/flow/progress";
import { LifecycleOutcome } from "../../shared/domain/lifecycle";
import { HEALTH_SWEEP_ORCHESTRATOR, HealthSweepOutcome } from "../../shared/domain/health";
import { SETUP_STEPS } from "../../shared/domain/steps";
import { namedRequest, setup, teardown } from "../support/lifecycle";
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

  it("when a setup runs, then every step starts as soon as all the steps it depends on ended, and the gateway builds while the circuits provision", async () => {
    const { outcome, status } = await setup(stack, namedRequest("graph-link"));
    expect(outcome.status).toBe("succeeded");
    const times = new Map(OperationProgress.parse(status.customStatus).steps.map((step) => [step.id, { start: Date.parse(step.startedAt ?? ""), end: Date.parse(step.endedAt ?? "") }]));
    const timesOf = (id: string) => times.get(id) ?? { start: NaN, end: NaN };

    // Virtual time stands still while activities run, so a step released by its dependencies starts at the
    // instant the last of them ended.
    const violations = SETUP_STEPS.flatMap((step) => {
      const own = timesOf(step.id);
      if (!(own.end >= own.start)) return [`${step.id} has no start and end`];
      const ends = step.dependsOn.map((dependency) => timesOf(dependency).end);
      const early = step.dependsOn.filter((dependency) => own.start < timesOf(dependency).end).map((dependency) => `${step.id} started before ${dependency} ended`);
      const late = ends.length > 0 && own.start > Math.max(...ends) ? [`${step.id} waited after its dependencies ended`] : [];
      return [...early, ...late];
    });
    expect(violations).toEqual([]);

    // Independent branches overlap: the gateway is built while the circuit, the virtual circuit and provisioning run.
    const gateway = timesOf("gateway");
    const apart = ["circuit", "virtual-circuit", "provisioning"].filter((id) => !(gateway.start < timesOf(id).end && timesOf(id).start < gateway.end));
    expect(apart).toEqual([]);
    expect((await teardown(stack, "graph-link")).outcome.status).toBe("succeeded");
  });

  it("when a setup runs (its orchestrator replayed on every event), then the console gets its start, each step's end and its outcome once, and a quiet health sweep nothing", async () => {
    const from = stack.host.logs.length;
    expect((await setup(stack, namedRequest("log-link"))).outcome.status).toBe("succeeded");
    const lines = stack.host.logs.slice(from).filter((line) => line.includes("setup log-link"));
    expect(lines.filter((line) => !line.startsWith("info: "))).toEqual([]);
    expect(lines.filter((line) => line.includes("started (instance"))).toHaveLength(1);
    expect(SETUP_STEPS.map((step) => lines.filter((line) => line.includes(`setup log-link: step ${step.id} succeeded`)).length)).toEqual(SETUP_STEPS.map(() => 1));
    expect(lines.at(-1)).toBe("info: [SetupInterconnectOrchestrator] setup log-link succeeded: Active");
    expect(new Set(lines).size).toBe(lines.length);

    const beforeSweep = stack.host.logs.length;
    await stack.host.startNew(HEALTH_SWEEP_ORCHESTRATOR, { instanceId: "quiet-sweep", input: {} });
    expect(HealthSweepOutcome.parse((await stack.host.waitForCompletion("quiet-sweep", { timeoutMs: 30_000 })).output)).toMatchObject({ healthy: 1, changed: 0 });
    expect(stack.host.logs.slice(beforeSweep).filter((line) => !line.startsWith("debug: "))).toEqual([]);
    expect((await teardown(stack, "log-link")).outcome.status).toBe("succeeded");
  });
});
