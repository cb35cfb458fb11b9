// Benchmark: setup and teardown, Interlink beside the runbook baseline (same emulator, same run, every call charged at
// the default limits). Targets, with the default durations: setup within 1.05x its critical path, at most 70 calls per
// setup and 45 per teardown. Run: npm run bench:setup (writes bench/results/setup.json). One scenario per jest file:
// the app keeps its storage and cloud clients per process, so each scenario's stack lives in its own.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { measure, type Scenario, type ScenarioResult } from "./measure";

export const SCENARIOS = {
  gatewayBound: { name: "gateway-bound (default durations: gateway 30 min)", durations: {}, judged: true },
  providerBound: { name: "provider-bound (the provider takes 60 min)", durations: { virtualCircuitProvisioning: 60 * 60_000 }, judged: false },
} satisfies Record<string, Scenario>;

export const TARGETS = { elapsedOverCriticalPath: 1.05, callsPerSetup: 70, callsPerTeardown: 45 };

const RESULTS = path.resolve(__dirname, "../results/setup.json");
const ORDER: string[] = Object.values(SCENARIOS).map((scenario) => scenario.name);

function summary(result: ScenarioResult): string {
  return [
    `${result.name} (critical path ${result.criticalPathMinutes} min)`,
    `  setup     Interlink ${result.elapsedMinutes} min (${result.elapsedOverCriticalPath}x), ${result.callsPerSetup} calls | runbook ${result.baseline.elapsedMinutes} min (${result.baseline.elapsedOverCriticalPath}x), ${result.baseline.calls} calls`,
    `  teardown  Interlink ${result.teardownMinutes} min, ${result.callsPerTeardown} calls | runbook ${result.baseline.teardownMinutes} min, ${result.baseline.teardownCalls} calls`,
  ].join("\n");
}

/** Measures one scenario, prints it beside the runbook, and puts it into bench/results/setup.json in place. */
export async function benchScenario(scenario: Scenario): Promise<ScenarioResult> {
  const result = await measure(scenario);
  const before = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, "utf8")) as { scenarios?: ScenarioResult[] }).scenarios ?? [] : [];
  const scenarios = [...before.filter((other) => other.name !== result.name && ORDER.includes(other.name)), result].sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, requestsPerSecond: 20, targets: TARGETS, scenarios }, null, 2)}\n`);
  console.log(summary(result));
  return result;
}
