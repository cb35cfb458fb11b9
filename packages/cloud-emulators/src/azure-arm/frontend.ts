import { header, type EmulatorReply, type EmulatorRequest } from "../core/http";
import type { CloudFrontend } from "../core/pipeline";
import { matchRoute, type Route } from "../core/router";
import type { World } from "../core/world";
import { flapBgp } from "../fabric/coupling";
import { ArmError, armErrorReply } from "./errors";
import type { ArmHandler } from "./kinds";
import { armRoutes } from "./routes";

function authFailure(message: string): EmulatorReply {
  // No WWW-Authenticate: a `claims` challenge would send the SDK down its CAE re-authentication path.
  return { status: 401, json: { error: { code: "AuthenticationFailed", message } } };
}

function throttleMessage(method: string): string {
  const kind = method === "GET" ? "read" : method === "DELETE" ? "delete" : "write";
  return `Number of '${kind}' requests for subscription actor 'emulator' exceeded. Please try again after '1' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling`;
}

const DEFAULT_CODES: Record<number, string> = { 500: "InternalServerError", 502: "BadGateway", 503: "ServiceUnavailable", 504: "GatewayTimeout", 409: "Conflict", 429: "TooManyRequests" };

/** The Azure Resource Manager (Microsoft.Network) emulator. */
export function armFrontend(world: World): CloudFrontend {
  const routes: Route<ArmHandler>[] = armRoutes();
  return {
    cloud: "azure",
    authenticate(req) {
      const authorization = header(req, "authorization");
      if (!authorization) return { verdict: "missing", reject: authFailure("Authentication failed. The 'Authorization' header is missing.") };
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) return { verdict: "malformed", reject: authFailure("Authentication failed. The 'Authorization' header is provided in an invalid format.") };
      return { verdict: "bearer" };
    },
    resolve(req: EmulatorRequest) {
      const apiVersion = req.url.searchParams.get("api-version");
      const matched = matchRoute(routes, req.method, req.url.pathname);
      if (matched.kind === "not-found") {
        return {
          kind: "reply",
          reply: armErrorReply(new ArmError(404, "InvalidResourceType", `The resource type could not be found in the namespace 'Microsoft.Network' for path '${req.url.pathname}'.`)),
        };
      }
      if (matched.kind === "method-not-allowed") {
        return { kind: "reply", reply: armErrorReply(new ArmError(405, "MethodNotAllowed", `The HTTP method '${req.method}' is not supported. Allowed: ${[...new Set(matched.allowed)].join(", ")}.`)) };
      }
      if (!apiVersion) {
        return { kind: "reply", reply: armErrorReply(new ArmError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.")) };
      }
      const { route, params } = matched;
      const resourceNames = [params.name, params.child].filter((name): name is string => !!name);
      return {
        kind: "operation",
        op: route.op,
        resourceNames,
        run: () => route.handler({ world, req, params, lro: { origin: `https://${req.url.host}`, subscriptionId: params.sub ?? "", apiVersion } }),
      };
    },
    faultReply(action, req) {
      if (action.type === "throttle") {
        const headers: Record<string, string> = { "x-ms-ratelimit-remaining-subscription-reads": "0" };
        if (action.retryAfterMs !== undefined) {
          headers["retry-after-ms"] = String(action.retryAfterMs);
          headers["retry-after"] = String(Math.ceil(action.retryAfterMs / 1000));
        }
        if (action.retryAfterSeconds !== undefined) headers["retry-after"] = String(action.retryAfterSeconds);
        return { status: 429, headers, json: { error: { code: "SubscriptionRequestsThrottled", message: throttleMessage(req.method) } } };
      }
      const code = action.code ?? DEFAULT_CODES[action.status] ?? "InjectedFault";
      const headers: Record<string, string> = action.retryAfterSeconds !== undefined ? { "retry-after": String(action.retryAfterSeconds) } : {};
      return { status: action.status, headers, json: { error: { code, message: action.message ?? "An injected fault occurred." } } };
    },
    errorReply(error) {
      if (error instanceof ArmError) return armErrorReply(error);
      const message = error instanceof Error ? error.message : String(error);
      return { status: 500, json: { error: { code: "InternalServerError", message: `The emulator failed: ${message}` } } };
    },
    decorate(req, reply, requestId) {
      const headers: Record<string, string> = {
        "x-ms-request-id": requestId,
        "x-ms-correlation-request-id": header(req, "x-ms-correlation-request-id") ?? requestId,
        "cache-control": "no-cache",
        ...(reply.headers ?? {}),
      };
      const clientRequestId = header(req, "x-ms-client-request-id");
      if (clientRequestId) headers["x-ms-client-request-id"] = clientRequestId;
      return { ...reply, headers };
    },
    flapBgp,
  };
}
