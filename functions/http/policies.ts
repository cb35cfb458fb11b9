import { app, type HttpRequest, type HttpResponseInit } from "@azure/functions";
import { tryGeneratePolicies, tryLintPolicies } from "../../shared/domain/iam";
import { readAuth } from "./auth";
import { readJson } from "./body";
import { badRequest, json } from "./respond";

/** `POST /api/policies`: both sides' OCI IAM statements for a scenario and where to attach them. */
export async function generatePolicyRoute(request: HttpRequest): Promise<HttpResponseInit> {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const result = tryGeneratePolicies(body.value);
  return result.ok ? json(200, result.value) : badRequest(result.errors, "The policy scenario is not valid");
}

/** `POST /api/policies/lint`: findings for statements of one or both tenancies (findings are the answer, so 200). */
export async function lintPolicyRoute(request: HttpRequest): Promise<HttpResponseInit> {
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const result = tryLintPolicies(body.value);
  return result.ok ? json(200, result.value) : badRequest(result.errors, "The lint request is not valid");
}

app.http("generatePolicies", { route: "policies", methods: ["POST"], authLevel: readAuth(), handler: generatePolicyRoute });
app.http("lintPolicies", { route: "policies/lint", methods: ["POST"], authLevel: readAuth(), handler: lintPolicyRoute });
