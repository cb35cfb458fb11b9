import type { EmulatorReply } from "../core/http";

/** An OCI error answer: `{"code","message"}` with the HTTP status. */
export class OciError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For the journal only (e.g. which permission was missing); OCI never says. */
    readonly note?: string,
  ) {
    super(message);
    this.name = "OciError";
  }
}

export function ociErrorReply(error: OciError): EmulatorReply {
  return { status: error.status, json: { code: error.code, message: error.message }, ...(error.note ? { note: error.note } : {}) };
}

export const notFound = (note?: string): OciError => new OciError(404, "NotAuthorizedOrNotFound", "Authorization failed or requested resource not found.", note);
export const invalidParameter = (message: string): OciError => new OciError(400, "InvalidParameter", message);
export const missingParameter = (name: string): OciError => new OciError(400, "MissingParameter", `Missing parameter: ${name}.`);
export const conflict = (message: string): OciError => new OciError(409, "Conflict", message);
export const incorrectState = (message: string): OciError => new OciError(409, "IncorrectState", message);
export const notAuthenticated = (note?: string): OciError =>
  new OciError(401, "NotAuthenticated", "The required information to complete authentication was not provided or was incorrect.", note);
/** Identity writes outside the tenancy's home region (what OCI answers, with the region key upper-cased). */
export const notInHomeRegion = (homeRegionKey: string): OciError =>
  new OciError(403, "NotAllowed", `Please go to your home region ${homeRegionKey.toUpperCase()} to execute CREATE, UPDATE and DELETE operations.`);
