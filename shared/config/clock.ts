/**
 * The one clock for every time Interlink shows (inventory, health reports, events). Orchestrators use
 * `context.df.currentUtcDateTime`, which the Functions host derives from its own clock; everything else reads
 * `currentTime()`, which is that same clock: the host's when it publishes one (the offline dev host runs a scaled or
 * virtual clock and publishes it under `Symbol.for("functions-host.clock")`), the wall clock otherwise (Azure).
 */
const HOST_CLOCK = Symbol.for("functions-host.clock");

interface HostClock {
  now(): number;
}

export function currentTimeMs(): number {
  const published = (globalThis as { [HOST_CLOCK]?: HostClock })[HOST_CLOCK];
  return published ? published.now() : Date.now();
}

export function currentTime(): Date {
  return new Date(currentTimeMs());
}
