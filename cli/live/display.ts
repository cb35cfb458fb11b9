import { type StepProgress } from "../../shared/domain/progress";
import { type OutputStream } from "../io";
import { formatDuration, stepDuration, stepSymbol, table } from "./format";

/** What a follow knows of an operation at one poll. */
export interface ProgressSnapshot {
  name: string;
  operation: string;
  /** The interconnect's state in the inventory (absent before the operation has recorded anything). */
  state?: string;
  steps: StepProgress[];
  /** Said while there is nothing else to show (e.g. the operation has not recorded its start yet). */
  note?: string;
}

export interface ProgressDisplay {
  update(snapshot: ProgressSnapshot): void;
}

/**
 * A running step's elapsed time is counted by this CLI from when it first saw the step running (as Terraform
 * does); a finished step shows how long it took by the server's timestamps.
 */
class Elapsed {
  private readonly firstSeen = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  of(step: StepProgress): string {
    if (step.status === "running") {
      const seen = this.firstSeen.get(step.id) ?? this.now();
      this.firstSeen.set(step.id, seen);
      return formatDuration(this.now() - seen);
    }
    this.firstSeen.delete(step.id);
    const took = stepDuration(step);
    return took === undefined ? "" : formatDuration(took);
  }
}

/** In a terminal: the whole table redrawn in place at every poll. */
class RedrawnDisplay implements ProgressDisplay {
  private drawn = 0;
  private readonly elapsed: Elapsed;
  private readonly started: number;

  constructor(
    private readonly out: OutputStream,
    private readonly now: () => number,
  ) {
    this.elapsed = new Elapsed(now);
    this.started = now();
  }

  update(snapshot: ProgressSnapshot): void {
    const header = `${snapshot.operation} ${snapshot.name}${snapshot.state ? ` · ${snapshot.state}` : ""} · ${formatDuration(this.now() - this.started)}`;
    const rows = table(snapshot.steps.map((step) => [`  ${stepSymbol(step.status)} ${step.id}`, step.status, this.elapsed.of(step), step.detail ?? ""]));
    const lines = [header, ...rows, ...(snapshot.note ? [`  ${snapshot.note}`] : [])];
    const width = this.out.columns && this.out.columns > 10 ? this.out.columns - 1 : undefined;
    const clipped = width ? lines.map((line) => (line.length > width ? `${line.slice(0, width - 1)}…` : line)) : lines;
    const rewind = this.drawn > 0 ? `\x1b[${this.drawn}A\r\x1b[J` : "";
    this.out.write(`${rewind}${clipped.join("\n")}\n`);
    this.drawn = clipped.length;
  }
}

/** Not a terminal (a log, a pipe, CI): one line per change of a step's status or detail, or of the state. */
class LineDisplay implements ProgressDisplay {
  private readonly printed = new Map<string, string>();
  private state: string | undefined;
  private note: string | undefined;
  private readonly started: number;

  constructor(
    private readonly out: OutputStream,
    private readonly now: () => number,
  ) {
    this.started = now();
  }

  private line(text: string): void {
    this.out.write(`[${formatDuration(this.now() - this.started).padStart(6)}] ${text}\n`);
  }

  update(snapshot: ProgressSnapshot): void {
    if (snapshot.note && snapshot.note !== this.note) this.line(snapshot.note);
    this.note = snapshot.note;
    for (const step of snapshot.steps) {
      if (step.status === "pending") continue;
      const key = `${step.status}\u0000${step.detail ?? ""}`;
      if (this.printed.get(step.id) === key) continue;
      this.printed.set(step.id, key);
      const took = step.status === "running" ? undefined : stepDuration(step);
      this.line(`${step.id} ${step.status}${took === undefined ? "" : ` in ${formatDuration(took)}`}${step.detail ? `: ${step.detail}` : ""}`);
    }
    if (snapshot.state && snapshot.state !== this.state) this.line(`${snapshot.name} is ${snapshot.state}`);
    this.state = snapshot.state ?? this.state;
  }
}

export function createDisplay(out: OutputStream, now: () => number): ProgressDisplay {
  return out.isTTY ? new RedrawnDisplay(out, now) : new LineDisplay(out, now);
}
