import type { EmulatorReply } from "../core/http";

/** An OCI error answer: `{"code","message"}` with the HTTP status. */
export class OciError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "OciError";
  }
}

export function ociErrorReply(error: OciError): EmulatorReply {
  return { status: error.status, json: { code: error.code, message: error.message } };
}

export const notFound = (): OciError => new OciError(404, "NotAuthorizedOrNotFound", "Authorization failed or requested resource not found.");
export const invalidParameter = (message: string): OciError => new OciError(400, "InvalidParameter", message);
export const missingParameter = (name: string): OciError => new OciError(400, "MissingParameter", `Missing parameter: ${name}.`);
export const conflict = (message: string): OciError => new OciError(409, "Conflict", message);
export const incorrectState = (message: string): OciError => new OciError(409, "IncorrectState", message);
export const notAuthenticated = (): OciError =>
  new OciError(401, "NotAuthenticated", "The required information to complete authentication was not provided or was incorrect.");
