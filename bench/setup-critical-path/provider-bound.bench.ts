import { measure, report, type Scenario } from "./measure";

const scenario: Scenario = { name: "provider-bound (virtual circuit takes 60 min)", file: "setup-critical-path.provider-bound.json", durations: { virtualCircuitProvisioning: 60 * 60_000 } };

it(scenario.name, async () => {
  const result = await measure(scenario);
  report(scenario, result);
  expect(result.ratio).toBeGreaterThanOrEqual(1);
});
