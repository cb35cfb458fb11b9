import { z } from "zod";
import { addressAt, contains, overlaps, parseIpv4Cidr } from "../../core/cidr";
import { ocid } from "../../core/ids";
import type { World } from "../../core/world";
import { applyCommonUpdate, baseRecord, baseView, CommonCreate, CommonUpdate, Ocid, parseOci } from "../body";
import { invalidParameter } from "../errors";
import type { OciKindDef } from "../kinds";
import type { SubnetRecord, VcnRecord } from "../model";
import { isLive, ociRecordOf, ociRecords } from "../store";
import { availableVcn } from "./requirements";
import { requestRegionKey } from "../regions";

const CreateSubnet = CommonCreate.extend({
  vcnId: Ocid,
  cidrBlock: z.string().min(1),
  availabilityDomain: z.string().optional(),
  dnsLabel: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,14}$/).optional(),
  routeTableId: Ocid.optional(),
  securityListIds: z.array(Ocid).max(5).optional(),
  dhcpOptionsId: Ocid.optional(),
  prohibitPublicIpOnVnic: z.boolean().optional(),
});
const UpdateSubnet = CommonUpdate.extend({ routeTableId: Ocid.optional(), securityListIds: z.array(Ocid).max(5).optional(), dhcpOptionsId: Ocid.optional() });

function checkReferences(world: World, vcn: VcnRecord, routeTableId: string | undefined, securityListIds: string[] | undefined): void {
  if (routeTableId !== undefined) {
    const table = ociRecordOf(world, "routetable", routeTableId);
    if (!table || !isLive(table) || table.vcnId !== vcn.id) throw invalidParameter(`routeTableId ${routeTableId} is not a route table of VCN ${vcn.id}.`);
  }
  for (const id of securityListIds ?? []) {
    const list = ociRecordOf(world, "securitylist", id);
    if (!list || !isLive(list) || list.vcnId !== vcn.id) throw invalidParameter(`securityListId ${id} is not a security list of VCN ${vcn.id}.`);
  }
}

export const subnets: OciKindDef<"subnet"> = {
  kind: "subnet",
  collection: "subnets",
  opName: "Subnet",
  states: { creating: "PROVISIONING", ready: "AVAILABLE", deleting: "TERMINATING", deleted: "TERMINATED" },
  create(call, raw) {
    const { world } = call;
    const body = parseOci(CreateSubnet, raw);
    const vcn = availableVcn(world, body.vcnId);
    const parsed = parseIpv4Cidr(body.cidrBlock);
    if (!parsed.ok) throw invalidParameter(`cidrBlock ${body.cidrBlock} is invalid: ${parsed.message}`);
    const inVcn = vcn.cidrBlocks.some((text) => {
      const block = parseIpv4Cidr(text);
      return block.ok && contains(block.cidr, parsed.cidr);
    });
    if (!inVcn) throw invalidParameter(`The requested CIDR ${body.cidrBlock} is not within the VCN CIDR blocks ${vcn.cidrBlocks.join(", ")}.`);
    const clash = ociRecords(world, "subnet").find((subnet) => {
      const other = parseIpv4Cidr(subnet.cidrBlock);
      return subnet.vcnId === vcn.id && isLive(subnet) && other.ok && overlaps(other.cidr, parsed.cidr);
    });
    if (clash) throw invalidParameter(`The requested CIDR ${body.cidrBlock} overlaps with the CIDR ${clash.cidrBlock} of subnet ${clash.id}.`);
    checkReferences(world, vcn, body.routeTableId, body.securityListIds);
    const base = baseRecord(call, body, ocid("subnet", requestRegionKey(world)), "PROVISIONING", "subnet");
    const subnet: SubnetRecord = {
      ...base,
      kind: "subnet",
      vcnId: vcn.id,
      cidrBlock: parsed.cidr.text,
      routeTableId: body.routeTableId ?? vcn.defaultRouteTableId,
      securityListIds: body.securityListIds ?? [vcn.defaultSecurityListId],
      dhcpOptionsId: body.dhcpOptionsId ?? vcn.defaultDhcpOptionsId,
      prohibitPublicIpOnVnic: body.prohibitPublicIpOnVnic ?? false,
      availabilityDomain: body.availabilityDomain ?? null,
      virtualRouterIp: addressAt(parsed.cidr, 1),
      virtualRouterMac: "00:00:17:00:00:01",
    };
    if (body.dnsLabel) subnet.dnsLabel = body.dnsLabel.toLowerCase();
    return subnet;
  },
  update(call, record, raw) {
    const body = parseOci(UpdateSubnet, raw);
    const vcn = ociRecordOf(call.world, "vcn", record.vcnId);
    if (vcn) checkReferences(call.world, vcn, body.routeTableId, body.securityListIds);
    applyCommonUpdate(record, body);
    if (body.routeTableId !== undefined) record.routeTableId = body.routeTableId;
    if (body.securityListIds !== undefined) record.securityListIds = body.securityListIds;
    if (body.dhcpOptionsId !== undefined) record.dhcpOptionsId = body.dhcpOptionsId;
  },
  render(world, record) {
    const vcn = ociRecordOf(world, "vcn", record.vcnId);
    return {
      ...baseView(record),
      vcnId: record.vcnId,
      cidrBlock: record.cidrBlock,
      routeTableId: record.routeTableId,
      securityListIds: record.securityListIds,
      dhcpOptionsId: record.dhcpOptionsId,
      prohibitPublicIpOnVnic: record.prohibitPublicIpOnVnic,
      prohibitInternetIngress: record.prohibitPublicIpOnVnic,
      availabilityDomain: record.availabilityDomain,
      virtualRouterIp: record.virtualRouterIp,
      virtualRouterMac: record.virtualRouterMac,
      ...(record.dnsLabel ? { dnsLabel: record.dnsLabel, subnetDomainName: `${record.dnsLabel}.${vcn?.dnsLabel ?? "vcn"}.oraclevcn.com` } : {}),
    };
  },
  createMs: (world) => world.config.durations.ociSmallResource,
  deleteMs: (world) => world.config.durations.ociSmallDelete,
  listFilter: (record, query) => !query.get("vcnId") || record.vcnId === query.get("vcnId"),
};
