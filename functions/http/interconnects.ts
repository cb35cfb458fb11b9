import { app, type HttpRequest, type HttpResponseInit } from "@azure/functions";
import * as df from "durable-functions";
import { type DurableClient } from "durable-functions";
import { planSetup, validateSetup } from "../../shared/domain/dry-run";
import { InterconnectName } from "../../shared/domain/identifiers";
import { runningOperation } from "../../shared/domain/inventory";
import { parseInstanceId } from "../../shared/domain/naming";
import { parseWith } from "../../shared/domain/problem";
import { planTopologyChange } from "../../shared/domain/change-plan";
import { EditRequest, OperationRequest, spokeSubnetChanges, withTopology } from "../../shared/domain/requests";
import { newlyUnboundProblems } from "../../shared/domain/security/binding";
import { SetupRequest } from "../../shared/domain/setup-request";
import { topologyChangeProblems } from "../../shared/domain/topology-change";
import { continuationToken, ListQuery } from "../../shared/operations/list-page";
import { startOperation } from "../../shared/operations/start-operation";
import { type InventoryPage } from "../../shared/inventory/store";
import { detailOf, type InterconnectSummary, operationStatusOf, summaryOf } from "../../shared/operations/view";
import { orchestrationClient } from "../durable-client";
import { eventSink, inventory } from "../runtime";
import { readJson } from "./body";
import { changePlanMatchesSchema, planMatchesSchema } from "./responses";
import { badRequest, json, notFound, problem } from "./respond";
import { plain, withClient } from "./guarded-handlers";
import { MUTATING_AUTH, readAuth } from "./auth";
import { API_BASE, startResponse } from "./start-response";

const deps = (client: DurableClient) => ({ inventory: inventory(), orchestrations: orchestrationClient(client), events: eventSink() });

function routeName(request: HttpRequest): { ok: true; name: string } | { ok: false; response: HttpResponseInit } {
  const parsed = parseWith(InterconnectName, request.params.name);
  return parsed.ok ? { ok: true, name: parsed.value } : { ok: false, response: badRequest(parsed.errors.map((error) => ({ ...error, path: "name" }))) };
}

export async function createInterconnect(request: HttpRequest, client: DurableClient): Promise<HttpResponseInit> {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const valid = validateSetup(body.value);
  if (!valid.ok) return problem(valid.problem);
  return startResponse(await startOperation(deps(client), { operation: "setup", request: valid.value }));
}

export async function planInterconnect(request: HttpRequest): Promise<HttpResponseInit> {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const plan = planSetup(body.value);
  return plan.ok ? json(200, planMatchesSchema(plan.value)) : problem(plan.problem);
}

/** The summaries of a page, made once for all the callers the inventory's listing cache hands that page to. */
const summariesOf = new WeakMap<InventoryPage, InterconnectSummary[]>();

/** `GET /api/interconnects?top=&continuationToken=&state=`: one page, read without the rest of the inventory. */
export async function listInterconnects(request: HttpRequest): Promise<HttpResponseInit> {
  const parsed = parseWith(ListQuery, Object.fromEntries(request.query.entries()));
  if (!parsed.ok) return badRequest(parsed.errors, "The list query is not valid");
  const { top, continuationToken: after, state } = parsed.value;
  const page = await inventory().page({ top, ...(after ? { after } : {}), ...(state ? { state } : {}) });
  const value = summariesOf.get(page) ?? page.records.map(summaryOf);
  summariesOf.set(page, value);
  if (!page.continueAfter) return json(200, { value });
  const token = continuationToken(page.continueAfter);
  const next = new URLSearchParams({ top: String(top), ...(state ? { state } : {}), continuationToken: token });
  return json(200, { value, continuationToken: token, nextLink: `${API_BASE}/interconnects?${next.toString()}` });
}

export async function getInterconnect(request: HttpRequest, client: DurableClient): Promise<HttpResponseInit> {
  const name = routeName(request);
  if (!name.ok) return name.response;
  const record = await inventory().get(name.name);
  if (!record) return notFound(`no interconnect named ${name.name}`);
  const running = runningOperation(record);
  const live = running ? await orchestrationClient(client).getStatus(running.instanceId) : null;
  return json(200, detailOf(record, live, API_BASE));
}

/**
 * `GET /api/interconnects/{name}/operations/{instanceId}`: one operation's progress and result, the target of
 * every 202's Location. 202 with Retry-After while it runs, 200 once it ended (succeeded, failed or terminated).
 */
export async function getOperation(request: HttpRequest, client: DurableClient): Promise<HttpResponseInit> {
  const name = routeName(request);
  if (!name.ok) return name.response;
  const instanceId = request.params.instanceId ?? "";
  const parsed = parseInstanceId(instanceId);
  if (!parsed || parsed.name !== name.name || parsed.operation === "health") return notFound(`no operation ${instanceId} on ${name.name}`);
  const [record, live] = await Promise.all([inventory().get(name.name), orchestrationClient(client).getStatus(instanceId)]);
  const status = operationStatusOf(name.name, instanceId, record, live, API_BASE);
  if (!status) return notFound(`no operation ${instanceId} on ${name.name}`);
  return status.done ? json(200, status) : json(202, status, { "Retry-After": "10" });
}

/** The spec after a topology change, validated as a whole (every setup rule applies), or the response that refuses it. */
async function changedSpec(name: string, edit: EditRequest): Promise<{ ok: true; current: SetupRequest; next: SetupRequest } | { ok: false; response: HttpResponseInit }> {
  const record = await inventory().get(name);
  if (!record || record.state === "Deleted") return { ok: false, response: notFound(`no interconnect named ${name}`) };
  const rebinding = spokeSubnetChanges(record.spec, edit);
  if (rebinding.length > 0) return { ok: false, response: badRequest(rebinding, "The changed interconnect is not valid") };
  const parsed = parseWith(SetupRequest, withTopology(record.spec, edit));
  if (!parsed.ok) return { ok: false, response: badRequest(parsed.errors, "The changed interconnect is not valid") };
  const problems = [...topologyChangeProblems(record.spec, parsed.value), ...newlyUnboundProblems(record.spec, parsed.value)];
  if (problems.length > 0) return { ok: false, response: badRequest(problems, "The change is not valid") };
  return { ok: true, current: record.spec, next: parsed.value };
}

/** The interconnect a PATCH or change plan names and its parsed edit request, or the answer refusing them. */
async function editOf(request: HttpRequest) {
  const name = routeName(request);
  if (!name.ok) return name;
  const body = await readJson(request);
  if (!body.ok) return body;
  const parsed = parseWith(EditRequest, body.value);
  if (!parsed.ok) return { ok: false as const, response: badRequest(parsed.errors, "The edit request is not valid") };
  return { ok: true as const, name, value: parsed.value };
}

/**
 * `PATCH /api/interconnects/{name}`: a bandwidth change resizes both circuits; a change of spokes, app subnets, peered
 * VCNs, VCN route tables or traffic rules is a topology change, which never writes to either circuit.
 */
export async function editInterconnect(request: HttpRequest, client: DurableClient): Promise<HttpResponseInit> {
  const edit = await editOf(request);
  if (!edit.ok) return edit.response;
  const { name, value } = edit;
  const { bandwidthMbps, ticketId } = value;
  if (bandwidthMbps !== undefined) return startResponse(await startOperation(deps(client), { operation: "resize", name: name.name, bandwidthMbps, ticketId }));
  const changed = await changedSpec(name.name, value);
  if (!changed.ok) return changed.response;
  return startResponse(await startOperation(deps(client), { operation: "update", name: name.name, request: changed.next, ticketId }));
}

/** `POST /api/interconnects/{name}/plan`: what a PATCH with this body would add and remove. Touches nothing. */
export async function planChange(request: HttpRequest): Promise<HttpResponseInit> {
  const edit = await editOf(request);
  if (!edit.ok) return edit.response;
  const { name, value } = edit;
  if (value.bandwidthMbps !== undefined) return badRequest([{ path: "bandwidthMbps", message: "the change plan previews topology changes; a bandwidth change resizes both circuits in place" }]);
  const changed = await changedSpec(name.name, value);
  if (!changed.ok) return changed.response;
  return json(200, changePlanMatchesSchema(planTopologyChange(changed.current, changed.next)));
}

function operationRoute(operation: "teardown" | "suspend" | "resume") {
  return async (request: HttpRequest, client: DurableClient): Promise<HttpResponseInit> => {
    const name = routeName(request);
    if (!name.ok) return name.response;
    const body = await readJson(request, { optional: true });
    if (!body.ok) return body.response;
    const parsed = parseWith(OperationRequest, body.value ?? {});
    if (!parsed.ok) return badRequest(parsed.errors);
    return startResponse(await startOperation(deps(client), { operation, name: name.name, ticketId: parsed.value.ticketId, reason: parsed.value.reason }));
  };
}

const READ = readAuth();
df.app.client.http("createInterconnect", { route: "interconnects", methods: ["POST"], authLevel: MUTATING_AUTH, handler: withClient(createInterconnect) });
app.http("planInterconnect", { route: "interconnects/plan", methods: ["POST"], authLevel: READ, handler: plain(planInterconnect) });
app.http("listInterconnects", { route: "interconnects", methods: ["GET"], authLevel: READ, handler: plain(listInterconnects) });
app.http("planInterconnectChange", { route: "interconnects/{name}/plan", methods: ["POST"], authLevel: READ, handler: plain(planChange) });
df.app.client.http("getInterconnect", { route: "interconnects/{name}", methods: ["GET"], authLevel: READ, handler: withClient(getInterconnect) });
df.app.client.http("getInterconnectOperation", { route: "interconnects/{name}/operations/{instanceId}", methods: ["GET"], authLevel: READ, handler: withClient(getOperation) });
df.app.client.http("editInterconnect", { route: "interconnects/{name}", methods: ["PATCH"], authLevel: MUTATING_AUTH, handler: withClient(editInterconnect) });
df.app.client.http("deleteInterconnect", { route: "interconnects/{name}", methods: ["DELETE"], authLevel: MUTATING_AUTH, handler: withClient(operationRoute("teardown")) });
df.app.client.http("suspendInterconnect", { route: "interconnects/{name}/suspend", methods: ["POST"], authLevel: MUTATING_AUTH, handler: withClient(operationRoute("suspend")) });
df.app.client.http("resumeInterconnect", { route: "interconnects/{name}/resume", methods: ["POST"], authLevel: MUTATING_AUTH, handler: withClient(operationRoute("resume")) });
