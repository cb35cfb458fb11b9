// Benchmark: a health sweep over N interconnects at the default 20 requests/s per cloud, every call charged its
// turn and its latency on the dev host's virtual clock (see "Charging for calls" in the cloud emulators' README).
// One interconnect is created through the clouds' APIs and copied (emulator admin clone, batched inventory writes) to N.
// Deep checks are seeded as a steady rotation leaves them (spread over the last 55 minutes). The max deep-check age
// is the oldest a deep check was when it ran, or the oldest not checked at a sweep's end, over two sweeps 5 minutes apart. Baseline, in the same run:
// the check as it was (each interconnect on its own, one request per read), on a sample. Run: npm run bench:health
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { clouds } from "../../functions/runtime";
import { HEALTH_SWEEP_ORCHESTRATOR, type HealthReport, HealthSweepOutcome } from "../../shared/domain/health";
import { type InventoryRecord } from "../../shared/domain/inventory";
import { TableInventoryStore } from "../../shared/inventory/table-store";
import { type InProcessStack, startInProcessStack } from "../../test/support/in-process-stack";
import { cloneInterconnects, seedInterconnects, seedShared } from "./seed";

/** Registered by ./baseline-app.ts, which the host loads next to the app (importing it here would load it first, alone). */
const BASELINE_ORCHESTRATOR = "HealthBaselineOrchestrator";
const RATE = 20;
const SIZES = (process.env.BENCH_SIZES ?? "1000,5000").split(",").map(Number);
const BASELINE_SAMPLE = Number(process.env.BENCH_BASELINE_SAMPLE ?? 100);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SCHEDULE = 5 * MINUTE;
const name = (index: number) => `hc-${String(index).padStart(5, "0")}`;

/**
 * How the rotation leaves deep checks: each interconnect is checked in the last sweep before its next check would pass
 * the hour, so every 11 sweeps, and the ages when a sweep starts spread over the last 55 minutes.
 */
const deepAge = (index: number) => Math.floor(((index * 0.6180339887498949) % 1) * (HOUR - SCHEDULE));

/** Puts every interconnect's last deep check where a steady rotation would have it when the next sweep starts. */
async function steadyRotation(stack: InProcessStack, names: string[]): Promise<Map<string, number>> {
  const inventory = TableInventoryStore.fromConnectionString(stack.azurite.connectionString);
  const now = stack.host.clock.now().getTime();
  const seeded = new Map(names.map((each) => [each, now - deepAge(Number(each.slice(3)))]));
  const rotated = (record: InventoryRecord | null) => {
    if (!record?.lastHealth) return null;
    return { ...record, lastHealth: { ...record.lastHealth, deepCheckedAt: new Date(seeded.get(record.name) ?? now).toISOString() } };
  };
  await inventory.updateMany(new Map(names.map((each) => [each, rotated])));
  return seeded;
}

async function calls(stack: InProcessStack) {
  const limiters = (await clouds()).limiters;
  return { azure: limiters.azure.granted, oci: limiters.oci.granted, charged: stack.emulators.charging.calls };
}

/**
 * Heap the sweep keeps (after a full collection, with `node --expose-gc` as `npm run bench:health` runs it), and the
 * peak it reaches on the way (garbage included).
 */
function heapSampler() {
  global.gc?.();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 100);
  return () => {
    clearInterval(timer);
    global.gc?.();
    return { retained: process.memoryUsage().heapUsed - baseline, peak: peak - baseline, collected: global.gc !== undefined };
  };
}

async function runSweep(stack: InProcessStack, instanceId: string) {
  await stack.host.startNew(HEALTH_SWEEP_ORCHESTRATOR, { instanceId, input: { scheduleMs: SCHEDULE, deepCheckIntervalMs: HOUR, requestsPerSecond: { azure: RATE, oci: RATE } } });
  const status = await stack.host.waitForCompletion(instanceId, { timeoutMs: 1_800_000 });
  const startedAt = new Date(status.createdTime).getTime();
  return { outcome: HealthSweepOutcome.parse(status.output), startedAt, virtualMs: new Date(status.lastUpdatedTime).getTime() - startedAt };
}

/** One sweep, and when each interconnect last had a deep check after it (`deepAt`, to age the next sweep's checks). */
async function sweep(stack: InProcessStack, size: number, instanceId: string, previousDeepAt: ReadonlyMap<string, number>) {
  await stack.emulators.admin.clearJournal();
  const before = await calls(stack);
  const heap = heapSampler();
  const wallStarted = Date.now();
  const { outcome, startedAt, virtualMs } = await runSweep(stack, instanceId);
  const wallSeconds = (Date.now() - wallStarted) / 1000;
  const heapGrowth = heap();
  const after = await calls(stack);
  // What the clouds answered, by operation and status (the emulators' journal of this sweep).
  const answered: Record<string, number> = {};
  for (const entry of await stack.emulators.admin.journal()) {
    const key = `${entry.cloud} ${entry.method} ${entry.op ?? entry.path.split("?")[0]?.split("/").slice(-2).join("/")} ${entry.status}`;
    answered[key] = (answered[key] ?? 0) + 1;
  }
  const now = stack.host.clock.now().getTime();
  const records = await TableInventoryStore.fromConnectionString(stack.azurite.connectionString).list();
  const deepAt = new Map(records.map((record) => [record.name, Date.parse(record.lastHealth?.deepCheckedAt ?? "1970-01-01T00:00:00Z")]));
  // A deep check in this sweep ran at its new deepCheckedAt: its age then is the time since the one before.
  const ages = [...deepAt].map(([each, at]) => ({ at, before: previousDeepAt.get(each) ?? at }));
  const atRun = Math.max(0, ...ages.filter(({ at, before }) => at > before).map(({ at, before }) => at - before));
  const atEnd = Math.max(...[...deepAt.values()].map((at) => now - at));
  const result = {
    n: size,
    requestsPerSecond: RATE,
    sweepSeconds: +(virtualMs / 1000).toFixed(1),
    callsPerLink: { azure: +((after.azure - before.azure) / size).toFixed(3), oci: +((after.oci - before.oci) / size).toFixed(3) },
    maxDeepCheckAgeMinutes: +(Math.max(atRun, atEnd) / MINUTE).toFixed(1),
    maxDeepCheckAgeWhenRunMinutes: +(atRun / MINUTE).toFixed(1),
    maxDeepCheckAgeAtEndMinutes: +(atEnd / MINUTE).toFixed(1),
    heapGrowthPerLinkKiB: +(heapGrowth.retained / 1024 / size).toFixed(2),
    peakHeapPerLinkKiB: +(heapGrowth.peak / 1024 / size).toFixed(2),
    heapMeasuredAfterCollection: heapGrowth.collected,
    checked: outcome.checked,
    failedChecks: outcome.failedChecks.length,
    deepChecks: outcome.deepChecks,
    deferredDeepChecks: outcome.deferredDeepChecks,
    projectedSeconds: outcome.projectedSeconds,
    wallSeconds: +wallSeconds.toFixed(1),
    answered,
  };
  return { result, startedAt, deepAt };
}

/**
 * Two sweeps on the schedule (the second starts 5 minutes after the first, or when it ends if it overran): the
 * second shows the first left no deep check to be late. Figures per sweep: the worse of the two (calls: their mean).
 */
async function sweeps(stack: InProcessStack, size: number, seededDeepAt: ReadonlyMap<string, number>) {
  const first = await sweep(stack, size, `bench-sweep-${size}-1`, seededDeepAt);
  const next = first.startedAt + SCHEDULE;
  if (next > stack.host.clock.now().getTime()) await stack.host.clock.advanceTo(new Date(next));
  const second = await sweep(stack, size, `bench-sweep-${size}-2`, first.deepAt);
  const [a, b] = [first.result, second.result];
  const mean = (x: number, y: number) => +((x + y) / 2).toFixed(3);
  return {
    n: size,
    requestsPerSecond: RATE,
    sweepSeconds: Math.max(a.sweepSeconds, b.sweepSeconds),
    callsPerLink: { azure: mean(a.callsPerLink.azure, b.callsPerLink.azure), oci: mean(a.callsPerLink.oci, b.callsPerLink.oci) },
    maxDeepCheckAgeMinutes: Math.max(a.maxDeepCheckAgeMinutes, b.maxDeepCheckAgeMinutes),
    heapGrowthPerLinkKiB: Math.max(a.heapGrowthPerLinkKiB, b.heapGrowthPerLinkKiB),
    checked: Math.min(a.checked, b.checked),
    failedChecks: a.failedChecks + b.failedChecks,
    sweeps: [a, b],
  };
}

/** The check as it was, on a sample: its calls and virtual time per interconnect, and what a sweep of N would take. */
async function baseline(stack: InProcessStack, sample: number) {
  const before = await calls(stack);
  await stack.host.startNew(BASELINE_ORCHESTRATOR, { instanceId: "bench-baseline", input: Array.from({ length: sample }, (_unused, index) => name(index + 1)) });
  const status = await stack.host.waitForCompletion("bench-baseline", { timeoutMs: 1_800_000 });
  const after = await calls(stack);
  const seconds = (new Date(status.lastUpdatedTime).getTime() - new Date(status.createdTime).getTime()) / 1000;
  return { sample, secondsPerLink: seconds / sample, callsPerLink: { azure: (after.azure - before.azure) / sample, oci: (after.oci - before.oci) / sample } };
}

it(`health sweep of ${SIZES.join(", ")} interconnects at ${RATE} requests/s per cloud, every call charged`, async () => {
  const stack = await startInProcessStack({
    entry: ["functions/index.ts", "bench/health-sweep/baseline-app.ts"],
    chargeCalls: { requestsPerSecond: { azure: RATE, oci: RATE } },
    // ARM takes a few seconds to answer a routes-table read: deep checks come back pending and are resumed.
    durations: { armAction: 3_000 },
  });
  const benchStarted = Date.now();
  const runs = [];
  let base: Awaited<ReturnType<typeof baseline>> | undefined;
  let baselineWallSeconds = 0;
  try {
    stack.emulators.charging.enabled = false;
    await seedShared(stack);
    // One interconnect checked for real gives the report every seeded one carries (they are all alike).
    await seedInterconnects(stack, [name(1)]);
    await runSweep(stack, "bench-template");
    const template = (await TableInventoryStore.fromConnectionString(stack.azurite.connectionString).get(name(1)))?.lastHealth as HealthReport;
    const text = JSON.stringify(template);
    const reportOf = (interconnect: string) => {
      const index = Number(interconnect.slice(3));
      const now = stack.host.clock.now().getTime();
      const report = JSON.parse(text.replaceAll(name(1), interconnect)) as HealthReport;
      return { ...report, checkedAt: new Date(now - MINUTE).toISOString(), deepCheckedAt: new Date(now - deepAge(index)).toISOString() };
    };
    let seeded = 1;
    for (const size of SIZES) {
      const names = Array.from({ length: size - seeded }, (_unused, index) => name(seeded + index + 1));
      const seedStarted = Date.now();
      stack.emulators.charging.enabled = false;
      await cloneInterconnects(stack, name(1), names, reportOf);
      seeded = size;
      const seedWallSeconds = +((Date.now() - seedStarted) / 1000).toFixed(1);
      console.log(`seeded ${size} interconnects (+${names.length} in ${seedWallSeconds} s)`);
      const seededDeepAt = await steadyRotation(stack, Array.from({ length: size }, (_unused, index) => name(index + 1)));
      stack.emulators.charging.enabled = true;
      const result = { ...(await sweeps(stack, size, seededDeepAt)), seedWallSeconds };
      runs.push(result);
      console.log(JSON.stringify(result));
    }
    const baselineStarted = Date.now();
    base = await baseline(stack, BASELINE_SAMPLE);
    baselineWallSeconds = +((Date.now() - baselineStarted) / 1000).toFixed(1);
    console.log(`baseline wall ${baselineWallSeconds} s`);
    console.log(JSON.stringify({ baseline: base }));
  } finally {
    await stack.stop();
  }
  const baselineRuns = SIZES.map((size) => ({ n: size, sweepSeconds: +(base.secondsPerLink * size).toFixed(0), callsPerLink: { azure: +base.callsPerLink.azure.toFixed(2), oci: +base.callsPerLink.oci.toFixed(2) } }));
  const directory = path.resolve(__dirname, "../results");
  mkdirSync(directory, { recursive: true });
  writeFileSync(
    path.join(directory, "health-sweep.json"),
    `${JSON.stringify(
      {
        target: "5,000 links in <= 300 s, every link's cheap facts each sweep, every deep check within 60 min, heap growth < 20 KiB per link",
        settings: { requestsPerSecond: RATE, scheduleSeconds: SCHEDULE / 1000, deepCheckIntervalMinutes: HOUR / MINUTE, latencies: "emulator defaults (ARM reads 200 ms, lists 300 ms, LRO starts 1 s; OCI 150-200 ms)" },
        measuredAt: new Date().toISOString(),
        node: process.version,
        runs: runs.map(({ n, requestsPerSecond, sweepSeconds, callsPerLink, maxDeepCheckAgeMinutes, heapGrowthPerLinkKiB }) => ({ n, requestsPerSecond, sweepSeconds, callsPerLink, maxDeepCheckAgeMinutes, heapGrowthPerLinkKiB })),
        details: runs,
        baseline: {
          method: `the check as it was (each interconnect on its own, one request per read, a pending table read redoing all its reads after 5 s), measured in this run on ${base.sample} interconnects at the same settings; its virtual seconds and calls per interconnect extrapolated linearly to N`,
          measuredOn: base.sample,
          secondsPerLink: +base.secondsPerLink.toFixed(3),
          wallSeconds: baselineWallSeconds,
          runs: baselineRuns,
        },
        machine: `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, shared with other work`,
        benchWallSeconds: +((Date.now() - benchStarted) / 1000).toFixed(1),
      },
      null,
      2,
    )}\n`,
  );
  console.log(["", "| N | sweep | calls per link (Azure / OCI) | max deep-check age | heap growth per link | baseline: one link at a time |", "| --- | --- | --- | --- | --- | --- |", ...runs.map((run, index) => `| ${run.n} | ${run.sweepSeconds} s | ${run.callsPerLink.azure} / ${run.callsPerLink.oci} | ${run.maxDeepCheckAgeMinutes} min | ${run.heapGrowthPerLinkKiB} KiB | ${baselineRuns[index]?.sweepSeconds} s (${baselineRuns[index]?.callsPerLink.azure} / ${baselineRuns[index]?.callsPerLink.oci} calls per link) |`)].join("\n"));
  for (const run of runs) {
    expect(run.failedChecks).toBe(0);
    expect(run.checked).toBe(run.n);
    expect(run.maxDeepCheckAgeMinutes).toBeLessThanOrEqual(HOUR / MINUTE);
  }
});
