import { createHash } from "node:crypto";
import { parseRequest, verifySignature } from "http-signature";
import type { EmulatorRequest } from "../core/http";
import { header } from "../core/http";
import type { AuthVerdict } from "../core/journal";

export type SignatureCheck = { ok: true; keyId: string } | { ok: false; verdict: AuthVerdict; detail: string };

/** Real OCI refuses requests whose date is more than 5 minutes from server time. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

/**
 * Verifies an OCI request signature (draft-cavage HTTP Signatures as oci-common produces them):
 * keyId `tenancy/user/fingerprint`, rsa-sha256, signed `x-date (request-target) host` plus
 * `content-type content-length x-content-sha256` for requests with a body, the body's SHA-256 and
 * the date within 5 minutes of the wall clock (signatures use real time, not emulated time).
 */
export function verifyOciSignature(req: EmulatorRequest, publicKeyFor: (keyId: string) => string | undefined): SignatureCheck {
  if (!header(req, "authorization")) return { ok: false, verdict: "missing", detail: "no authorization header" };
  const withBody = BODY_METHODS.has(req.method);
  const required = ["(request-target)", "host", ...(withBody ? ["content-type", "content-length", "x-content-sha256"] : [])];
  let parsed;
  try {
    // http-signature lower-cases the signed header names, which the SDK lists as `Content-Type Content-Length`.
    parsed = parseRequest({ method: req.method, url: req.rawUrl, headers: req.headers }, { headers: required, algorithms: ["rsa-sha256"], clockSkew: MAX_CLOCK_SKEW_SECONDS });
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, verdict: name === "ExpiredRequestError" ? "stale" : "malformed", detail };
  }
  if (parsed.params.version !== undefined && String(parsed.params.version) !== "1") {
    return { ok: false, verdict: "malformed", detail: `unsupported signature version ${String(parsed.params.version)}` };
  }
  if (!parsed.params.headers.includes("x-date") && !parsed.params.headers.includes("date")) {
    return { ok: false, verdict: "malformed", detail: "neither x-date nor date is signed" };
  }
  const publicKey = publicKeyFor(parsed.keyId);
  if (!publicKey) return { ok: false, verdict: "invalid-key", detail: `unknown keyId ${parsed.keyId}` };
  if (withBody) {
    const digest = createHash("sha256").update(req.body).digest("base64");
    if (header(req, "x-content-sha256") !== digest) return { ok: false, verdict: "body-mismatch", detail: "x-content-sha256 does not match the body" };
    if (Number(header(req, "content-length")) !== req.body.length) return { ok: false, verdict: "body-mismatch", detail: "content-length does not match the body" };
  }
  let valid = false;
  try {
    valid = verifySignature(parsed, publicKey);
  } catch (error) {
    return { ok: false, verdict: "bad-signature", detail: error instanceof Error ? error.message : String(error) };
  }
  return valid ? { ok: true, keyId: parsed.keyId } : { ok: false, verdict: "bad-signature", detail: "signature does not verify" };
}
