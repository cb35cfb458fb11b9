import type { World } from "../../core/world";
import { compartmentNode, identityOf } from "../identity/store";
import { ociRecord } from "../store";
import type { Need } from "./evaluate";
import { UNLISTED_OPERATION } from "./vocabulary";

/**
 * What each emulated OCI operation needs, after Oracle's "Details for the Core Services" / "Details for IAM"
 * (the API-operation columns). One row per operation: `PERMISSION target`, where the target says which
 * compartment the permission is checked in:
 *   compartment:<source>.<field>         the request names the compartment (createVcn's compartmentId)
 *   resource:<source>.<field>            the compartment of the resource the request names (getVcn's path id)
 *   resource:<source>.<field>>recordField  of the resource that resource names (deleteSubnet: the subnet's VCN)
 * Sources are the path parameters, the query and the JSON body; a missing value checks nothing (the handler
 * then refuses the request as malformed or unknown). Rows marked with a function add what depends on the
 * request (cross-tenancy peering and attachments).
 */

export interface OperationContext {
  world: World;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** The caller's user OCID (users manage their own API keys without a policy). */
  callerId: string;
}

type Row = { needs: readonly string[]; extra?: (context: OperationContext) => Need[]; note?: string; self?: string };

/** Readable form of a row for the docs and `GET /__emulator/oci/operations`. */
export interface OperationPermissions {
  op: string;
  needs: string[];
  note?: string;
}

const crud = (op: string, perm: string, options: { create?: string[]; del?: string[]; update?: string[]; id?: string } = {}): Record<string, Row> => {
  const id = options.id ?? "path.id";
  return {
    [`create${op}`]: { needs: [`${perm}_CREATE compartment:body.compartmentId`, ...(options.create ?? [])] },
    [`get${op}`]: { needs: [`${perm}_READ resource:${id}`] },
    [`list${op}s`]: { needs: [`${perm}_READ compartment:query.compartmentId`] },
    [`update${op}`]: { needs: [`${perm}_UPDATE resource:${id}`, ...(options.update ?? [])] },
    [`delete${op}`]: { needs: [`${perm}_DELETE resource:${id}`, ...(options.del ?? [])] },
  };
};

const PUBLIC = "The FastConnect provider catalogue: any authenticated caller of a subscribed tenancy.";

const ROWS: Record<string, Row> = {
  ...crud("Vcn", "VCN"),
  ...crud("Subnet", "SUBNET", {
    create: ["VCN_ATTACH resource:body.vcnId", "ROUTE_TABLE_ATTACH resource:body.routeTableId", "SECURITY_LIST_ATTACH resource:body.securityListIds"],
    update: ["ROUTE_TABLE_ATTACH resource:body.routeTableId", "SECURITY_LIST_ATTACH resource:body.securityListIds"],
    del: ["VCN_DETACH resource:path.id>vcnId"],
  }),
  ...crud("RouteTable", "ROUTE_TABLE", { create: ["VCN_ATTACH resource:body.vcnId"], del: ["VCN_DETACH resource:path.id>vcnId"] }),
  ...crud("SecurityList", "SECURITY_LIST", { create: ["VCN_ATTACH resource:body.vcnId"], del: ["VCN_DETACH resource:path.id>vcnId"] }),
  ...crud("Drg", "DRG"),
  ...crud("VirtualCircuit", "VIRTUAL_CIRCUIT", { create: ["DRG_ATTACH resource:body.gatewayId"], del: ["DRG_DETACH resource:path.id>gatewayId"] }),
  ...crud("LocalPeeringGateway", "LOCAL_PEERING_GATEWAY", {
    create: ["VCN_ATTACH resource:body.vcnId", "ROUTE_TABLE_ATTACH resource:body.routeTableId"],
    update: ["ROUTE_TABLE_ATTACH resource:body.routeTableId"],
    del: ["VCN_DETACH resource:path.id>vcnId"],
  }),
  ...crud("RemotePeeringConnection", "REMOTE_PEERING_CONNECTION", { create: ["DRG_ATTACH resource:body.drgId"], del: ["DRG_DETACH resource:path.id>drgId"] }),
  ...crud("Cpe", "CPE"),
  ...crud("IPSecConnection", "IPSEC_CONNECTION", { create: ["DRG_ATTACH resource:body.drgId"], del: ["DRG_DETACH resource:path.id>drgId"] }),
  createNetworkSecurityGroup: { needs: ["NETWORK_SECURITY_GROUP_CREATE compartment:body.compartmentId", "VCN_ATTACH resource:body.vcnId"] },
  getNetworkSecurityGroup: { needs: ["NETWORK_SECURITY_GROUP_READ resource:path.id"] },
  listNetworkSecurityGroups: { needs: ["NETWORK_SECURITY_GROUP_INSPECT compartment:query.compartmentId"] },
  updateNetworkSecurityGroup: { needs: ["NETWORK_SECURITY_GROUP_UPDATE resource:path.id"] },
  deleteNetworkSecurityGroup: { needs: ["NETWORK_SECURITY_GROUP_DELETE resource:path.id", "VCN_DETACH resource:path.id>vcnId"] },
  addNetworkSecurityGroupSecurityRules: { needs: ["NETWORK_SECURITY_GROUP_UPDATE_SECURITY_RULES resource:path.nsgId"] },
  updateNetworkSecurityGroupSecurityRules: { needs: ["NETWORK_SECURITY_GROUP_UPDATE_SECURITY_RULES resource:path.nsgId"] },
  removeNetworkSecurityGroupSecurityRules: { needs: ["NETWORK_SECURITY_GROUP_UPDATE_SECURITY_RULES resource:path.nsgId"] },
  listNetworkSecurityGroupSecurityRules: { needs: ["NETWORK_SECURITY_GROUP_LIST_SECURITY_RULES resource:path.nsgId"] },
  getVnic: { needs: ["VNIC_READ resource:path.id"] },
  updateVnic: { needs: ["VNIC_UPDATE resource:path.id", "NETWORK_SECURITY_GROUP_UPDATE_MEMBERS resource:body.nsgIds"], note: "NETWORK_SECURITY_GROUP_UPDATE_MEMBERS in each NSG the VNIC is put in" },
  listDrgRouteTables: { needs: ["DRG_ROUTE_TABLE_READ resource:query.drgId"] },
  getDrgRouteTable: { needs: ["DRG_ROUTE_TABLE_READ resource:path.id"] },
  listDrgRouteRules: { needs: ["DRG_ROUTE_RULE_READ resource:path.tableId"] },
  addDrgRouteRules: { needs: ["DRG_ROUTE_RULE_UPDATE resource:path.tableId"] },
  removeDrgRouteRules: { needs: ["DRG_ROUTE_RULE_UPDATE resource:path.tableId"] },
  getDrgAttachment: { needs: ["DRG_ATTACHMENT_READ resource:path.id"] },
  listDrgAttachments: { needs: ["DRG_ATTACHMENT_READ compartment:query.compartmentId"] },
  createDrgAttachment: {
    needs: ["DRG_ATTACH resource:body.drgId", "DRG_ROUTE_TABLE_ATTACH resource:body.drgRouteTableId"],
    extra: createAttachmentNeeds,
    note: "DRG_ATTACHMENT_CREATE in the attachment's compartment (the DRG's; the VCN's for a cross-tenancy attachment), VCN_ATTACH on the VCN (same tenancy only), ROUTE_TABLE_ATTACH on the VCN route table if one is given.",
  },
  updateDrgAttachment: {
    needs: ["DRG_ATTACHMENT_UPDATE resource:path.id", "DRG_ROUTE_TABLE_ATTACH resource:body.drgRouteTableId"],
    extra: updateAttachmentNeeds,
    note: "ROUTE_TABLE_ATTACH on a VCN route table given, and DRG_ATTACH on the attachment's DRG (what `manage drg` grants the VCN tenancy for a cross-tenancy attachment).",
  },
  deleteDrgAttachment: { needs: ["DRG_ATTACHMENT_DELETE resource:path.id", "DRG_DETACH resource:path.id>drgId"], extra: deleteAttachmentNeeds, note: "VCN_DETACH on the VCN when it is in the DRG's tenancy." },
  connectLocalPeeringGateways: {
    needs: ["LOCAL_PEERING_GATEWAY_CONNECT_FROM resource:path.lpgId", "LOCAL_PEERING_GATEWAY_CONNECT_TO resource:body.peerId"],
    extra: associateLpgNeeds,
    note: "Across tenancies also: associate local-peering-gateways (requestor's) with local-peering-gateways (acceptor's), an Endorse/Admit pair.",
  },
  connectRemotePeeringConnections: { needs: ["REMOTE_PEERING_CONNECTION_CONNECT_FROM resource:path.rpcId", "REMOTE_PEERING_CONNECTION_CONNECT_TO resource:body.peerId"] },
  listFastConnectProviderServices: { needs: [], note: PUBLIC },
  getFastConnectProviderService: { needs: [], note: PUBLIC },
  getFastConnectProviderServiceKey: { needs: [], note: PUBLIC },
  listFastConnectProviderVirtualCircuitBandwidthShapes: { needs: [], note: PUBLIC },
  listVirtualCircuitBandwidthShapes: { needs: [], note: PUBLIC },
  // Identity
  createCompartment: { needs: ["COMPARTMENT_CREATE compartment:body.compartmentId"] },
  getCompartment: { needs: ["COMPARTMENT_INSPECT compartment:path.id"] },
  listCompartments: { needs: ["COMPARTMENT_INSPECT compartment:query.compartmentId"] },
  updateCompartment: { needs: ["COMPARTMENT_UPDATE compartment:path.id"] },
  deleteCompartment: { needs: ["COMPARTMENT_DELETE compartment:path.id"] },
  createUser: { needs: ["USER_CREATE compartment:body.compartmentId"] },
  getUser: { needs: ["USER_INSPECT resource:path.id"], self: "path.id" },
  listUsers: { needs: ["USER_INSPECT compartment:query.compartmentId"] },
  updateUser: { needs: ["USER_UPDATE resource:path.id"] },
  deleteUser: { needs: ["USER_DELETE resource:path.id"] },
  createGroup: { needs: ["GROUP_CREATE compartment:body.compartmentId"] },
  getGroup: { needs: ["GROUP_INSPECT resource:path.id"] },
  listGroups: { needs: ["GROUP_INSPECT compartment:query.compartmentId"] },
  updateGroup: { needs: ["GROUP_UPDATE resource:path.id"] },
  deleteGroup: { needs: ["GROUP_DELETE resource:path.id"] },
  addUserToGroup: { needs: ["GROUP_UPDATE resource:body.groupId", "USER_UPDATE resource:body.userId"] },
  removeUserFromGroup: { needs: ["GROUP_UPDATE resource:path.id>groupId", "USER_UPDATE resource:path.id>userId"] },
  getUserGroupMembership: { needs: ["GROUP_INSPECT resource:path.id>groupId"] },
  listUserGroupMemberships: { needs: ["GROUP_INSPECT compartment:query.compartmentId"], self: "query.userId" },
  uploadApiKey: { needs: ["USER_APIKEY_ADD resource:path.userId"], self: "path.userId" },
  listApiKeys: { needs: ["USER_READ resource:path.userId"], self: "path.userId" },
  deleteApiKey: { needs: ["USER_APIKEY_REMOVE resource:path.userId"], self: "path.userId" },
  createPolicy: { needs: ["POLICY_CREATE compartment:body.compartmentId"] },
  getPolicy: { needs: ["POLICY_READ resource:path.id"] },
  listPolicies: { needs: ["POLICY_READ compartment:query.compartmentId"] },
  updatePolicy: { needs: ["POLICY_UPDATE resource:path.id"] },
  deletePolicy: { needs: ["POLICY_DELETE resource:path.id"] },
  getTenancy: { needs: ["TENANCY_INSPECT compartment:path.tenancyId"] },
  listRegionSubscriptions: { needs: ["TENANCY_INSPECT compartment:path.tenancyId"] },
  createRegionSubscription: { needs: ["TENANCY_UPDATE compartment:path.tenancyId"] },
  listRegions: { needs: [], note: "Any authenticated caller." },
};

function source(context: OperationContext, name: string): unknown {
  const [where, ...path] = name.split(".");
  let value: unknown = where === "path" ? context.params : where === "query" ? Object.fromEntries(context.query) : context.body;
  for (const key of path) value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** The compartment a resource OCID lives in (network resources of any region, identity objects). */
export function compartmentOf(world: World, id: string): string | undefined {
  const record = ociRecord(world, id);
  if (record) return record.compartmentId;
  const identity = identityOf(world);
  if (compartmentNode(world, id)) return id;
  return identity.users[id]?.tenancyId ?? identity.groups[id]?.tenancyId ?? identity.memberships[id]?.tenancyId ?? identity.policies[id]?.compartmentId;
}

function fieldOf(world: World, id: string, field: string): unknown {
  const identity = identityOf(world);
  const record: object | undefined = ociRecord(world, id) ?? identity.memberships[id] ?? identity.policies[id];
  return record ? (record as Record<string, unknown>)[field] : undefined;
}

function needsOf(context: OperationContext, spec: string): Need[] {
  const [permission = "", target = ""] = spec.split(" ");
  const [kind, ref = ""] = target.split(/:(.*)/s);
  const [where = "", field] = ref.split(">");
  let values = [source(context, where)].flat();
  if (field !== undefined) values = values.map((value) => (typeof value === "string" ? fieldOf(context.world, value, field) : undefined));
  return values.flatMap((value) => {
    if (typeof value !== "string" || value === "") return [];
    const compartmentId = kind === "compartment" ? value : compartmentOf(context.world, value);
    return compartmentId === undefined ? [] : [{ kind: "permission" as const, permission, compartmentId }];
  });
}

/** An operation missing from the table needs `manage virtual-network-family` where it acts. */
function unlistedNeeds(context: OperationContext): Need[] {
  const named = [source(context, "body.compartmentId"), source(context, "query.compartmentId")].find((value) => typeof value === "string");
  const fromPath = Object.values(context.params)
    .map((id) => compartmentOf(context.world, id))
    .find((id) => id !== undefined);
  const compartmentId = typeof named === "string" ? named : fromPath;
  return compartmentId === undefined ? [] : [{ kind: "permission", permission: UNLISTED_OPERATION, compartmentId }];
}

/** The checks an operation needs for this request. */
export function operationNeeds(op: string, context: OperationContext): Need[] {
  const row = ROWS[op];
  if (!row) return unlistedNeeds(context);
  if (row.self !== undefined && source(context, row.self) === context.callerId) return [];
  return [...row.needs.flatMap((spec) => needsOf(context, spec)), ...(row.extra?.(context) ?? [])];
}

export function operationTable(): OperationPermissions[] {
  return Object.entries(ROWS)
    .map(([op, row]) => ({ op, needs: [...row.needs], ...(row.note ? { note: row.note } : row.self ? { note: `None when the caller is the user (${row.self}).` } : {}) }))
    .sort((a, b) => a.op.localeCompare(b.op));
}

function tenancyOfCompartment(world: World, compartmentId: string | undefined): string | undefined {
  return compartmentNode(world, compartmentId)?.tenancyId;
}

function vcnOfAttachmentBody(context: OperationContext): string | undefined {
  const id = source(context, "body.networkDetails.id") ?? source(context, "body.vcnId");
  return typeof id === "string" ? id : undefined;
}

function createAttachmentNeeds(context: OperationContext): Need[] {
  const { world } = context;
  const drgId = source(context, "body.drgId");
  const vcnId = vcnOfAttachmentBody(context);
  const drgCompartment = typeof drgId === "string" ? compartmentOf(world, drgId) : undefined;
  const vcnCompartment = vcnId ? compartmentOf(world, vcnId) : undefined;
  if (!drgCompartment || !vcnCompartment) return [];
  const crossTenancy = tenancyOfCompartment(world, drgCompartment) !== tenancyOfCompartment(world, vcnCompartment);
  const needs: Need[] = [{ kind: "permission", permission: "DRG_ATTACHMENT_CREATE", compartmentId: crossTenancy ? vcnCompartment : drgCompartment }];
  if (!crossTenancy) needs.push({ kind: "permission", permission: "VCN_ATTACH", compartmentId: vcnCompartment });
  const routeTable = source(context, "body.networkDetails.routeTableId") ?? source(context, "body.routeTableId");
  const tableCompartment = typeof routeTable === "string" ? compartmentOf(world, routeTable) : undefined;
  if (tableCompartment) needs.push({ kind: "permission", permission: "ROUTE_TABLE_ATTACH", compartmentId: tableCompartment });
  return needs;
}

function updateAttachmentNeeds(context: OperationContext): Need[] {
  const { world } = context;
  const routeTable = source(context, "body.networkDetails.routeTableId") ?? source(context, "body.routeTableId");
  const tableCompartment = typeof routeTable === "string" ? compartmentOf(world, routeTable) : undefined;
  const drgId = fieldOf(world, String(context.params.id), "drgId");
  const drgCompartment = typeof drgId === "string" ? compartmentOf(world, drgId) : undefined;
  if (!tableCompartment) return [];
  return [{ kind: "permission", permission: "ROUTE_TABLE_ATTACH", compartmentId: tableCompartment }, ...(drgCompartment ? [{ kind: "permission" as const, permission: "DRG_ATTACH", compartmentId: drgCompartment }] : [])];
}

function deleteAttachmentNeeds(context: OperationContext): Need[] {
  const { world } = context;
  const id = String(context.params.id);
  if (fieldOf(world, id, "networkType") !== "VCN" || fieldOf(world, id, "isCrossTenancy") === true) return [];
  const vcnId = fieldOf(world, id, "networkId");
  const compartmentId = typeof vcnId === "string" ? compartmentOf(world, vcnId) : undefined;
  return compartmentId ? [{ kind: "permission", permission: "VCN_DETACH", compartmentId }] : [];
}

function associateLpgNeeds(context: OperationContext): Need[] {
  const { world } = context;
  const own = compartmentOf(world, String(context.params.lpgId));
  const peerId = source(context, "body.peerId");
  const peer = typeof peerId === "string" ? compartmentOf(world, peerId) : undefined;
  if (!own || !peer || tenancyOfCompartment(world, own) === tenancyOfCompartment(world, peer)) return [];
  return [{ kind: "associate", resourceType: "local-peering-gateways", firstCompartmentId: own, secondCompartmentId: peer }];
}
