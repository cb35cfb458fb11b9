import { EmitEventActivity } from "../../orchestrations/contracts/events";
import { type EventSink } from "../../shared/events/sink";
import { eventSink } from "../runtime";
import { type ActivityHandler, registerActivity } from "./register";
import { classifyStorageError } from "./storage-errors";

/** Sends one event at most once per event id. */
export function emitEvent(sink: () => EventSink): ActivityHandler<typeof EmitEventActivity> {
  return async (event) => ({ kind: "ok", sent: await sink().emit(event) });
}

registerActivity(EmitEventActivity, emitEvent(eventSink), classifyStorageError);
