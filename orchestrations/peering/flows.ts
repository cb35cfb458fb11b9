import { DeleteTransitTableActivity, type PeeringMode, PeerVcnActivity } from "../contracts/peering";
import { type OperationBase, targetOf } from "../contracts/common";
import { type Flow } from "../flow/steps";
import { expectOk } from "../lifecycle/kit";
import { callWhenReady, type WhenReadyOptions } from "../lifecycle/when-ready";

/**
 * The peered VCNs with a kind (oci.peeredVcns[].kind), one after the other: set up (setup, resume), their route
 * rules withdrawn (suspend) or everything removed (teardown, rollback). Peered VCNs without a kind are only
 * advertised (the routing activities' static DRG rules) and never reach here.
 */
export interface PeeringRun {
  base: OperationBase;
  drgId: string;
  /** Empty: the activity reads the VNet's CIDRs from Azure. */
  vnetCidrs: string[];
  virtualCircuitId?: string | undefined;
  waiting: Omit<WhenReadyOptions, "what">;
  /** Only these entries of oci.peeredVcns (a topology change peers the added ones, unpeers the removed ones); else all. */
  only?: readonly number[] | undefined;
}

export function* peerVcns(run: PeeringRun, mode: PeeringMode): Flow<string[]> {
  const target = targetOf(run.base);
  const done: string[] = [];
  const peers = run.base.request.oci.peeredVcns;
  // Removal goes in reverse, the way things were added.
  const order = [...peers.keys()].filter((index) => peers[index]?.kind !== undefined && (run.only === undefined || run.only.includes(index)));
  for (const index of mode === "active" ? order : order.reverse()) {
    const result = yield* callWhenReady(
      PeerVcnActivity,
      {
        ref: target.ref,
        ticketId: target.ticketId,
        oci: target.oci,
        azure: target.azure,
        index,
        drgId: run.drgId,
        vnetCidrs: run.vnetCidrs,
        ...(run.virtualCircuitId ? { virtualCircuitId: run.virtualCircuitId } : {}),
        mode,
      },
      { ...run.waiting, what: `${mode === "active" ? "peer" : "unpeer"} oci.peeredVcns[${index}]` },
    );
    done.push(`VCN ${peers[index]?.vcnId ?? index} (${peers[index]?.kind ?? ""}): ${expectOk(run.waiting.step, result).summary}`);
  }
  return done;
}

/**
 * After the connected VCN's DRG attachment is gone: the transit route table Interlink associated with it. Looked for
 * whatever the spec lists now: a topology change may have removed the last local peering, and the table stays
 * associated with the attachment until then.
 */
export function* deleteTransitTable(base: OperationBase, waiting: Omit<WhenReadyOptions, "what">): Flow<boolean> {
  const target = targetOf(base);
  const result = yield* callWhenReady(DeleteTransitTableActivity, { ref: target.ref, oci: target.oci }, { ...waiting, what: "delete the transit route table" });
  return expectOk(waiting.step, result).deleted;
}
