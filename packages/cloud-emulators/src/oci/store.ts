import { deleteRecord, putRecord, recordsOfKind } from "../core/kind-index";
import type { World } from "../core/world";
import type { OciKind, OciRecord, OciRecordOf } from "./model";

/** Lookups over the OCI part of the world. */
export function ociRecord(world: World, id: string | undefined): OciRecord | undefined {
  return id === undefined ? undefined : world.state.oci.resources[id];
}

export function ociRecordOf<K extends OciKind>(world: World, kind: K, id: string | undefined): OciRecordOf<K> | undefined {
  const record = ociRecord(world, id);
  return record && record.kind === kind ? (record as OciRecordOf<K>) : undefined;
}

export function ociRecords<K extends OciKind>(world: World, kind: K): OciRecordOf<K>[] {
  return recordsOfKind(world.state.oci.resources, kind) as OciRecordOf<K>[];
}

export function storeOci(world: World, record: OciRecord): void {
  putRecord(world.state.oci.resources, record.id, record);
  world.dirty = true;
}

export function removeOci(world: World, id: string): void {
  deleteRecord(world.state.oci.resources, id);
  world.dirty = true;
}

export function ociVisible(world: World, record: { hiddenUntil?: number }): boolean {
  return record.hiddenUntil === undefined || world.now >= record.hiddenUntil;
}

const GONE_STATES = new Set(["TERMINATING", "TERMINATED", "DETACHING", "DETACHED"]);

/** Not being deleted and not deleted (TERMINATED resources stay readable for a while). */
export function isLive(record: OciRecord): boolean {
  return !GONE_STATES.has(record.lifecycleState);
}

/** A static DRG route rule forwards only while its next-hop attachment is ATTACHED; otherwise OCI marks it a blackhole. */
export function nextHopAttached(world: World, attachmentId: string): boolean {
  return ociRecordOf(world, "drgattachment", attachmentId)?.lifecycleState === "ATTACHED";
}
