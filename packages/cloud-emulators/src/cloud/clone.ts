import { z } from "zod";
import { storeArm } from "../azure-arm/store";
import { guid, ocid } from "../core/ids";
import type { World } from "../core/world";
import type { ArmRecord } from "../azure-arm/model";
import type { OciRecord } from "../oci/model";
import { ociRecords, storeOci } from "../oci/store";

export const CloneRequest = z
  .object({
    /** A string only the template's resources carry in their ids, names or tags (an interconnect's name). */
    template: z.string().min(3),
    /** What replaces it in each copy: one copy of every resource per name. */
    names: z.array(z.string().min(1)).min(1).max(20_000),
  })
  .strict();
export type CloneRequest = z.infer<typeof CloneRequest>;

/** Per name, the OCID each template OCI resource's copy got (the copies' ARM ids are the template's with the name). */
export type CloneResult = { copies: Record<string, Record<string, string>> };

export class CloneError extends Error {}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Copies a settled set of resources many times in one change: every ARM and OCI resource that carries `template`
 * (ignoring case), plus the DRG attachments of the OCI ones, once per name, with the template replaced by the name,
 * and fresh OCIDs and circuit service keys. A benchmark that needs thousands of interconnects builds one through the
 * APIs and copies it, instead of several requests per interconnect. Pending events are not copied: copy a settled
 * template.
 */
export function cloneResources(world: World, request: CloneRequest): CloneResult {
  world.settle();
  const needle = new RegExp(escape(request.template), "gi");
  const carries = (record: object) => new RegExp(escape(request.template), "i").test(JSON.stringify(record));
  const arm = Object.values(world.state.azure.resources).filter(carries);
  const ociOwned = Object.values(world.state.oci.resources).filter(carries);
  const ownedIds = new Set(ociOwned.map((record) => record.id));
  const oci: OciRecord[] = [...ociOwned, ...ociRecords(world, "drgattachment").filter((attachment) => ownedIds.has(attachment.networkId) && !ownedIds.has(attachment.id))];
  if (arm.length + oci.length === 0) throw new CloneError(`no resource carries ${request.template}`);
  const serviceKeys = arm.flatMap((record) => (record.kind === "expressRouteCircuits" ? [record.serviceKey] : []));
  const copies: CloneResult["copies"] = {};
  for (const name of request.names) {
    const swaps = new Map<string, string>();
    for (const record of oci) {
      const [, type = "", , region = ""] = record.id.split(".");
      swaps.set(record.id, ocid(type, region));
    }
    for (const key of serviceKeys) swaps.set(key, guid());
    const rewrite = <R>(record: R): R => {
      let text = JSON.stringify(record);
      for (const [from, to] of swaps) text = text.split(from).join(to);
      return JSON.parse(text.replace(needle, name)) as R;
    };
    for (const record of arm) storeArm(world, rewrite<ArmRecord>(record));
    for (const record of oci) storeOci(world, { ...rewrite<OciRecord>(record), seq: world.nextSeq() });
    copies[name] = Object.fromEntries(oci.map((record) => [record.id, swaps.get(record.id) ?? record.id]));
  }
  world.changed();
  return { copies };
}
