/**
 * A tiny method + regular-expression router. Each route carries the SDK operation name so the journal
 * and fault rules can refer to operations the way the SDKs name them.
 */
export interface Route<Handler> {
  method: string;
  pattern: RegExp;
  op: string;
  handler: Handler;
}

export type RouteMatch<Handler> =
  | { kind: "matched"; route: Route<Handler>; params: Record<string, string> }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "not-found" };

export function matchRoute<Handler>(routes: readonly Route<Handler>[], method: string, path: string): RouteMatch<Handler> {
  const allowed: string[] = [];
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(match.groups ?? {})) {
      if (value !== undefined) params[key] = decodeURIComponent(value);
    }
    return { kind: "matched", route, params };
  }
  return allowed.length > 0 ? { kind: "method-not-allowed", allowed } : { kind: "not-found" };
}
