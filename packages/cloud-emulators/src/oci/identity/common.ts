import { z } from "zod";
import { header, type EmulatorReply } from "../../core/http";
import { ociEtag } from "../../core/ids";
import type { World } from "../../core/world";
import { DefinedTags, FreeformTags } from "../body";
import { invalidParameter, notFound, notInHomeRegion, OciError } from "../errors";
import type { OciCall } from "../kinds";
import { pageReply } from "../paging";
import { regionKeyOf, requestRegion } from "../regions";
import { tenancy } from "./store";

/** What the Identity handlers share: write rules, etags, list filters and sorting, wire views. */

export const IdentityName = z.string().min(1).max(100);
export const Description = z.string().min(1).max(400);
export const Tags = { freeformTags: FreeformTags.optional(), definedTags: DefinedTags.optional() };

export function tagsOf(body: { freeformTags?: Record<string, string> | undefined; definedTags?: Record<string, Record<string, unknown>> | undefined }): {
  freeformTags?: Record<string, string>;
  definedTags?: Record<string, Record<string, unknown>>;
} {
  return { ...(body.freeformTags ? { freeformTags: body.freeformTags } : {}), ...(body.definedTags ? { definedTags: body.definedTags } : {}) };
}

/** Applies an update body's tags. */
export function updateTags(record: { freeformTags: Record<string, string>; definedTags: Record<string, Record<string, unknown>> }, body: { freeformTags?: Record<string, string> | undefined; definedTags?: Record<string, Record<string, unknown>> | undefined }): void {
  if (body.freeformTags !== undefined) record.freeformTags = body.freeformTags;
  if (body.definedTags !== undefined) record.definedTags = body.definedTags;
}

/** Identity writes go to the tenancy's home region; elsewhere OCI answers 403 NotAllowed. */
export function requireHomeRegion(world: World, tenancyId: string): void {
  const record = tenancy(world, tenancyId);
  if (!record) throw notFound();
  if (requestRegion(world) !== record.homeRegion) throw notInHomeRegion(regionKeyOf(record.homeRegion));
}

export function checkEtag(call: OciCall, record: { etag: string }): void {
  const expected = header(call.req, "if-match");
  if (expected !== undefined && expected !== record.etag) throw new OciError(412, "NoEtagMatch", "The If-Match header value does not match the current etag of the resource.");
}

export function touched(world: World, record: { etag: string }): void {
  record.etag = ociEtag();
  world.dirty = true;
}

export function reply(json: unknown, etag?: string): EmulatorReply {
  return { status: 200, ...(etag ? { headers: { etag } } : {}), json };
}

interface Listable {
  name: string;
  seq: number;
  timeCreated: string;
  lifecycleState: string;
}

/** `name` and `lifecycleState` filters, `sortBy` TIMECREATED (default, ascending) or NAME, `sortOrder`, paging. */
export function identityList<T extends Listable>(items: T[], query: URLSearchParams, render: (item: T) => unknown): EmulatorReply {
  const name = query.get("name");
  const state = query.get("lifecycleState");
  const sortBy = (query.get("sortBy") ?? "TIMECREATED").toUpperCase();
  if (sortBy !== "TIMECREATED" && sortBy !== "NAME") throw invalidParameter(`Invalid sortBy ${sortBy}; use TIMECREATED or NAME.`);
  const order = (query.get("sortOrder") ?? "ASC").toUpperCase();
  if (order !== "ASC" && order !== "DESC") throw invalidParameter(`Invalid sortOrder ${order}; use ASC or DESC.`);
  const direction = order === "ASC" ? 1 : -1;
  const selected = items
    .filter((item) => (name === null || item.name === name) && (state === null || item.lifecycleState === state))
    .sort((a, b) => ((sortBy === "NAME" ? a.name.localeCompare(b.name) : a.timeCreated.localeCompare(b.timeCreated)) || a.seq - b.seq) * direction);
  return pageReply(selected.map(render), query);
}

export function requiredQuery(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (!value) throw new OciError(400, "MissingParameter", `Missing parameter: ${name}.`);
  return value;
}

export const conflict = (code: string, message: string): OciError => new OciError(409, code, message);
