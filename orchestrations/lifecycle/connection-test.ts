import { type OperationBase, targetOf } from "../contracts/common";
import { type CircuitTableReads } from "../../shared/domain/circuit-tables";
import { type ConnectivityEvidence, VerifyConnectivityActivity } from "../contracts/provisioning";
import { call, type Flow } from "../flow/steps";
import { waitUntil } from "../flow/wait";
import { expectOk, minutes } from "./kit";

/** BGP usually converges within a minute of the connection; give it a bounded grace period. */
export const CONNECTION_TEST_MINUTES = 15;

export interface ConnectionTestOptions {
  base: OperationBase;
  virtualCircuitId: string;
  /** The networks as preflight saw them; read from the clouds when omitted. */
  networks?: { vnetCidrs: string[]; vcnCidrs: string[] };
  deadlineMs: number;
  nowMs: () => number;
  onPoll?: (passed: boolean, problems: string[]) => void;
}

/**
 * Task 6 (setup and resume): the connection test polled with durable timers until it passes or the deadline
 * comes. The circuit's ARP and route tables are ARM long-running reads, so reads still running after one
 * poll are carried into the next instead of being waited for inside the activity.
 */
export function* connectionTest(options: ConnectionTestOptions): Flow<ConnectivityEvidence> {
  let tableReads: CircuitTableReads | undefined;
  const { state } = yield* waitUntil({
    step: "verify",
    what: "the connection test",
    read: function* () {
      const input = { ...targetOf(options.base), bgp: options.base.request.bgp, virtualCircuitId: options.virtualCircuitId, ...options.networks, ...(tableReads ? { tableReads } : {}) };
      const result = expectOk("verify", yield* call(VerifyConnectivityActivity, input));
      tableReads = result.tableReads;
      return result;
    },
    isDone: (result) => result.passed,
    describe: (result) => result.problems.join("; "),
    onPoll: (result) => options.onPoll?.(result.passed, result.problems),
    deadlineMs: Math.min(options.deadlineMs, options.nowMs() + minutes(CONNECTION_TEST_MINUTES)),
    nowMs: options.nowMs,
    backoff: { initialMs: 5_000, maxMs: 30_000, factor: 2 },
    timeoutCode: "ConnectionTestFailed",
  });
  return state.evidence;
}
