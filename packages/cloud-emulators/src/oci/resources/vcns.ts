import { z } from "zod";
import { overlaps, parseIpv4Cidr } from "../../core/cidr";
import { ocid } from "../../core/ids";
import type { World } from "../../core/world";
import { applyCommonUpdate, baseRecord, baseView, CommonCreate, CommonUpdate, parseOci } from "../body";
import { conflict, invalidParameter } from "../errors";
import { retire } from "../generic";
import type { OciKindDef } from "../kinds";
import type { OciRecord, VcnRecord } from "../model";
import { isLive, storeOci } from "../store";
import { newRouteTable } from "./route-tables";
import { newSecurityList } from "./security-lists";
import { defaultSecurityListRules } from "./security-rules";
import { requestRegionKey } from "../regions";

const DnsLabel = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,14}$/, "must start with a letter and have at most 15 letters and digits");
const CreateVcn = CommonCreate.extend({ cidrBlock: z.string().optional(), cidrBlocks: z.array(z.string()).optional(), dnsLabel: DnsLabel.optional(), isIpv6Enabled: z.boolean().optional() });

function checkCidrs(cidrs: string[]): string[] {
  if (cidrs.length === 0) throw invalidParameter("A VCN needs cidrBlock or cidrBlocks.");
  const parsed = cidrs.map((text) => {
    const result = parseIpv4Cidr(text);
    if (!result.ok) throw invalidParameter(`cidrBlock ${text} is invalid: ${result.message}`);
    if (result.cidr.prefixLength < 16 || result.cidr.prefixLength > 30) throw invalidParameter(`cidrBlock ${text} must be between /16 and /30.`);
    return result.cidr;
  });
  parsed.forEach((a, i) =>
    parsed.slice(i + 1).forEach((b) => {
      if (overlaps(a, b)) throw invalidParameter(`cidrBlocks ${a.text} and ${b.text} overlap.`);
    }),
  );
  return parsed.map((cidr) => cidr.text);
}

/** What still references a VCN (OCI refuses to delete it until they are gone). */
function dependents(world: World, vcn: VcnRecord): OciRecord[] {
  return Object.values(world.state.oci.resources).filter((record) => {
    if (!isLive(record)) return false;
    switch (record.kind) {
      case "subnet":
      case "networksecuritygroup":
      case "localpeeringgateway":
        return record.vcnId === vcn.id;
      case "routetable":
      case "securitylist":
        return record.vcnId === vcn.id && !record.isDefault;
      case "drgattachment":
        return record.networkType === "VCN" && record.networkId === vcn.id;
      default:
        return false;
    }
  });
}

export const vcns: OciKindDef<"vcn"> = {
  kind: "vcn",
  collection: "vcns",
  opName: "Vcn",
  states: { creating: "PROVISIONING", ready: "AVAILABLE", deleting: "TERMINATING", deleted: "TERMINATED" },
  create(call, raw) {
    const body = parseOci(CreateVcn, raw);
    const cidrBlocks = checkCidrs(body.cidrBlocks ?? (body.cidrBlock ? [body.cidrBlock] : []));
    const region = requestRegionKey(call.world);
    const id = ocid("vcn", region);
    const base = baseRecord(call, body, id, "PROVISIONING", "vcn");
    const routeTable = newRouteTable(call, { compartmentId: body.compartmentId, displayName: `Default Route Table for ${base.displayName}` }, id, [], true);
    const rules = defaultSecurityListRules(cidrBlocks[0] ?? "0.0.0.0/0");
    const securityList = newSecurityList(call, { compartmentId: body.compartmentId, displayName: `Default Security List for ${base.displayName}` }, id, rules.ingress, rules.egress, true);
    storeOci(call.world, routeTable);
    storeOci(call.world, securityList);
    const vcn: VcnRecord = {
      ...base,
      kind: "vcn",
      cidrBlocks,
      defaultRouteTableId: routeTable.id,
      defaultSecurityListId: securityList.id,
      defaultDhcpOptionsId: ocid("dhcpoptions", region),
    };
    if (body.dnsLabel) vcn.dnsLabel = body.dnsLabel.toLowerCase();
    return vcn;
  },
  update(_call, record, raw) {
    applyCommonUpdate(record, parseOci(CommonUpdate, raw));
  },
  checkDelete(world, record) {
    const blocking = dependents(world, record);
    if (blocking.length > 0) {
      throw conflict(`The Vcn ${record.id} references the following resources: ${blocking.map((item) => item.id).join(", ")}. You must delete them before deleting the Vcn.`);
    }
  },
  onDeleted(world, record) {
    for (const id of [record.defaultRouteTableId, record.defaultSecurityListId]) {
      const item = world.state.oci.resources[id];
      if (item) retire(world, item, "TERMINATED");
    }
  },
  render: (_world, record) => ({
    ...baseView(record),
    cidrBlock: record.cidrBlocks[0],
    cidrBlocks: record.cidrBlocks,
    ipv6CidrBlocks: [],
    defaultRouteTableId: record.defaultRouteTableId,
    defaultSecurityListId: record.defaultSecurityListId,
    defaultDhcpOptionsId: record.defaultDhcpOptionsId,
    ...(record.dnsLabel ? { dnsLabel: record.dnsLabel, vcnDomainName: `${record.dnsLabel}.oraclevcn.com` } : {}),
  }),
  createMs: (world) => world.config.durations.ociSmallResource,
  deleteMs: (world) => world.config.durations.ociSmallDelete,
};
