import { renderFailedCreate } from "../azure-arm/failed-creates";
import { renderTracked } from "../azure-arm/generic";
import { armRegistry } from "../azure-arm/routes";
import type { World } from "../core/world";
import { identityView } from "../oci/identity/view";
import { regionOf } from "../oci/regions";
import { ociRegistry } from "../oci/routes";

export interface Snapshot {
  /** Emulated time (ISO) the snapshot was taken at. */
  now: string;
  azure: { id: string; kind: string; resource: Record<string, unknown> }[];
  /** `emulator.region`: the region each OCI resource lives in. */
  oci: { id: string; kind: string; resource: Record<string, unknown>; emulator: Record<string, unknown> }[];
  /** OCI tenancies, compartments, users, groups, memberships, policies, API keys (fingerprints only). */
  ociIdentity: Record<string, unknown>;
  pendingEvents: { at: string; kind: string; data: Record<string, unknown> }[];
}

/** Every resource of both clouds as the APIs would return it, plus emulator-only details. */
export function takeSnapshot(world: World): Snapshot {
  world.settle();
  const arm = armRegistry();
  const oci = ociRegistry();
  return {
    now: new Date(world.now).toISOString(),
    azure: Object.values(world.state.azure.resources).flatMap((record) => {
      const def = arm.tracked.get(record.kind);
      return def ? [{ id: record.id, kind: record.kind, resource: renderTracked(world, def, record) }] : [];
    }).concat(Object.values(world.state.azure.failedCreates ?? {}).map((created) => ({ id: created.id, kind: created.kind, resource: renderFailedCreate(created) }))),
    oci: Object.values(world.state.oci.resources).flatMap((record) => {
      const def = oci.get(record.kind);
      if (!def) return [];
      const emulator: Record<string, unknown> = { region: regionOf(world, record) };
      if (record.kind === "virtualcircuit") {
        if (record.failureReason) emulator.failureReason = record.failureReason;
        if (record.linkedCircuitKey) emulator.linkedCircuit = record.linkedCircuitKey;
        if (record.resizeRejection) emulator.resizeRejection = record.resizeRejection;
      }
      if (record.hiddenUntil !== undefined) emulator.hiddenUntil = new Date(record.hiddenUntil).toISOString();
      return [{ id: record.id, kind: record.kind, resource: def.render(world, record), emulator }];
    }),
    ociIdentity: identityView(world),
    pendingEvents: world.pendingEvents().map((event) => ({ at: new Date(event.at).toISOString(), kind: event.kind, data: event.data })),
  };
}
