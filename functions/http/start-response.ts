import { type HttpResponseInit } from "@azure/functions";
import { type StartOutcome } from "../../shared/operations/start-operation";
import { operationPath } from "../../shared/operations/view";
import { conflict, json, notFound } from "./respond";

export const API_BASE = "/api";

/**
 * 202 with `Location`: Interlink's own status route for the operation, for a started operation and for a
 * replay of one (`replayed: true`); 409 or 404 problems otherwise. Durable's management URLs are never
 * handed out: in Azure they embed the system key, which would open the whole management API.
 */
export function startResponse(outcome: StartOutcome, collection: "interconnects" | "vpn-links" = "interconnects"): HttpResponseInit {
  if (outcome.kind === "conflict") return conflict(outcome.message);
  if (outcome.kind === "not-found") return notFound(outcome.message);
  const statusUri = operationPath(API_BASE, outcome.name, outcome.instanceId, collection);
  const resourceUri = `${API_BASE}/${collection}/${outcome.name}`;
  const links = collection === "interconnects" ? { interconnectUri: resourceUri } : { vpnLinkUri: resourceUri };
  return json(
    202,
    { name: outcome.name, operation: outcome.operation, instanceId: outcome.instanceId, replayed: outcome.kind === "existing", statusUri, ...links },
    { Location: statusUri, "Retry-After": "10" },
  );
}
