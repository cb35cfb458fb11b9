import { HealthSweepInput } from "../../../shared/domain/health";
import { cheapCalls, DEEP_CHECK_CALLS, planSweep, type SweepTarget } from "../../../shared/domain/health-plan";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.parse("2026-11-22T12:00:00Z");
const input = (change: Partial<HealthSweepInput> = {}) => HealthSweepInput.parse({ scheduleMs: 5 * MINUTE, deepCheckIntervalMs: HOUR, ...change });
const fleet = (count: number, age: (index: number) => number | null, scopes = 1): SweepTarget[] =>
  Array.from({ length: count }, (_unused, index) => ({ name: `l${String(index).padStart(5, "0")}`, scope: index % scopes, deepCheckedAt: age(index) }));

describe("planning a health sweep", () => {
  it("when deep checks are spread over the last hour, then a sweep takes its share, oldest first", () => {
    const targets = fleet(1200, (index) => NOW - ((index * 3) % 60) * MINUTE - 30_000);
    const plan = planSweep(targets, input(), NOW);
    // 1,200 x 5 min / 60 min = 100 a sweep; those 55 minutes old or more are due (they would pass the hour before the next).
    expect(plan.deepWanted).toBe(100);
    const deep = plan.batches.flatMap((batch) => batch.deep);
    const ages = deep.map((name) => NOW - (targets.find((target) => target.name === name)?.deepCheckedAt ?? NOW));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(Math.max(...targets.map((target) => NOW - (target.deepCheckedAt ?? NOW)).filter((age) => !ages.includes(age))));
    expect(plan.batches.flatMap((batch) => batch.names)).toHaveLength(1200);
  });

  it("when interconnects never had a deep check, then they come first, and all that are due are planned when they fit", () => {
    const targets = fleet(40, (index) => (index < 30 ? NOW - 5 * MINUTE : null));
    const plan = planSweep(targets, input(), NOW);
    expect(plan.deepWanted).toBe(10);
    expect(plan.batches.flatMap((batch) => batch.deep)).toEqual(targets.slice(30).map((target) => target.name));
  });

  it("keeps batches within a scope and within the batch size, so each batch's lists are shared", () => {
    const plan = planSweep(fleet(2500, () => NOW, 2), input({ batchSize: 1000 }), NOW);
    expect(plan.batches.map((batch) => batch.names.length)).toEqual([1000, 250, 1000, 250]);
    expect(plan.batches[0]?.names.every((name) => Number(name.slice(1)) % 2 === 0)).toBe(true);
  });

  it("when the wanted deep checks would overrun the schedule, then it projects the time and plans only what fits", () => {
    const plan = planSweep(fleet(5000, () => null), input({ requestsPerSecond: { azure: 20, oci: 20 } }), NOW);
    const cheap = cheapCalls(1000).azure * 5;
    expect(plan.projectedSeconds).toBeCloseTo((cheap + 5000 * DEEP_CHECK_CALLS.azure) / 20, 0);
    expect(plan.plannedSeconds).toBeLessThanOrEqual(300 * 0.9);
    expect(plan.deepPlanned).toBe(Math.floor((270 * 20 - cheap) / DEEP_CHECK_CALLS.azure));
  });

  it("over two hours of five-minute sweeps, no interconnect goes more than the interval without a deep check", () => {
    const count = 5000;
    const last = new Map(fleet(count, () => null).map((target) => [target.name, null as number | null]));
    let worst = 0;
    for (let sweep = 0; sweep < 24; sweep++) {
      const now = NOW + sweep * 5 * MINUTE;
      const targets = [...last.entries()].map(([name, at]) => ({ name, scope: 0, deepCheckedAt: at }));
      const plan = planSweep(targets, input(), now);
      for (const name of plan.batches.flatMap((batch) => batch.deep)) last.set(name, now);
      // From the second hour on (once the first round is done), measure the oldest deep check at each sweep.
      if (sweep >= 12) worst = Math.max(worst, ...[...last.values()].map((at) => now - (at ?? -Infinity)));
    }
    expect(worst).toBeLessThanOrEqual(HOUR);
  });
});
