// Benchmark: how close does a setup get to its critical path? With the emulators' realistic durations
// (ExpressRoute gateway 30 min, circuit 150 s, virtual circuit 4 min, connection 90 s) compressed by the
// dev host's virtual clock, the setup's elapsed virtual time is divided by the longest chain of provisioning
// durations. Also counts the API reads each provisioning wait spends. Run: npm run bench:setup
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_DURATIONS, type Durations } from "@interlink/cloud-emulators";
import { startInProcessStack } from "../../test/support/in-process-stack";
import designExample from "../../test/fixtures/design-example.json";

export interface Scenario {
  name: string;
  file: string;
  durations: Partial<Durations>;
}

/** The longest chain: (GatewaySubnet, gateway) beside (circuit, virtual circuit), then the connection. */
function criticalPathMs(durations: Durations): number {
  const gatewayChain = durations.armSmallResource + durations.expressRouteGateway;
  const circuitChain = durations.expressRouteCircuit + durations.virtualCircuitProvisioning;
  return Math.max(gatewayChain, circuitChain) + durations.gatewayConnection;
}

/** Runs one scenario in its own in-process stack (one per jest file: the app keeps its clients per process). */
export async function measure(scenario: Scenario) {
  const stack = await startInProcessStack({ durations: scenario.durations });
  try {
    await stack.emulators.admin.clearJournal();
    const posted = await stack.host.http.request("POST", "/api/interconnects", { json: designExample });
    if (posted.status !== 202) throw new Error(`setup was not accepted: ${posted.status} ${posted.text} ${stack.host.logs.slice(-5).join(" / ")}`);
    const { instanceId } = posted.json<{ instanceId: string }>();
    const status = await stack.host.waitForCompletion(instanceId, { timeoutMs: 120_000 });
    if ((status.output as { status?: string }).status !== "succeeded") throw new Error(`setup did not succeed: ${JSON.stringify(status.output)}`);
    const elapsedMs = new Date(status.lastUpdatedTime).getTime() - new Date(status.createdTime).getTime();
    const durations = { ...DEFAULT_DURATIONS, ...scenario.durations };
    const critical = criticalPathMs(durations);
    const journal = await stack.emulators.admin.journal();
    const count = (op: string) => journal.filter((entry) => entry.op === op).length;
    return {
      scenario: scenario.name,
      elapsedVirtualMinutes: +(elapsedMs / 60_000).toFixed(2),
      criticalPathMinutes: +(critical / 60_000).toFixed(2),
      ratio: +(elapsedMs / critical).toFixed(4),
      apiCalls: {
        total: journal.length,
        gatewayReads: count("virtualNetworkGateways.get"),
        circuitReads: count("expressRouteCircuits.get"),
        virtualCircuitReads: count("getVirtualCircuit"),
        connectionReads: count("virtualNetworkGatewayConnections.get"),
      },
      waits: {
        gatewayMinutes: +(durations.expressRouteGateway / 60_000).toFixed(1),
        readsPerGatewayWait: count("virtualNetworkGateways.get"),
        readsPerProvisioningWait: count("getVirtualCircuit"),
      },
    };
  } finally {
    await stack.stop();
  }
}

/** Writes the result next to the others and prints a one-line summary. */
export function report(scenario: Scenario, result: Awaited<ReturnType<typeof measure>>): void {
  const directory = path.resolve(__dirname, "../results");
  mkdirSync(directory, { recursive: true });
  writeFileSync(path.join(directory, scenario.file), `${JSON.stringify({ target: "ratio <= 1.05", measuredAt: new Date().toISOString(), node: process.version, result }, null, 2)}\n`);
  console.log(`${result.scenario}: ${result.elapsedVirtualMinutes} min vs critical path ${result.criticalPathMinutes} min -> ratio ${result.ratio}; ${result.apiCalls.total} API calls (${result.waits.readsPerGatewayWait} gateway reads, ${result.waits.readsPerProvisioningWait} virtual-circuit reads)`);
}
