// Benchmark: a health sweep over N interconnects under a client-side limit of R requests/second per cloud.
// The floor is the busier cloud's API calls (less the limiter's one-second burst) / R, as the two clouds'
// limiters run side by side; the target is a sweep
// within 1.2x of it, with flat memory per interconnect. Run: npm run bench:health
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { clouds } from "../../functions/runtime";
import { HEALTH_SWEEP_ORCHESTRATOR, HealthSweepOutcome } from "../../shared/domain/health";
import { type SweepStack, startSweepStack } from "./stack";
import { seedInterconnects, seedShared } from "./seed";

const RATE_PER_SECOND = 150;
const SIZES = (process.env.BENCH_SIZES ?? "100,1000,5000").split(",").map(Number);

async function sweep(stack: SweepStack, size: number) {
  const limiters = (await clouds()).limiters;
  const before = { azure: limiters.azure.granted, oci: limiters.oci.granted };
  global.gc?.();
  const baseline = process.memoryUsage();
  let peakHeap = baseline.heapUsed;
  let peakRss = baseline.rss;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  }, 100);
  const started = Date.now();
  const instanceId = `bench-sweep-${size}`;
  await stack.host.startNew(HEALTH_SWEEP_ORCHESTRATOR, { instanceId, input: { batchSize: 25, concurrency: 4 } });
  const status = await stack.host.waitForCompletion(instanceId, { timeoutMs: 1_800_000 });
  const wallMs = Date.now() - started;
  clearInterval(sampler);
  const outcome = HealthSweepOutcome.parse(status.output);
  const calls = { azure: limiters.azure.granted - before.azure, oci: limiters.oci.granted - before.oci };
  // The limiter lets one second's worth of calls through at once (its burst); the rest is paced at R.
  const floorMs = (Math.max(calls.azure - RATE_PER_SECOND, calls.oci - RATE_PER_SECOND, 0) / RATE_PER_SECOND) * 1000;
  return {
    interconnects: size,
    checked: outcome.checked,
    failedChecks: outcome.failedChecks.length,
    verdicts: { healthy: outcome.healthy, degraded: outcome.degraded, down: outcome.down },
    apiCalls: calls,
    wallSeconds: +(wallMs / 1000).toFixed(2),
    floorSeconds: +(floorMs / 1000).toFixed(2),
    ratio: +(wallMs / floorMs).toFixed(3),
    peakHeapMiB: +(peakHeap / 2 ** 20).toFixed(1),
    peakRssMiB: +(peakRss / 2 ** 20).toFixed(1),
    heapGrowthKiBPerInterconnect: +((peakHeap - baseline.heapUsed) / 1024 / size).toFixed(1),
  };
}

it(`health sweep of ${SIZES.join(", ")} interconnects at ${RATE_PER_SECOND} requests/s per cloud`, async () => {
  const stack = await startSweepStack({ AZURE_MAX_REQUESTS_PER_SECOND: String(RATE_PER_SECOND), OCI_MAX_REQUESTS_PER_SECOND: String(RATE_PER_SECOND) });
  const results = [];
  try {
    await seedShared(stack);
    let seeded = 0;
    for (const size of SIZES) {
      const names = Array.from({ length: size - seeded }, (_, index) => `hc-${String(seeded + index + 1).padStart(5, "0")}`);
      const seedStart = Date.now();
      await seedInterconnects(stack, names);
      seeded = size;
      console.log(`seeded ${size} interconnects (+${names.length} in ${((Date.now() - seedStart) / 1000).toFixed(1)} s)`);
      const result = await sweep(stack, size);
      results.push(result);
      console.log(JSON.stringify(result));
    }
  } finally {
    await stack.stop();
  }
  const directory = path.resolve(__dirname, "../results");
  mkdirSync(directory, { recursive: true });
  writeFileSync(path.join(directory, "health-sweep.json"), `${JSON.stringify({ target: "ratio <= 1.2, flat memory per interconnect", ratePerSecondPerCloud: RATE_PER_SECOND, measuredAt: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
  for (const result of results) expect(result.failedChecks).toBe(0);
});
