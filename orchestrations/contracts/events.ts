import { z } from "zod";
import { InterlinkEvent } from "../../shared/domain/events";
import { defineActivity, FailedResult } from "../flow/contract";

/** Sends one event to `interconnect-events`, at most once per event id (replays send nothing). */
export const EmitEventActivity = defineActivity(
  "EmitEventActivity",
  InterlinkEvent,
  z.discriminatedUnion("kind", [z.object({ kind: z.literal("ok"), sent: z.boolean() }), FailedResult]),
);
