import type { ScheduledEvent, World } from "../core/world";
import type { ChildKind, TrackedKind } from "./kinds";
import { finishOperation } from "./lro";
import type { ArmChild, ArmKind, ArmRecord } from "./model";
import { findChild, removeArm, withoutChild } from "./store";

export interface ArmRegistry {
  tracked: Map<ArmKind, TrackedKind<ArmKind>>;
  children: Map<string, ChildKind<ArmKind, ArmChild>>;
}

export function childRegistryKey(parentKind: ArmKind, childType: string): string {
  return `${parentKind}/${childType.toLowerCase()}`;
}

function text(event: ScheduledEvent, name: string): string | undefined {
  const value = event.data[name];
  return typeof value === "string" ? value : undefined;
}

function failureOf(event: ScheduledEvent): { code: string; message: string } | undefined {
  const code = text(event, "failCode");
  return code ? { code, message: text(event, "failMessage") ?? "An error occurred." } : undefined;
}

function childDef(registry: ArmRegistry, record: ArmRecord, childType: string): ChildKind<ArmKind, ArmChild> | undefined {
  return registry.children.get(childRegistryKey(record.kind, childType));
}

/** Completion of ARM PUT and DELETE operations (scheduled by the generic handlers). */
export function registerArmEvents(world: World, registry: ArmRegistry): void {
  world.on("arm.put.done", (w, event) => {
    const opId = text(event, "opId") ?? "";
    const failure = failureOf(event);
    const record = w.state.azure.resources[text(event, "key") ?? ""];
    if (!record) {
      finishOperation(w, opId, { error: { code: "NotFound", message: "The resource was deleted while it was being updated." } });
      return;
    }
    const state = failure ? "Failed" : "Succeeded";
    const childType = text(event, "childType");
    if (childType) {
      const def = childDef(registry, record, childType);
      const child = def ? findChild(def.children(record), text(event, "childName") ?? "") : undefined;
      if (child && child.pendingOpId === opId) {
        child.provisioningState = state;
        delete child.pendingOpId;
      }
    } else {
      if (record.pendingOpId === opId) {
        record.provisioningState = state;
        delete record.pendingOpId;
      }
      for (const def of registry.children.values()) {
        if (def.parentKind !== record.kind) continue;
        for (const child of def.children(record)) {
          if (child.pendingOpId === opId) {
            child.provisioningState = state;
            delete child.pendingOpId;
          }
        }
      }
      if (!failure) registry.tracked.get(record.kind)?.onProvisioned?.(w, record);
    }
    finishOperation(w, opId, failure ? { error: failure } : {});
  });

  world.on("arm.delete.done", (w, event) => {
    const opId = text(event, "opId") ?? "";
    const failure = failureOf(event);
    const record = w.state.azure.resources[text(event, "key") ?? ""];
    if (!record) {
      finishOperation(w, opId, {});
      return;
    }
    const childType = text(event, "childType");
    const def = childType ? childDef(registry, record, childType) : undefined;
    const child = def ? findChild(def.children(record), text(event, "childName") ?? "") : undefined;
    if (childType) {
      if (!def || !child) {
        finishOperation(w, opId, {});
        return;
      }
      delete child.pendingOpId;
      if (failure) {
        child.provisioningState = text(event, "failState") === "Failed" ? "Failed" : "Succeeded";
      } else {
        def.setChildren(record, withoutChild(def.children(record), child.name));
        def.onDeleted?.(w, record, child);
      }
    } else {
      delete record.pendingOpId;
      if (failure) {
        const restored = text(event, "failState");
        record.provisioningState = restored === "Failed" || restored === "Updating" ? restored : "Succeeded";
      } else {
        removeArm(w, record.id);
        registry.tracked.get(record.kind)?.onDeleted?.(w, record);
      }
    }
    w.dirty = true;
    finishOperation(w, opId, failure ? { error: failure } : {});
  });
}
