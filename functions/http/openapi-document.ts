import { z } from "zod";
import { EventList } from "../../shared/domain/events";
import { HealthReport } from "../../shared/domain/health";
import { LintReport, PolicyLintRequest, PolicyScenarioRequest, PolicySet } from "../../shared/domain/iam";
import { PermissionReport, PolicyPlan } from "../../shared/domain/iam/permission-report";
import { EditRequest, OperationRequest, QueueMessage } from "../../shared/domain/requests";
import { SetupRequest } from "../../shared/domain/setup-request";
import { ListQuery } from "../../shared/operations/list-page";
import { InterconnectDetail, InterconnectList, OperationStatus } from "../../shared/operations/view";
import { PlanResponse, ProblemDocument, StartAccepted } from "./responses";
import { ClientCertificateIssued, ClientCertificateRequest } from "../../shared/domain/p2s-root";
import { VpnLinkRequest } from "../../shared/domain/vpn-link";
import { VpnHealthReport } from "../../shared/domain/vpn-link-record";
import { VpnLinkDetail, VpnLinkList, VpnPlan, VpnStartAccepted } from "../../shared/operations/vpn-view";

/** Request bodies, published as their input (defaults make fields optional). */
export const REQUEST_SCHEMAS: Record<string, z.ZodType> = {
  SetupRequest,
  EditRequest,
  OperationRequest,
  QueueMessage,
  PolicyScenarioRequest,
  PolicyLintRequest,
  VpnLinkRequest,
  ClientCertificateRequest,
};

/** Response bodies, published as what the API sends (defaults filled in). */
export const RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  ProblemDocument,
  StartAccepted,
  OperationStatus,
  InterconnectList,
  InterconnectDetail,
  HealthReport,
  EventList,
  InterconnectPlan: PlanResponse,
  PolicySet,
  LintReport,
  PermissionReport,
  PolicyPlan,
  VpnStartAccepted,
  VpnLinkList,
  VpnLinkDetail,
  VpnHealthReport,
  VpnPlan,
  ClientCertificateIssued,
};

type Method = "get" | "post" | "patch" | "delete";

/** `mutating` routes always need a function key; `read` routes unless INTERLINK_READ_AUTH=anonymous; `public` never. */
export type RouteAuth = "mutating" | "read" | "public";

interface ResponseDoc {
  description: string;
  schema?: string;
  headers?: Record<string, string>;
}

export interface RouteDoc {
  method: Method;
  path: string;
  summary: string;
  body?: string;
  optionalBody?: boolean;
  /** Query parameters, documented from their schema (all optional). */
  query?: z.ZodObject;
  auth: RouteAuth;
  responses: Record<number, ResponseDoc>;
}

const nameParameter = { name: "name", in: "path", required: true, description: "The interconnect's (or VPN link's) name.", schema: { type: "string", pattern: "^[a-z][a-z0-9-]{1,38}[a-z0-9]$" } };
const instanceParameter = {
  name: "instanceId",
  in: "path",
  required: true,
  description: "The operation's instance id, as in the 202's Location: `<name>.<operation>.<sequence>` (VPN links: `vpn.<name>.<operation>.<sequence>`).",
  schema: { type: "string" },
};

const problem = (description: string): ResponseDoc => ({ description, schema: "ProblemDocument" });
const invalid = { 400: problem("Invalid input: problem details naming each field and the rule it breaks"), 413: problem("The body is larger than 64 KiB"), 415: problem("The body is not application/json") };
const keyed = { 401: { description: "No valid function key (x-functions-key header or code query parameter)" } };
const unavailable = { 503: problem("A backing service (storage, a cloud) did not answer; try again shortly") };
/** The answers of an operation's status route: ended, still running, or unknown. */
const operationStatusResponses = (ended: string, unknown: string) => ({
  200: { description: ended, schema: "OperationStatus" },
  202: { description: "The operation is still running; poll again after Retry-After", schema: "OperationStatus", headers: { "Retry-After": "Seconds to wait before the next poll" } },
  404: problem(unknown),
  ...unavailable,
});
const started = (what: string): ResponseDoc => ({
  description: `${what} started, or already running for this same request (replayed: true). Follow the Location.`,
  schema: "StartAccepted",
  headers: { Location: "Interlink's status route for the operation: /api/interconnects/{name}/operations/{instanceId}", "Retry-After": "Seconds to wait before the first poll" },
});

const vpnStarted = (what: string): ResponseDoc => ({
  description: `${what} started, or already running for this same request (replayed: true). Follow the Location.`,
  schema: "VpnStartAccepted",
  headers: { Location: "Interlink's status route for the operation: /api/vpn-links/{name}/operations/{instanceId}", "Retry-After": "Seconds to wait before the first poll" },
});

/** Site-to-site IPSec VPNs between an Azure VNet and an OCI VCN, with the interconnects' lifecycle. */
const VPN_ROUTES: RouteDoc[] = [
  {
    method: "post",
    path: "/api/vpn-links",
    summary: "Validate a VPN link request (inside addresses, policy) and start its setup",
    body: "VpnLinkRequest",
    auth: "mutating",
    responses: { 202: vpnStarted("Setup"), ...invalid, 409: problem("The name exists with a different spec, or another operation is running"), ...unavailable },
  },
  {
    method: "post",
    path: "/api/vpn-links/plan",
    summary: "Dry run: steps, resource names, each tunnel's BGP addresses and the policy in both clouds' terms; touches nothing",
    body: "VpnLinkRequest",
    auth: "read",
    responses: { 200: { description: "The plan", schema: "VpnPlan" }, ...invalid },
  },
  { method: "get", path: "/api/vpn-links", summary: "Every VPN link except deleted ones, with its state, last verdict and the path carrying traffic", auth: "read", responses: { 200: { description: "The list", schema: "VpnLinkList" }, ...unavailable } },
  {
    method: "get",
    path: "/api/vpn-links/{name}",
    summary: "One VPN link: state, step progress, resource ids, BGP addressing, last health, last error",
    auth: "read",
    responses: { 200: { description: "The VPN link", schema: "VpnLinkDetail" }, 404: problem("Unknown name"), ...unavailable },
  },
  {
    method: "get",
    path: "/api/vpn-links/{name}/operations/{instanceId}",
    summary: "One VPN link operation's steps and result: the target of its 202's Location",
    auth: "read",
    responses: operationStatusResponses("The operation has ended", "Unknown VPN link or operation"),
  },
  {
    method: "delete",
    path: "/api/vpn-links/{name}",
    summary: "Start the ordered teardown: connections, local network gateways and IPSec connection, CPE, then the gateway if unused",
    body: "OperationRequest",
    optionalBody: true,
    auth: "mutating",
    responses: { 202: vpnStarted("Teardown"), ...invalid, 404: problem("Unknown name"), 409: problem("Another operation is running") },
  },
  {
    method: "post",
    path: "/api/vpn-links/{name}/rotate-key",
    summary: "New pre-shared keys on both clouds, one tunnel at a time so the other stays up",
    body: "OperationRequest",
    optionalBody: true,
    auth: "mutating",
    responses: { 202: vpnStarted("Key rotation"), ...invalid, 404: problem("Unknown name"), 409: problem("Not Active or Degraded, or another operation running") },
  },
  {
    method: "post",
    path: "/api/vpn-links/{name}/client-package",
    summary: "Generate a new VPN client package for a point-to-site link (Azure's download URL expires about an hour after it is made); the link's state does not change",
    body: "OperationRequest",
    optionalBody: true,
    auth: "mutating",
    responses: { 202: vpnStarted("Client package generation"), ...invalid, 404: problem("Unknown name"), 409: problem("Not a point-to-site link, not Active or Degraded, or another operation running") },
  },
  {
    method: "post",
    path: "/api/vpn-links/{name}/client-certificates",
    summary: "Issue a client certificate signed by a point-to-site link's root; its private key is returned this once and never kept",
    body: "ClientCertificateRequest",
    auth: "mutating",
    responses: { 201: { description: "The certificate and its private key (Cache-Control: no-store)", schema: "ClientCertificateIssued" }, ...invalid, 404: problem("Unknown name"), 409: problem("Not a point-to-site link, or not Active") },
  },
  {
    method: "get",
    path: "/api/vpn-links/{name}/health",
    summary: "The last health report: each tunnel (and why it is down), BGP, routes learned both sides, the path carrying traffic",
    auth: "read",
    responses: { 200: { description: "The report", schema: "VpnHealthReport" }, 404: problem("Unknown name, or never checked yet") },
  },
  {
    method: "post",
    path: "/api/vpn-links/{name}/health",
    summary: "Run a health check now and return its report",
    auth: "mutating",
    responses: { 200: { description: "The report", schema: "VpnHealthReport" }, 404: problem("Unknown name"), 409: problem("No tunnels to check") },
  },
];

export const ROUTES: RouteDoc[] = [
  {
    method: "post",
    path: "/api/interconnects",
    summary: "Validate a setup request and start the setup",
    body: "SetupRequest",
    auth: "mutating",
    responses: { 202: started("Setup"), ...invalid, 409: problem("The name exists with a different spec, or another operation is running"), ...unavailable },
  },
  {
    method: "post",
    path: "/api/interconnects/plan",
    summary: "Dry run: ordered steps, resources, BGP addresses, security rules, IAM policies and warnings; touches nothing",
    body: "SetupRequest",
    auth: "read",
    responses: { 200: { description: "The plan", schema: "InterconnectPlan" }, ...invalid },
  },
  {
    method: "get",
    path: "/api/interconnects",
    summary: "Interconnects a page at a time (all but deleted ones, or those in one state), with their state and last error",
    query: ListQuery,
    auth: "read",
    responses: { 200: { description: "One page; continuationToken and nextLink when more may follow", schema: "InterconnectList" }, 400: problem("A query parameter is not valid: problem details naming it and the rule"), ...unavailable },
  },
  {
    method: "get",
    path: "/api/interconnects/{name}",
    summary: "One interconnect: state, step progress, resource ids, BGP, evidence, last health, last error",
    auth: "read",
    responses: { 200: { description: "The interconnect", schema: "InterconnectDetail" }, 404: problem("Unknown name"), ...unavailable },
  },
  {
    method: "get",
    path: "/api/interconnects/{name}/operations/{instanceId}",
    summary: "One operation's steps and result: the target of every 202's Location",
    auth: "read",
    responses: operationStatusResponses("The operation has ended (result succeeded, failed or terminated)", "Unknown interconnect or operation"),
  },
  {
    method: "patch",
    path: "/api/interconnects/{name}",
    summary: "Change the bandwidth of both circuits (resize), or the spokes, app subnets, peered VCNs, VCN route tables and traffic rules without touching the circuits (update)",
    body: "EditRequest",
    auth: "mutating",
    responses: { 202: started("Resize or update"), ...invalid, 404: problem("Unknown name"), 409: problem("Not possible in the current state (e.g. a decrease, nothing to change, or another operation running)") },
  },
  {
    method: "post",
    path: "/api/interconnects/{name}/plan",
    summary: "Preview a topology change: what a PATCH with this body would add and remove, step by step; touches nothing",
    body: "EditRequest",
    auth: "read",
    responses: { 200: { description: "The change plan", schema: "ChangePlan" }, ...invalid, 404: problem("Unknown name"), ...unavailable },
  },
  {
    method: "delete",
    path: "/api/interconnects/{name}",
    summary: "Start the ordered teardown (also clears a RolledBack or Failed interconnect)",
    body: "OperationRequest",
    optionalBody: true,
    auth: "mutating",
    responses: { 202: started("Teardown"), ...invalid, 404: problem("Unknown name"), 409: problem("Another operation is running") },
  },
  {
    method: "post",
    path: "/api/interconnects/{name}/suspend",
    summary: "Stop traffic by withdrawing the route rules, without terminating anything",
    body: "OperationRequest",
    optionalBody: true,
    auth: "mutating",
    responses: { 202: started("Suspend"), ...invalid, 404: problem("Unknown name"), 409: problem("Not Active or Degraded, or another operation running") },
  },
  {
    method: "post",
    path: "/api/interconnects/{name}/resume",
    summary: "Restore the route rules and test the connection again",
    body: "OperationRequest",
    optionalBody: true,
    auth: "mutating",
    responses: { 202: started("Resume"), ...invalid, 404: problem("Unknown name"), 409: problem("Not Suspended, or another operation running") },
  },
  {
    method: "get",
    path: "/api/interconnects/{name}/health",
    summary: "The last health report: both circuits, BGP, routes, rule drift, new exposure, verdict",
    auth: "read",
    responses: { 200: { description: "The report", schema: "HealthReport" }, 404: problem("Unknown name, or never checked yet") },
  },
  {
    method: "post",
    path: "/api/interconnects/{name}/health",
    summary: "Run a health check now and return its report",
    auth: "mutating",
    responses: { 200: { description: "The report", schema: "HealthReport" }, 404: problem("Unknown name"), 409: problem("Nothing to check: the setup was rolled back"), 503: problem("The clouds could not be read") },
  },
  {
    method: "get",
    path: "/api/interconnects/{name}/events",
    summary: "The interconnect's events, newest first (accepted, succeeded, failed, health-changed); ?limit=1..500, default 100",
    auth: "read",
    responses: { 200: { description: "The events (empty for a name that has none)", schema: "EventList" }, 400: problem("The name or limit is not valid") },
  },
  {
    method: "post",
    path: "/api/policies",
    summary: "OCI IAM statements for a peering or interconnect scenario: both sides' policies and where to attach them",
    body: "PolicyScenarioRequest",
    auth: "read",
    responses: { 200: { description: "The policy set", schema: "PolicySet" }, ...invalid },
  },
  {
    method: "post",
    path: "/api/policies/lint",
    summary: "Findings for a set of statements (one or both tenancies)",
    body: "PolicyLintRequest",
    auth: "read",
    responses: { 200: { description: "The lint report (findings are the answer, so 200 even with errors)", schema: "LintReport" }, ...invalid },
  },
  {
    method: "post",
    path: "/api/policies/check",
    summary: "Permission preflight for a setup request: may Interlink's OCI identity do everything the plan needs? Names each missing statement and where it belongs; reads only",
    body: "SetupRequest",
    auth: "read",
    responses: { 200: { description: "The report (missing statements are the answer, so 200)", schema: "PermissionReport" }, ...invalid, 403: problem("OCI refused a read (OCI's code and message)"), ...unavailable },
  },
  {
    method: "post",
    path: "/api/policies/plan",
    summary: "The OCI policies a setup request needs, as a diff against each tenancy: which policy is created, which statements are added; writes nothing",
    body: "SetupRequest",
    auth: "read",
    responses: { 200: { description: "The changes apply would make", schema: "PolicyPlan" }, ...invalid, 403: problem("OCI refused a read (OCI's code and message)"), ...unavailable },
  },
  {
    method: "post",
    path: "/api/policies/apply",
    summary: "Create or complete the OCI policies a setup request needs, in each tenancy with its own credentials (Endorse in the source, Admit in the destination); idempotent by policy name, never removes a statement",
    body: "SetupRequest",
    auth: "mutating",
    responses: { 200: { description: "The changes made", schema: "PolicyPlan" }, ...invalid, 403: problem("OCI refused a write, e.g. Interlink's identity may not manage policies (OCI's code and message)"), ...unavailable },
  },
  ...VPN_ROUTES,
  { method: "get", path: "/api/openapi.json", summary: "This document", auth: "public", responses: { 200: { description: "OpenAPI 3.1" } } },
  {
    method: "get",
    path: "/api/console",
    summary: "The web console (HTML; its scripts call this API with the function key entered on the page)",
    auth: "public",
    responses: { 200: { description: "The console page" } },
  },
];

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function generate(schemas: Record<string, z.ZodType>, io: "input" | "output"): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, { target: "draft-2020-12", io, uri: (id) => `#/components/schemas/${id}`, unrepresentable: "any" });
  const components: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(generated.schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
    components[id] = rest;
  }
  return components;
}

function queryParameters(query: z.ZodObject | undefined) {
  return Object.entries(query?.shape ?? {}).map(([name, field]) => {
    const { $schema: _schema, description, ...schema } = z.toJSONSchema(field as z.ZodType, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
    return { name, in: "query", required: false, ...(typeof description === "string" ? { description } : {}), schema };
  });
}

export interface OpenApiOptions {
  /** The auth level of the read routes (INTERLINK_READ_AUTH); they are documented as keyed unless anonymous. */
  readAuth?: "function" | "anonymous";
  routes?: RouteDoc[];
}

/** OpenAPI 3.1 (JSON Schema 2020-12) generated from the zod schemas; only the route table is written by hand. */
export function openApiDocument(options: OpenApiOptions = {}) {
  const { readAuth = "function", routes = ROUTES } = options;
  const schemas = { ...generate(REQUEST_SCHEMAS, "input"), ...generate(RESPONSE_SCHEMAS, "output") };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const keyedRoute = route.auth === "mutating" || (route.auth === "read" && readAuth === "function");
    const parameters = [...(route.path.includes("{name}") ? [nameParameter] : []), ...(route.path.includes("{instanceId}") ? [instanceParameter] : []), ...queryParameters(route.query)];
    const responses = { ...route.responses, ...(keyedRoute ? keyed : {}) };
    const operation: Record<string, unknown> = {
      summary: route.summary,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body ? { requestBody: { required: !route.optionalBody, content: { "application/json": { schema: ref(route.body) } } } } : {}),
      responses: Object.fromEntries(
        Object.entries(responses).map(([status, response]: [string, ResponseDoc]) => [
          status,
          {
            description: response.description,
            ...(response.headers ? { headers: Object.fromEntries(Object.entries(response.headers).map(([header, description]) => [header, { description, schema: { type: "string" } }])) } : {}),
            ...(response.schema ? { content: { [response.schema === "ProblemDocument" ? "application/problem+json" : "application/json"]: { schema: ref(response.schema) } } } : {}),
          },
        ]),
      ),
      security: keyedRoute ? [{ functionKey: [] }] : [],
    };
    paths[route.path] = { ...paths[route.path], [route.method]: operation };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Interlink",
      version: "0.1.0",
      description:
        "Builds, watches and tears down private networking between Azure and OCI. Every operation is asynchronous: a 202 whose Location " +
        "is the operation's status route. Errors are application/problem+json with the invalid fields.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        functionKey: { type: "apiKey", in: "header", name: "x-functions-key", description: "Azure Functions function key (or the `code` query parameter)" },
      },
    },
  };
}
