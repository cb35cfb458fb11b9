import { measure, report, type Scenario } from "./measure";

const scenario: Scenario = { name: "gateway-bound (default durations: gateway 30 min)", file: "setup-critical-path.gateway-bound.json", durations: {} };

it(scenario.name, async () => {
  const result = await measure(scenario);
  report(scenario, result);
  expect(result.ratio).toBeGreaterThanOrEqual(1);
});
