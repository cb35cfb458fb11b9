import { z } from "zod";
import type { World } from "../core/world";
import { tunnelLinks, vnet2vnetLinks } from "./vpn-links";
import { JOURNAL_CAPACITY, type KnownLink, type LinkRef, type LinkState, type TunnelTransition, vpnState } from "./vpn-state";

/**
 * The tunnel-state journal: after every change to either cloud (a request, a due event, an out-of-band change)
 * every tunnel's state is derived again and each difference from the last known state is recorded with the
 * emulated time it happened at. A test can then replay the journal and assert, say, that during a key rotation
 * both tunnels of a link were never DOWN at once.
 */

function same(a: LinkState, b: LinkState): boolean {
  return a.status === b.status && a.bgp === b.bgp && a.reason === b.reason;
}

function record(world: World, link: LinkRef, from: LinkState | null, to: LinkState | null): void {
  const vpn = vpnState(world);
  const transition: TunnelTransition = { seq: vpn.nextSeq++, at: new Date(world.now).toISOString(), atMs: world.now, link, from, to };
  vpn.journal.push(transition);
  if (vpn.journal.length > JOURNAL_CAPACITY) vpn.journal.splice(0, vpn.journal.length - JOURNAL_CAPACITY);
  world.dirty = true;
}

const stateOf = (link: LinkState): LinkState => ({ status: link.status, bgp: link.bgp, reason: link.reason });

/** Derives every tunnel's state and records what changed since the last call. */
export function reconcileVpnLinks(world: World): void {
  const current = [...tunnelLinks(world), ...vnet2vnetLinks(world)];
  const known = world.state.vpn?.links ?? {};
  if (current.length === 0 && Object.keys(known).length === 0) return;
  const vpn = vpnState(world);
  const next: Record<string, KnownLink> = {};
  for (const link of current) {
    const now = stateOf(link);
    const before = vpn.links[link.ref.key];
    if (!before) record(world, link.ref, null, now);
    else if (!same(before, now)) record(world, link.ref, stateOf(before), now);
    next[link.ref.key] = before && same(before, now) ? { ...before, ref: link.ref } : { ...now, ref: link.ref, since: world.now };
  }
  for (const [key, before] of Object.entries(vpn.links)) {
    if (!next[key]) record(world, before.ref, stateOf(before), null);
  }
  vpn.links = next;
}

export const VpnJournalFilter = z.object({
  /** Only transitions with `seq` greater than this. */
  since: z.coerce.number().int().optional(),
  /** Only this tunnel: its OCID, an IPSec connection OCID, an Azure connection id, or a link key. */
  link: z.string().optional(),
  limit: z.coerce.number().int().positive().optional(),
});
export type VpnJournalFilter = z.infer<typeof VpnJournalFilter>;

function concerns(ref: LinkRef, wanted: string): boolean {
  const lower = wanted.toLowerCase();
  return [ref.key, ref.ociTunnelId, ref.ipsecConnectionId, ...ref.azureConnectionIds].some((value) => value?.toLowerCase() === lower);
}

export function vpnJournal(world: World, filter: VpnJournalFilter): TunnelTransition[] {
  const selected = (world.state.vpn?.journal ?? []).filter((entry) => (filter.since === undefined || entry.seq > filter.since) && (filter.link === undefined || concerns(entry.link, filter.link)));
  return filter.limit === undefined ? selected : selected.slice(-filter.limit);
}

export function registerVpnFabric(world: World): void {
  world.onChange(reconcileVpnLinks);
}
