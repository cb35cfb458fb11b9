import { ociEtag } from "../core/ids";
import { header, type EmulatorReply } from "../core/http";
import type { World } from "../core/world";
import { objectBody } from "./body";
import { incorrectState, missingParameter, notFound, OciError } from "./errors";
import { checkRetryToken } from "./idempotency";
import type { OciCall, OciHandler, OciKindDef } from "./kinds";
import type { OciKind, OciRecord, OciRecordOf } from "./model";
import { pageReply, sortForList } from "./paging";
import { inRequestRegion } from "./regions";
import { ociRecord, ociRecordOf, ociRecords, ociVisible, removeOci, storeOci } from "./store";

export function param(call: OciCall, name: string): string {
  const value = call.params[name];
  if (value === undefined) throw new Error(`route has no parameter ${name}`);
  return value;
}

export function recordReply<K extends OciKind>(world: World, def: OciKindDef<K>, record: OciRecordOf<K>): EmulatorReply {
  return { status: 200, headers: { etag: record.etag }, json: def.render(world, record) };
}

/**
 * The record behind a path id, or 404 NotAuthorizedOrNotFound (also while an eventual-consistency fault hides it,
 * and when it lives in another region than the endpoint the request was sent to).
 */
export function visibleRecord<K extends OciKind>(call: OciCall, kind: K, id: string): OciRecordOf<K> {
  const record = ociRecordOf(call.world, kind, id);
  if (!record || !ociVisible(call.world, record) || !inRequestRegion(call.world, record)) throw notFound();
  return record;
}

export function checkIfMatch(call: OciCall, record: OciRecord): void {
  const expected = header(call.req, "if-match");
  if (expected !== undefined && expected !== record.etag) {
    throw new OciError(412, "NoEtagMatch", "The If-Match header value does not match the current etag of the resource.");
  }
}

export function touch(world: World, record: OciRecord): void {
  record.etag = ociEtag();
  world.dirty = true;
}

export function createHandler<K extends OciKind>(def: OciKindDef<K>): OciHandler {
  return (call) => {
    const { world } = call;
    const body = objectBody(call);
    const token = checkRetryToken(call, `create${def.opName}`, body);
    if (token.previous) {
      const existing = ociRecordOf(world, def.kind, token.previous.resourceId);
      return existing ? recordReply(world, def, existing) : { status: token.previous.status, json: token.previous.json };
    }
    if (!def.create) throw new OciError(405, "MethodNotAllowed", `${def.opName} cannot be created.`);
    const record = def.create(call, body);
    if (world.effects.hideForMs !== undefined) record.hiddenUntil = world.now + world.effects.hideForMs;
    storeOci(world, record);
    def.onCreated?.(world, record);
    if (record.lifecycleState === def.states.creating) world.scheduleProvisioning(def.createMs(world, record), "oci.ready", { id: record.id });
    token.remember({ status: 200, resourceId: record.id });
    return recordReply(world, def, record);
  };
}

export function getHandler<K extends OciKind>(def: OciKindDef<K>, idParam: string): OciHandler {
  return (call) => recordReply(call.world, def, visibleRecord(call, def.kind, param(call, idParam)));
}

export function updateHandler<K extends OciKind>(def: OciKindDef<K>, idParam: string): OciHandler {
  return (call) => {
    const record = visibleRecord(call, def.kind, param(call, idParam));
    checkIfMatch(call, record);
    if (record.lifecycleState === def.states.deleting || record.lifecycleState === def.states.deleted) {
      throw incorrectState(`${def.opName} ${record.id} is ${record.lifecycleState} and cannot be updated.`);
    }
    if (!def.update) throw new OciError(405, "MethodNotAllowed", `${def.opName} cannot be updated.`);
    def.update(call, record, objectBody(call));
    touch(call.world, record);
    return recordReply(call.world, def, record);
  };
}

/** Marks a dependent record (default route table, system attachment) deleted along with its owner. */
export function retire(world: World, record: OciRecord, deletedState: string): void {
  record.lifecycleState = deletedState;
  touch(world, record);
  world.schedule(world.config.durations.terminatedRetention, "oci.purge", { id: record.id });
}

/** Starts deleting: deleting state now, deleted after the kind's duration, purged after the retention window. */
export function startDeleting<K extends OciKind>(world: World, def: OciKindDef<K>, record: OciRecordOf<K>): void {
  record.lifecycleState = def.states.deleting;
  touch(world, record);
  world.cancelEvents((event) => event.kind === "oci.ready" && event.data.id === record.id);
  def.onDeleting?.(world, record);
  world.scheduleProvisioning(def.deleteMs(world, record), "oci.gone", { id: record.id });
}

export function deleteHandler<K extends OciKind>(def: OciKindDef<K>, idParam: string): OciHandler {
  return (call) => {
    const record = visibleRecord(call, def.kind, param(call, idParam));
    checkIfMatch(call, record);
    if (record.lifecycleState === def.states.deleting || record.lifecycleState === def.states.deleted) return { status: 204 };
    def.checkDelete?.(call.world, record);
    startDeleting(call.world, def, record);
    return { status: 204 };
  };
}

export function listHandler<K extends OciKind>(def: OciKindDef<K>): OciHandler {
  return (call) => {
    const { world, query } = call;
    const compartmentId = query.get("compartmentId");
    if (def.listNeedsCompartment !== false && !compartmentId) throw missingParameter("compartmentId");
    const displayName = query.get("displayName");
    const lifecycleState = query.get("lifecycleState");
    const matching = ociRecords(world, def.kind).filter(
      (record) =>
        ociVisible(world, record) &&
        inRequestRegion(world, record) &&
        (!compartmentId || record.compartmentId === compartmentId) &&
        (!displayName || record.displayName === displayName) &&
        (!lifecycleState || record.lifecycleState === lifecycleState) &&
        (def.listFilter?.(record, query, world) ?? true),
    );
    return pageReply(
      sortForList(matching, query).map((record) => def.render(world, record)),
      query,
    );
  };
}

export type OciRegistry = Map<OciKind, OciKindDef<OciKind>>;

/** Lifecycle ends: creating -> ready, deleting -> deleted -> purged after the retention window. */
export function registerOciEvents(world: World, registry: OciRegistry): void {
  world.on("oci.ready", (w, event) => {
    const record = ociRecord(w, String(event.data.id));
    const def = record ? registry.get(record.kind) : undefined;
    if (!record || !def || record.lifecycleState !== def.states.creating) return;
    if (def.onReady) def.onReady(w, record);
    else record.lifecycleState = def.states.ready;
    touch(w, record);
  });
  world.on("oci.gone", (w, event) => {
    const record = ociRecord(w, String(event.data.id));
    const def = record ? registry.get(record.kind) : undefined;
    if (!record || !def || record.lifecycleState !== def.states.deleting) return;
    record.lifecycleState = def.states.deleted;
    touch(w, record);
    def.onDeleted?.(w, record);
    w.schedule(w.config.durations.terminatedRetention, "oci.purge", { id: record.id });
  });
  world.on("oci.purge", (w, event) => {
    removeOci(w, String(event.data.id));
    w.dirty = true;
  });
}
