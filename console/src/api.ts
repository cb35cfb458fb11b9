// The API as the console calls it: same origin, JSON in and out, the function key from this tab's session.
import type { FieldError, ProblemDetails } from "../../shared/domain/problem";

const KEY_STORAGE = "interlink.functionKey";

/** The key lives in this tab's sessionStorage only: never in a URL (URLs end up in logs), gone when the tab closes. */
export const functionKey = {
  get: (): string => sessionStorage.getItem(KEY_STORAGE) ?? "",
  set: (key: string): void => (key ? sessionStorage.setItem(KEY_STORAGE, key) : sessionStorage.removeItem(KEY_STORAGE)),
};

/** The page is served at <base>/console; the API's routes are siblings of it. */
export function apiBase(): string {
  const at = location.pathname.replace(/\/console(\/.*)?$/, "/");
  return at.endsWith("/") ? at : `${at}/`;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemDetails | null,
  ) {
    super(problem ? `${problem.title}${problem.detail ? `: ${problem.detail}` : ""}` : `the API answered ${status}`);
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when the API refuses the key (401): the shell asks for one. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface ApiResponse<T> {
  status: number;
  body: T;
}

function isProblem(value: unknown): value is ProblemDetails {
  return typeof value === "object" && value !== null && "title" in value && "status" in value;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: "application/json" };
  const key = functionKey.get();
  if (key) headers["x-functions-key"] = key;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(apiBase() + path, { method, headers, ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }) });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (response.status === 401) for (const listener of unauthorizedListeners) listener();
  if (!response.ok) throw new ApiError(response.status, isProblem(parsed) ? { ...parsed, errors: Array.isArray(parsed.errors) ? parsed.errors : [] } : null);
  return { status: response.status, body: parsed as T };
}

export const get = <T>(path: string) => request<T>("GET", path).then((response) => response.body);

/** What this Interlink serves, from its public OpenAPI document: whether reads need a key, which link kinds exist. */
export interface Capabilities {
  readsNeedKey: boolean;
  vpnLinks: boolean;
}

let capabilities: Promise<Capabilities> | undefined;

interface OpenApiPaths {
  paths?: Record<string, Record<string, { security?: unknown[] }>>;
}

export function loadCapabilities(): Promise<Capabilities> {
  capabilities ??= fetch(`${apiBase()}openapi.json`, { headers: { accept: "application/json" } })
    .then((response) => (response.ok ? (response.json() as Promise<OpenApiPaths>) : {}))
    .then((document: OpenApiPaths) => ({
      readsNeedKey: (document.paths?.["/api/interconnects"]?.get?.security?.length ?? 1) > 0,
      vpnLinks: document.paths?.["/api/vpn-links"]?.get !== undefined,
    }))
    .catch(() => ({ readsNeedKey: true, vpnLinks: false }));
  return capabilities;
}
