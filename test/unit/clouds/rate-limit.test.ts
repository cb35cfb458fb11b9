import { createHttpHeaders, createPipelineRequest, type PipelineResponse } from "@azure/core-rest-pipeline";
import { rateLimitPolicy } from "../../../shared/clouds/clients";
import { ARM_READS_FLOOR, armReadsPauseMs, RateLimiter } from "../../../shared/clouds/rate-limit";

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
