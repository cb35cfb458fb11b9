import { type InvocationContext, type Timer } from "@azure/functions";
import * as df from "durable-functions";
import { type DurableClient } from "durable-functions";
import { settings } from "../../shared/config/settings";
import { startHealthSweep, sweepInputOf } from "./health-sweep";

df.app.client.timer("healthTimer", {
  // HEALTH_CHECK_SCHEDULE (6-field NCRONTAB, every 5 minutes by default) is read when the worker indexes functions.
  schedule: settings().HEALTH_CHECK_SCHEDULE,
  handler: async (_timer: Timer, client: DurableClient, context: InvocationContext) => {
    // Every tick is routine (every 6 s at the dev stack's speed): its lines are debug; changes are logged by the checks.
    await startHealthSweep(client, (message) => context.debug(message), sweepInputOf(settings()));
  },
});
