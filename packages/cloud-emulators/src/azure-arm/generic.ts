import { z } from "zod";
import { armEtag, canonicalHash, guid } from "../core/ids";
import type { EmulatorReply } from "../core/http";
import type { EventData, World } from "../core/world";
import { objectBody, parseArm, Tags } from "./body";
import { anotherOperationInProgress, ArmError, childNotFound, resourceNotFound } from "./errors";
import { armId, keyOf } from "./ids";
import type { ArmCall, ArmHandler, ChildKind, TrackedKind } from "./kinds";
import { failedCreateOf, removeFailedCreate, renderFailedCreate, storeFailedCreate } from "./failed-creates";
import { lroHeaders, operationInProgress, startOperation } from "./lro";
import { type ArmChild, type ArmKind, type ArmOperation, type ArmRecordOf, trackedEnvelope } from "./model";
import { armRecordOf, armRecords, findChild, storeArm, upsertChild, visible } from "./store";

export function param(call: ArmCall, name: string): string {
  const value = call.params[name];
  if (value === undefined) throw new Error(`route has no parameter ${name}`);
  return value;
}

export function renderTracked<K extends ArmKind>(world: World, def: TrackedKind<K>, record: ArmRecordOf<K>): Record<string, unknown> {
  return {
    ...trackedEnvelope(record, def.type),
    ...(def.topLevel?.(record) ?? {}),
    properties: { provisioningState: record.provisioningState, resourceGuid: record.resourceGuid, ...def.properties(world, record) },
  };
}

export function childId<K extends ArmKind, C extends ArmChild>(def: ChildKind<K, C>, parent: ArmRecordOf<K>, name: string): string {
  return `${parent.id}/${def.childType}/${name}`;
}

export function renderChild<K extends ArmKind, C extends ArmChild>(world: World, def: ChildKind<K, C>, parent: ArmRecordOf<K>, child: C): Record<string, unknown> {
  return {
    id: childId(def, parent, child.name),
    name: child.name,
    etag: child.etag,
    type: def.armType,
    properties: { provisioningState: child.provisioningState, ...def.properties(world, parent, child) },
  };
}

/** Renders the visible children of a collection (used inline by parents). */
export function renderChildren<K extends ArmKind, C extends ArmChild>(world: World, def: ChildKind<K, C>, parent: ArmRecordOf<K>): Record<string, unknown>[] {
  return def
    .children(parent)
    .filter((child) => visible(world, child))
    .map((child) => renderChild(world, def, parent, child));
}

function failureData(world: World): EventData {
  const failed = world.effects.lroFailed;
  return failed ? { failCode: failed.code, failMessage: failed.message } : {};
}

/** One page of a list, with an absolute `nextLink` when more remain. */
export function pageReply(call: ArmCall, items: unknown[]): EmulatorReply {
  const skipText = call.req.url.searchParams.get("$skipToken") ?? "0";
  const skip = /^\d+$/.test(skipText) ? Number(skipText) : 0;
  const size = call.world.config.armPageSize;
  const json: { value: unknown[]; nextLink?: string } = { value: items.slice(skip, skip + size) };
  if (skip + size < items.length) {
    const next = new URL(call.req.url.toString());
    next.searchParams.set("$skipToken", String(skip + size));
    json.nextLink = next.toString();
  }
  return { status: 200, json };
}

export function visibleTracked<K extends ArmKind>(call: ArmCall, def: TrackedKind<K>, name: string): ArmRecordOf<K> {
  const rg = param(call, "rg");
  const record = armRecordOf(call.world, def.kind, armId(param(call, "sub"), rg, def.type, name));
  if (!record || !visible(call.world, record)) throw resourceNotFound(def.type, name, rg);
  return record;
}

export function getTracked<K extends ArmKind>(def: TrackedKind<K>): ArmHandler {
  return (call) => {
    const failed = armRecordOf(call.world, def.kind, trackedId(call, def)) ? undefined : failedCreateOf(call.world, def.kind, trackedId(call, def));
    if (failed) return { status: 200, json: renderFailedCreate(failed) };
    return { status: 200, json: renderTracked(call.world, def, visibleTracked(call, def, param(call, "name"))) };
  };
}

function trackedId<K extends ArmKind>(call: ArmCall, def: TrackedKind<K>): string {
  return armId(param(call, "sub"), param(call, "rg"), def.type, param(call, "name"));
}

/**
 * With the `lateValidation` fault, a request the handler refuses as invalid (400, or a 409 that is not another
 * operation in progress) is accepted instead and its operation fails with the same code and message, as ARM often
 * reports validation done by the resource provider.
 */
function lateValidationOf(world: World, error: unknown): ArmError | undefined {
  if (!world.effects.lateValidation || !(error instanceof ArmError)) return undefined;
  return error.status === 400 || (error.status === 409 && error.code !== "AnotherOperationInProgress") ? error : undefined;
}

function failureOf(error: ArmError): EventData {
  return { failCode: error.code, failMessage: error.message };
}

/** A PUT accepted then failed: an existing resource goes Failed, a new one is kept Failed as the PUT described it. */
function acceptThenFailPut<K extends ArmKind>(call: ArmCall, def: TrackedKind<K>, body: Record<string, unknown>, bodyHash: string, existing: ArmRecordOf<K> | undefined, error: ArmError): EmulatorReply {
  const { world } = call;
  const id = existing?.id ?? trackedId(call, def);
  const location = existing?.location ?? (typeof body.location === "string" && body.location ? body.location : "global");
  const operation = startOperation(world, "put", keyOf(id), location);
  operation.bodyHash = bodyHash;
  const delay = world.config.durations.armSmallResource;
  if (existing) {
    existing.provisioningState = "Updating";
    existing.pendingOpId = operation.id;
    existing.etag = armEtag();
    world.dirty = true;
    world.schedule(delay, "arm.put.done", { key: keyOf(existing.id), opId: operation.id, ...failureOf(error) });
    return { status: 200, headers: lroHeaders(call.lro, operation), json: renderTracked(world, def, existing) };
  }
  const tags = Tags.optional().safeParse(body.tags);
  const created = {
    kind: def.kind,
    id,
    name: param(call, "name"),
    subscriptionId: param(call, "sub"),
    resourceGroup: param(call, "rg"),
    location,
    tags: (tags.success ? tags.data : undefined) ?? {},
    etag: armEtag(),
    provisioningState: "Updating" as const,
    resourceGuid: guid(),
    createdAt: world.now,
    pendingOpId: operation.id,
    body,
  };
  storeFailedCreate(world, created);
  world.schedule(delay, "arm.failedCreate.done", { key: keyOf(id), opId: operation.id, ...failureOf(error) });
  return { status: 201, headers: lroHeaders(call.lro, operation), json: renderFailedCreate(created) };
}

export function putTracked<K extends ArmKind>(def: TrackedKind<K>): ArmHandler {
  return (call) => {
    const { world } = call;
    const sub = param(call, "sub");
    const rg = param(call, "rg");
    const name = param(call, "name");
    const body = objectBody(call);
    const id = armId(sub, rg, def.type, name);
    const existing = armRecordOf(world, def.kind, id);
    const bodyHash = canonicalHash(body);
    if (existing && operationInProgress(world, existing.pendingOpId)) {
      const running = joinablePut(world, existing.pendingOpId, bodyHash);
      if (!running) throw anotherOperationInProgress(existing.id);
      return { status: 200, headers: lroHeaders(call.lro, running), json: renderTracked(world, def, existing) };
    }
    const failedBefore = existing ? undefined : failedCreateOf(world, def.kind, id);
    if (failedBefore && operationInProgress(world, failedBefore.pendingOpId)) {
      const running = joinablePut(world, failedBefore.pendingOpId, bodyHash);
      if (!running) throw anotherOperationInProgress(failedBefore.id);
      return { status: 201, headers: lroHeaders(call.lro, running), json: renderFailedCreate(failedBefore) };
    }
    let location: string;
    let tags: Record<string, string>;
    let own: ReturnType<TrackedKind<K>["build"]>;
    try {
      if (typeof body.location !== "string" || body.location.length === 0) {
        throw new ArmError(400, "LocationRequired", "The location property is required for this definition.");
      }
      location = existing?.location ?? body.location;
      tags = parseArm(Tags.optional(), body.tags, "tags") ?? {};
      own = def.build({ world, id: existing?.id ?? id, name: existing?.name ?? name, subscriptionId: sub, resourceGroup: rg, location, body, existing });
    } catch (error) {
      const late = lateValidationOf(world, error);
      if (!late) throw error;
      return acceptThenFailPut(call, def, body, bodyHash, existing, late);
    }
    // A resource kept Failed after a refused create is replaced by a PUT that succeeds.
    if (failedBefore) removeFailedCreate(world, failedBefore.id);
    const record = {
      ...own,
      kind: def.kind,
      id: existing?.id ?? id,
      name: existing?.name ?? name,
      subscriptionId: sub,
      resourceGroup: rg,
      location,
      tags,
      etag: armEtag(),
      provisioningState: "Updating",
      resourceGuid: existing?.resourceGuid ?? guid(),
      createdAt: existing?.createdAt ?? world.now,
    } as ArmRecordOf<K>;
    if (!existing && world.effects.hideForMs !== undefined) record.hiddenUntil = world.now + world.effects.hideForMs;
    const operation = startOperation(world, "put", keyOf(record.id), record.location);
    operation.bodyHash = bodyHash;
    record.pendingOpId = operation.id;
    storeArm(world, record);
    def.afterPut?.(world, record, existing);
    world.scheduleProvisioning(def.provisioningMs(world, record), "arm.put.done", { key: keyOf(record.id), opId: operation.id, ...failureData(world) });
    return { status: existing ? 200 : 201, headers: lroHeaders(call.lro, operation), json: renderTracked(world, def, record) };
  };
}

/** A retried PUT with the same body joins the operation already running (ARM PUTs are idempotent). */
function joinablePut(world: World, operationId: string | undefined, bodyHash: string): ArmOperation | undefined {
  const running = world.state.azure.operations[operationId ?? ""];
  return running?.kind === "put" && running.bodyHash === bodyHash ? running : undefined;
}

function repeatDelete(call: ArmCall, operation: ArmOperation): EmulatorReply {
  return { status: 202, headers: lroHeaders(call.lro, operation) };
}

export function deleteTracked<K extends ArmKind>(def: TrackedKind<K>): ArmHandler {
  return (call) => {
    const { world } = call;
    const record = armRecordOf(world, def.kind, armId(param(call, "sub"), param(call, "rg"), def.type, param(call, "name")));
    if (!record) {
      // A resource kept Failed after a refused create goes at once: nothing was provisioned.
      const failed = failedCreateOf(world, def.kind, trackedId(call, def));
      if (failed && operationInProgress(world, failed.pendingOpId)) throw anotherOperationInProgress(failed.id);
      if (failed && removeFailedCreate(world, failed.id)) return { status: 200 };
    }
    if (!record || !visible(world, record)) return { status: 204 };
    if (operationInProgress(world, record.pendingOpId)) {
      const running = world.state.azure.operations[record.pendingOpId ?? ""];
      if (running?.kind === "delete") return repeatDelete(call, running);
      throw anotherOperationInProgress(record.id);
    }
    let refused: ArmError | undefined;
    try {
      def.checkDelete?.(world, record);
    } catch (error) {
      refused = lateValidationOf(world, error);
      if (!refused) throw error;
    }
    const failure = world.effects.lroFailed ?? refused ?? def.deleteFailure?.(world, record);
    // A refused delete leaves the resource as it was; an injected failure leaves it Failed.
    const failState = world.effects.lroFailed ? "Failed" : record.provisioningState;
    const operation = startOperation(world, "delete", keyOf(record.id), record.location);
    record.pendingOpId = operation.id;
    record.provisioningState = "Deleting";
    record.etag = armEtag();
    world.dirty = true;
    const data: EventData = { key: keyOf(record.id), opId: operation.id };
    if (failure) Object.assign(data, { failCode: failure.code, failMessage: failure.message, failState });
    // A refusal comes back as soon as the provider has looked at the request, not after a delete's duration.
    world.scheduleProvisioning(refused ? world.config.durations.armSmallDelete : def.deleteMs(world, record), "arm.delete.done", data);
    return { status: 202, headers: lroHeaders(call.lro, operation) };
  };
}

export function updateTagsTracked<K extends ArmKind>(def: TrackedKind<K>): ArmHandler {
  return (call) => {
    const record = visibleTracked(call, def, param(call, "name"));
    const body = objectBody(call);
    record.tags = parseArm(Tags.optional(), body.tags, "tags") ?? {};
    record.etag = armEtag();
    call.world.dirty = true;
    return { status: 200, json: renderTracked(call.world, def, record) };
  };
}

export function listTracked<K extends ArmKind>(def: TrackedKind<K>, scope: "resourceGroup" | "subscription"): ArmHandler {
  return (call) => {
    const sub = param(call, "sub").toLowerCase();
    const rg = scope === "resourceGroup" ? param(call, "rg").toLowerCase() : undefined;
    const records = armRecords(call.world, def.kind)
      .filter((record) => record.subscriptionId.toLowerCase() === sub && (rg === undefined || record.resourceGroup.toLowerCase() === rg) && visible(call.world, record))
      .sort((a, b) => a.id.toLowerCase().localeCompare(b.id.toLowerCase()));
    const failed = Object.values(call.world.state.azure.failedCreates ?? {}).filter(
      (created) => created.kind === def.kind && created.subscriptionId.toLowerCase() === sub && (rg === undefined || created.resourceGroup.toLowerCase() === rg),
    );
    return pageReply(call, [...records.map((record) => renderTracked(call.world, def, record)), ...failed.map(renderFailedCreate)]);
  };
}

export function visibleParent<K extends ArmKind>(call: ArmCall, parentDef: TrackedKind<K>): ArmRecordOf<K> {
  return visibleTracked(call, parentDef, param(call, "name"));
}

export function visibleChild<K extends ArmKind, C extends ArmChild>(call: ArmCall, def: ChildKind<K, C>, parent: ArmRecordOf<K>): C {
  const name = param(call, "child");
  const child = findChild(def.children(parent), name);
  if (!child || !visible(call.world, child)) throw childNotFound(childId(def, parent, name));
  return child;
}

export function getChild<K extends ArmKind, C extends ArmChild>(parentDef: TrackedKind<K>, def: ChildKind<K, C>): ArmHandler {
  return (call) => {
    const parent = visibleParent(call, parentDef);
    return { status: 200, json: renderChild(call.world, def, parent, visibleChild(call, def, parent)) };
  };
}

export function listChildren<K extends ArmKind, C extends ArmChild>(parentDef: TrackedKind<K>, def: ChildKind<K, C>): ArmHandler {
  return (call) => pageReply(call, renderChildren(call.world, def, visibleParent(call, parentDef)));
}

export function putChild<K extends ArmKind, C extends ArmChild>(parentDef: TrackedKind<K>, def: ChildKind<K, C>): ArmHandler {
  return (call) => {
    const { world } = call;
    const parent = visibleParent(call, parentDef);
    if (def.readOnly) throw new ArmError(405, "MethodNotAllowed", `${def.armType} is read-only.`);
    const requested = param(call, "child");
    const existing = findChild(def.children(parent), requested);
    const body = objectBody(call);
    const bodyHash = canonicalHash(body);
    if (existing && operationInProgress(world, existing.pendingOpId)) {
      const running = joinablePut(world, existing.pendingOpId, bodyHash);
      if (!running) throw anotherOperationInProgress(childId(def, parent, existing.name));
      return { status: 200, headers: lroHeaders(call.lro, running), json: renderChild(world, def, parent, existing) };
    }
    const name = existing?.name ?? requested;
    let child: C;
    try {
      child = def.build({ world, parent, name, body, existing, id: childId(def, parent, name), query: call.req.url.searchParams });
    } catch (error) {
      const late = lateValidationOf(world, error);
      if (!late) throw error;
      return acceptThenFailChildPut(call, def, parent, existing, name, late);
    }
    child.etag = armEtag();
    child.provisioningState = "Updating";
    if (!existing && world.effects.hideForMs !== undefined) child.hiddenUntil = world.now + world.effects.hideForMs;
    const operation = startOperation(world, "put", keyOf(childId(def, parent, name)), parent.location);
    operation.bodyHash = bodyHash;
    child.pendingOpId = operation.id;
    def.setChildren(parent, upsertChild(def.children(parent), child));
    parent.etag = armEtag();
    world.dirty = true;
    def.afterPut?.(world, parent, child);
    world.scheduleProvisioning(def.provisioningMs(world), "arm.put.done", {
      key: keyOf(parent.id),
      childType: def.childType,
      childName: name,
      opId: operation.id,
      ...failureData(world),
    });
    return { status: existing ? 200 : 201, headers: lroHeaders(call.lro, operation), json: renderChild(world, def, parent, child) };
  };
}

/** A child PUT accepted then failed: an existing child goes Failed; a new one is not kept (GET answers 404). */
function acceptThenFailChildPut<K extends ArmKind, C extends ArmChild>(call: ArmCall, def: ChildKind<K, C>, parent: ArmRecordOf<K>, existing: C | undefined, name: string, error: ArmError): EmulatorReply {
  const { world } = call;
  const operation = startOperation(world, "put", keyOf(childId(def, parent, name)), parent.location);
  const data: EventData = { key: keyOf(parent.id), childType: def.childType, childName: name, opId: operation.id, ...failureOf(error) };
  if (existing) {
    existing.provisioningState = "Updating";
    existing.pendingOpId = operation.id;
    existing.etag = armEtag();
    world.dirty = true;
  }
  world.schedule(world.config.durations.armSmallResource, "arm.put.done", data);
  const shown = existing ? renderChild(world, def, parent, existing) : { id: childId(def, parent, name), name, type: def.armType, properties: { provisioningState: "Updating" } };
  return { status: existing ? 200 : 201, headers: lroHeaders(call.lro, operation), json: shown };
}

export function deleteChild<K extends ArmKind, C extends ArmChild>(parentDef: TrackedKind<K>, def: ChildKind<K, C>): ArmHandler {
  return (call) => {
    const { world } = call;
    if (def.readOnly) throw new ArmError(405, "MethodNotAllowed", `${def.armType} is read-only.`);
    const parent = armRecordOf(world, parentDef.kind, armId(param(call, "sub"), param(call, "rg"), parentDef.type, param(call, "name")));
    if (!parent || !visible(world, parent)) return { status: 204 };
    const child = findChild(def.children(parent), param(call, "child"));
    if (!child || !visible(world, child)) return { status: 204 };
    if (operationInProgress(world, child.pendingOpId)) {
      const running = world.state.azure.operations[child.pendingOpId ?? ""];
      if (running?.kind === "delete") return repeatDelete(call, running);
      throw anotherOperationInProgress(childId(def, parent, child.name));
    }
    let refused: ArmError | undefined;
    try {
      def.checkDelete?.(world, parent, child);
    } catch (error) {
      refused = lateValidationOf(world, error);
      if (!refused) throw error;
    }
    // A refused delete leaves the child as it was; an injected failure leaves it Failed.
    const failState = refused ? child.provisioningState : "Failed";
    const operation = startOperation(world, "delete", keyOf(childId(def, parent, child.name)), parent.location);
    child.pendingOpId = operation.id;
    child.provisioningState = "Deleting";
    child.etag = armEtag();
    world.dirty = true;
    const data: EventData = { key: keyOf(parent.id), childType: def.childType, childName: child.name, opId: operation.id };
    const failure = world.effects.lroFailed ?? refused;
    if (failure) Object.assign(data, { failCode: failure.code, failMessage: failure.message, failState });
    world.scheduleProvisioning(def.deleteMs(world), "arm.delete.done", data);
    return { status: 202, headers: lroHeaders(call.lro, operation) };
  };
}

/** Parses `{ "id": ... }` references. */
export const Reference = z.object({ id: z.string().min(1) }).optional();
