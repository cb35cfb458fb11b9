import { z } from "zod";
import { jsonBody } from "../core/http";
import { ociEtag } from "../core/ids";
import { OciError } from "./errors";
import type { OciCall } from "./kinds";
import { requestRegion } from "./regions";

export function objectBody(call: OciCall): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = jsonBody(call.req);
  } catch {
    throw new OciError(400, "CannotParseRequest", "Incorrectly formatted request.");
  }
  if (parsed === undefined) return {};
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new OciError(400, "CannotParseRequest", "Incorrectly formatted request.");
  return parsed as Record<string, unknown>;
}

/** Parses with zod: a missing required field is MissingParameter, anything else InvalidParameter. */
export function parseOci<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.join(".") || "body";
  if (issue?.code === "invalid_type" && issue.message.includes("received undefined")) throw new OciError(400, "MissingParameter", `Missing parameter: ${path}.`);
  throw new OciError(400, "InvalidParameter", `Invalid parameter ${path}: ${issue?.message ?? "invalid value"}.`);
}

export const FreeformTags = z.record(z.string(), z.string());
export const DefinedTags = z.record(z.string(), z.record(z.string(), z.unknown()));

/** `ocid1.<type>.<realm>.[region].<unique>`; compartments may be the tenancy. */
export const Ocid = z.string().regex(/^ocid1\.[a-z0-9]+\.[a-z0-9-]*\.[a-z0-9-]*\.[A-Za-z0-9._-]+$/, "must be an OCID");

export const CommonCreate = z.object({
  compartmentId: Ocid,
  displayName: z.string().min(1).max(255).optional(),
  freeformTags: FreeformTags.optional(),
  definedTags: DefinedTags.optional(),
});

export const CommonUpdate = z.object({
  displayName: z.string().min(1).max(255).optional(),
  freeformTags: FreeformTags.optional(),
  definedTags: DefinedTags.optional(),
});

/** The fields every OCI record has, for a new record of `kind` in `lifecycleState`. */
export function baseRecord(call: Pick<OciCall, "world">, body: z.infer<typeof CommonCreate>, id: string, lifecycleState: string, defaultName: string) {
  const { world } = call;
  return {
    id,
    seq: world.nextSeq(),
    compartmentId: body.compartmentId,
    displayName: body.displayName ?? `${defaultName}${new Date(world.now).toISOString().replace(/\D/g, "").slice(0, 14)}`,
    lifecycleState,
    timeCreated: new Date(world.now).toISOString(),
    etag: ociEtag(),
    freeformTags: body.freeformTags ?? {},
    definedTags: body.definedTags ?? {},
    regionId: requestRegion(world),
  };
}

export function applyCommonUpdate(record: { displayName: string; freeformTags: Record<string, string>; definedTags: Record<string, Record<string, unknown>> }, body: z.infer<typeof CommonUpdate>): void {
  if (body.displayName !== undefined) record.displayName = body.displayName;
  if (body.freeformTags !== undefined) record.freeformTags = body.freeformTags;
  if (body.definedTags !== undefined) record.definedTags = body.definedTags;
}

export function baseView(record: { id: string; compartmentId: string; displayName: string; lifecycleState: string; timeCreated: string; freeformTags: Record<string, string>; definedTags: Record<string, Record<string, unknown>> }) {
  return {
    id: record.id,
    compartmentId: record.compartmentId,
    displayName: record.displayName,
    lifecycleState: record.lifecycleState,
    timeCreated: record.timeCreated,
    freeformTags: record.freeformTags,
    definedTags: record.definedTags,
  };
}
