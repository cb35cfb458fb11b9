// Setup and teardown, Interlink against the step-by-step runbook, on one emulator in one run. Every cloud call is
// charged on the emulated clock: its turn under the default 20 requests/s per cloud and its latency (ARM reads
// 200 ms, lists 300 ms, writes and actions 1 s; OCI 150-200 ms). Elapsed time is emulated time; calls are the
// requests the emulators served.
import { DEFAULT_CALL_LATENCIES, DEFAULT_DURATIONS, type Durations } from "@interlink/cloud-emulators";
import { createClouds } from "../../shared/clouds/clients";
import { parseSettings } from "../../shared/config/settings";
import { SetupRequest } from "../../shared/domain/setup-request";
import { emulatorAppSettings } from "../../test/support/app-settings";
import { type InProcessStack, startInProcessStack } from "../../test/support/in-process-stack";
import designExample from "../../test/fixtures/design-example.json";
import { RUNBOOK_POLL_MS, runbookSetup, runbookTeardown } from "./runbook";

export interface Scenario {
  name: string;
  durations: Partial<Durations>;
  /** Whether the targets apply (a provider far slower than usual is shown, not judged). */
  judged: boolean;
}

const MINUTE = 60_000;
const round = (value: number, digits = 2) => +value.toFixed(digits);

/**
 * The shortest a setup can take: the longer of the two branches ((GatewaySubnet, gateway) beside (circuit, virtual
 * circuit)), then the connection, the route tables and the connection test, each resource seen done by one read the
 * moment it is (a write's latency overlaps the resource's own duration: the cloud starts on arrival), plus the reads
 * before the first write and the routes' writes.
 */
export function criticalPathMs(durations: Durations): number {
  const l = DEFAULT_CALL_LATENCIES;
  const preflight = l.armRead + l.ociRead;
  const gatewayBranch = durations.armSmallResource + l.armRead + durations.expressRouteGateway + l.armRead;
  const circuitBranch = durations.expressRouteCircuit + l.armRead + l.armRead /* service key */ + durations.virtualCircuitProvisioning + l.ociRead + l.armRead;
  const connection = durations.gatewayConnection + l.armRead;
  const routes = l.ociWrite + durations.armSmallResource + l.armRead;
  const connectionTest = l.armAction + l.armRead;
  return preflight + Math.max(gatewayBranch, circuitBranch) + connection + routes + connectionTest;
}

interface Run {
  elapsedMs: number;
  calls: number;
}

async function interlinkRun(stack: InProcessStack, method: "POST" | "DELETE", path: string): Promise<Run> {
  await stack.emulators.admin.clearJournal();
  const started = await stack.host.http.request(method, path, method === "POST" ? { json: designExample } : {});
  if (started.status !== 202) throw new Error(`${method} ${path} was not accepted: ${started.status} ${started.text} ${stack.host.logs.slice(-5).join(" / ")}`);
  const { instanceId } = started.json<{ instanceId: string }>();
  const status = await stack.host.waitForCompletion(instanceId, { timeoutMs: 600_000 });
  if ((status.output as { status?: string } | null)?.status !== "succeeded") throw new Error(`${instanceId} did not succeed: ${JSON.stringify(status.output)}`);
  return { elapsedMs: new Date(status.lastUpdatedTime).getTime() - new Date(status.createdTime).getTime(), calls: (await stack.emulators.admin.journal()).length };
}

/** Runs the runbook while moving the emulated clock on, as the dev host does for an orchestration. */
async function runbookRun(stack: InProcessStack, work: () => Promise<void>): Promise<Run> {
  await stack.emulators.admin.clearJournal();
  const startedAt = stack.host.clock.now().getTime();
  let endedAt: number | undefined;
  let failure: unknown;
  const running = work().then(
    () => (endedAt = stack.host.clock.now().getTime()),
    (error: unknown) => {
      failure = error;
      endedAt = stack.host.clock.now().getTime();
    },
  );
  while (endedAt === undefined) await stack.host.clock.advance(RUNBOOK_POLL_MS);
  await running;
  if (failure) throw failure;
  return { elapsedMs: endedAt - startedAt, calls: (await stack.emulators.admin.journal()).length };
}

export async function measure(scenario: Scenario) {
  const stack = await startInProcessStack({ durations: scenario.durations, chargeCalls: true });
  try {
    const name = designExample.name;
    const setup = await interlinkRun(stack, "POST", "/api/interconnects");
    const teardown = await interlinkRun(stack, "DELETE", `/api/interconnects/${name}`);
    // The runbook builds the same interconnect again on the same emulator, under its own name.
    const request = SetupRequest.parse({ ...designExample, name: "runbook-link" });
    const settings = parseSettings({ ...emulatorAppSettings(stack.emulators, stack.azurite.connectionString), AZURE_MAX_REQUESTS_PER_SECOND: "10000", OCI_MAX_REQUESTS_PER_SECOND: "10000" });
    const deps = { clouds: await createClouds(settings), sleep: (ms: number) => stack.host.clock.sleep(ms) };
    const baselineSetup = await runbookRun(stack, () => runbookSetup(deps, request));
    const baselineTeardown = await runbookRun(stack, () => runbookTeardown(deps, request));
    const critical = criticalPathMs({ ...DEFAULT_DURATIONS, ...scenario.durations });
    return {
      name: scenario.name,
      judged: scenario.judged,
      criticalPathMinutes: round(critical / MINUTE),
      elapsedMinutes: round(setup.elapsedMs / MINUTE),
      elapsedOverCriticalPath: round(setup.elapsedMs / critical, 4),
      callsPerSetup: setup.calls,
      teardownMinutes: round(teardown.elapsedMs / MINUTE),
      callsPerTeardown: teardown.calls,
      baseline: {
        elapsedMinutes: round(baselineSetup.elapsedMs / MINUTE),
        calls: baselineSetup.calls,
        elapsedOverCriticalPath: round(baselineSetup.elapsedMs / critical, 4),
        teardownMinutes: round(baselineTeardown.elapsedMs / MINUTE),
        teardownCalls: baselineTeardown.calls,
      },
    };
  } finally {
    await stack.stop();
  }
}

export type ScenarioResult = Awaited<ReturnType<typeof measure>>;
