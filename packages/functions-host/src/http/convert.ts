// Between HTTP messages and the worker's RpcHttpData, both ways.
import type { RpcHttpCookie, RpcHttpData, RpcTypedData } from "../core/coreTypes";

/** A transport-neutral HTTP exchange, so the same dispatcher serves node:http, jest and DurableClient's axios. */
export interface HostRequest {
  method: string;
  /** Path and query, e.g. "/api/items/1?x=2". */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface HostResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export function singleHeader(headers: HostRequest["headers"], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

export function toRpcHttp(request: HostRequest, origin: string, params: Record<string, string>): RpcHttpData {
  const url = new URL(request.url, origin);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  return {
    method: request.method.toUpperCase(),
    url: url.href,
    headers,
    query,
    params,
    body: request.body.length > 0 ? { bytes: request.body } : undefined,
  };
}

function bodyBytes(body: RpcTypedData | null | undefined): Buffer {
  if (!body) return Buffer.alloc(0);
  if (body.bytes) return Buffer.from(body.bytes);
  if (typeof body.string === "string") return Buffer.from(body.string);
  if (typeof body.json === "string") return Buffer.from(body.json);
  if (typeof body.int === "number") return Buffer.from(String(body.int));
  if (typeof body.double === "number") return Buffer.from(String(body.double));
  return Buffer.alloc(0);
}

function cookieHeader(cookie: RpcHttpCookie): string {
  let text = `${cookie.name ?? ""}=${cookie.value ?? ""}`;
  if (cookie.domain?.value) text += `; Domain=${cookie.domain.value}`;
  if (cookie.path?.value) text += `; Path=${cookie.path.value}`;
  const expires = cookie.expires?.value;
  if (expires && typeof expires.seconds === "number") text += `; Expires=${new Date(expires.seconds * 1000 + (expires.nanos ?? 0) / 1e6).toUTCString()}`;
  if (typeof cookie.maxAge?.value === "number") text += `; Max-Age=${cookie.maxAge.value}`;
  if (cookie.secure?.value) text += "; Secure";
  if (cookie.httpOnly?.value) text += "; HttpOnly";
  if (cookie.sameSite === "lax") text += "; SameSite=Lax";
  else if (cookie.sameSite === "strict") text += "; SameSite=Strict";
  else if (cookie.sameSite === "explicitNone") text += "; SameSite=None";
  return text;
}

/** The handler's `$return` http value as a response. No return value -> 204, like the prototype of the real host. */
export function fromRpcHttp(returnValue: RpcTypedData | null | undefined): HostResponse {
  const http = returnValue?.http;
  if (!http) return { status: 204, headers: {}, body: Buffer.alloc(0) };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(http.headers ?? {})) headers[name.toLowerCase()] = value;
  const cookies = (http.cookies ?? []).map(cookieHeader);
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  return { status: Number(http.statusCode ?? 200), headers, body: bodyBytes(http.body) };
}

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): HostResponse {
  return { status, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: Buffer.from(JSON.stringify(value)) };
}

export function textResponse(status: number, text: string, headers: Record<string, string> = {}): HostResponse {
  return { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers }, body: Buffer.from(text) };
}
