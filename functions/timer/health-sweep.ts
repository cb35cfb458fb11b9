import { type DurableClient } from "durable-functions";
import { HEALTH_SWEEP_INSTANCE_ID, HEALTH_SWEEP_ORCHESTRATOR, HealthSweepInput } from "../../shared/domain/health";

const RUNNING = ["Running", "Pending", "ContinuedAsNew", "Suspended"];

/**
 * Starts one health sweep unless the previous one is still running: sweeps are a singleton (fixed instance
 * id), so a slow sweep makes the next tick skip, never overlap.
 */
export async function startHealthSweep(client: DurableClient, log: (message: string) => void, settings: NodeJS.ProcessEnv = process.env): Promise<"started" | "skipped"> {
  try {
    const status = await client.getStatus(HEALTH_SWEEP_INSTANCE_ID);
    if (RUNNING.includes(String(status.runtimeStatus))) {
      log(`health sweep skipped: ${HEALTH_SWEEP_INSTANCE_ID} is still ${status.runtimeStatus} (started ${new Date(status.createdTime).toISOString()})`);
      return "skipped";
    }
  } catch (error) {
    if (!(error instanceof Error && error.message.includes("HTTP 404"))) throw error;
  }
  const input = HealthSweepInput.parse({
    ...(settings.HEALTH_CHECK_BATCH_SIZE ? { batchSize: Number(settings.HEALTH_CHECK_BATCH_SIZE) } : {}),
    ...(settings.HEALTH_CHECK_CONCURRENCY ? { concurrency: Number(settings.HEALTH_CHECK_CONCURRENCY) } : {}),
  });
  await client.startNew(HEALTH_SWEEP_ORCHESTRATOR, { instanceId: HEALTH_SWEEP_INSTANCE_ID, input });
  log(`health sweep started as ${HEALTH_SWEEP_INSTANCE_ID}`);
  return "started";
}
