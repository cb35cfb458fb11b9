import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { InterconnectName } from "../../shared/domain/identifiers";
import { parseWith } from "../../shared/domain/problem";
import { checkAndRecord } from "../../shared/operations/health";
import { currentTime } from "../../shared/config/clock";
import { redact } from "../../shared/operations/view";
import { clouds, eventSink, inventory, webhook } from "../runtime";
import { MUTATING_AUTH, readAuth } from "./auth";
import { badRequest, conflict, guarded, json, notFound, problem } from "./respond";

function nameOf(request: HttpRequest) {
  return parseWith(InterconnectName, request.params.name);
}

/** `GET /api/interconnects/{name}/health`: the last report. */
export async function lastHealth(request: HttpRequest, _context?: InvocationContext): Promise<HttpResponseInit> {
  const name = nameOf(request);
  if (!name.ok) return badRequest(name.errors.map((error) => ({ ...error, path: "name" })));
  const record = await inventory().get(name.value);
  if (!record || record.state === "Deleted") return notFound(`no interconnect named ${name.value}`);
  if (!record.lastHealth && record.state === "RolledBack") return notFound(`${name.value} has no health report: its setup failed and was rolled back`);
  if (!record.lastHealth) return notFound(`${name.value} has not been checked yet; POST to this URL runs a check now`);
  return json(200, redact(record.lastHealth));
}

/** `POST /api/interconnects/{name}/health`: runs one check now and returns its report. */
export async function checkNow(request: HttpRequest, _context?: InvocationContext): Promise<HttpResponseInit> {
  const name = nameOf(request);
  if (!name.ok) return badRequest(name.errors.map((error) => ({ ...error, path: "name" })));
  const record = await inventory().get(name.value);
  if (!record || record.state === "Deleted") return notFound(`no interconnect named ${name.value}`);
  if (record.state === "RolledBack") return conflict(`${name.value} has nothing to check: its setup failed and was rolled back`);
  const result = await checkAndRecord({ clouds: await clouds(), inventory: inventory(), events: eventSink(), webhook: webhook() }, name.value, `manual:${currentTime().toISOString()}`, currentTime(), { waitForTables: true });
  if (result.report) return json(200, redact(result.report));
  if (result.error?.startsWith("no interconnect")) return notFound(result.error);
  return problem({ type: "https://interlink.dev/problems/check-failed", title: "The health check could not read the clouds", status: 503, detail: result.error ?? "unknown error", errors: [] });
}

const logged = (_request: HttpRequest, context?: InvocationContext) => (message: string) => context?.error(message);
app.http("getInterconnectHealth", { route: "interconnects/{name}/health", methods: ["GET"], authLevel: readAuth(), handler: guarded(lastHealth, logged) });
app.http("checkInterconnectHealth", { route: "interconnects/{name}/health", methods: ["POST"], authLevel: MUTATING_AUTH, handler: guarded(checkNow, logged) });
