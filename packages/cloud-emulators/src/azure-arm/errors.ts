import type { EmulatorReply } from "../core/http";

/** An ARM error answer: `{"error":{"code","message","details"?}}` with the HTTP status. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { code: string; message: string }[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ArmError";
  }
}

export function armErrorReply(error: ArmError): EmulatorReply {
  const body: { code: string; message: string; details?: { code: string; message: string }[] } = { code: error.code, message: error.message };
  if (error.details) body.details = error.details;
  return { status: error.status, headers: error.headers ?? {}, json: { error: body } };
}

export function badRequest(code: string, message: string): ArmError {
  return new ArmError(400, code, message);
}

/** What ARM answers for a missing tracked resource. */
export function resourceNotFound(type: string, name: string, resourceGroup: string): ArmError {
  return new ArmError(
    404,
    "ResourceNotFound",
    `The Resource 'Microsoft.Network/${type}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

/** What the Network RP answers for a missing child resource. */
export function childNotFound(id: string): ArmError {
  return new ArmError(404, "NotFound", `Resource ${id} not found.`);
}

export function invalidBody(message: string): ArmError {
  return new ArmError(400, "InvalidRequestFormat", `Cannot parse the request. ${message}`);
}

export function anotherOperationInProgress(id: string): ArmError {
  return new ArmError(
    409,
    "AnotherOperationInProgress",
    `Another operation on this or dependent resource is in progress. To retry later, please check the status of the resource ${id}.`,
  );
}
