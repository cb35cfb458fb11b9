import { CronExpressionParser } from "cron-parser";
import { currentTime } from "../../shared/config/clock";
import { type DurableClient } from "durable-functions";
import { type z } from "zod";
import { type Settings } from "../../shared/config/settings";
import { HEALTH_SWEEP_INSTANCE_ID, HEALTH_SWEEP_ORCHESTRATOR, HealthSweepInput } from "../../shared/domain/health";
import { orchestrationClient } from "../durable-client";

const RUNNING = ["Running", "Pending", "ContinuedAsNew", "Suspended"];

type SweepSettings = Pick<Settings, "HEALTH_CHECK_BATCH_SIZE" | "HEALTH_CHECK_CONCURRENCY" | "HEALTH_CHECK_SCHEDULE" | "HEALTH_DEEP_CHECK_INTERVAL" | "AZURE_MAX_REQUESTS_PER_SECOND" | "OCI_MAX_REQUESTS_PER_SECOND">;

/** The shortest gap between two ticks of a cron schedule over the next day: the time a sweep has. */
export function scheduleGapMs(schedule: string, from = currentTime()): number {
  const ticks = CronExpressionParser.parse(schedule, { currentDate: from });
  let previous = ticks.next().getTime();
  let shortest = Infinity;
  for (let tick = 0; tick < 288; tick++) {
    const next = ticks.next().getTime();
    shortest = Math.min(shortest, next - previous);
    if (next - from.getTime() > 86_400_000) break;
    previous = next;
  }
  return shortest;
}

/** A sweep's batching, schedule, deep-check interval and the clients' limits, from the app settings. */
export function sweepInputOf(settings: SweepSettings): z.input<typeof HealthSweepInput> {
  return {
    batchSize: settings.HEALTH_CHECK_BATCH_SIZE,
    concurrency: settings.HEALTH_CHECK_CONCURRENCY,
    deepCheckIntervalMs: settings.HEALTH_DEEP_CHECK_INTERVAL,
    scheduleMs: scheduleGapMs(settings.HEALTH_CHECK_SCHEDULE),
    requestsPerSecond: { azure: settings.AZURE_MAX_REQUESTS_PER_SECOND, oci: settings.OCI_MAX_REQUESTS_PER_SECOND },
  };
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
