import { type HttpResponseInit } from "@azure/functions";
import { type DurableClient } from "durable-functions";
import { type StartOutcome } from "../../shared/operations/start-operation";
import { conflict, json, notFound } from "./respond";

/**
 * 202 with `Location` (the Durable status URL) and the Durable management URLs, for a started operation
 * and for a replay of one (`replayed: true`); 409 or 404 problems otherwise.
 */
export function startResponse(client: DurableClient, outcome: StartOutcome): HttpResponseInit {
  if (outcome.kind === "conflict") return conflict(outcome.message);
  if (outcome.kind === "not-found") return notFound(outcome.message);
  const urls = client.createHttpManagementPayload(outcome.instanceId);
  return json(
    202,
    {
      name: outcome.name,
      operation: outcome.operation,
      instanceId: outcome.instanceId,
      replayed: outcome.kind === "existing",
      interconnect: `/api/interconnects/${outcome.name}`,
      ...urls,
    },
    { Location: urls.statusQueryGetUri, "Retry-After": "10" },
  );
}
