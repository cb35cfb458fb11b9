import { z } from "zod";
import { ocid } from "../../core/ids";
import type { World } from "../../core/world";
import { applyCommonUpdate, baseView, CommonUpdate, Ocid, parseOci } from "../body";
import { invalidParameter } from "../errors";
import type { OciKindDef } from "../kinds";
import type { VnicRecord } from "../model";
import { requestRegionKey } from "../regions";
import { isLive, ociRecordOf, ociRecords, storeOci } from "../store";

/** OCI's limit: a VNIC is in at most five network security groups. */
export const MAX_NSGS_PER_VNIC = 5;

const UpdateVnic = CommonUpdate.extend({ nsgIds: z.array(Ocid).optional(), skipSourceDestCheck: z.boolean().optional(), hostnameLabel: z.string().optional() });

function checkNsgs(world: World, vnic: VnicRecord, nsgIds: string[]): void {
  if (nsgIds.length > MAX_NSGS_PER_VNIC) throw invalidParameter(`A VNIC can be in at most ${MAX_NSGS_PER_VNIC} network security groups; ${nsgIds.length} were given.`);
  if (new Set(nsgIds).size !== nsgIds.length) throw invalidParameter("nsgIds contains duplicates.");
  for (const id of nsgIds) {
    const nsg = ociRecordOf(world, "networksecuritygroup", id);
    if (!nsg || !isLive(nsg)) throw invalidParameter(`Network security group ${id} does not exist.`);
    if (nsg.vcnId !== vnic.vcnId) throw invalidParameter(`Network security group ${id} is not in the VCN of VNIC ${vnic.id} (${vnic.vcnId}).`);
  }
}

/** GET and PUT `/vnics/{id}` (VNICs come from instances: there is no create, list or delete here). */
export const vnics: OciKindDef<"vnic"> = {
  kind: "vnic",
  collection: "vnics",
  opName: "Vnic",
  states: { creating: "PROVISIONING", ready: "AVAILABLE", deleting: "TERMINATING", deleted: "TERMINATED" },
  update(call, record, raw) {
    const body = parseOci(UpdateVnic, raw);
    if (body.nsgIds !== undefined) checkNsgs(call.world, record, body.nsgIds);
    applyCommonUpdate(record, body);
    if (body.nsgIds !== undefined) record.nsgIds = body.nsgIds;
    if (body.skipSourceDestCheck !== undefined) record.skipSourceDestCheck = body.skipSourceDestCheck;
  },
  render: (_world, record) => ({
    ...baseView(record),
    subnetId: record.subnetId,
    vlanId: null,
    privateIp: record.privateIp,
    nsgIds: record.nsgIds,
    isPrimary: true,
    skipSourceDestCheck: record.skipSourceDestCheck,
    macAddress: "02:00:17:00:00:01",
  }),
  createMs: () => 0,
  deleteMs: () => 0,
};

/** The VNICs in a network security group (an NSG with members cannot be deleted). */
export function vnicsInNsg(world: World, nsgId: string): VnicRecord[] {
  return ociRecords(world, "vnic").filter((vnic) => isLive(vnic) && vnic.nsgIds.includes(nsgId));
}

/** A VNIC in a subnet, as an instance launch would make it (admin API). */
export function launchVnic(world: World, input: { id?: string | undefined; subnetId: string; privateIp: string; displayName?: string | undefined }): VnicRecord {
  const subnet = ociRecordOf(world, "subnet", input.subnetId);
  if (!subnet || !isLive(subnet)) throw new Error(`no subnet ${input.subnetId}`);
  const vnic: VnicRecord = {
    id: input.id ?? ocid("vnic", requestRegionKey(world)),
    seq: world.nextSeq(),
    compartmentId: subnet.compartmentId,
    displayName: input.displayName ?? "vnic",
    lifecycleState: "AVAILABLE",
    timeCreated: new Date(world.now).toISOString(),
    etag: "vnic-0",
    freeformTags: {},
    definedTags: {},
    ...(subnet.regionId ? { regionId: subnet.regionId } : {}),
    kind: "vnic",
    subnetId: subnet.id,
    vcnId: subnet.vcnId,
    privateIp: input.privateIp,
    nsgIds: [],
    skipSourceDestCheck: false,
  };
  storeOci(world, vnic);
  return vnic;
}
