import { openApiDocument, REQUEST_SCHEMAS, ROUTES } from "../../../functions/http/openapi-document";
import { planMatchesSchema } from "../../../functions/http/responses";
import { planSetup } from "../../../shared/domain/dry-run";
import { specHash } from "../../../shared/domain/fingerprint";
import { generatePolicies, lintPolicies, PolicyLintRequest, PolicyScenarioRequest } from "../../../shared/domain/iam";
import { InventoryRecord } from "../../../shared/domain/inventory";
import { SetupRequest } from "../../../shared/domain/setup-request";
import { detailOf, operationStatusOf, summaryOf } from "../../../shared/operations/view";
import { fieldsOf, requestJsonSchemas } from "../../../tools/docs/request-reference";
import { publishedSchemas } from "../../support/openapi";
import { designRequest } from "../../support/requests";

const request = SetupRequest.parse(designRequest());
const at = "2026-11-22T12:00:00.000Z";
const failedRecord = InventoryRecord.parse({
  name: request.name,
  state: "RolledBack",
  sequence: 1,
  spec: request,
  specHash: specHash(request),
  operations: [
    {
      instanceId: "erp-db-link.setup.1",
      operation: "setup",
      requestHash: specHash(request),
      status: "Failed",
      startedAt: at,
      endedAt: at,
      failedStep: "routing",
      error: { cloud: "azure", status: 400, code: "ExpressRouteCircuitNotProvisioned", message: "the circuit is not provisioned" },
      rolledBack: true,
    },
  ],
  createdAt: at,
  updatedAt: at,
});

describe("OpenAPI document", () => {
  const published = publishedSchemas();
  const { document } = published;
  type Operation = { security: unknown[]; responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> };
  const operation = (path: string, method: string) => (document.paths[path] as Record<string, Operation>)[method] as Operation;

  it("when generated, then it is OpenAPI 3.1 with every route, including the operation status route", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths).sort()).toEqual([...new Set(ROUTES.map((route) => route.path))].sort());
    expect(Object.keys(document.paths["/api/interconnects/{name}"] ?? {}).sort()).toEqual(["delete", "get", "patch"]);
    expect(document.paths["/api/interconnects/{name}/operations/{instanceId}"]).toBeDefined();
  });

  it("when the SetupRequest schema is used as JSON Schema, then the example request passes and a malformed one fails", () => {
    expect(published.errors("SetupRequest", designRequest())).toEqual([]);
    expect(published.errors("SetupRequest", designRequest((r) => (r.name = "Bad Name")))).not.toEqual([]);
    expect(published.errors("SetupRequest", { ...designRequest(), unexpected: true })).not.toEqual([]);
  });

  it("when a request body is published, then every one of its fields says what it means", () => {
    const schemas = requestJsonSchemas();
    const undescribed = Object.keys(REQUEST_SCHEMAS).flatMap((id) => fieldsOf(schemas[id] ?? {}).filter((row) => !row.description && !row.type.startsWith("a [")).map((row) => `${id}: ${row.path}`));
    expect(undescribed).toEqual([]);
    const described = (document.components.schemas as Record<string, { properties: Record<string, { description?: string }> }>).SetupRequest?.properties;
    expect(Object.entries(described ?? {}).filter(([, field]) => !field.description)).toEqual([]);
  });

  it("when a route answers 2xx, then the OpenAPI gives the body's schema (the document itself and the console's HTML aside)", () => {
    const missing = ROUTES.flatMap((route) =>
      Object.entries(operation(route.path, route.method).responses)
        .filter(([status, response]) => status.startsWith("2") && !response.content && !["/api/openapi.json", "/api/console"].includes(route.path))
        .map(([status]) => `${route.method} ${route.path} ${status}`),
    );
    expect(missing).toEqual([]);
    expect(operation("/api/interconnects", "get").responses["200"]?.content?.["application/json"]?.schema).toEqual({ $ref: "#/components/schemas/InterconnectList" });
    expect(operation("/api/interconnects/{name}", "get").responses["404"]?.content?.["application/problem+json"]?.schema).toEqual({ $ref: "#/components/schemas/ProblemDocument" });
  });

  it("when real bodies are checked against the published response schemas, then they conform (unknown fields included)", () => {
    const plan = planSetup(designRequest());
    if (!plan.ok) throw new Error("the example request should plan");
    expect(published.errors("InterconnectPlan", planMatchesSchema(plan.value))).toEqual([]);
    expect(published.errors("InterconnectPlan", { ...plan.value, surprise: 1 })).not.toEqual([]);
    expect(published.errors("PolicySet", generatePolicies(PolicyScenarioRequest.parse({ scenario: "interconnect" })))).toEqual([]);
    expect(published.errors("LintReport", lintPolicies(PolicyLintRequest.parse({ policies: [{ attachedTo: { kind: "tenancy" }, statements: ["Allow group G to manage vcns in tenancy"] }] })))).toEqual([]);
    expect(published.errors("InterconnectList", { value: [summaryOf(failedRecord)] })).toEqual([]);
    expect(published.errors("InterconnectDetail", detailOf(failedRecord, null, "/api"))).toEqual([]);
    const failed = { instanceId: "erp-db-link.setup.1", runtimeStatus: "Failed", input: null, customStatus: null, output: "Orchestrator function failed", createdTime: at, lastUpdatedTime: at };
    expect(published.errors("OperationStatus", operationStatusOf(request.name, "erp-db-link.setup.1", failedRecord, failed, "/api"))).toEqual([]);
  });

  it("when a route mutates, then it requires the function key; read routes too unless INTERLINK_READ_AUTH=anonymous; the document itself never", () => {
    expect(operation("/api/interconnects", "post").security).toEqual([{ functionKey: [] }]);
    expect(operation("/api/interconnects", "get").security).toEqual([{ functionKey: [] }]);
    expect(operation("/api/interconnects", "get").responses["401"]).toBeDefined();
    expect(operation("/api/openapi.json", "get").security).toEqual([]);
    const open = openApiDocument({ readAuth: "anonymous" });
    const openOperation = (path: string, method: string) => (open.paths[path] as Record<string, Operation>)[method] as Operation;
    expect(openOperation("/api/interconnects", "get").security).toEqual([]);
    expect(openOperation("/api/interconnects/{name}/health", "get").security).toEqual([]);
    expect(openOperation("/api/interconnects/{name}/health", "post").security).toEqual([{ functionKey: [] }]);
  });

  it("when a 202 is documented, then it carries Interlink's own status URL and no Durable management link", () => {
    const accepted = (document.components.schemas as Record<string, { properties: Record<string, unknown> }>).StartAccepted?.properties ?? {};
    expect(Object.keys(accepted).sort()).toEqual(["instanceId", "interconnectUri", "name", "operation", "replayed", "statusUri"]);
    expect(JSON.stringify(document)).not.toMatch(/terminatePostUri|purgeHistoryDeleteUri|rewindPostUri|sendEventPostUri|restartPostUri|runtime\/webhooks/);
  });
});
