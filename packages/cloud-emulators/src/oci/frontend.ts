import { header, jsonBody, type EmulatorRequest } from "../core/http";
import type { CloudFrontend } from "../core/pipeline";
import { matchRoute } from "../core/router";
import type { World } from "../core/world";
import { flapBgp } from "../fabric/coupling";
import { notAuthenticated, OciError, ociErrorReply } from "./errors";
import { ociRecord } from "./store";
import { ociRoutes } from "./routes";
import { verifyOciSignature } from "./signing";

const DEFAULT_CODES: Record<number, string> = { 500: "InternalServerError", 502: "BadGateway", 503: "ServiceUnavailable", 504: "GatewayTimeout", 409: "IncorrectState", 429: "TooManyRequests" };

/** Names a request addresses, for fault rules: the OCIDs in the path, their display names, a create's displayName. */
function resourceNames(world: World, req: EmulatorRequest, params: Record<string, string>): string[] {
  const names: string[] = [];
  for (const value of Object.values(params)) {
    names.push(value);
    const record = ociRecord(world, value);
    if (record) names.push(record.displayName);
  }
  if (req.method === "POST") {
    try {
      const body = jsonBody(req) as { displayName?: unknown } | undefined;
      if (typeof body?.displayName === "string") names.push(body.displayName);
    } catch {
      // the handler reports malformed bodies
    }
  }
  return names;
}

/** The OCI Core Services (VirtualNetwork, /20160918) emulator. */
export function ociFrontend(world: World, trustedKeys: () => Record<string, string>): CloudFrontend {
  const routes = ociRoutes();
  return {
    cloud: "oci",
    authenticate(req) {
      const check = verifyOciSignature(req, (keyId) => trustedKeys()[keyId] ?? world.state.oci.keys[keyId]);
      if (check.ok) return { verdict: "valid" };
      return { verdict: check.verdict, detail: check.detail, reject: ociErrorReply(notAuthenticated()) };
    },
    resolve(req) {
      const matched = matchRoute(routes, req.method, req.url.pathname);
      if (matched.kind === "not-found") return { kind: "reply", reply: ociErrorReply(new OciError(404, "NotFound", `No route for ${req.method} ${req.url.pathname}.`)) };
      if (matched.kind === "method-not-allowed") return { kind: "reply", reply: ociErrorReply(new OciError(405, "MethodNotAllowed", `${req.method} is not allowed on ${req.url.pathname}.`)) };
      const { route, params } = matched;
      return {
        kind: "operation",
        op: route.op,
        resourceNames: resourceNames(world, req, params),
        run: () => route.handler({ world, req, params, query: req.url.searchParams }),
      };
    },
    faultReply(action) {
      if (action.type === "throttle") {
        const headers: Record<string, string> = {};
        if (action.retryAfterSeconds !== undefined) headers["retry-after"] = String(action.retryAfterSeconds);
        if (action.retryAfterMs !== undefined) headers["retry-after"] = String(Math.ceil(action.retryAfterMs / 1000));
        return { status: 429, headers, json: { code: "TooManyRequests", message: "Too many requests for the tenancy." } };
      }
      return { status: action.status, json: { code: action.code ?? DEFAULT_CODES[action.status] ?? "InjectedFault", message: action.message ?? "An injected fault occurred." } };
    },
    errorReply(error) {
      if (error instanceof OciError) return ociErrorReply(error);
      const message = error instanceof Error ? error.message : String(error);
      return { status: 500, json: { code: "InternalServerError", message: `The emulator failed: ${message}` } };
    },
    decorate(req, reply, requestId) {
      const client = header(req, "opc-request-id");
      return { ...reply, headers: { "opc-request-id": client ? `${client}/${requestId}` : requestId, ...(reply.headers ?? {}) } };
    },
    flapBgp,
  };
}
