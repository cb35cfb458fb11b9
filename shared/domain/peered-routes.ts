/**
 * Task 5 for VCNs peered to the interconnected VCN (the seed's VNet -> VCN -> peered VCN traffic). A VCN
 * attached to the same DRG is advertised by the DRG's default import distribution already; one reached
 * through the interconnected VCN (a local peering) is not, so the DRG route table its virtual circuits use
 * gets a static rule per peered CIDR with the interconnected VCN's attachment as next hop. Static DRG rules
 * carry no tags or descriptions, so ownership is the pair (a declared peered CIDR, that attachment); a rule
 * for a declared CIDR whose next hop is gone is a leftover and is ours to clear.
 */

export interface StaticRoute {
  id: string;
  destination: string;
  nextHopDrgAttachmentId: string;
}

export interface PeeredRoutesInput {
  /**
   * `nextHopDrgAttachmentId`: where this VCN's CIDRs go instead of the hub VCN's attachment; null when the VCN's
   * static rules are not this plan's business (a remote peering's rules lead to its RPC attachment and are kept with
   * the peering; an attached VCN needs none), so its CIDRs are neither added nor withdrawn here.
   */
  peeredVcns: ReadonlyArray<{ vcnId?: string | undefined; cidrs: readonly string[]; nextHopDrgAttachmentId?: string | null | undefined }>;
  /** The interconnected VCN: its attachment (absent before attach or after detach) is the next hop. */
  vcnId: string;
  /** The DRG's live attachments; those with a `vcnId` attach a VCN. */
  attachments: ReadonlyArray<{ id: string; vcnId?: string | undefined }>;
  existing: readonly StaticRoute[];
  /** false for suspend and teardown: withdraw everything Interlink added. */
  advertise: boolean;
  /** CIDRs of peered VCNs a topology change took out of the list: rules of ours for them are withdrawn too. */
  withdrawn?: readonly string[] | undefined;
}

export interface PeeredRoutesPlan {
  add: Array<Omit<StaticRoute, "id">>;
  /** Rules already in place that stay. */
  keep: StaticRoute[];
  removeIds: string[];
  /** Declared CIDRs that someone else already routes elsewhere in the table. */
  conflicts: Array<{ destination: string; nextHopDrgAttachmentId: string }>;
}

export function planPeeredVcnRoutes(input: PeeredRoutesInput): PeeredRoutesPlan {
  const declared = new Set([...input.peeredVcns.filter((vcn) => vcn.nextHopDrgAttachmentId !== null).flatMap((vcn) => vcn.cidrs), ...(input.withdrawn ?? [])]);
  const live = new Set(input.attachments.map((attachment) => attachment.id));
  const hub = input.attachments.find((attachment) => attachment.vcnId === input.vcnId)?.id;
  const ownHops = new Set([hub, ...input.peeredVcns.map((vcn) => vcn.nextHopDrgAttachmentId)].filter((id): id is string => typeof id === "string"));
  const ours = (route: StaticRoute) => declared.has(route.destination) && (ownHops.has(route.nextHopDrgAttachmentId) || !live.has(route.nextHopDrgAttachmentId));
  const attached = new Set(input.attachments.flatMap((attachment) => (attachment.vcnId ? [attachment.vcnId] : [])));
  const wanted = input.advertise
    ? input.peeredVcns
        .filter((vcn) => !(vcn.vcnId && attached.has(vcn.vcnId)) && vcn.nextHopDrgAttachmentId !== null)
        .flatMap((vcn) => vcn.cidrs.map((destination) => ({ destination, nextHopDrgAttachmentId: vcn.nextHopDrgAttachmentId ?? hub })))
        .filter((route, index, all) => all.findIndex((other) => other.destination === route.destination) === index)
    : [];
  const needed = wanted.map((route) => route.destination);
  const hopOf = (destination: string) => wanted.find((route) => route.destination === destination)?.nextHopDrgAttachmentId;

  const conflicts = input.existing.filter((route) => needed.includes(route.destination) && !ours(route)).map(({ destination, nextHopDrgAttachmentId }) => ({ destination, nextHopDrgAttachmentId }));
  const keep = input.existing.filter((route) => ours(route) && hopOf(route.destination) !== undefined && route.nextHopDrgAttachmentId === hopOf(route.destination));
  const removeIds = input.existing.filter((route) => ours(route) && !keep.includes(route)).map((route) => route.id);
  const add = wanted.filter((route): route is { destination: string; nextHopDrgAttachmentId: string } => route.nextHopDrgAttachmentId !== undefined).filter((route) => !keep.some((kept) => kept.destination === route.destination) && !conflicts.some((conflict) => conflict.destination === route.destination));
  return { add, keep, removeIds, conflicts };
}
