import { specHash } from "../../../shared/domain/fingerprint";
import { type HealthReport } from "../../../shared/domain/health";
import { InventoryRecord } from "../../../shared/domain/inventory";
import { SetupRequest } from "../../../shared/domain/setup-request";
import { type InstanceStatus } from "../../../shared/operations/ports";
import { detailOf, summaryOf } from "../../../shared/operations/view";
import { designRequest } from "../../support/requests";

const request = SetupRequest.parse(designRequest());
const at = "2026-11-22T12:00:00.000Z";
const recordedSteps = [{ id: "preflight", title: "Read both networks", status: "succeeded" as const }];

const report: HealthReport = {
  name: request.name,
  verdict: "degraded",
  reasons: ["BGP is DOWN on the virtual circuit"],
  checkedAt: at,
  azure: { circuit: { exists: true, provisioningState: "Succeeded" }, privatePeeringState: "Enabled", connectionStatus: "Connected", learnedVcnPrefixes: { primary: [], secondary: [] }, gatewayLearnedPrefixes: [] },
  oci: { virtualCircuit: { exists: true, bgpSessionState: "DOWN" }, vnetRoutesPresent: true, missingRouteRules: [] },
  security: { drift: [], exposure: [] },
  suspended: false,
};

function record(change: Partial<InventoryRecord> = {}): InventoryRecord {
  return InventoryRecord.parse({
    name: request.name,
    state: "Provisioning",
    sequence: 1,
    spec: request,
    specHash: specHash(request),
    operations: [{ instanceId: "erp-db-link.setup.1", operation: "setup", requestHash: specHash(request), status: "Running", startedAt: at }],
    steps: recordedSteps,
    createdAt: at,
    updatedAt: at,
    ...change,
  });
}

const live = (customStatus: unknown): InstanceStatus => ({ instanceId: "erp-db-link.setup.1", runtimeStatus: "Running", input: null, customStatus, output: null, createdTime: at, lastUpdatedTime: at });

describe("the interconnect view", () => {
  it("when the running orchestration publishes its progress, then the view shows its steps, parsed", () => {
    const progress = { operation: "setup", name: request.name, step: "circuit", steps: [{ id: "circuit", title: "Set up the circuit", status: "running", startedAt: at }] };
    const view = detailOf(record(), live(progress), "/api");
    expect(view.steps).toEqual(progress.steps);
    expect(view.currentOperation?.progress).toEqual(progress);
  });

  it("when the custom status is not an operation's progress, then the view keeps the recorded steps and shows no progress", () => {
    const view = detailOf(record(), live({ steps: [{ id: "circuit", state: "who knows" }] }), "/api");
    expect(view.steps).toEqual(recordedSteps);
    expect(view.currentOperation).toMatchObject({ runtimeStatus: "Running", progress: null });
  });

  it("when a health report is stored, then the summary shows its verdict and the view the whole report", () => {
    const checked = record({ state: "Degraded", lastHealth: report });
    expect(summaryOf(checked).lastHealth).toBe("degraded");
    expect(detailOf(checked, null, "/api").lastHealth).toEqual(report);
  });
});

describe("stored values keep their real types", () => {
  it("when a record carries a lastHealth that is not a health report, then it is refused", () => {
    expect(() => record({ lastHealth: { verdict: "degraded" } as unknown as HealthReport })).toThrow(/lastHealth/);
  });

  it("when a record carries evidence that is not a connection test's, then it is refused", () => {
    expect(() => record({ evidence: { bgp: "UP" } as unknown as InventoryRecord["evidence"] })).toThrow(/evidence/);
  });

  it("when a step has a status no operation reports, then it is refused", () => {
    expect(() => record({ steps: [{ id: "circuit", title: "Set up the circuit", status: "half-done" as "running" }] })).toThrow(/steps/);
  });
});
