import { healthSweepOrchestrator } from "../../../orchestrations/health/orchestrator";
import { HealthSweepOutcome } from "../../../shared/domain/health";
import { runScripted, type Scheduled, START_MS } from "../../support/scripted-orchestration";

const NAMES = ["n1", "n2", "n3", "n4", "n5", "n6", "n7"];
/** After the interconnects, the sweep checks the VPN links in one activity. */
const VPN_LINKS = { kind: "ok", checked: 1, verdicts: { "erp-db-vpn": "degraded" }, failed: [] };
const running = { routesPrimary: { operation: "op-1" }, routesSecondary: { entries: [] } };

/**
 * The inventory lists seven interconnects. n3 is degraded (a change), n4 cannot be checked, n5's routes tables
 * answer on the second look, n6's never do; the others are healthy.
 */
function checks() {
  return (name: string, input: unknown): unknown => {
    if (name === "ListHealthTargetsActivity") return { kind: "ok", names: NAMES };
    if (name === "CheckVpnLinksActivity") return VPN_LINKS;
    if (name !== "CheckHealthBatchActivity") throw new Error(`unexpected activity ${name}`);
    const { names, tableReads } = input as { names: string[]; tableReads?: Record<string, unknown> };
    return {
      kind: "ok",
      results: names.map((interconnect) => {
        if (interconnect === "n3") return { name: interconnect, verdict: "degraded", changed: true };
        if (interconnect === "n4") return { name: interconnect, verdict: null, changed: false, error: "the circuit is gone" };
        if (interconnect === "n5" && tableReads?.n5 === undefined) return { name: interconnect, verdict: null, changed: false, pending: running };
        if (interconnect === "n6") return { name: interconnect, verdict: null, changed: false, pending: running };
        return { name: interconnect, verdict: "healthy", changed: false };
      }),
    };
  };
}

const describeEntry = (entry: Scheduled): string => {
  if (entry.kind === "timer") return `timer +${(entry.fireAtMs - entry.atMs) / 1000}s`;
  if (entry.kind === "all") return `all ${entry.tasks.map((task) => (task.kind === "activity" ? (task.input as { names: string[] }).names.join("+") : "?")).join(" | ")}`;
  if (entry.kind === "activity" && entry.name === "CheckVpnLinksActivity") return "vpn-links";
  const names = (entry.input as { names?: string[] }).names;
  return names ? `check ${names.join("+")}` : "list";
};

describe("health sweep orchestrator (scripted orchestration context)", () => {
  it("when checks are pending or fail, then batches fan out a window at a time, pending table reads are looked at again after a timer, and the outcome counts every interconnect", () => {
    const run = runScripted(healthSweepOrchestrator, { activity: checks(), input: { batchSize: 2, concurrency: 2 }, instanceId: "sweep-1" });
    expect(run.error).toBeUndefined();
    const sequence = run.log.map(describeEntry);
    expect(sequence.slice(0, 3)).toEqual(["list", "all n1+n2 | n3+n4", "all n5+n6 | n7"]);
    // n5 answers on the second look; n6 is looked at again every 5 s, 24 times, then reported.
    expect(sequence.slice(3, 7)).toEqual(["timer +5s", "check n5+n6", "timer +5s", "check n6"]);
    expect(sequence.slice(3)).toHaveLength(49);
    expect(sequence.at(-1)).toBe("vpn-links");
    expect(run.nowMs).toBe(START_MS + 24 * 5_000);
    const tableReads = run.log.filter((entry) => entry.kind === "activity" && (entry.input as { tableReads?: unknown }).tableReads);
    expect(tableReads.every((entry) => entry.kind === "activity" && JSON.stringify((entry.input as { tableReads: Record<string, unknown> }).tableReads.n6) === JSON.stringify(running))).toBe(true);

    expect(HealthSweepOutcome.parse(run.result)).toEqual({
      checked: 5,
      healthy: 4,
      degraded: 1,
      down: 0,
      suspended: 0,
      changed: 1,
      failedChecks: [
        { name: "n4", message: "the circuit is gone" },
        { name: "n6", message: "the circuit's routes tables did not answer within 120 s" },
      ],
      vpnLinks: { checked: 1, verdicts: { "erp-db-vpn": "degraded" }, failed: [] },
    });
    expect(run.statuses.slice(0, 3)).toEqual([null, { sweepId: "sweep-1:2026-11-22T12:00:00.000Z", batchesDone: 0, batches: 4, interconnects: 7 }, { sweepId: "sweep-1:2026-11-22T12:00:00.000Z", batchesDone: 2, batches: 4, interconnects: 7 }]);
  });

  it("when nothing is listed, then the sweep ends after the list with an empty outcome", () => {
    const run = runScripted(healthSweepOrchestrator, { activity: (name) => (name === "CheckVpnLinksActivity" ? { kind: "ok", checked: 0, verdicts: {}, failed: [] } : { kind: "ok", names: [] }), input: {} });
    expect(run.log.map((entry) => (entry.kind === "activity" ? entry.name : entry.kind))).toEqual(["ListHealthTargetsActivity", "CheckVpnLinksActivity"]);
    expect(run.result).toEqual({ checked: 0, healthy: 0, degraded: 0, down: 0, suspended: 0, changed: 0, failedChecks: [], vpnLinks: { checked: 0, verdicts: {}, failed: [] } });
  });
});
