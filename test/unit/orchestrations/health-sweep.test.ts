import { healthSweepOrchestrator } from "../../../orchestrations/health/orchestrator";
import { HealthSweepOutcome } from "../../../shared/domain/health";
import { runScripted, type Scheduled, START_MS } from "../../support/scripted-orchestration";

const HOUR = 3_600_000;
const NAMES = ["n1", "n2", "n3", "n4", "n5", "n6", "n7"];
/** After the interconnects, the sweep checks the VPN links in one activity. */
const VPN_LINKS = { kind: "ok", checked: 1, verdicts: { "erp-db-vpn": "degraded" }, failed: [] };
const running = { routesPrimary: { operation: "op-1" }, routesSecondary: { entries: [] } };
const pendingOf = (name: string) => ({
  subscriptionId: "sub",
  resourceGroup: "rg",
  owners: { circuit: `${name}-circuit` },
  tableReads: running,
  peering: true,
  advertised: ["10.20.0.0/16"],
  down: [],
  degraded: [],
  tablesStartedAt: START_MS,
  report: {
    name,
    verdict: "healthy",
    reasons: [],
    checkedAt: new Date(START_MS).toISOString(),
    azure: { circuit: { exists: true }, privatePeeringState: "Enabled", connectionStatus: "Connected", learnedVcnPrefixes: { primary: [], secondary: [] } },
    oci: { virtualCircuit: { exists: true }, vnetRoutesPresent: true, missingRouteRules: [] },
    security: { drift: [], exposure: [] },
    suspended: false,
  },
});

/**
 * Seven interconnects in two scopes. n1 and n2 never had a deep check, n3's is 58 minutes old, the others' 10
 * minutes. n4 cannot be checked; the cheap facts of n5, n6 and n7 changed, so their batch deep-checks them: n5's
 * routes tables answer on the second look, n6's never do, n7 is degraded (a change). The others are healthy.
 */
function checks() {
  return (name: string, input: unknown): unknown => {
    if (name === "ListHealthTargetsActivity") {
      return {
        kind: "ok",
        scopes: ["sub/rg-a ocid1.compartment..a", "sub/rg-b ocid1.compartment..b"],
        targets: NAMES.map((interconnect, index) => ({ name: interconnect, scope: index < 4 ? 0 : 1, deepCheckedAt: index < 2 ? null : START_MS - (index === 2 ? 58 : 10) * 60_000 })),
      };
    }
    if (name === "FinishDeepChecksActivity") {
      const { pending } = input as { pending: Array<{ report: { name: string } }> };
      return { kind: "ok", results: pending.map(({ report }) => (report.name === "n5" ? { name: "n5", verdict: "healthy", changed: false } : { name: report.name, verdict: null, changed: false, pending: pendingOf(report.name) })) };
    }
    if (name === "CheckVpnLinksActivity") return VPN_LINKS;
    if (name !== "CheckHealthBatchActivity") throw new Error(`unexpected activity ${name}`);
    const { names, deep } = input as { names: string[]; deep: string[] };
    return {
      kind: "ok",
      results: names.map((interconnect) => {
        const tag = deep.includes(interconnect) ? { deep: "rotation" } : {};
        if (interconnect === "n7") return { name: interconnect, verdict: "degraded", changed: true, deep: "changedFacts" };
        if (interconnect === "n4") return { name: interconnect, verdict: null, changed: false, error: "the circuit is gone" };
        if (interconnect === "n5" || interconnect === "n6") return { name: interconnect, verdict: null, changed: false, pending: pendingOf(interconnect), deep: "changedFacts" };
        return { name: interconnect, verdict: "healthy", changed: false, ...tag };
      }),
    };
  };
}

const describeEntry = (entry: Scheduled): string => {
  if (entry.kind === "timer") return `timer +${(entry.fireAtMs - entry.atMs) / 1000}s`;
  if (entry.kind === "all") return `all ${entry.tasks.map((task) => (task.kind === "activity" ? `${(task.input as { names: string[] }).names.join("+")} deep ${(task.input as { deep: string[] }).deep.join("+") || "-"}` : "?")).join(" | ")}`;
  if (entry.kind === "activity" && entry.name === "CheckVpnLinksActivity") return "vpn-links";
  if (entry.name === "FinishDeepChecksActivity") return `finish ${(entry.input as { pending: Array<{ report: { name: string } }> }).pending.map((check) => check.report.name).join("+")}`;
  if (entry.name === "ReportSweepOverrunActivity") return "overrun";
  return entry.name === "ListHealthTargetsActivity" ? "list" : `check ${(entry.input as { names: string[] }).names.join("+")}`;
};

describe("health sweep orchestrator (scripted orchestration context)", () => {
  it("when some deep checks are due and some table reads pending, then batches follow the scopes, deep checks go oldest first, and only pending reads are resumed", () => {
    const run = runScripted(healthSweepOrchestrator, { activity: checks(), input: { batchSize: 2, concurrency: 2, deepCheckIntervalMs: HOUR, scheduleMs: 5 * 60_000 }, instanceId: "sweep-1" });
    expect(run.error).toBeUndefined();
    const sequence = run.log.map(describeEntry);
    // n1, n2 never had one; n3 would pass the hour before the next sweep; the others are not due.
    expect(sequence.slice(0, 3)).toEqual(["list", "all n1+n2 deep n1+n2 | n3+n4 deep n3", "all n5+n6 deep - | n7 deep -"]);
    // The tables are read first at their typical duration (3 s) after they started: n5 answers then; n6 is read
    // again every 5 s for 2 minutes, then reported. No batch runs again.
    expect(sequence.slice(3, 7)).toEqual(["timer +3s", "finish n5+n6", "timer +5s", "finish n6"]);
    expect(sequence.slice(3)).toHaveLength(25 * 2 + 1);
    expect(sequence.at(-1)).toBe("vpn-links");
    expect(sequence.filter((entry) => entry.startsWith("check") || entry.startsWith("all"))).toHaveLength(2);
    expect(run.nowMs).toBe(START_MS + 3_000 + 24 * 5_000);

    expect(HealthSweepOutcome.parse(run.result)).toMatchObject({
      checked: 5,
      healthy: 4,
      degraded: 1,
      changed: 1,
      failedChecks: [
        { name: "n4", message: "the circuit is gone" },
        { name: "n6", message: "the circuit's routes tables did not answer within 120 s" },
      ],
      vpnLinks: { checked: 1, verdicts: { "erp-db-vpn": "degraded" }, failed: [] },
      deepChecks: { rotation: 3, changedFacts: 3 },
      deferredDeepChecks: 0,
    });
  });

  it("when the sweep's calls would not fit the schedule, then it says so once and puts off deep checks before anything else", () => {
    const many = Array.from({ length: 3000 }, (_unused, index) => ({ name: `l${String(index).padStart(4, "0")}`, scope: 0, deepCheckedAt: null }));
    const seen: Array<{ names: string[]; deep: string[] }> = [];
    const run = runScripted(healthSweepOrchestrator, {
      activity: (name, input) => {
        if (name === "ListHealthTargetsActivity") return { kind: "ok", scopes: ["s"], targets: many };
        if (name === "ReportSweepOverrunActivity") return { kind: "ok" };
        if (name === "CheckVpnLinksActivity") return { kind: "ok", checked: 0, verdicts: {}, failed: [] };
        const batch = input as { names: string[]; deep: string[] };
        seen.push(batch);
        return { kind: "ok", results: batch.names.map((interconnect) => ({ name: interconnect, verdict: "healthy", changed: false })) };
      },
      input: { batchSize: 1000, deepCheckIntervalMs: HOUR, scheduleMs: 5 * 60_000, requestsPerSecond: { azure: 20, oci: 20 } },
    });
    expect(run.error).toBeUndefined();
    const overrun = run.log.filter((entry) => entry.kind === "activity" && entry.name === "ReportSweepOverrunActivity");
    expect(overrun).toHaveLength(1);
    const reported = (overrun[0] as { input: { projectedSeconds: number; scheduleSeconds: number; deepWanted: number; deepPlanned: number } }).input;
    // All 3,000 never had a deep check: 18,000 Azure calls would take 900 s; 270 s of calls leave room for 883.
    expect(reported).toMatchObject({ scheduleSeconds: 300, deepWanted: 3000 });
    expect(reported.projectedSeconds).toBeGreaterThan(300);
    expect(reported.deepPlanned).toBeLessThan(3000);
    // Every interconnect still gets its cheap facts; the deep checks planned are the first (oldest, then by name).
    expect(seen.flatMap((batch) => batch.names)).toHaveLength(3000);
    const deep = seen.flatMap((batch) => batch.deep);
    expect(deep).toHaveLength(reported.deepPlanned);
    expect(deep).toEqual(many.slice(0, reported.deepPlanned).map((target) => target.name));
    expect(HealthSweepOutcome.parse(run.result)).toMatchObject({ checked: 3000, deferredDeepChecks: 3000 - reported.deepPlanned });
  });

  it("when nothing is listed, then the sweep ends after the list with an empty outcome", () => {
    const run = runScripted(healthSweepOrchestrator, { activity: (name) => (name === "CheckVpnLinksActivity" ? { kind: "ok", checked: 0, verdicts: {}, failed: [] } : { kind: "ok", scopes: [], targets: [] }), input: {} });
    expect(run.log.map((entry) => (entry.kind === "activity" ? entry.name : entry.kind))).toEqual(["ListHealthTargetsActivity", "CheckVpnLinksActivity"]);
    expect(run.result).toMatchObject({ checked: 0, healthy: 0, degraded: 0, down: 0, suspended: 0, changed: 0, failedChecks: [], vpnLinks: { checked: 0, verdicts: {}, failed: [] } });
  });
});
