import { type DurableClient } from "durable-functions";
import { type z } from "zod";
import { type Settings } from "../../shared/config/settings";
import { HEALTH_SWEEP_INSTANCE_ID, HEALTH_SWEEP_ORCHESTRATOR, HealthSweepInput } from "../../shared/domain/health";
import { orchestrationClient } from "../durable-client";

const RUNNING = ["Running", "Pending", "ContinuedAsNew", "Suspended"];

/** A sweep's batching, from the app settings. */
export function sweepInputOf(settings: Pick<Settings, "HEALTH_CHECK_BATCH_SIZE" | "HEALTH_CHECK_CONCURRENCY">): z.input<typeof HealthSweepInput> {
  return { batchSize: settings.HEALTH_CHECK_BATCH_SIZE, concurrency: settings.HEALTH_CHECK_CONCURRENCY };
}

/**
 * Starts one health sweep unless the previous one is still running: sweeps are a singleton (fixed instance
 * id), so a slow sweep makes the next tick skip, never overlap. Batching left out takes the sweep's defaults.
 */
export async function startHealthSweep(client: DurableClient, log: (message: string) => void, sweep: z.input<typeof HealthSweepInput>): Promise<"started" | "skipped"> {
  const durable = orchestrationClient(client);
  const running = async () => {
    const status = await durable.getStatus(HEALTH_SWEEP_INSTANCE_ID);
    if (!status || !RUNNING.includes(status.runtimeStatus)) return false;
    log(`health sweep skipped: ${HEALTH_SWEEP_INSTANCE_ID} is still ${status.runtimeStatus} (started ${status.createdTime})`);
    return true;
  };
  if (await running()) return "skipped";
  const input = HealthSweepInput.parse(sweep);
  try {
    await client.startNew(HEALTH_SWEEP_ORCHESTRATOR, { instanceId: HEALTH_SWEEP_INSTANCE_ID, input });
  } catch (error) {
    // Another tick (another instance of the app) started it after the read: the Durable extension refuses a start
    // of a running instance id with a plain 500, so the instance's status says whether that is what happened.
    if (await running()) return "skipped";
    throw error;
  }
  log(`health sweep started as ${HEALTH_SWEEP_INSTANCE_ID}`);
  return "started";
}
