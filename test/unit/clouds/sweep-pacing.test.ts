import { createHttpHeaders, createPipelineRequest, type PipelineResponse } from "@azure/core-rest-pipeline";
import { rateLimitPolicy } from "../../../shared/clouds/clients";
import { ARM_READS_FLOOR, armReadsPauseMs, RateLimiter } from "../../../shared/clouds/rate-limit";
import { parseSettings } from "../../../shared/config/settings";
import { scheduleGapMs, sweepInputOf } from "../../../functions/timer/health-sweep";

/** A limiter on a clock that only the test moves, and the wait its next call would get. */
function limiter() {
  let now = 1_000_000;
  const paced = new RateLimiter(20, 20, () => now, async (ms) => void (now += ms));
  return { paced, nextWait: () => paced.reserve(), advance: (ms: number) => (now += ms) };
}

async function answer(status: number, headers: Record<string, string>, paced: RateLimiter) {
  const request = createPipelineRequest({ url: "https://127.0.0.1/x" });
  const response: PipelineResponse = { request, status, headers: createHttpHeaders(headers) };
  return rateLimitPolicy(paced).sendRequest(request, async () => response);
}

describe("pacing by what the clouds say", () => {
  it("holds calls only when ARM's remaining reads fall under the floor, for as long as the bucket takes to refill", () => {
    expect(armReadsPauseMs(undefined)).toBe(0);
    expect(armReadsPauseMs("11999")).toBe(0);
    expect(armReadsPauseMs(String(ARM_READS_FLOOR))).toBe(0);
    expect(armReadsPauseMs("25")).toBe(1000);
    expect(armReadsPauseMs("0")).toBe(2000);
    expect(armReadsPauseMs("not a number")).toBe(0);
  });

  it("when ARM says the subscription's reads run low, then the next call waits for them to refill", async () => {
    const clock = limiter();
    await answer(200, { "x-ms-ratelimit-remaining-subscription-reads": "900" }, clock.paced);
    expect(clock.nextWait()).toBe(0);
    await answer(200, { "x-ms-ratelimit-remaining-subscription-reads": "0" }, clock.paced);
    expect(clock.nextWait()).toBe(2000);
  });

  it("when ARM throttles with Retry-After, then the cloud's calls wait that long", async () => {
    const clock = limiter();
    await answer(429, { "retry-after": "3" }, clock.paced);
    expect(clock.nextWait()).toBe(3000);
    clock.advance(3000);
    expect(clock.nextWait()).toBe(0);
  });
});

describe("the health sweep's settings", () => {
  it("reads HEALTH_DEEP_CHECK_INTERVAL as a duration (default one hour) and refuses one that is malformed or under a minute", () => {
    expect(parseSettings({}).HEALTH_DEEP_CHECK_INTERVAL).toBe(3_600_000);
    expect(parseSettings({ HEALTH_DEEP_CHECK_INTERVAL: "90m" }).HEALTH_DEEP_CHECK_INTERVAL).toBe(5_400_000);
    expect(parseSettings({ HEALTH_DEEP_CHECK_INTERVAL: "3600s" }).HEALTH_DEEP_CHECK_INTERVAL).toBe(3_600_000);
    expect(() => parseSettings({ HEALTH_DEEP_CHECK_INTERVAL: "30s" })).toThrow("invalid setting HEALTH_DEEP_CHECK_INTERVAL=30s: must be a duration of at least one minute such as 90m, 1h or 3600s");
    expect(() => parseSettings({ HEALTH_DEEP_CHECK_INTERVAL: "hourly" })).toThrow(/HEALTH_DEEP_CHECK_INTERVAL/);
  });

  it("gives a sweep the time between two ticks of its schedule, the deep-check interval and the clients' limits", () => {
    const input = sweepInputOf(parseSettings({ HEALTH_CHECK_SCHEDULE: "0 */10 * * * *", HEALTH_DEEP_CHECK_INTERVAL: "2h", AZURE_MAX_REQUESTS_PER_SECOND: "15" }));
    expect(input).toMatchObject({ scheduleMs: 600_000, deepCheckIntervalMs: 7_200_000, requestsPerSecond: { azure: 15, oci: 20 }, batchSize: 1000 });
    expect(scheduleGapMs("0 0,50 * * * *", new Date("2026-11-22T12:00:00Z"))).toBe(600_000);
  });
});
