import * as df from "durable-functions";
import { EmitEventActivity } from "../../orchestrations/contracts/events";
import { type EventSink } from "../../shared/events/sink";
import { eventSink } from "../runtime";

/** Sends one event at most once per id; storage errors throw so Durable retries them. */
export function createEmitEvent(sink: () => EventSink) {
  return async (raw: unknown) => {
    const event = EmitEventActivity.input.parse(raw);
    const sent = await sink().emit(event);
    return EmitEventActivity.output.parse({ kind: "ok", sent });
  };
}

df.app.activity(EmitEventActivity.name, { handler: createEmitEvent(eventSink) });
