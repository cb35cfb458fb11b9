import { z } from "zod";
import { HealthReport } from "../../shared/domain/health";
import { PolicyLintRequest, PolicyScenarioRequest } from "../../shared/domain/iam";
import { OperationRequest, EditRequest } from "../../shared/domain/requests";
import { SetupRequest } from "../../shared/domain/setup-request";

/** RFC 9457 problem details with Interlink's field errors. */
export const ProblemDocument = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});

export const StartAccepted = z.object({
  name: z.string(),
  operation: z.string(),
  instanceId: z.string(),
  replayed: z.boolean(),
  interconnect: z.string(),
  id: z.string(),
  statusQueryGetUri: z.string(),
  sendEventPostUri: z.string(),
  terminatePostUri: z.string(),
  purgeHistoryDeleteUri: z.string(),
});

/** Request and response schemas published under `components.schemas`; extended by other route modules. */
export const PUBLISHED_SCHEMAS: Record<string, z.ZodType> = {
  SetupRequest,
  EditRequest,
  OperationRequest,
  PolicyScenarioRequest,
  PolicyLintRequest,
  HealthReport,
  ProblemDocument,
  StartAccepted,
};

type Method = "get" | "post" | "patch" | "delete";

interface RouteDoc {
  method: Method;
  path: string;
  summary: string;
  body?: string;
  optionalBody?: boolean;
  responses: Record<number, { description: string; schema?: string }>;
  mutating?: boolean;
}

const nameParameter = { name: "name", in: "path", required: true, schema: { type: "string", pattern: "^[a-z][a-z0-9-]{1,38}[a-z0-9]$" } };
const problems = { 400: { description: "Invalid input (problem details naming each field and rule)", schema: "ProblemDocument" } };

export const ROUTES: RouteDoc[] = [
  { method: "post", path: "/api/interconnects", summary: "Validate a setup request and start the setup orchestration", body: "SetupRequest", mutating: true, responses: { 202: { description: "Started (or a replay of the same request)", schema: "StartAccepted" }, ...problems, 409: { description: "Same name with a different spec, or another operation running", schema: "ProblemDocument" } } },
  { method: "post", path: "/api/interconnects/plan", summary: "Dry run: ordered steps, resources, rules, IAM policies and warnings; touches nothing", body: "SetupRequest", responses: { 200: { description: "The plan" }, ...problems } },
  { method: "get", path: "/api/interconnects", summary: "Inventory of interconnects", responses: { 200: { description: "Summaries" } } },
  { method: "get", path: "/api/interconnects/{name}", summary: "One interconnect: state, step progress, resource ids, BGP, evidence, last health, warnings", responses: { 200: { description: "The interconnect" }, 404: { description: "Unknown name", schema: "ProblemDocument" } } },
  { method: "patch", path: "/api/interconnects/{name}", summary: "Change the bandwidth of both circuits", body: "EditRequest", mutating: true, responses: { 202: { description: "Resize started", schema: "StartAccepted" }, ...problems, 404: { description: "Unknown name", schema: "ProblemDocument" }, 409: { description: "Not possible in the current state (e.g. a decrease)", schema: "ProblemDocument" } } },
  { method: "delete", path: "/api/interconnects/{name}", summary: "Start the ordered teardown", body: "OperationRequest", optionalBody: true, mutating: true, responses: { 202: { description: "Teardown started", schema: "StartAccepted" }, 404: { description: "Unknown name", schema: "ProblemDocument" }, 409: { description: "Another operation is running", schema: "ProblemDocument" } } },
  { method: "post", path: "/api/interconnects/{name}/suspend", summary: "Stop traffic by removing route rules, without terminating", body: "OperationRequest", optionalBody: true, mutating: true, responses: { 202: { description: "Suspend started", schema: "StartAccepted" }, 409: { description: "Not Active", schema: "ProblemDocument" } } },
  { method: "post", path: "/api/interconnects/{name}/resume", summary: "Restore the route rules and re-test the connection", body: "OperationRequest", optionalBody: true, mutating: true, responses: { 202: { description: "Resume started", schema: "StartAccepted" }, 409: { description: "Not Suspended", schema: "ProblemDocument" } } },
  { method: "get", path: "/api/interconnects/{name}/health", summary: "The last health report: both circuits, BGP, routes, rule drift, new exposure, verdict", responses: { 200: { description: "The report", schema: "HealthReport" }, 404: { description: "Unknown name or never checked", schema: "ProblemDocument" } } },
  { method: "post", path: "/api/interconnects/{name}/health", summary: "Run a health check now", mutating: true, responses: { 200: { description: "The report", schema: "HealthReport" }, 404: { description: "Unknown name", schema: "ProblemDocument" }, 503: { description: "The clouds could not be read", schema: "ProblemDocument" } } },
  { method: "post", path: "/api/policies", summary: "OCI IAM statements for a peering or interconnect scenario: both sides' policies and where to attach them", body: "PolicyScenarioRequest", responses: { 200: { description: "The policy set" }, ...problems } },
  { method: "post", path: "/api/policies/lint", summary: "Findings for a set of statements (one or both tenancies)", body: "PolicyLintRequest", responses: { 200: { description: "The lint report" }, ...problems } },
  { method: "get", path: "/api/openapi.json", summary: "This document", responses: { 200: { description: "OpenAPI 3.1" } } },
];

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** OpenAPI 3.1 (JSON Schema 2020-12) generated from the zod schemas; only the route table is written by hand. */
export function openApiDocument(routes: RouteDoc[] = ROUTES, schemas: Record<string, z.ZodType> = PUBLISHED_SCHEMAS) {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, { target: "draft-2020-12", io: "input", uri: (id) => `#/components/schemas/${id}`, unrepresentable: "any" });
  const components: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(generated.schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
    components[id] = rest;
  }
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation: Record<string, unknown> = {
      summary: route.summary,
      ...(route.path.includes("{name}") ? { parameters: [nameParameter] } : {}),
      ...(route.body ? { requestBody: { required: !route.optionalBody, content: { "application/json": { schema: ref(route.body) } } } } : {}),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            ...(response.schema ? { content: { [response.schema === "ProblemDocument" ? "application/problem+json" : "application/json"]: { schema: ref(response.schema) } } } : {}),
          },
        ]),
      ),
      ...(route.mutating ? { security: [{ functionKey: [] }] } : {}),
    };
    paths[route.path] = { ...paths[route.path], [route.method]: operation };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Interlink", version: "0.1.0", description: "Builds, watches and tears down private networking between Azure and OCI." },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        functionKey: { type: "apiKey", in: "header", name: "x-functions-key", description: "Azure Functions function key (or the `code` query parameter)" },
      },
    },
  };
}
