// Timer trigger mechanics under the virtual clock: NCRONTAB and TimeSpan schedules, %settings%, runOnStartup,
// isPastDue after a missed occurrence, and no overlapping runs of one timer function.
import { VirtualClock } from "../src/clock";
import type { RpcTypedData } from "../src/core/coreTypes";
import type { InvocationOutcome } from "../src/core/invoker";
import { parseSchedule, TimerTrigger, type TimerStatus } from "../src/triggers/timer";

const t0 = Date.parse("2030-01-01T00:00:30Z");
const ok: InvocationOutcome = { ok: true, response: {}, context: undefined, invocationId: "x" };

function harness(options: { schedule: string; runOnStartup?: boolean; status?: TimerStatus; handler?: () => Promise<void> }) {
  const clock = new VirtualClock(t0);
  const statuses = new Map<string, TimerStatus>(options.status ? [["tick", options.status]] : []);
  const runs: Array<{ at: string; isPastDue: boolean }> = [];
  const inFlight = new Set<Promise<unknown>>();
  const trigger = new TimerTrigger({
    functionName: "tick",
    schedule: parseSchedule(options.schedule, { EVERY_MINUTE: "0 * * * * *" }),
    runOnStartup: options.runOnStartup ?? false,
    clock,
    status: { get: (name) => statuses.get(name), set: (name, status) => statuses.set(name, status) },
    invoke: async (payload: RpcTypedData) => {
      const timer = JSON.parse(payload.json as string) as { IsPastDue: boolean };
      runs.push({ at: new Date(clock.now()).toISOString(), isPastDue: timer.IsPastDue });
      await options.handler?.();
      return ok;
    },
    track: (work) => {
      inFlight.add(work);
      return work.finally(() => inFlight.delete(work));
    },
    log: () => undefined,
  });
  /** Fires due timers one by one, letting each run finish first (what the test host's clock.advance does). */
  const advanceTo = async (iso: string) => {
    const target = Date.parse(iso);
    for (;;) {
      await Promise.all([...inFlight]);
      if (!clock.fireNext(target)) break;
    }
    clock.setNow(target);
  };
  return { trigger, runs, advanceTo, clock, inFlight };
}

it("when the schedule names an app setting, then the setting's NCRONTAB expression drives the runs", async () => {
  const { trigger, runs, advanceTo } = harness({ schedule: "%EVERY_MINUTE%" });
  trigger.start();
  await advanceTo("2030-01-01T00:02:10Z");
  expect(runs).toEqual([
    { at: "2030-01-01T00:01:00.000Z", isPastDue: false },
    { at: "2030-01-01T00:02:00.000Z", isPastDue: false },
  ]);
});

it("when the schedule is a TimeSpan and runOnStartup is set, then it runs at once and then every interval", async () => {
  const { trigger, runs, advanceTo } = harness({ schedule: "00:00:20", runOnStartup: true });
  trigger.start();
  await advanceTo("2030-01-01T00:01:15Z");
  expect(runs.map((run) => run.at)).toEqual(["2030-01-01T00:00:30.000Z", "2030-01-01T00:00:50.000Z", "2030-01-01T00:01:10.000Z"]);
});

it("when the host was down over an occurrence, then the timer runs on start with isPastDue", async () => {
  const { trigger, runs } = harness({ schedule: "0 * * * * *", status: { last: "2029-12-31T23:58:00Z", next: "2029-12-31T23:59:00Z", lastUpdated: "2029-12-31T23:58:00Z" } });
  trigger.start();
  await Promise.resolve();
  expect(runs).toEqual([{ at: "2030-01-01T00:00:30.000Z", isPastDue: true }]);
});

it("when a run outlasts later occurrences, then nothing overlaps it and the next run is the first occurrence after it ends", async () => {
  let release: () => void = () => undefined;
  const { trigger, runs, clock, inFlight } = harness({ schedule: "*/10 * * * * *", handler: () => new Promise<void>((resolve) => (release = resolve)) });
  trigger.start();
  expect(clock.fireNext(Date.parse("2030-01-01T00:00:40Z"))).toBe(true);
  clock.setNow(Date.parse("2030-01-01T00:01:05Z")); // 00:00:50 and 00:01:00 pass while the first run is busy
  expect(clock.next()).toBeUndefined();
  release();
  await Promise.all([...inFlight]);
  expect(runs).toHaveLength(1);
  expect(new Date(clock.next() as number).toISOString()).toBe("2030-01-01T00:01:10.000Z");
});

it("when a schedule has five fields, then it is rejected as not NCRONTAB", () => {
  expect(() => parseSchedule("*/5 * * * *", {})).toThrow(/6-field NCRONTAB/);
});
