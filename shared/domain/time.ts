/**
 * Converting a known instant (epoch milliseconds) to a Date or ISO text. Deterministic, so orchestrators use
 * these for the times they derive from `context.df.currentUtcDateTime` (they never read the clock themselves).
 */
export function dateAt(epochMs: number): Date {
  return new Date(epochMs);
}

export function isoAt(epochMs: number): string {
  return dateAt(epochMs).toISOString();
}
