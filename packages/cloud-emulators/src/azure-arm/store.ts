import { deleteRecord, putRecord, recordsOfKind } from "../core/kind-index";
import type { World } from "../core/world";
import { keyOf } from "./ids";
import type { ArmChild, ArmKind, ArmRecord, ArmRecordOf } from "./model";

/** Lookups over the ARM part of the world. Reads never see hidden (eventually consistent) resources. */
export function visible(world: World, item: { hiddenUntil?: number }): boolean {
  return item.hiddenUntil === undefined || world.now >= item.hiddenUntil;
}

export function armRecord(world: World, id: string): ArmRecord | undefined {
  return world.state.azure.resources[keyOf(id)];
}

export function armRecordOf<K extends ArmKind>(world: World, kind: K, id: string | undefined): ArmRecordOf<K> | undefined {
  if (id === undefined) return undefined;
  const record = armRecord(world, id);
  return record && record.kind === kind ? (record as ArmRecordOf<K>) : undefined;
}

export function armRecords<K extends ArmKind>(world: World, kind: K): ArmRecordOf<K>[] {
  return recordsOfKind(world.state.azure.resources, kind) as ArmRecordOf<K>[];
}

export function storeArm(world: World, record: ArmRecord): void {
  putRecord(world.state.azure.resources, keyOf(record.id), record);
  world.dirty = true;
}

export function removeArm(world: World, id: string): void {
  deleteRecord(world.state.azure.resources, keyOf(id));
  world.dirty = true;
}

export function findChild<C extends ArmChild>(children: C[], name: string): C | undefined {
  const lower = name.toLowerCase();
  return children.find((child) => child.name.toLowerCase() === lower);
}

/** Replaces (or appends) the child with the same name, case-insensitively. */
export function upsertChild<C extends ArmChild>(children: C[], child: C): C[] {
  const lower = child.name.toLowerCase();
  const index = children.findIndex((existing) => existing.name.toLowerCase() === lower);
  if (index < 0) return [...children, child];
  const copy = [...children];
  copy[index] = child;
  return copy;
}

export function withoutChild<C extends ArmChild>(children: C[], name: string): C[] {
  const lower = name.toLowerCase();
  return children.filter((child) => child.name.toLowerCase() !== lower);
}
