import { z } from "zod";
import { InterlinkEvent } from "../../shared/domain/events";
import { defineActivity, okOrFailed } from "../flow/contract";

/** Sends one event to `interconnect-events`, at most once per event id (replays send nothing). */
export const EmitEventActivity = defineActivity(
  "EmitEventActivity",
  InterlinkEvent,
  okOrFailed({ sent: z.boolean() }),
);
