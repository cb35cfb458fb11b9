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
    // The even share is 1,200 / 11 (each comes round every 11 sweeps, so that one early in a sweep is done by the end of
    // the sweep an hour later) = 110; due are those that, left to the next sweep, would be within a minute of the hour
    // when it gets to them: 54 and 57 minutes old (ages go in steps of 3 minutes), 120.
    expect(plan.deepWanted).toBe(120);
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
    // Each batch of 1,000 lists the whole scope's 5,000 (50 pages a list).
    const cheap = cheapCalls(5000).azure * 5;
    // The calls at the limit, plus what they wait on: two windows of batches, each reading 50 pages one after another
    // (15 s) and waiting for its tables (3 s after the last POST); the calls get about 5/6 of the limit.
    const paced = (cheap + 5000 * DEEP_CHECK_CALLS.azure) / 20;
    expect(plan.projectedSeconds).toBeGreaterThan(paced * 1.2 + 2 * 18);
    expect(plan.projectedSeconds).toBeLessThan(paced * 1.2 + 2 * 25);
    expect(plan.plannedSeconds).toBeLessThanOrEqual(300 * 0.9);
    expect(plan.plannedSeconds).toBeGreaterThan(300 * 0.9 - 1);
    expect(plan.deepPlanned).toBeLessThan(Math.floor((270 * 20 - cheap) / DEEP_CHECK_CALLS.azure));
  });

  it("over three hours of sweeps, a deep check runs within the interval even at the end of its sweep, and each sweep does about its share", () => {
    const count = 5000;
    // Where this rotation leaves them (every 11 sweeps): spread over the last 55 minutes.
    const last = new Map(fleet(count, (index) => NOW - Math.floor(((index * 0.618034) % 1) * 55 * MINUTE)).map((target) => [target.name, target.deepCheckedAt]));
    let worst = 0;
    const perSweep: number[] = [];
    for (let sweep = 0; sweep < 36; sweep++) {
      const now = NOW + sweep * 5 * MINUTE;
      const plan = planSweep([...last.entries()].map(([name, at]) => ({ name, scope: 0, deepCheckedAt: at })), input({ requestsPerSecond: { azure: 20, oci: 20 } }), now);
      // The worst case: every deep check runs when the sweep ends (as projected).
      const ranAt = now + plan.plannedSeconds * 1000;
      const deep = plan.batches.flatMap((batch) => batch.deep);
      for (const name of deep) worst = Math.max(worst, ranAt - (last.get(name) ?? ranAt));
      for (const name of deep) last.set(name, ranAt);
      expect(plan.plannedSeconds).toBeLessThanOrEqual(300);
      perSweep.push(deep.length);
    }
    expect(worst).toBeLessThanOrEqual(HOUR);
    // After the first hour, no waves: each sweep does about 5,000 / 11 (each comes round every 11 sweeps).
    for (const done of perSweep.slice(12)) expect(done).toBeGreaterThanOrEqual(Math.floor(count / 12));
    for (const done of perSweep.slice(12)) expect(done).toBeLessThanOrEqual(Math.ceil((count / 11) * 1.1));
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
