import { header, jsonBody, type EmulatorRequest } from "../core/http";
import type { CloudFrontend } from "../core/pipeline";
import { matchRoute } from "../core/router";
import type { World } from "../core/world";
import type { Principal } from "./identity/model";
import { flapBgp } from "../fabric/coupling";
import { notAuthenticated, OciError, ociErrorReply } from "./errors";
import { authorizeOperation } from "./iam/authorize";
import { principalOf, signingKey, subscribedTo, userRecord } from "./identity/store";
import { regionOfRequest } from "./regions";
import { ociRecord } from "./store";
import { ociRoutes } from "./routes";
import { verifyOciSignature } from "./signing";

const DEFAULT_CODES: Record<number, string> = { 500: "InternalServerError", 502: "BadGateway", 503: "ServiceUnavailable", 504: "GatewayTimeout", 409: "IncorrectState", 429: "TooManyRequests" };

/** The signer of an authenticated request, with its groups as of now. */
function callerOf(world: World, userId: string | undefined): Principal {
  const user = userRecord(world, userId);
  if (!user) throw notAuthenticated();
  return principalOf(world, user);
}

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

/**
 * The OCI emulator: Core Services (VirtualNetwork) and Identity under /20160918, for every region (a
 * `/<region>` path prefix or an OCI host name picks it). Requests are authenticated with the API keys stored in
 * Identity, refused (401) in regions the caller's tenancy is not subscribed to, and authorised by its policies.
 */
export function ociFrontend(world: World): CloudFrontend {
  const routes = ociRoutes();
  return {
    cloud: "oci",
    authenticate(req) {
      const { region, unknown } = regionOfRequest(req, world.config.ociRegion);
      world.settle();
      let principal: ReturnType<typeof signingKey>;
      const check = verifyOciSignature(req, (keyId) => {
        principal = signingKey(world, keyId);
        return principal?.publicKeyPem;
      });
      if (!check.ok) return { verdict: check.verdict, detail: check.detail, region, reject: ociErrorReply(notAuthenticated()) };
      const caller = principal?.principal;
      if (!caller) return { verdict: "invalid-key", detail: `unknown keyId ${check.keyId}`, region, reject: ociErrorReply(notAuthenticated()) };
      if (!unknown && !subscribedTo(world, caller.tenancyId, region)) {
        return { verdict: "region-not-subscribed", detail: `tenancy ${caller.tenancyId} is not subscribed to ${region}`, principal: caller.userId, region, reject: ociErrorReply(notAuthenticated()) };
      }
      return { verdict: "valid", principal: caller.userId, region };
    },
    resolve(req, auth) {
      const { region, path, unknown } = regionOfRequest(req, world.config.ociRegion);
      if (unknown) return { kind: "reply", reply: ociErrorReply(new OciError(404, "NotFound", `The emulator does not serve the region ${region}.`)) };
      const matched = matchRoute(routes, req.method, path);
      if (matched.kind === "not-found") return { kind: "reply", reply: ociErrorReply(new OciError(404, "NotFound", `No route for ${req.method} ${req.url.pathname}.`)) };
      if (matched.kind === "method-not-allowed") return { kind: "reply", reply: ociErrorReply(new OciError(405, "MethodNotAllowed", `${req.method} is not allowed on ${req.url.pathname}.`)) };
      const { route, params } = matched;
      const caller = callerOf(world, auth.principal);
      const query = req.url.searchParams;
      return {
        kind: "operation",
        op: route.op,
        resourceNames: resourceNames(world, req, params),
        run: () =>
          world.withOciRequest({ region, principal: caller }, () => {
            authorizeOperation(world, caller, route.op, req, params, query);
            return route.handler({ world, req, params, query });
          }),
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
