// Timer triggers: 6-field NCRONTAB ("sec min hour day month day-of-week", UTC unless WEBSITE_TIME_ZONE/TZ) or a
// TimeSpan interval, %Setting% references, runOnStartup, isPastDue after a missed occurrence, and a singleton:
// one run of a timer function at a time, the next occurrence is computed after the run ends.
import { CronExpressionParser } from "cron-parser";
import type { Clock } from "../clock";
import { parseTimeSpan, resolveSettingReferences } from "../config";
import type { RpcTypedData } from "../core/coreTypes";
import type { InvocationOutcome } from "../core/invoker";

export interface TimerStatus {
  last: string;
  next: string;
  lastUpdated: string;
}

/** Where timer schedule status (last/next run) is kept between host runs. */
export interface TimerStatusStore {
  get(functionName: string): TimerStatus | undefined;
  set(functionName: string, status: TimerStatus): void;
}

export type Schedule = (after: number) => number;

export function parseSchedule(text: string, settings: Record<string, string | undefined>): Schedule {
  const expression = resolveSettingReferences(text, settings).trim();
  if (/^(\d+\.)?\d{1,2}:\d{1,2}:\d{1,2}$/.test(expression)) {
    const interval = parseTimeSpan(expression);
    if (interval <= 0) throw new Error(`Timer interval "${expression}" must be positive`);
    return (after) => after + interval;
  }
  const fields = expression.split(/\s+/);
  if (fields.length !== 6) throw new Error(`Timer schedule "${expression}" is not a 6-field NCRONTAB expression ({second} {minute} {hour} {day} {month} {day-of-week})`);
  const tz = process.env.WEBSITE_TIME_ZONE ?? process.env.TZ ?? "UTC";
  CronExpressionParser.parse(expression, { tz }); // fail at start-up, not at the first occurrence
  return (after) => CronExpressionParser.parse(expression, { currentDate: new Date(after), tz }).next().getTime();
}

// A run that starts later than this after its occurrence is reported as past due.
const pastDueToleranceMs = 1_000;

export interface TimerTriggerOptions {
  functionName: string;
  schedule: Schedule;
  runOnStartup: boolean;
  clock: Clock;
  status: TimerStatusStore;
  invoke(payload: RpcTypedData): Promise<InvocationOutcome>;
  track<T>(work: Promise<T>): Promise<T>;
  log(level: "info" | "warn" | "error", message: string): void;
}

export class TimerTrigger {
  private cancel: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly config: TimerTriggerOptions) {}

  start(): void {
    const { clock, status, functionName, runOnStartup } = this.config;
    const now = clock.now();
    const previous = status.get(functionName);
    if (previous && Date.parse(previous.next) < now) {
      this.fire(Date.parse(previous.next), true);
      return;
    }
    if (runOnStartup) {
      this.fire(now, false);
      return;
    }
    this.arm(previous ? Date.parse(previous.next) : this.config.schedule(now));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancel?.();
    await this.running;
  }

  private arm(at: number): void {
    if (this.stopped) return;
    this.cancel = this.config.clock.schedule(at, "trigger", () => this.fire(at, false));
  }

  private fire(scheduledAt: number, missed: boolean): void {
    if (this.stopped || this.running) return;
    const { clock, status, functionName, schedule } = this.config;
    const now = clock.now();
    const last = status.get(functionName)?.last ?? new Date(0).toISOString();
    const next = schedule(now);
    const payload = {
      Schedule: { AdjustForDST: true },
      ScheduleStatus: { Last: last, Next: new Date(next).toISOString(), LastUpdated: new Date(now).toISOString() },
      IsPastDue: missed || now - scheduledAt > pastDueToleranceMs,
    };
    status.set(functionName, { last: new Date(now).toISOString(), next: new Date(next).toISOString(), lastUpdated: new Date(now).toISOString() });
    // Re-arming happens inside the tracked work, so whoever waits for idle sees the next occurrence armed.
    this.running = this.config.track(
      this.config
        .invoke({ json: JSON.stringify(payload) })
        .then((outcome) => {
          if (!outcome.ok) this.config.log("error", `Timer function ${functionName} failed: ${outcome.error.message}`);
        })
        .finally(() => {
          this.running = undefined;
          // Singleton: the next occurrence is the first one after this run ended.
          this.arm(clock.now() > next ? schedule(clock.now()) : next);
        }),
    );
  }
}
