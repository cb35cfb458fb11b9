import { z } from "zod";
import { ocid } from "../../core/ids";
import { isIpv4, isPublicIpv4 } from "../../core/vpn-facts";
import { applyCommonUpdate, baseRecord, CommonCreate, CommonUpdate, Ocid, parseOci } from "../body";
import { conflict, invalidParameter } from "../errors";
import type { OciKindDef } from "../kinds";
import { isLive, ociRecords, removeOci } from "../store";

/**
 * `Cpe`: the customer-premises end of a Site-to-Site VPN, here the Azure VPN gateway's public IP. The wire
 * object has no lifecycle state: a deleted CPE is gone at once.
 */
const CreateCpe = CommonCreate.extend({
  ipAddress: z.string().min(1),
  cpeDeviceShapeId: Ocid.optional(),
  isPrivate: z.boolean().optional(),
});
const UpdateCpe = CommonUpdate.extend({ cpeDeviceShapeId: Ocid.optional() });

export const cpes: OciKindDef<"cpe"> = {
  kind: "cpe",
  collection: "cpes",
  opName: "Cpe",
  states: { creating: "PROVISIONING", ready: "AVAILABLE", deleting: "TERMINATING", deleted: "TERMINATED" },
  create(call, raw) {
    const body = parseOci(CreateCpe, raw);
    const isPrivate = body.isPrivate ?? false;
    if (!isIpv4(body.ipAddress)) throw invalidParameter(`ipAddress ${body.ipAddress} is not an IPv4 address.`);
    if (!isPrivate && !isPublicIpv4(body.ipAddress)) throw invalidParameter(`ipAddress ${body.ipAddress} is not a public IP address; only a private CPE (isPrivate, IPSec over FastConnect) may use one.`);
    const record = { ...baseRecord(call, body, ocid("cpe", call.world.config.ociRegionKey), "AVAILABLE", "cpe"), kind: "cpe" as const, ipAddress: body.ipAddress, isPrivate };
    return body.cpeDeviceShapeId ? { ...record, cpeDeviceShapeId: body.cpeDeviceShapeId } : record;
  },
  update(_call, record, raw) {
    const body = parseOci(UpdateCpe, raw);
    applyCommonUpdate(record, body);
    if (body.cpeDeviceShapeId !== undefined) record.cpeDeviceShapeId = body.cpeDeviceShapeId;
  },
  checkDelete(world, record) {
    const users = ociRecords(world, "ipsecconnection").filter((connection) => connection.cpeId === record.id && isLive(connection));
    if (users.length > 0) throw conflict(`The Cpe ${record.id} is in use by IPSec connections ${users.map((connection) => connection.id).join(", ")}. Delete them first.`);
  },
  onDeleted(world, record) {
    removeOci(world, record.id);
  },
  render: (_world, record) => ({
    id: record.id,
    compartmentId: record.compartmentId,
    displayName: record.displayName,
    ipAddress: record.ipAddress,
    cpeDeviceShapeId: record.cpeDeviceShapeId ?? null,
    isPrivate: record.isPrivate,
    timeCreated: record.timeCreated,
    freeformTags: record.freeformTags,
    definedTags: record.definedTags,
  }),
  createMs: () => 0,
  deleteMs: () => 0,
  listFilter: (record) => isLive(record),
};
