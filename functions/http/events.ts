import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { z } from "zod";
import { InterconnectName } from "../../shared/domain/identifiers";
import { parseWith } from "../../shared/domain/problem";
import { redact } from "../../shared/operations/view";
import { eventLog } from "../runtime";
import { readAuth } from "./auth";
import { badRequest, guarded, json } from "./respond";

const Limit = z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(500, "must be at most 500").default(100);

/** `GET /api/interconnects/{name}/events?limit=N`: what happened to the interconnect, newest first (a name with none: an empty list). */
export async function listEvents(request: HttpRequest): Promise<HttpResponseInit> {
  const name = parseWith(InterconnectName, request.params.name);
  if (!name.ok) return badRequest(name.errors.map((error) => ({ ...error, path: "name" })));
  const limit = parseWith(Limit, request.query.get("limit") ?? undefined);
  if (!limit.ok) return badRequest(limit.errors.map((error) => ({ ...error, path: "limit" })));
  return json(200, redact({ value: await eventLog().list(name.value, limit.value) }));
}

const logged = (_request: HttpRequest, context?: InvocationContext) => (message: string) => context?.error(message);
app.http("listInterconnectEvents", { route: "interconnects/{name}/events", methods: ["GET"], authLevel: readAuth(), handler: guarded(listEvents, logged) });
