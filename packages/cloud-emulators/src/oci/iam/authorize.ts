import { jsonBody, type EmulatorRequest } from "../../core/http";
import type { World } from "../../core/world";
import type { Principal } from "../identity/model";
import { notFound } from "../errors";
import { type Decision, evaluate } from "./evaluate";
import { operationNeeds } from "./operations";

/** OCI's `request.operation` names are the API operation names: `CreateDrg`, `ConnectLocalPeeringGateways`. */
export function apiOperationName(op: string): string {
  return op.charAt(0).toUpperCase() + op.slice(1);
}

function lenientBody(req: EmulatorRequest): Record<string, unknown> {
  try {
    const body = jsonBody(req);
    return body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Checks every permission the operation needs against the caller's policies. A refusal is what OCI answers,
 * 404 NotAuthorizedOrNotFound; the journal entry's `note` says which permission was missing and where.
 */
export function authorizeOperation(world: World, principal: Principal, op: string, req: EmulatorRequest, params: Record<string, string>, query: URLSearchParams): Decision[] {
  const needs = operationNeeds(op, { world, params, query, body: lenientBody(req), callerId: principal.userId });
  const decisions: Decision[] = [];
  for (const need of needs) {
    const decision = evaluate(world, principal, need, apiOperationName(op));
    if (!decision.allowed) throw notFound(`not authorized: ${op} by ${principal.userId}: ${decision.reason ?? "no policy allows it"}`);
    decisions.push(decision);
  }
  return decisions;
}
