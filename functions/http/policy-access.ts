import { randomUUID } from "node:crypto";
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import { classifyCloudError } from "../../shared/clouds/errors";
import { parseWith } from "../../shared/domain/problem";
import { SetupRequest } from "../../shared/domain/setup-request";
import { checkPermissions, planOrApplyPolicies } from "../../shared/operations/oci-permissions";
import { ociAccounts } from "../runtime";
import { MUTATING_AUTH, readAuth } from "./auth";
import { readJson } from "./body";
import { badRequest, guarded, json, problem } from "./respond";

/**
 * The OCI IAM side of a setup plan (a setup request's body): `check` reads the policies of every tenancy involved
 * and names the statements missing; `plan` shows what `apply` would create or add; `apply` writes it. Nothing here
 * ever removes a statement.
 */

async function plan(request: HttpRequest) {
  const body = await readJson(request);
  if (!body.ok) return body;
  const parsed = parseWith(SetupRequest, body.value);
  return parsed.ok ? { ok: true as const, value: parsed.value } : { ok: false as const, response: badRequest(parsed.errors, "The setup request is not valid") };
}

/** An OCI refusal (e.g. no permission to manage policies) is the caller's to fix: 403 with OCI's code, never a secret. */
function refused(error: unknown): HttpResponseInit | undefined {
  const verdict = classifyCloudError(error);
  if (verdict.retryable || verdict.failure.cloud !== "oci") return undefined;
  return problem({ type: "https://interlink.dev/problems/oci-refused", title: "OCI refused the request", status: 403, detail: `${verdict.failure.code}: ${verdict.failure.message}`, errors: [] });
}

export async function checkPolicies(request: HttpRequest): Promise<HttpResponseInit> {
  const parsed = await plan(request);
  if (!parsed.ok) return parsed.response;
  try {
    return json(200, await checkPermissions(await ociAccounts(), parsed.value));
  } catch (error) {
    const answer = refused(error);
    if (answer) return answer;
    throw error;
  }
}

async function planOrApply(request: HttpRequest, write: boolean): Promise<HttpResponseInit> {
  const parsed = await plan(request);
  if (!parsed.ok) return parsed.response;
  try {
    return json(200, await planOrApplyPolicies(await ociAccounts(), parsed.value, write ? { operationId: randomUUID() } : undefined));
  } catch (error) {
    const answer = refused(error);
    if (answer) return answer;
    throw error;
  }
}

const logged = (_request: HttpRequest, context: InvocationContext) => (message: string) => context.error(message);

app.http("checkPolicies", { route: "policies/check", methods: ["POST"], authLevel: readAuth(), handler: guarded((request: HttpRequest, _context: InvocationContext) => checkPolicies(request), logged) });
app.http("planPolicies", { route: "policies/plan", methods: ["POST"], authLevel: readAuth(), handler: guarded((request: HttpRequest, _context: InvocationContext) => planOrApply(request, false), logged) });
app.http("applyPolicies", { route: "policies/apply", methods: ["POST"], authLevel: MUTATING_AUTH, handler: guarded((request: HttpRequest, _context: InvocationContext) => planOrApply(request, true), logged) });
