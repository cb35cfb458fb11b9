import { canonicalJson } from "./fingerprint";
import { type FieldError } from "./problem";
import { vcnRouteTableIds } from "./route-tables";
import { type SetupRequest } from "./setup-request";

/**
 * What a topology change (PATCH) adds and removes beside the spokes: peered VCNs, VCN route tables and Azure app
 * subnets. Pure; the change plan, the HTTP validation and the update orchestration all read the same answer.
 */

type PeeredVcn = SetupRequest["oci"]["peeredVcns"][number];

export const difference = <T>(from: readonly T[], without: readonly T[], key: (value: T) => string): T[] => from.filter((value) => !without.some((other) => key(other) === key(value)));

/** A peered VCN across a change: its OCID, or for an entry without one (only advertised), the entry itself. */
const peerKey = (peer: PeeredVcn) => peer.vcnId ?? canonicalJson(peer);

const indicesOf = (list: readonly PeeredVcn[], without: readonly PeeredVcn[]) => [...list.keys()].filter((index) => !without.some((other) => peerKey(other) === peerKey(list[index] as PeeredVcn)));

export interface TopologyDiff {
  /** Indices into next.oci.peeredVcns (added) and current.oci.peeredVcns (removed). */
  peeredVcns: { added: number[]; removed: number[] };
  /** VCN route tables that get, or lose, Interlink's rules; `defaultTable` stands for the VCN's default one. */
  routeTables: { added: string[]; removed: string[] };
  appSubnets: { added: string[]; removed: string[] };
}

export function topologyDiff(current: SetupRequest, next: SetupRequest, defaultTable: string): TopologyDiff {
  const [tablesBefore, tablesAfter] = [vcnRouteTableIds(current.oci, defaultTable), vcnRouteTableIds(next.oci, defaultTable)];
  const [subnetsBefore, subnetsAfter] = [current.azure.appSubnets ?? [], next.azure.appSubnets ?? []];
  return {
    peeredVcns: { added: indicesOf(next.oci.peeredVcns, current.oci.peeredVcns), removed: indicesOf(current.oci.peeredVcns, next.oci.peeredVcns) },
    routeTables: { added: difference(tablesAfter, tablesBefore, String), removed: difference(tablesBefore, tablesAfter, String) },
    appSubnets: { added: difference(subnetsAfter, subnetsBefore, String), removed: difference(subnetsBefore, subnetsAfter, String) },
  };
}

/** The entries of `indices` in a list, in order. */
export const pick = <T>(list: readonly T[], indices: readonly number[]): T[] => indices.flatMap((index) => (list[index] === undefined ? [] : [list[index]]));

/**
 * Rules a change must follow beyond those of a setup request: a peered VCN that stays keeps its settings, because what
 * Interlink built for it (gateways, attachments, marked route rules) follows from them; changing one is a removal in
 * one change and an addition in the next.
 */
export function topologyChangeProblems(current: SetupRequest, next: SetupRequest): FieldError[] {
  return next.oci.peeredVcns.flatMap((peer, index): FieldError[] => {
    const before = peer.vcnId ? current.oci.peeredVcns.find((candidate) => candidate.vcnId === peer.vcnId) : undefined;
    if (!before || canonicalJson(before) === canonicalJson(peer)) return [];
    return [
      {
        path: `oci.peeredVcns[${index}]`,
        message: `VCN ${peer.vcnId ?? ""} is peered already with other settings: a change adds or removes peered VCNs; remove it in one change and add it back with the new settings in the next`,
      },
    ];
  });
}
