import { isoAt } from "../../shared/domain/time";
import { type Failure } from "./contract";
import { OperationProgress, StepProgress, StepStatus } from "../../shared/domain/progress";

// The schemas live in the domain: the inventory stores the steps and the HTTP view parses the live status.
export { OperationProgress, StepProgress, StepStatus };

interface Publisher {
  currentUtcDateTime: Date;
  setCustomStatus(status: unknown): void;
}

/**
 * Tracks step states and republishes them as custom status on every change (visible after the next
 * yield). Times come from the orchestration clock, so replays reproduce them exactly.
 */
export class Progress {
  private readonly state: OperationProgress;

  constructor(
    private readonly df: Publisher,
    operation: string,
    name: string,
    steps: ReadonlyArray<{ id: string; title: string }>,
    /** Told once per step that ends (succeeded, failed or skipped). */
    private readonly onStepEnd?: (step: StepProgress) => void,
  ) {
    // Published at once, with the first step as current, so a watcher never sees no status or no step.
    this.state = { operation, name, step: steps[0]?.id ?? null, steps: steps.map((step) => ({ id: step.id, title: step.title, status: "pending" })) };
    this.publish();
  }

  /** Adds a step that only some runs have (e.g. rollback), at the end. */
  addStep(id: string, title: string): void {
    if (!this.state.steps.some((step) => step.id === id)) this.state.steps.push({ id, title, status: "pending" });
  }

  start(id: string, detail?: string): void {
    delete this.find(id).nextCheckAt;
    this.change(id, { status: "running", startedAt: this.now(), ...(detail ? { detail } : {}) });
    this.state.step = id;
    this.publish();
  }

  detail(id: string, detail: string): void {
    const step = this.find(id);
    if (step.detail === detail) return;
    step.detail = detail;
    this.publish();
  }

  /** A running step waits until `untilMs` (orchestration clock) before it checks again. */
  nextCheck(id: string, untilMs: number): void {
    const step = this.find(id);
    const at = isoAt(untilMs);
    if (step.status !== "running" || step.nextCheckAt === at) return;
    step.nextCheckAt = at;
    this.publish();
  }

  succeed(id: string, detail?: string): void {
    this.end(id, "succeeded", detail);
  }

  skip(id: string, detail: string): void {
    this.end(id, "skipped", detail);
  }

  /** Marks a step failed; the first failure stays the operation's error (later ones are consequences). */
  fail(id: string, failure: Failure): void {
    this.state.error ??= { ...failure, step: id };
    this.end(id, "failed", `${failure.code}: ${failure.message}`);
  }

  /**
   * Steps still running when the operation stops (a parallel branch failed) end as skipped, with why; the
   * current step becomes the one that failed.
   */
  stopRunning(reason: string): void {
    for (const step of this.state.steps) {
      if (step.status !== "running") continue;
      delete step.nextCheckAt;
      Object.assign(step, { status: "skipped", endedAt: this.now(), detail: reason });
    }
    this.state.step = this.state.error?.step ?? this.state.step;
    this.publish();
  }

  markCompensated(ids: string[]): void {
    for (const id of ids) {
      const step = this.state.steps.find((candidate) => candidate.id === id);
      if (step && step.status === "succeeded") step.status = "compensated";
    }
    this.publish();
  }

  snapshot(): OperationProgress {
    return structuredClone(this.state);
  }

  succeededSteps(): string[] {
    return this.state.steps.filter((step) => step.status === "succeeded").map((step) => step.id);
  }

  private end(id: string, status: StepStatus, detail?: string): void {
    delete this.find(id).nextCheckAt;
    this.change(id, { status, endedAt: this.now(), ...(detail ? { detail } : {}) });
    this.onStepEnd?.(structuredClone(this.find(id)));
    // Until the next step starts, the one that just ended stays current (a watcher never sees a gap).
    const stillRunning = this.state.steps.filter((step) => step.status === "running");
    this.state.step = stillRunning.at(-1)?.id ?? id;
    this.publish();
  }

  private change(id: string, patch: Partial<StepProgress>): void {
    Object.assign(this.find(id), patch);
  }

  private find(id: string): StepProgress {
    const step = this.state.steps.find((candidate) => candidate.id === id);
    if (!step) throw new Error(`unknown step ${id}`);
    return step;
  }

  private now(): string {
    return this.df.currentUtcDateTime.toISOString();
  }

  private publish(): void {
    this.df.setCustomStatus(this.state);
  }
}
