import { OperationProgress, Progress } from "../../../orchestrations/flow/progress";

const STEPS = [
  { id: "preflight", title: "Check" },
  { id: "circuit", title: "Circuit" },
  { id: "gateway", title: "Gateway" },
  { id: "routing", title: "Routing" },
];

/** A Progress over a fake orchestration clock that keeps every published custom status. */
function tracked() {
  const clock = { currentUtcDateTime: new Date("2026-11-22T12:00:00Z") };
  const published: OperationProgress[] = [];
  const progress = new Progress({ get currentUtcDateTime() { return clock.currentUtcDateTime; }, setCustomStatus: (status) => published.push(OperationProgress.parse(structuredClone(status))) }, "setup", "erp-db-link", STEPS);
  const at = (iso: string) => (clock.currentUtcDateTime = new Date(iso));
  const statusOf = (id: string) => progress.snapshot().steps.find((step) => step.id === id);
  return { progress, published, at, statusOf };
}

describe("Progress (custom status of a lifecycle operation)", () => {
  it("when an operation begins, then its status is published at once with every step pending and the first as the current step (never null)", () => {
    const { published } = tracked();
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ operation: "setup", name: "erp-db-link", step: "preflight" });
    expect(published[0]?.steps.map((step) => step.status)).toEqual(["pending", "pending", "pending", "pending"]);
  });

  it("when steps start and end, then each records its state, its times from the orchestration clock and its detail", () => {
    const { progress, at, statusOf } = tracked();
    progress.start("preflight");
    at("2026-11-22T12:01:00Z");
    progress.succeed("preflight", "0 warning(s)");
    progress.skip("routing", "nothing to route");
    expect(statusOf("preflight")).toEqual({ id: "preflight", title: "Check", status: "succeeded", startedAt: "2026-11-22T12:00:00.000Z", endedAt: "2026-11-22T12:01:00.000Z", detail: "0 warning(s)" });
    expect(statusOf("routing")).toMatchObject({ status: "skipped", detail: "nothing to route" });
    expect(statusOf("circuit")).toEqual({ id: "circuit", title: "Circuit", status: "pending" });
  });

  it("when steps run side by side, then the current step is one still running, and between steps the one that ended last (never null)", () => {
    const { progress, published } = tracked();
    progress.start("preflight");
    progress.succeed("preflight");
    expect(progress.snapshot().step).toBe("preflight");
    progress.start("circuit");
    progress.start("gateway");
    progress.succeed("gateway");
    expect(progress.snapshot().step).toBe("circuit");
    progress.succeed("circuit");
    expect(progress.snapshot().step).toBe("circuit");
    expect(published.map((status) => status.step)).not.toContain(null);
  });

  it("when two steps fail, then the first failure stays the operation's error", () => {
    const { progress, statusOf } = tracked();
    progress.start("circuit");
    progress.start("gateway");
    progress.fail("gateway", { cloud: "azure", code: "GatewayFailed", message: "no capacity" });
    progress.fail("circuit", { cloud: "azure", code: "CircuitFailed", message: "later" });
    expect(progress.snapshot().error).toEqual({ cloud: "azure", code: "GatewayFailed", message: "no capacity", step: "gateway" });
    expect(statusOf("gateway")).toMatchObject({ status: "failed", detail: "GatewayFailed: no capacity" });
    expect(statusOf("circuit")).toMatchObject({ status: "failed", detail: "CircuitFailed: later" });
  });

  it("when the operation stops after a failure, then running steps end skipped with the reason and the current step is the failed one", () => {
    const { progress, at, statusOf } = tracked();
    progress.start("circuit");
    progress.start("gateway");
    at("2026-11-22T12:05:00Z");
    progress.fail("circuit", { cloud: "oci", code: "VirtualCircuitFailed", message: "bad key" });
    progress.stopRunning("stopped: circuit failed");
    expect(statusOf("gateway")).toMatchObject({ status: "skipped", endedAt: "2026-11-22T12:05:00.000Z", detail: "stopped: circuit failed" });
    expect(statusOf("preflight")?.status).toBe("pending");
    expect(progress.snapshot().step).toBe("circuit");
  });

  it("when a rollback undoes steps, then only succeeded steps become compensated and the rollback step is added once", () => {
    const { progress, statusOf } = tracked();
    progress.start("preflight");
    progress.succeed("preflight");
    progress.start("circuit");
    progress.fail("circuit", { cloud: "azure", code: "Nope", message: "nope" });
    progress.addStep("rollback", "Undo");
    progress.addStep("rollback", "Undo");
    progress.markCompensated(progress.succeededSteps());
    expect(statusOf("preflight")?.status).toBe("compensated");
    expect(statusOf("circuit")?.status).toBe("failed");
    expect(progress.snapshot().steps.filter((step) => step.id === "rollback")).toHaveLength(1);
  });

  it("when a detail does not change, then nothing is republished; an unknown step is a programming error", () => {
    const { progress, published } = tracked();
    progress.start("gateway");
    progress.detail("gateway", "poll 1: Updating");
    const count = published.length;
    progress.detail("gateway", "poll 1: Updating");
    expect(published).toHaveLength(count);
    expect(() => progress.start("nonexistent")).toThrow("unknown step nonexistent");
  });
});
