import { z } from "zod";
import { armEtag, canonicalHash, guid } from "../core/ids";
import type { EmulatorReply } from "../core/http";
import type { EventData, World } from "../core/world";
import { objectBody, parseArm, Tags } from "./body";
import { anotherOperationInProgress, ArmError, childNotFound, resourceNotFound } from "./errors";
import { armId, keyOf } from "./ids";
import type { ArmCall, ArmHandler, ChildKind, TrackedKind } from "./kinds";
import { lroHeaders, operationInProgress, startOperation } from "./lro";
import type { ArmChild, ArmKind, ArmOperation, ArmRecordOf } from "./model";
import { armRecordOf, armRecords, findChild, storeArm, upsertChild, visible } from "./store";

export function param(call: ArmCall, name: string): string {
  const value = call.params[name];
  if (value === undefined) throw new Error(`route has no parameter ${name}`);
  return value;
}

export function renderTracked<K extends ArmKind>(world: World, def: TrackedKind<K>, record: ArmRecordOf<K>): Record<string, unknown> {
  return {
    id: record.id,
    name: record.name,
    type: `Microsoft.Network/${def.type}`,
    location: record.location,
    tags: record.tags,
    etag: record.etag,
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
  return (call) => ({ status: 200, json: renderTracked(call.world, def, visibleTracked(call, def, param(call, "name"))) });
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
    if (typeof body.location !== "string" || body.location.length === 0) {
      throw new ArmError(400, "LocationRequired", "The location property is required for this definition.");
    }
    const location = existing?.location ?? body.location;
    const tags = parseArm(Tags.optional(), body.tags, "tags") ?? {};
    const own = def.build({ world, id: existing?.id ?? id, name: existing?.name ?? name, subscriptionId: sub, resourceGroup: rg, location, body, existing });
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
    if (!record || !visible(world, record)) return { status: 204 };
    if (operationInProgress(world, record.pendingOpId)) {
      const running = world.state.azure.operations[record.pendingOpId ?? ""];
      if (running?.kind === "delete") return repeatDelete(call, running);
      throw anotherOperationInProgress(record.id);
    }
    def.checkDelete?.(world, record);
    const failure = world.effects.lroFailed ?? def.deleteFailure?.(world, record);
    // A refused delete leaves the resource as it was; an injected failure leaves it Failed.
    const failState = world.effects.lroFailed ? "Failed" : record.provisioningState;
    const operation = startOperation(world, "delete", keyOf(record.id), record.location);
    record.pendingOpId = operation.id;
    record.provisioningState = "Deleting";
    record.etag = armEtag();
    world.dirty = true;
    const data: EventData = { key: keyOf(record.id), opId: operation.id };
    if (failure) Object.assign(data, { failCode: failure.code, failMessage: failure.message, failState });
    world.scheduleProvisioning(def.deleteMs(world, record), "arm.delete.done", data);
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
    return pageReply(
      call,
      records.map((record) => renderTracked(call.world, def, record)),
    );
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
    const child = def.build({ world, parent, name, body, existing, id: childId(def, parent, name) });
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
    def.checkDelete?.(world, parent, child);
    const operation = startOperation(world, "delete", keyOf(childId(def, parent, child.name)), parent.location);
    child.pendingOpId = operation.id;
    child.provisioningState = "Deleting";
    child.etag = armEtag();
    world.dirty = true;
    const data: EventData = { key: keyOf(parent.id), childType: def.childType, childName: child.name, opId: operation.id };
    if (world.effects.lroFailed) Object.assign(data, { failCode: world.effects.lroFailed.code, failMessage: world.effects.lroFailed.message, failState: "Failed" });
    world.scheduleProvisioning(def.deleteMs(world), "arm.delete.done", data);
    return { status: 202, headers: lroHeaders(call.lro, operation) };
  };
}

/** Parses `{ "id": ... }` references. */
export const Reference = z.object({ id: z.string().min(1) }).optional();
