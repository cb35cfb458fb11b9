import { benchScenario, SCENARIOS, TARGETS } from "./report";

it(SCENARIOS.gatewayBound.name, async () => {
  const result = await benchScenario(SCENARIOS.gatewayBound);
  expect(result.elapsedOverCriticalPath).toBeLessThanOrEqual(TARGETS.elapsedOverCriticalPath);
  expect(result.callsPerSetup).toBeLessThanOrEqual(TARGETS.callsPerSetup);
  expect(result.callsPerTeardown).toBeLessThanOrEqual(TARGETS.callsPerTeardown);
});
