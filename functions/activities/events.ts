import { EmitEventActivity } from "../../orchestrations/contracts/events";
import { type EventSink } from "../../shared/events/sink";
import { activity } from "./register";
import { classifyStorageError } from "./storage-errors";

/** Sends one event at most once per event id. */
export function createEventActivities(sink: () => EventSink) {
  return {
    EmitEventActivity: activity(EmitEventActivity, async (event) => ({ kind: "ok" as const, sent: await sink().emit(event) }), classifyStorageError),
  };
}
