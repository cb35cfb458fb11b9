import { type InvocationContext, type Timer } from "@azure/functions";
import * as df from "durable-functions";
import { type DurableClient } from "durable-functions";
import { startHealthSweep } from "./health-sweep";

/** DESIGN.md: every 5 minutes unless HEALTH_CHECK_SCHEDULE (6-field NCRONTAB) says otherwise. */
export const DEFAULT_HEALTH_CHECK_SCHEDULE = "0 */5 * * * *";

df.app.client.timer("healthTimer", {
  // Read when the worker indexes functions, so the default applies where the setting is absent.
  schedule: process.env.HEALTH_CHECK_SCHEDULE?.trim() || DEFAULT_HEALTH_CHECK_SCHEDULE,
  handler: async (_timer: Timer, client: DurableClient, context: InvocationContext) => {
    await startHealthSweep(client, (message) => context.log(message));
  },
});
