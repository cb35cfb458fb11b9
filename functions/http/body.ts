import { type HttpRequest, type HttpResponseInit } from "@azure/functions";
import { depthError } from "../../shared/domain/json-depth";
import { badRequest, payloadTooLarge, unsupportedMediaType } from "./respond";

/** Requests are small JSON documents; anything bigger is refused before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON body. An empty body is `undefined` when allowed (DELETE, suspend), otherwise refused; bad
 * JSON, a wrong content type or an oversized body are 4xx problems, never exceptions.
 */
export async function readJson(request: HttpRequest, options: { optional?: boolean } = {}): Promise<{ ok: true; value: unknown } | { ok: false; response: HttpResponseInit }> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return { ok: false, response: payloadTooLarge(MAX_BODY_BYTES) };
  if (text.trim() === "") {
    return options.optional ? { ok: true, value: undefined } : { ok: false, response: badRequest([{ path: "", message: "is required: send a JSON body" }]) };
  }
  const contentType = request.headers.get("content-type") ?? "application/json";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) return { ok: false, response: unsupportedMediaType() };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, response: badRequest([{ path: "", message: `is not valid JSON: ${reason}` }], "The body is not JSON") };
  }
  const tooDeep = depthError(value);
  return tooDeep ? { ok: false, response: badRequest([tooDeep], "The body is nested too deeply") } : { ok: true, value };
}
