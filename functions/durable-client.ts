import { type DurableClient } from "durable-functions";
import { isUnknownInstance } from "../shared/clouds/errors";
import { type LifecycleInput } from "../shared/domain/lifecycle";
import { type VpnLifecycleInput } from "../shared/domain/vpn-link-record";
import { type InstanceStatus, type OrchestrationClientPort } from "../shared/operations/ports";

/** The DurableClient behind the port the start use case needs. */
export function orchestrationClient(client: DurableClient): OrchestrationClientPort {
  return {
    async getStatus(instanceId: string): Promise<InstanceStatus | null> {
      try {
        const status = await client.getStatus(instanceId, { showInput: true });
        return {
          instanceId: status.instanceId,
          runtimeStatus: String(status.runtimeStatus),
          input: status.input,
          customStatus: status.customStatus,
          output: status.output,
          createdTime: new Date(status.createdTime).toISOString(),
          lastUpdatedTime: new Date(status.lastUpdatedTime).toISOString(),
        };
      } catch (error) {
        if (isUnknownInstance(error)) return null;
        throw error;
      }
    },
    async start(orchestrator: string, instanceId: string, input: LifecycleInput | VpnLifecycleInput): Promise<void> {
      await client.startNew(orchestrator, { instanceId, input });
    },
  };
}
