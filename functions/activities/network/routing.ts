import { ApplyRoutesActivity, VerifyConnectivityActivity } from "../../../orchestrations/contracts/provisioning";
import { anyRunning, type CircuitTableReads, entriesOf } from "../../../shared/domain/circuit-tables";
import { advanceTableReads, type TableSpec } from "../../../shared/operations/circuit-tables";
import { type SpokeRef, spokeCidrs } from "../../../shared/operations/spoke-networks";
import { RemoveRoutesActivity } from "../../../orchestrations/contracts/teardown";
import { deriveBgpAddressing } from "../../../shared/domain/bgp";
import { cidr } from "../../../shared/domain/cidr";
import { currentTime } from "../../../shared/config/clock";
import { planPeeredVcnRoutes, type PeeredRoutesPlan } from "../../../shared/domain/peered-routes";
import { armGroupAndName, vcnRouteTableIds } from "../../../shared/domain/route-tables";
import { type OciRouteRule, type Started, type VcnView, type VirtualNetworkView } from "../../../shared/clouds/ports";
import { type SeenVcn } from "../../../orchestrations/contracts/common";
import { type NetworkContext, type NetworkDeps, type NetworkHandler, networkActivity, operationsOf, ownDrgId, refusal } from "./context";

type AzureWhere = { subscriptionId: string; resourceGroup: string; vnet: string; addressSpaces?: string[] | undefined; spokes: SpokeRef[] };
type PeeredVcns = Array<{ vcnId?: string | undefined; cidrs: string[]; kind?: string | undefined }>;

/** The VCN facts routing uses (its compartment and default route table do not change). */
type VcnFacts = Pick<VcnView, "id" | "compartmentId" | "defaultRouteTableId">;

/**
 * The Azure side's CIDRs (the VNet's and its spokes') and the VCN's: as preflight saw them when given, else read from
 * the clouds. The VCN is read only when its CIDRs are not given, or the caller needs it and no earlier step saw it.
 */
async function networks(
  ctx: NetworkContext,
  azure: AzureWhere,
  vcnId: string,
  given: { vnetCidrs?: string[] | undefined; vcnCidrs?: string[] | undefined; seenVcn?: SeenVcn | undefined },
  needsVcn: boolean,
): Promise<{ vnetCidrs: string[]; vcnCidrs: string[]; vcn: VcnFacts | null }> {
  const vnet = given.vnetCidrs ? null : await ctx.azure(azure).getVirtualNetwork(azure.resourceGroup, azure.vnet);
  const spokes = given.vnetCidrs ? [] : await spokeCidrs((subscriptionId) => ctx.azure({ subscriptionId }), azure.spokes);
  const seen = given.seenVcn ? { id: vcnId, ...given.seenVcn } : null;
  const read = !given.vcnCidrs || (needsVcn && !seen) ? await ctx.oci.getVcn(vcnId) : null;
  return { vnetCidrs: given.vnetCidrs ?? [...(vnet?.addressSpaces ?? azure.addressSpaces ?? []), ...spokes], vcnCidrs: given.vcnCidrs ?? read?.cidrBlocks ?? [], vcn: read ?? seen };
}

/** Replaces only the rules Interlink owns (marked by description) in the VCN route table, if anything changes. */
async function setOwnedRouteRules(ctx: NetworkContext, routeTableId: string, desired: OciRouteRule[]): Promise<number> {
  const table = await ctx.oci.getRouteTable(routeTableId);
  if (!table) return 0;
  const owned = (rule: OciRouteRule) => rule.description === ctx.names.ociRuleMarker;
  const foreign = table.rules.filter((rule) => !owned(rule));
  const current = table.rules.filter(owned);
  const key = (rule: OciRouteRule) => `${rule.destination}>${rule.networkEntityId}`;
  const same = current.length === desired.length && current.every((rule) => desired.some((wanted) => key(wanted) === key(rule)));
  if (!same) await ctx.oci.setRouteRules(routeTableId, [...foreign, ...desired], table.etag);
  return current.length;
}

/**
 * Static DRG rules for VCNs peered through the interconnected VCN, added (advertise) or withdrawn, in the
 * route table Oracle advertises from. Reads nothing when the request lists no peered VCNs.
 */
async function syncPeeredVcnRoutes(
  ctx: NetworkContext,
  oci: { compartmentId: string; vcnId: string; peeredVcns: PeeredVcns },
  drgId: string | undefined,
  vcn: Pick<VcnView, "compartmentId"> | null,
  advertise: boolean,
  withdrawn: readonly string[] = [],
): Promise<PeeredRoutesPlan> {
  const none: PeeredRoutesPlan = { add: [], keep: [], removeIds: [], conflicts: [] };
  if ((oci.peeredVcns.length === 0 && withdrawn.length === 0) || !drgId) return none;
  const drg = await ctx.oci.getDrg(drgId);
  if (!drg) return none;
  // Oracle advertises from the route table of the circuit's own attachment, which an operator may have changed;
  // rules of ours left in the DRG's default virtual-circuit table after such a change are withdrawn.
  const vc = await ctx.oci.findVirtualCircuit(oci.compartmentId, ctx.names.virtualCircuit);
  const [vcAttachment] = vc ? await ctx.oci.listDrgAttachments(drg.compartmentId, { drgId, virtualCircuitId: vc.id }) : [];
  const advertising = vcAttachment?.drgRouteTableId ?? drg.virtualCircuitRouteTableId;
  const tables = [...new Set([advertising, drg.virtualCircuitRouteTableId].filter((id): id is string => id !== undefined))];
  const attachments = await ctx.oci.listDrgAttachments(vcn?.compartmentId ?? oci.compartmentId, { drgId });
  const plans = await Promise.all(
    tables.map(async (tableId) => ({
      tableId,
      plan: planPeeredVcnRoutes({
        // A remote peering's rules lead to its RPC attachment (the peering activity keeps those); an attached VCN needs none.
        peeredVcns: oci.peeredVcns.map((peer) => (peer.kind === "remote" || peer.kind === "drg" ? { ...peer, nextHopDrgAttachmentId: null } : peer)),
        vcnId: oci.vcnId,
        attachments,
        existing: await ctx.oci.listStaticDrgRoutes(tableId),
        advertise: advertise && tableId === advertising,
        withdrawn,
      }),
    })),
  );
  const main = plans.find((entry) => entry.tableId === advertising)?.plan ?? none;
  if (main.conflicts.length > 0) return main;
  for (const { tableId, plan } of plans) {
    await ctx.oci.removeDrgRoutes(tableId, plan.removeIds);
    await ctx.oci.addStaticDrgRoutes(tableId, plan.add);
  }
  return { ...main, removeIds: plans.flatMap((entry) => entry.plan.removeIds) };
}

/**
 * Task 5 routing, and suspend/resume. Active: VCN route rules send the VNet CIDRs to the DRG, and Azure
 * learns the VCN over BGP (a UDR cannot point at an ExpressRoute gateway), so Interlink's Azure route
 * table carries no routes. Blackhole (suspend): the VCN rules go, and the Azure table routes the VCN
 * CIDRs to None, which beats the BGP-learned routes for the associated subnets. Circuits stay untouched.
 */
const applyRoutes: NetworkHandler<typeof ApplyRoutesActivity> = async (ctx, input) => {
  const { names } = ctx;
  const { azure: where, oci: ociWhere } = input;
  const azure = ctx.azure(where);
  const rg = where.resourceGroup;
  const { vnetCidrs, vcnCidrs, vcn } = await networks(ctx, where, ociWhere.vcnId, input, true);
  const routeTableIds = vcnRouteTableIds(ociWhere, vcn?.defaultRouteTableId);
  if (routeTableIds.length === 0) return refusal("VcnNotFound", `no VCN ${ociWhere.vcnId}`);
  const desired: OciRouteRule[] =
    input.mode === "active" ? vnetCidrs.map((destination) => ({ destination, destinationType: "CIDR_BLOCK", networkEntityId: input.drgId, description: names.ociRuleMarker })) : [];
  const peered = await syncPeeredVcnRoutes(ctx, ociWhere, input.drgId, vcn, input.mode === "active", input.previous?.peeredVcnCidrs);
  if (peered.conflicts.length > 0) {
    const routes = peered.conflicts.map((route) => `${route.destination} -> ${route.nextHopDrgAttachmentId}`).join(", ");
    return refusal("PeeredVcnRouteConflict", `the DRG already routes the peered VCN CIDR(s) ${routes} elsewhere; remove those static rules or fix oci.peeredVcns`);
  }
  for (const routeTableId of routeTableIds) await setOwnedRouteRules(ctx, routeTableId, desired);
  const remote = [...vcnCidrs, ...ociWhere.peeredVcns.flatMap((peer) => peer.cidrs)];
  const routes = input.mode === "active" ? [] : remote.map((addressPrefix, index) => ({ name: `${names.azureRulePrefix}blackhole-${index}`, addressPrefix, nextHopType: "None" }));
  const vnet = await azure.getVirtualNetwork(rg, where.vnet);
  const table = await azure.putRouteTable(rg, names.azureRouteTable, vnet?.location ?? where.region, routes, ctx.tags);
  const started: Started[] = [table];
  for (const subnet of where.appSubnets ?? []) {
    const own = vnet?.subnets.find((candidate) => candidate.name === subnet)?.routeTableId;
    // A subnet with a route table of its own keeps it: Interlink's routes go into that table instead.
    if (own && armGroupAndName(own).name !== names.azureRouteTable) started.push(...(await setOwnedAzureRoutes(ctx, where.subscriptionId, own, routes)));
    else started.push(await azure.associateSubnet(rg, where.vnet, subnet, { routeTableId: table.id }));
  }
  const released = input.previous ? await release(ctx, { where, vnet, routeTableIds, defaultTableId: vcn?.defaultRouteTableId }, input.previous) : { released: [], started: [] };
  started.push(...released.started);
  const drgStaticRoutes = input.mode === "active" ? peered.add.length + peered.keep.length : 0;
  return {
    kind: "ok" as const,
    released: released.released,
    ociRouteTableId: routeTableIds[0] ?? "",
    azureRouteTableId: table.id,
    ociRules: desired.length * routeTableIds.length,
    azureRoutes: routes.length,
    drgStaticRoutes,
    operations: operationsOf(...started),
  };
};

/**
 * A topology change: VCN route tables and app subnets that only the previous spec named lose what Interlink put there
 * (its marked VCN rules; its route table and NSG association, or its routes in the subnet's own route table). A route
 * table an app subnet that stays also uses keeps Interlink's routes.
 */
async function release(
  ctx: NetworkContext,
  now: { where: AzureWhere & { networkSecurityGroup?: string | undefined; appSubnets?: string[] | undefined }; vnet: VirtualNetworkView | null; routeTableIds: string[]; defaultTableId: string | undefined },
  previous: { routeTableId?: string | undefined; routeTableIds?: string[] | undefined; appSubnets?: string[] | undefined },
): Promise<{ released: string[]; started: Started[] }> {
  const { names } = ctx;
  const { where, vnet } = now;
  const released: string[] = [];
  const started: Started[] = [];
  for (const tableId of vcnRouteTableIds(previous, now.defaultTableId).filter((id) => !now.routeTableIds.includes(id))) {
    const withdrawn = await setOwnedRouteRules(ctx, tableId, []);
    released.push(`VCN route table ${tableId} (${withdrawn} rule(s) withdrawn)`);
  }
  const appSubnets = where.appSubnets ?? [];
  const subnetOf = (name: string) => vnet?.subnets.find((candidate) => candidate.name === name);
  const keptTables = new Set(appSubnets.map((name) => subnetOf(name)?.routeTableId).filter((id): id is string => id !== undefined));
  const ownName = (id: string | undefined) => (id ? armGroupAndName(id).name : undefined);
  for (const name of (previous.appSubnets ?? []).filter((subnet) => !appSubnets.includes(subnet))) {
    const subnet = subnetOf(name);
    if (!subnet) continue;
    const ourTable = ownName(subnet.routeTableId) === names.azureRouteTable;
    const ourNsg = !where.networkSecurityGroup && ownName(subnet.networkSecurityGroupId) === names.azureNetworkSecurityGroup;
    if (ourTable || ourNsg) started.push(await ctx.azure(where).associateSubnet(where.resourceGroup, where.vnet, name, { ...(ourTable ? { routeTableId: null } : {}), ...(ourNsg ? { networkSecurityGroupId: null } : {}) }));
    if (subnet.routeTableId && !ourTable && !keptTables.has(subnet.routeTableId)) started.push(...(await setOwnedAzureRoutes(ctx, where.subscriptionId, subnet.routeTableId, [])));
    released.push(`subnet ${name}`);
  }
  return { released, started };
}

/** Makes Interlink's routes (named with its prefix) in a route table it does not own exactly `desired`; the table's own routes stay. */
async function setOwnedAzureRoutes(ctx: NetworkContext, subscriptionId: string, tableId: string, desired: Array<{ name: string; addressPrefix: string; nextHopType: string }>): Promise<Started[]> {
  const { resourceGroup, name } = armGroupAndName(tableId);
  const azure = ctx.azure({ subscriptionId });
  const table = await azure.getRouteTable(resourceGroup, name);
  if (!table) return [];
  const started: Started[] = [];
  for (const route of desired) {
    const current = table.routes.find((candidate) => candidate.name === route.name);
    if (!current || current.addressPrefix !== route.addressPrefix || current.nextHopType !== route.nextHopType) started.push(await azure.putRoute(resourceGroup, name, route));
  }
  const stale = table.routes.filter((route) => route.name.startsWith(ctx.names.azureRulePrefix) && !desired.some((wanted) => wanted.name === route.name));
  for (const route of stale) started.push(await azure.deleteRoute(resourceGroup, name, route.name));
  return started;
}

/** Teardown's first step: no route leads over the interconnect any more. */
const removeRoutes: NetworkHandler<typeof RemoveRoutesActivity> = async (ctx, input) => {
  const { names } = ctx;
  const { azure: where, oci: ociWhere } = input;
  const azure = ctx.azure(where);
  const rg = where.resourceGroup;
  const vcn = await ctx.oci.getVcn(ociWhere.vcnId);
  let removed = 0;
  for (const routeTableId of vcnRouteTableIds(ociWhere, vcn?.defaultRouteTableId)) removed += await setOwnedRouteRules(ctx, routeTableId, []);
  const drgId = ociWhere.peeredVcns.length > 0 ? await ownDrgId(ctx, { recorded: input.recordedDrgId, given: ociWhere.drgId, compartmentId: ociWhere.compartmentId }) : undefined;
  const peered = ociWhere.peeredVcns.length > 0 ? await syncPeeredVcnRoutes(ctx, ociWhere, drgId, vcn, false) : null;
  const table = await azure.getRouteTable(rg, names.azureRouteTable);
  const started: Started[] = [];
  if (table) for (const subnetId of table.subnetIds) started.push(await azure.associateSubnet(rg, where.vnet, subnetId.split("/").pop() ?? "", { routeTableId: null }));
  // Route tables of the VNet's subnets that Interlink does not own keep only their own routes.
  const vnet = await azure.getVirtualNetwork(rg, where.vnet);
  const foreign = new Set((vnet?.subnets ?? []).map((subnet) => subnet.routeTableId).filter((id): id is string => id !== undefined && armGroupAndName(id).name !== names.azureRouteTable));
  for (const tableId of foreign) started.push(...(await setOwnedAzureRoutes(ctx, where.subscriptionId, tableId, [])));
  const deleted = await azure.deleteRouteTable(rg, names.azureRouteTable, { justRead: table !== null });
  return {
    kind: "ok" as const,
    ociRulesRemoved: removed + (peered?.removeIds.length ?? 0),
    azureRouteTableDeleted: deleted.existed,
    ...(vcn ? { seenVcn: { compartmentId: vcn.compartmentId, defaultRouteTableId: vcn.defaultRouteTableId } } : {}),
    operations: operationsOf(...started, deleted),
  };
};

const CONNECTION_TEST_READS = {
  routesPrimary: ["routes", "primary"],
  routesSecondary: ["routes", "secondary"],
  arpPrimary: ["arp", "primary"],
  arpSecondary: ["arp", "secondary"],
  gatewayLearned: ["gatewayLearned"],
} as const satisfies Record<keyof CircuitTableReads, TableSpec>;

/**
 * Task 6: the connection test, with evidence. Both BGP sessions UP, the circuit's route tables (both
 * devices) carry the VCN (and peered VCN) CIDRs, the ARP tables see Oracle's addresses, the DRG learned the VNet CIDRs over
 * the virtual circuit, and the gateway connection is Connected with the VNet's gateway having learned the VCN CIDRs.
 * BGP runs on the circuit's private peering whether or not a VNet is linked, so it says nothing about the connection.
 */
const verifyConnectivity: NetworkHandler<typeof VerifyConnectivityActivity> = async (ctx, input) => {
  const { oci, names } = ctx;
  const azure = ctx.azure(input.azure);
  const rg = input.azure.resourceGroup;
  const { vnetCidrs, vcnCidrs } = await networks(ctx, input.azure, input.oci.vcnId, input, false);
  const vc = await oci.getVirtualCircuit(input.virtualCircuitId);
  const connection = await azure.getConnection(rg, names.gatewayConnection);
  const bgp = deriveBgpAddressing(cidr(input.bgp.primary), cidr(input.bgp.secondary));
  const circuit = await azure.getExpressRouteCircuit(rg, names.expressRouteCircuit);
  const peeringUp = circuit?.privatePeering?.state === "Enabled";
  // Started (or resumed) before the OCI read and looked at once more after it, so a fast read needs no second poll.
  const owners = { circuit: names.expressRouteCircuit, gateway: connection?.gatewayId?.split("/").pop() };
  let reads = peeringUp ? await advanceTableReads(azure, rg, owners, CONNECTION_TEST_READS, input.tableReads) : undefined;
  const ociLearned = vc?.drgId ? await oci.listLearnedVirtualCircuitRoutes(vc.drgId) : [];
  if (reads) reads = await advanceTableReads(azure, rg, owners, CONNECTION_TEST_READS, reads);
  const running = anyRunning(reads);
  const complete = reads && !running ? reads : undefined;
  const routesPrimary = entriesOf(complete?.routesPrimary);
  const routesSecondary = entriesOf(complete?.routesSecondary);
  const arpPrimary = entriesOf(complete?.arpPrimary);
  const arpSecondary = entriesOf(complete?.arpSecondary);
  const gatewayLearned = entriesOf(complete?.gatewayLearned);
  const problems: string[] = [];
  if (vc?.bgpSessionState !== "UP") problems.push(`OCI BGP session is ${vc?.bgpSessionState ?? "unknown"}`);
  if (connection?.connectionStatus !== "Connected") problems.push(`gateway connection is ${connection?.connectionStatus ?? "missing"}`);
  const advertised = [...vcnCidrs, ...input.oci.peeredVcns.flatMap((peer) => peer.cidrs)];
  if (running) problems.push("reading the circuit's route and ARP tables");
  else {
    for (const [device, routes] of [["primary", routesPrimary], ["secondary", routesSecondary]] as const) {
      const missing = advertised.filter((prefix) => !routes.includes(prefix));
      if (missing.length > 0) problems.push(`the ${device} ExpressRoute route table lacks ${missing.join(", ")}`);
    }
    if (!arpPrimary.includes(bgp.primary.oracleAddress)) problems.push(`the primary ARP table does not see Oracle's ${bgp.primary.oracleAddress}`);
    if (!arpSecondary.includes(bgp.secondary.oracleAddress)) problems.push(`the secondary ARP table does not see Oracle's ${bgp.secondary.oracleAddress}`);
    const unreachable = advertised.filter((prefix) => !gatewayLearned.includes(prefix));
    if (unreachable.length > 0) problems.push(`the ExpressRoute gateway has not learned ${unreachable.join(", ")}`);
  }
  const unlearned = vnetCidrs.filter((prefix) => !ociLearned.includes(prefix));
  if (unlearned.length > 0) problems.push(`OCI has not learned ${unlearned.join(", ")} over the virtual circuit`);
  return {
    kind: "ok" as const,
    passed: problems.length === 0,
    problems,
    evidence: {
      ...(vc?.bgpSessionState ? { bgpSessionState: vc.bgpSessionState } : {}),
      ...(connection?.connectionStatus ? { connectionStatus: connection.connectionStatus } : {}),
      azureLearnedPrefixes: { primary: routesPrimary, secondary: routesSecondary },
      arpNeighbours: { primary: arpPrimary, secondary: arpSecondary },
      ociLearnedPrefixes: ociLearned,
      checkedAt: currentTime().toISOString(),
    },
    ...(running ? { tableReads: reads } : {}),
  };
};

export function createRoutingActivities(deps: NetworkDeps) {
  return {
    ApplyRoutesActivity: networkActivity(deps, ApplyRoutesActivity, applyRoutes),
    RemoveRoutesActivity: networkActivity(deps, RemoveRoutesActivity, removeRoutes),
    VerifyConnectivityActivity: networkActivity(deps, VerifyConnectivityActivity, verifyConnectivity),
  };
}
