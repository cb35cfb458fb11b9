import { currentTime } from "../../shared/config/clock";
import { app, type HttpRequest, type HttpResponseInit } from "@azure/functions";
import * as df from "durable-functions";
import { type DurableClient } from "durable-functions";
import { InterconnectName } from "../../shared/domain/identifiers";
import { parseWith } from "../../shared/domain/problem";
import { OperationRequest } from "../../shared/domain/requests";
import { VpnLinkRequest } from "../../shared/domain/vpn-link";
import { parseVpnInstanceId } from "../../shared/domain/vpn-link-record";
import { planVpnLink, vpnDetailOf, vpnSummaryOf } from "../../shared/operations/vpn-view";
import { startVpnOperation } from "../../shared/operations/start-vpn-operation";
import { checkVpnLink } from "../../shared/operations/vpn-sweep";
import { operationStatusOf, redact } from "../../shared/operations/view";
import { orchestrationClient } from "../durable-client";
import { clouds, eventSink, vpnLinks, webhook } from "../runtime";
import { MUTATING_AUTH, readAuth } from "./auth";
import { readJson } from "./body";
import { badRequest, conflict, json, notFound } from "./respond";
import { plain, withClient } from "./guarded-handlers";
import { API_BASE, startResponse } from "./start-response";

/**
 * `/api/vpn-links`: site-to-site IPSec VPNs between an Azure VNet and an OCI VCN, with the interconnects' lifecycle
 * (202 and Interlink's status route, idempotent replay, 409 on a different spec, progress steps, rollback, ordered
 * teardown, health in the sweep, events on the queue). No response carries a shared key: Interlink never holds one.
 */

const deps = (client: DurableClient) => ({ vpnLinks: vpnLinks(), orchestrations: orchestrationClient(client) });

function routeName(request: HttpRequest): { ok: true; name: string } | { ok: false; response: HttpResponseInit } {
  const parsed = parseWith(InterconnectName, request.params.name);
  return parsed.ok ? { ok: true, name: parsed.value } : { ok: false, response: badRequest(parsed.errors.map((error) => ({ ...error, path: "name" }))) };
}

export async function createVpnLink(request: HttpRequest, client: DurableClient): Promise<HttpResponseInit> {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = parseWith(VpnLinkRequest, body.value);
  if (!parsed.ok) return badRequest(parsed.errors, "The VPN link request is not valid");
  return startResponse(await startVpnOperation(deps(client), { operation: "setup", request: parsed.value }), "vpn-links");
}

/** `POST /api/vpn-links/plan`: what a request would build (names, steps, addressing), validated, without any call. */
export async function planVpnLinkRoute(request: HttpRequest): Promise<HttpResponseInit> {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const parsed = parseWith(VpnLinkRequest, body.value);
  if (!parsed.ok) return badRequest(parsed.errors, "The VPN link request is not valid");
  return json(200, planVpnLink(parsed.value));
}

export async function listVpnLinks(): Promise<HttpResponseInit> {
  const records = await vpnLinks().list();
  return json(200, { value: records.filter((record) => record.state !== "Deleted").map(vpnSummaryOf) });
}

export async function getVpnLink(request: HttpRequest, client: DurableClient): Promise<HttpResponseInit> {
  const name = routeName(request);
  if (!name.ok) return name.response;
  const record = await vpnLinks().get(name.name);
  if (!record || record.state === "Deleted") return notFound(`no VPN link named ${name.name}`);
  const running = record.operations.find((operation) => operation.status === "Running");
  const live = running ? await orchestrationClient(client).getStatus(running.instanceId) : null;
  return json(200, vpnDetailOf(record, live, API_BASE));
}

export async function getVpnOperation(request: HttpRequest, client: DurableClient): Promise<HttpResponseInit> {
  const name = routeName(request);
  if (!name.ok) return name.response;
  const instanceId = request.params.instanceId ?? "";
  if (parseVpnInstanceId(instanceId)?.name !== name.name) return notFound(`no operation ${instanceId} on ${name.name}`);
  const [record, live] = await Promise.all([vpnLinks().get(name.name), orchestrationClient(client).getStatus(instanceId)]);
  const status = operationStatusOf(name.name, instanceId, record, live, API_BASE, "vpn-links");
  if (!status) return notFound(`no operation ${instanceId} on ${name.name}`);
  return status.done ? json(200, status) : json(202, status, { "Retry-After": "10" });
}

function operationRoute(operation: "teardown" | "rotate-key" | "client-package") {
  return async (request: HttpRequest, client: DurableClient): Promise<HttpResponseInit> => {
    const name = routeName(request);
    if (!name.ok) return name.response;
    const body = await readJson(request, { optional: true });
    if (!body.ok) return body.response;
    const ticket = parseWith(OperationRequest, body.value ?? {});
    if (!ticket.ok) return badRequest(ticket.errors);
    if (operation === "rotate-key" && (await vpnLinks().get(name.name))?.spec.type === "point-to-site") {
      return conflict(`${name.name} is a point-to-site link: it has no shared key (clients use certificates; issue new ones with POST /api/vpn-links/${name.name}/client-certificates)`);
    }
    return startResponse(await startVpnOperation(deps(client), { operation, name: name.name, ticketId: ticket.value.ticketId }), "vpn-links");
  };
}

/** `GET .../health`: the last report (the sweep's or a POST's). */
export async function lastVpnHealth(request: HttpRequest): Promise<HttpResponseInit> {
  const name = routeName(request);
  if (!name.ok) return name.response;
  const record = await vpnLinks().get(name.name);
  if (!record || record.state === "Deleted") return notFound(`no VPN link named ${name.name}`);
  if (!record.lastHealth) return notFound(`${name.name} has not been checked yet; POST to this URL runs a check now`);
  return json(200, redact(record.lastHealth));
}

/** `POST .../health`: one check now (tunnels, BGP, routes learned, which path carries traffic), stored and returned. */
export async function checkVpnHealthNow(request: HttpRequest): Promise<HttpResponseInit> {
  const name = routeName(request);
  if (!name.ok) return name.response;
  const record = await vpnLinks().get(name.name);
  if (!record || record.state === "Deleted") return notFound(`no VPN link named ${name.name}`);
  if (record.spec.type === "azure-oci" && !record.resources.ipsecConnectionId) return conflict(`${name.name} has no tunnels to check (state ${record.state})`);
  const report = await checkVpnLink({ clouds: await clouds(), vpnLinks: vpnLinks(), events: eventSink(), webhook: webhook() }, record, `manual:${currentTime().toISOString()}`);
  return json(200, redact(report));
}

const READ = readAuth();
df.app.client.http("createVpnLink", { route: "vpn-links", methods: ["POST"], authLevel: MUTATING_AUTH, handler: withClient(createVpnLink) });
app.http("planVpnLink", { route: "vpn-links/plan", methods: ["POST"], authLevel: READ, handler: plain(planVpnLinkRoute) });
app.http("listVpnLinks", { route: "vpn-links", methods: ["GET"], authLevel: READ, handler: plain(listVpnLinks) });
df.app.client.http("getVpnLink", { route: "vpn-links/{name}", methods: ["GET"], authLevel: READ, handler: withClient(getVpnLink) });
df.app.client.http("getVpnLinkOperation", { route: "vpn-links/{name}/operations/{instanceId}", methods: ["GET"], authLevel: READ, handler: withClient(getVpnOperation) });
df.app.client.http("deleteVpnLink", { route: "vpn-links/{name}", methods: ["DELETE"], authLevel: MUTATING_AUTH, handler: withClient(operationRoute("teardown")) });
df.app.client.http("newVpnClientPackage", { route: "vpn-links/{name}/client-package", methods: ["POST"], authLevel: MUTATING_AUTH, handler: withClient(operationRoute("client-package")) });
df.app.client.http("rotateVpnLinkKey", { route: "vpn-links/{name}/rotate-key", methods: ["POST"], authLevel: MUTATING_AUTH, handler: withClient(operationRoute("rotate-key")) });
app.http("getVpnLinkHealth", { route: "vpn-links/{name}/health", methods: ["GET"], authLevel: READ, handler: plain(lastVpnHealth) });
app.http("checkVpnLinkHealth", { route: "vpn-links/{name}/health", methods: ["POST"], authLevel: MUTATING_AUTH, handler: plain(checkVpnHealthNow) });
