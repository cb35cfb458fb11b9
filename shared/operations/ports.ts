import { type LifecycleInput } from "../domain/lifecycle";
import { type VpnLifecycleInput } from "../domain/vpn-link-record";

export const TERMINAL_STATUSES = ["Completed", "Failed", "Terminated", "Canceled"] as const;

export interface InstanceStatus {
  instanceId: string;
  runtimeStatus: string;
  input: unknown;
  customStatus: unknown;
  output: unknown;
  createdTime: string;
  lastUpdatedTime: string;
}

/** What the starters need from Durable Functions; the DurableClient adapter implements it. */
export interface OrchestrationClientPort {
  getStatus(instanceId: string): Promise<InstanceStatus | null>;
  start(orchestrator: string, instanceId: string, input: LifecycleInput | VpnLifecycleInput): Promise<void>;
}

export function isTerminal(status: InstanceStatus): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status.runtimeStatus);
}
