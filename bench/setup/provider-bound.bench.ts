import { benchScenario, SCENARIOS } from "./report";

// Shown, not judged: past its typical duration a wait reads at its fixed interval until the deadline.
it(SCENARIOS.providerBound.name, async () => {
  const result = await benchScenario(SCENARIOS.providerBound);
  expect(result.elapsedOverCriticalPath).toBeGreaterThanOrEqual(1);
});
