import type { World } from "../../core/world";
import { incorrectState, notFound } from "../errors";
import type { DrgRecord, VcnRecord } from "../model";
import { inRequestRegion } from "../regions";
import { isLive, ociRecordOf } from "../store";

/** Parents a create needs: they must exist (404 otherwise) and be ready (409 IncorrectState otherwise). */
export function availableVcn(world: World, vcnId: string): VcnRecord {
  const vcn = ociRecordOf(world, "vcn", vcnId);
  if (!vcn || !isLive(vcn) || !inRequestRegion(world, vcn)) throw notFound();
  if (vcn.lifecycleState !== "AVAILABLE") throw incorrectState(`Vcn ${vcn.id} is ${vcn.lifecycleState}; wait until it is AVAILABLE.`);
  return vcn;
}

export function availableDrg(world: World, drgId: string): DrgRecord {
  const drg = ociRecordOf(world, "drg", drgId);
  if (!drg || !isLive(drg) || !inRequestRegion(world, drg)) throw notFound();
  if (drg.lifecycleState !== "AVAILABLE") throw incorrectState(`Drg ${drg.id} is ${drg.lifecycleState}; wait until it is AVAILABLE.`);
  return drg;
}
