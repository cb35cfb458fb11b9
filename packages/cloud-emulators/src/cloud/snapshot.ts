import { renderFailedCreate } from "../azure-arm/failed-creates";
import { renderTracked } from "../azure-arm/generic";
import { armRegistry } from "../azure-arm/routes";
import type { World } from "../core/world";
import { identityView } from "../oci/identity/view";
import { regionOf } from "../oci/regions";
import { ociRegistry } from "../oci/routes";
import { type PairPaths, reachability } from "../fabric/vpn-paths";
import { redactSharedKey, tunnelExtras, vpnView } from "./vpn-admin";

export interface Snapshot {
  /** Emulated time (ISO) the snapshot was taken at. */
  now: string;
  azure: { id: string; kind: string; resource: Record<string, unknown> }[];
  /** `emulator.region`: the region each OCI resource lives in. */
  oci: { id: string; kind: string; resource: Record<string, unknown>; emulator: Record<string, unknown> }[];
  /** OCI tenancies, compartments, users, groups, memberships, policies, API keys (fingerprints only). */
  ociIdentity: Record<string, unknown>;
  pendingEvents: { at: string; kind: string; data: Record<string, unknown> }[];
  /** VPN tunnels and Vnet2Vnet pairs with their state and the reason they are down; which path carries each VNet/VCN pair. */
  vpn: ReturnType<typeof vpnView> & { paths: PairPaths[] };
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
      return def ? [{ id: record.id, kind: record.kind, resource: redactSharedKey(renderTracked(world, def, record)) }] : [];
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
      if (record.kind === "ipsecconnection") emulator.tunnels = tunnelExtras(world, record);
      if (record.hiddenUntil !== undefined) emulator.hiddenUntil = new Date(record.hiddenUntil).toISOString();
      return [{ id: record.id, kind: record.kind, resource: def.render(world, record), emulator }];
    }),
    ociIdentity: identityView(world),
    pendingEvents: world.pendingEvents().map((event) => ({ at: new Date(event.at).toISOString(), kind: event.kind, data: event.data })),
    vpn: { ...vpnView(world), paths: reachability(world) },
  };
}
