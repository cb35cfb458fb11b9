import { type HealthReport, type PendingDeepCheck, type Verdict } from "../domain/health";
import { type InventoryRecord } from "../domain/inventory";
import { resourceNames } from "../domain/naming";
import { describeVirtualCircuitState } from "../domain/virtual-circuit-states";
import { auditAzureNsg, auditOciSecurity, diffAzureRules, diffOciRules, planSecurityRules, type SecurityFinding } from "../domain/security";
import { currentTime } from "../config/clock";
import { anyRunning, entriesOf, type RouteTableReads } from "../domain/circuit-tables";
import { type AzureNetworkPort, type CloudPorts } from "../clouds/ports";
import { advanceTableReads, type LearnedRoutesRead, type TableOwners, type TableSpec } from "./circuit-tables";
import { directReads, type HealthReads } from "./health-reads";
import { spokeCidrs, spokePeeringProblems, spokesOf } from "./spoke-networks";
import { vcnRouteTableIds } from "../domain/route-tables";
import { bindingProblems } from "./binding-health";

type Drift = HealthReport["security"]["drift"][number];
type Exposure = HealthReport["security"]["exposure"][number];

const exposureKey = (finding: { code: string; resourceName: string; message: string }) => `${finding.code}: ${finding.resourceName}: ${finding.message}`;

/** Findings the preflight already reported (and the operator accepted) are not news; only new ones count. */
function baselineExposure(record: InventoryRecord): Set<string> {
  return new Set(record.warnings.filter((warning) => warning.startsWith("security audit (")).map((warning) => warning.slice(warning.indexOf(") ") + 2)));
}

const HEALTH_READS = { routesPrimary: ["routes", "primary"], routesSecondary: ["routes", "secondary"], gatewayLearned: ["gatewayLearned"] } as const satisfies Record<keyof RouteTableReads, TableSpec>;

/** How long a check asked over HTTP may wait for the routes tables (a person is waiting; a sweep never waits). */
const HTTP_TABLE_WAIT_MS = 30_000;
const TABLE_POLL_MS = 250;

export interface CheckOptions {
  /** Routes-table reads an earlier attempt of this check started. */
  tableReads?: RouteTableReads | undefined;
  /** For a check run inside an HTTP request: poll the tables until they answer (bounded) instead of returning pending. */
  waitForTables?: boolean;
  /** Where the surroundings are read from (default: one request per read). */
  reads?: HealthReads;
  /**
   * `false`: a cheap check. The routes tables and the OCI NSG's rules are not read; what the last deep check found
   * about them is carried into the report (nothing is judged about them before a first deep check). Default true.
   */
  deep?: boolean;
  /**
   * In a sweep: the routes-table reads are started with their request only and not read here (ARM takes seconds to
   * answer): the check comes back pending, with when they started, and the sweep reads them once they are due.
   */
  readTablesLater?: boolean;
}

/** A finished check, or a deep check whose routes-table reads are still running (resumed later with `finishDeepCheck`). */
export type CheckOutcome = { kind: "checked"; report: HealthReport } | { kind: "pending"; pending: PendingDeepCheck };

async function awaitTableReads(azure: AzureNetworkPort, resourceGroup: string, owners: TableOwners, reads: RouteTableReads | undefined): Promise<RouteTableReads | undefined> {
  const deadline = Date.now() + HTTP_TABLE_WAIT_MS;
  let current = reads;
  while (anyRunning(current)) {
    if (Date.now() >= deadline) throw new Error(`the circuit's routes tables did not answer within ${HTTP_TABLE_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, TABLE_POLL_MS));
    current = current && (await advanceTableReads(azure, resourceGroup, owners, HEALTH_READS, current));
  }
  return current;
}

const verdictOf = (down: string[], degraded: string[], suspended: boolean): Verdict => (down.length > 0 ? "down" : degraded.length > 0 ? "degraded" : suspended ? "suspended" : "healthy");
const SUSPENDED_NOTE = "traffic is suspended: the route rules were withdrawn on purpose (POST .../resume restores them)";
const reasonsOf = (down: string[], degraded: string[], suspended: boolean) => [...down, ...degraded, ...(suspended ? [SUSPENDED_NOTE] : [])];

/** What the last deep check found, when there was one: carried into a cheap check's report. */
function lastDeep(record: InventoryRecord): HealthReport | undefined {
  return record.lastHealth?.deepCheckedAt ? record.lastHealth : undefined;
}

/**
 * One health check of one interconnect: reads both circuits, BGP, the connection, the interconnect's own rules
 * (drift) and any rule added since setup that exposes the VCN or VNet beyond the declared traffic; a deep check
 * also reads the routes each side learned and the OCI NSG's rules. Read-only; the verdict is `down` when traffic
 * cannot flow at all, `degraded` when it flows with a problem, `suspended` when it was stopped on purpose,
 * `healthy` otherwise.
 */
export async function checkInterconnect(clouds: CloudPorts, record: InventoryRecord, now: Date = currentTime(), options: CheckOptions = {}): Promise<CheckOutcome> {
  const reads = options.reads ?? directReads(clouds);
  const deep = options.deep ?? true;
  const carried = deep ? undefined : lastDeep(record);
  const request = record.spec;
  const names = resourceNames(request.name, request.azure.vnet.name);
  const azure = clouds.azure(request.azure.subscriptionId);
  const sub = request.azure.subscriptionId;
  const rg = request.azure.resourceGroup;
  const suspended = record.state === "Suspended";
  const down: string[] = [];
  const degraded: string[] = [];

  const [circuit, connection, vnet, vcn] = await Promise.all([
    reads.circuit(sub, rg, names.expressRouteCircuit),
    reads.connection(sub, rg, names.gatewayConnection),
    reads.vnet(sub, rg, request.azure.vnet.name),
    reads.vcn(request.oci.vcnId),
  ]);
  const peering = circuit?.privatePeering?.state === "Enabled";
  // What the VNet learned is read from the gateway the connection uses (or the one recorded at setup).
  const gatewayId = connection?.gatewayId ?? record.resources.gatewayId;
  const owners: TableOwners = { circuit: names.expressRouteCircuit, gateway: gatewayId?.split("/").pop() };
  // The routes tables are ARM long-running reads: started now, collected after the other reads.
  const learned: LearnedRoutesRead = (gateway, operation, start) => reads.gatewayLearnedRoutes(sub, rg, gateway, operation, start);
  let tableReads: RouteTableReads | undefined = deep && peering ? await advanceTableReads(azure, rg, owners, HEALTH_READS, options.tableReads, learned, { initialRequestOnly: options.readTablesLater === true }) : undefined;
  const tablesStartedAt = currentTime().getTime();
  const vc = await reads.virtualCircuit(request.oci.compartmentId, record.resources.virtualCircuitId, names.virtualCircuit);
  const vcAlive = vc !== null && vc.lifecycleState !== "TERMINATED" && vc.lifecycleState !== "TERMINATING";

  if (!circuit) down.push("the ExpressRoute circuit is gone");
  else {
    if (circuit.serviceProviderProvisioningState !== "Provisioned") down.push(`the ExpressRoute circuit's provider status is ${circuit.serviceProviderProvisioningState ?? "unknown"}`);
    if (circuit.provisioningState === "Failed") down.push("the ExpressRoute circuit is in a failed state");
    if (circuit.privatePeering?.state !== "Enabled") down.push("the Azure private peering is not enabled");
  }
  if (!vcAlive) down.push("the FastConnect virtual circuit is gone");
  else {
    if (vc.lifecycleState !== "PROVISIONED") down.push(`the FastConnect virtual circuit is ${describeVirtualCircuitState(vc.lifecycleState)}`);
    if (vc.providerState !== "ACTIVE") down.push(`the FastConnect provider state is ${vc.providerState ?? "unknown"}`);
    if (vc.bgpSessionState !== "UP") degraded.push(`BGP is ${vc.bgpSessionState ?? "unknown"} on the virtual circuit`);
  }
  // The connection is its own fact: BGP on the circuit says nothing about whether the VNet is linked to it.
  if (!connection) down.push("the gateway connection is gone");
  else if (connection.connectionStatus === "NotConnected") down.push("the gateway connection is NotConnected");
  else if (connection.connectionStatus !== "Connected") degraded.push(`the gateway connection is ${connection.connectionStatus ?? "unknown"}`);

  // The spokes reach OCI through the hub's gateway: their ranges are routed and filtered like the hub's.
  const azureOf = (subscriptionId: string) => clouds.azure(subscriptionId);
  const vnetCidrs = [...(vnet?.addressSpaces ?? request.azure.vnet.addressSpaces ?? []), ...(await spokeCidrs(azureOf, spokesOf(request)))];
  degraded.push(...(await spokePeeringProblems(azureOf, request)));
  const vcnCidrs = vcn?.cidrBlocks ?? request.oci.vcnCidrs ?? [];
  const drgId = record.resources.drgId ?? request.oci.drgId;
  // Every route table the request names must still send every Azure range to the DRG.
  const missingRouteRules: string[] = [];
  const routeTableIds = vcnRouteTableIds(request.oci, vcn?.defaultRouteTableId);
  for (const routeTableId of routeTableIds) {
    const table = await reads.routeTable(routeTableId);
    const present = new Set((table?.rules ?? []).filter((rule) => rule.description === names.ociRuleMarker && rule.networkEntityId === drgId).map((rule) => rule.destination));
    const missing = suspended ? [] : vnetCidrs.filter((cidr) => !present.has(cidr));
    if (missing.length > 0) degraded.push(`the VCN route table${routeTableIds.length > 1 ? ` ${routeTableId}` : ""} lost the rule(s) to ${missing.join(", ")}`);
    missingRouteRules.push(...missing.filter((cidr) => !missingRouteRules.includes(cidr)));
  }

  // Security: the interconnect's own rules against its plan, then anything new that exposes either side.
  const drift: Drift[] = [];
  const nsgName = request.azure.networkSecurityGroup ?? names.azureNetworkSecurityGroup;
  const nsg = await reads.azureNsg(sub, rg, nsgName);
  // Plan as the apply did: in an NSG Interlink does not own, its rules avoid the owner's priorities.
  const foreign = request.azure.networkSecurityGroup ? (nsg?.rules ?? []).filter((rule) => !rule.name.startsWith(names.azureRulePrefix)) : [];
  const plan = planSecurityRules({
    name: request.name,
    vnetCidrs,
    vcnCidrs,
    peeredVcnCidrs: request.oci.peeredVcns.flatMap((peer) => peer.cidrs),
    traffic: request.traffic,
    existingAzurePriorities: { Inbound: foreign.filter((rule) => rule.direction === "Inbound").map((rule) => rule.priority), Outbound: foreign.filter((rule) => rule.direction === "Outbound").map((rule) => rule.priority) },
  });
  if (nsg) {
    const azureDrift = diffAzureRules(plan.azure, nsg.rules, names.azureRulePrefix);
    drift.push(...azureDrift.missing.map((rule) => ({ cloud: "azure" as const, kind: "missing" as const, rule: rule.name })));
    drift.push(...azureDrift.changed.map((change) => ({ cloud: "azure" as const, kind: "changed" as const, rule: change.expected.name, fields: change.fields })));
    drift.push(...azureDrift.unexpected.map((rule) => ({ cloud: "azure" as const, kind: "unexpected" as const, rule: rule.name })));
  } else drift.push({ cloud: "azure", kind: "missing", rule: `network security group ${nsgName}` });

  const nsgMode = request.oci.security.mode === "nsg";
  // The NSG's presence is a cheap fact (the VCN's NSG list); its rules are a deep read, carried between deep checks.
  const ociNsg = vcn && nsgMode ? await reads.ociNsg(vcn.compartmentId, vcn.id, record.resources.ociNetworkSecurityGroupId, names.ociNetworkSecurityGroup) : null;
  const carryNsgRules = nsgMode && ociNsg !== null && !deep;
  const ociNsgRules = ociNsg && !carryNsgRules ? await clouds.oci.listNetworkSecurityGroupRules(ociNsg.id) : [];
  const lists = vcn ? await reads.securityLists(vcn.compartmentId, vcn.id) : [];
  const ownedOciRules = nsgMode
    ? ociNsgRules
    : lists
        .filter((list) => request.oci.security.mode === "securityList" && list.id === request.oci.security.securityListId)
        .flatMap((list) => [...list.ingressSecurityRules.map((rule) => ({ ...rule, direction: "INGRESS" as const })), ...list.egressSecurityRules.map((rule) => ({ ...rule, direction: "EGRESS" as const }))]);
  if (carryNsgRules) drift.push(...(carried?.security.drift ?? []).filter((entry) => entry.cloud === "oci"));
  else {
    const ociDrift = diffOciRules(plan.oci, ownedOciRules, names.ociRuleMarker);
    drift.push(...ociDrift.missing.map((rule) => ({ cloud: "oci" as const, kind: "missing" as const, rule: rule.description ?? "" })));
    drift.push(...ociDrift.changed.map((change) => ({ cloud: "oci" as const, kind: "changed" as const, rule: change.expected.description ?? "", fields: change.fields })));
    drift.push(...ociDrift.unexpected.map((rule) => ({ cloud: "oci" as const, kind: "unexpected" as const, rule: rule.description ?? "" })));
  }
  if (drift.length > 0) degraded.push(`${drift.length} of the interconnect's security rule(s) drifted`);
  degraded.push(...(await bindingProblems(reads, request, ociNsg?.id)));

  const findings: Array<SecurityFinding & { cloud: "azure" | "oci" }> = [
    ...auditOciSecurity({ securityLists: lists, nsgs: ociNsg && !carryNsgRules ? [{ id: ociNsg.id, name: names.ociNetworkSecurityGroup, rules: ociNsgRules }] : [], vnetCidrs, traffic: request.traffic, ownerMarker: names.ociRuleMarker }).map((finding) => ({ ...finding, cloud: "oci" as const })),
    ...(nsg ? auditAzureNsg({ nsg: { id: nsg.id, name: nsgName, rules: nsg.rules }, vcnCidrs, peeredVcnCidrs: request.oci.peeredVcns.flatMap((peer) => peer.cidrs), traffic: request.traffic, rulePrefix: names.azureRulePrefix }).map((finding) => ({ ...finding, cloud: "azure" as const })) : []),
  ];
  const known = baselineExposure(record);
  const exposure: Exposure[] = findings
    .filter((finding) => !known.has(exposureKey(finding)))
    .map((finding) => ({ cloud: finding.cloud, severity: finding.severity, code: finding.code, resource: finding.resourceName, rule: finding.rule, message: finding.message }));
  if (carryNsgRules) exposure.push(...(carried?.security.exposure ?? []).filter((finding) => finding.cloud === "oci" && finding.resource === names.ociNetworkSecurityGroup));
  if (exposure.some((finding) => finding.severity !== "low")) degraded.push(`${exposure.length} rule(s) added since setup expose the networks beyond the declared traffic`);

  // Suspend withdraws the peered VCNs' DRG routes; the VCN itself stays advertised.
  const advertised = suspended ? vcnCidrs : [...vcnCidrs, ...request.oci.peeredVcns.flatMap((peer) => peer.cidrs)];
  const report: HealthReport = {
    name: request.name,
    verdict: verdictOf(down, degraded, suspended),
    reasons: reasonsOf(down, degraded, suspended),
    checkedAt: now.toISOString(),
    ...(deep ? { deepCheckedAt: now.toISOString() } : carried?.deepCheckedAt ? { deepCheckedAt: carried.deepCheckedAt } : {}),
    azure: {
      circuit: {
        exists: circuit !== null,
        ...(circuit?.provisioningState ? { provisioningState: circuit.provisioningState } : {}),
        ...(circuit?.serviceProviderProvisioningState ? { serviceProviderProvisioningState: circuit.serviceProviderProvisioningState } : {}),
        ...(circuit?.circuitProvisioningState ? { circuitProvisioningState: circuit.circuitProvisioningState } : {}),
      },
      privatePeeringState: circuit?.privatePeering?.state ?? null,
      connectionStatus: connection?.connectionStatus ?? null,
      learnedVcnPrefixes: { primary: [], secondary: [] },
      gatewayLearnedPrefixes: [],
    },
    oci: {
      virtualCircuit: {
        exists: vcAlive,
        ...(vc?.lifecycleState ? { lifecycleState: vc.lifecycleState } : {}),
        ...(vc?.providerState ? { providerState: vc.providerState } : {}),
        ...(vc?.bgpSessionState ? { bgpSessionState: vc.bgpSessionState } : {}),
      },
      vnetRoutesPresent: missingRouteRules.length === 0,
      missingRouteRules,
    },
    security: { drift, exposure },
    suspended,
  };
  const pending: PendingDeepCheck = { subscriptionId: sub, resourceGroup: rg, owners, tableReads: tableReads ?? { routesPrimary: { entries: [] }, routesSecondary: { entries: [] } }, peering, advertised, down, degraded, report };
  if (!deep) {
    // Carried, not re-judged: what the last deep check learned (nothing before a first one).
    return { kind: "checked", report: carried ? withTables(pending, { routesPrimary: { entries: carried.azure.learnedVcnPrefixes.primary }, routesSecondary: { entries: carried.azure.learnedVcnPrefixes.secondary }, gatewayLearned: { entries: carried.azure.gatewayLearnedPrefixes } }) : report };
  }
  // Finished reads cost nothing here: only running ones are polled again (a sweep reads them when they are due).
  if (tableReads && !options.readTablesLater) tableReads = await advanceTableReads(azure, rg, owners, HEALTH_READS, tableReads, learned);
  if (options.waitForTables) tableReads = await awaitTableReads(azure, rg, owners, tableReads);
  if (tableReads && anyRunning(tableReads)) return { kind: "pending", pending: { ...pending, tableReads, tablesStartedAt } };
  return { kind: "checked", report: withTables(pending, tableReads ?? pending.tableReads) };
}

/** Completes a check with what each device and the gateway learned: their entries, and what is missing from them. */
function withTables(pending: PendingDeepCheck, tables: RouteTableReads): HealthReport {
  const { peering, advertised, report } = pending;
  const degraded = [...pending.degraded];
  const primary = entriesOf(tables.routesPrimary);
  const secondary = entriesOf(tables.routesSecondary);
  for (const [device, routes] of [["primary", primary], ["secondary", secondary]] as const) {
    const missing = advertised.filter((prefix) => !routes.includes(prefix));
    if (peering && missing.length > 0) degraded.push(`the ${device} ExpressRoute route table lacks ${missing.join(", ")}`);
  }
  const gatewayLearned = entriesOf(tables.gatewayLearned);
  const unreachable = advertised.filter((prefix) => !gatewayLearned.includes(prefix));
  if (peering && unreachable.length > 0) degraded.push(`the ExpressRoute gateway has not learned ${unreachable.join(", ")}: the VNet has no route to them`);
  return {
    ...report,
    verdict: verdictOf(pending.down, degraded, report.suspended),
    reasons: reasonsOf(pending.down, degraded, report.suspended),
    azure: { ...report.azure, learnedVcnPrefixes: { primary, secondary }, gatewayLearnedPrefixes: gatewayLearned },
  };
}

/**
 * Resumes a deep check whose routes-table reads were still running: polls only those reads (nothing else is read
 * again; a sweep shares each gateway's poll) and, once they answered, completes the report the check began.
 */
export async function finishDeepCheck(clouds: CloudPorts, pending: PendingDeepCheck, reads: HealthReads = directReads(clouds)): Promise<CheckOutcome> {
  const { subscriptionId, resourceGroup } = pending;
  const learned: LearnedRoutesRead = (gateway, operation) => reads.gatewayLearnedRoutes(subscriptionId, resourceGroup, gateway, operation);
  const tableReads = await advanceTableReads(clouds.azure(subscriptionId), resourceGroup, pending.owners, HEALTH_READS, pending.tableReads, learned);
  if (anyRunning(tableReads)) return { kind: "pending", pending: { ...pending, tableReads } };
  return { kind: "checked", report: withTables(pending, tableReads) };
}

/**
 * The facts a cheap check reads, as a comparable text: a change since the last report is news worth a deep
 * check now. What only a deep check reads (learned routes, the OCI NSG's rules) and the times are left out.
 */
export function cheapFacts(report: HealthReport, ociNsgName: string): string {
  return JSON.stringify([
    report.azure.circuit,
    report.azure.privatePeeringState,
    report.azure.connectionStatus,
    report.oci,
    report.suspended,
    report.security.drift.filter((entry) => entry.cloud === "azure"),
    report.security.exposure.filter((finding) => !(finding.cloud === "oci" && finding.resource === ociNsgName)),
  ]);
}
