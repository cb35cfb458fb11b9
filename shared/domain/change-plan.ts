import { canonicalJson } from "./fingerprint";
import { resourceNames } from "./naming";
import { peeringSetup, peeringTeardown, throughHubVcn } from "./peering-plan";
import { type PlannedResource } from "./plan";
import { vcnRouteTableIds } from "./route-tables";
import { planSecurityRules } from "./security";
import { type SetupRequest } from "./setup-request";
import { spokeCidrsOf, spokeSetupResources, spokeTeardownResources } from "./spoke-plan";
import { spokeWhere, vnetIdOf } from "./spokes";
import { UPDATE_STEPS } from "./steps";
import { difference, pick, topologyDiff } from "./topology-change";

const FROM_CLOUD = "read at preflight";
const DEFAULT_TABLE = "the VCN's default route table";

/** What a topology change adds and removes, step by step, and what it never touches. */
export interface ChangePlan {
  name: string;
  steps: Array<{ id: string; title: string; dependsOn: string[]; add: PlannedResource[]; remove: PlannedResource[] }>;
  /** Never written by a topology change: only a bandwidth change touches the circuits. */
  unchanged: string[];
  warnings: string[];
}

const keyOf = (request: SetupRequest, spoke: SetupRequest["azure"]["spokes"][number]) => vnetIdOf(spokeWhere(request.azure.subscriptionId, spoke)).toLowerCase();

/**
 * The plan of a topology change from `current` to `next` (spokes, app subnets, peered VCNs, VCN route tables, traffic
 * rules): the spokes peered and unpeered, the peered VCNs built and removed, the route rules, route tables, app subnet
 * associations and security rules added and removed. Pure: computed from the two specs, touching nothing.
 */
export function planTopologyChange(current: SetupRequest, next: SetupRequest): ChangePlan {
  const names = resourceNames(current.name, current.azure.vnet.name);
  const make = (cloud: PlannedResource["cloud"]) => (kind: string, name: string, action: PlannedResource["action"], properties?: Record<string, unknown>): PlannedResource => ({ cloud, kind, name, action, ...(properties ? { properties } : {}) });
  const [azure, oci] = [make("azure"), make("oci")];
  const added = { ...next, azure: { ...next.azure, spokes: difference(next.azure.spokes, current.azure.spokes, (spoke) => keyOf(next, spoke)) } };
  const removed = { ...current, azure: { ...current.azure, spokes: difference(current.azure.spokes, next.azure.spokes, (spoke) => keyOf(current, spoke)) } };
  const change = topologyDiff(current, next, DEFAULT_TABLE);
  const [addedVcns, removedVcns] = [pick(next.oci.peeredVcns, change.peeredVcns.added), pick(current.oci.peeredVcns, change.peeredVcns.removed)];

  const rangesOf = (request: SetupRequest) => [...(request.azure.vnet.addressSpaces ?? [FROM_CLOUD]), ...spokeCidrsOf(request, FROM_CLOUD)];
  const [before, after] = [rangesOf(current), rangesOf(next)];
  const drg = next.oci.drgId ?? names.drg;
  const keptTables = vcnRouteTableIds(next.oci, DEFAULT_TABLE).filter((table) => !change.routeTables.added.includes(table));
  const rule = (action: "create" | "delete", tables: readonly string[]) => (destination: string) =>
    tables.map((table): PlannedResource => oci("routeRule", `${table}: ${destination}`, action, { destination, networkEntityId: drg, description: names.ociRuleMarker }));
  // Kept tables follow the change of ranges; added tables get every range, removed ones lose every range of Interlink's.
  const routeRules = {
    add: [...difference(after, before, String).flatMap(rule("create", keptTables)), ...after.flatMap(rule("create", change.routeTables.added))],
    remove: [...difference(before, after, String).flatMap(rule("delete", keptTables)), ...before.flatMap(rule("delete", change.routeTables.removed))],
  };
  const staticRule = (action: "create" | "delete") => (destination: string) =>
    oci("drgRouteRule", `${drg} (virtual-circuit route table): ${destination}`, action, { destination, nextHop: "the VCN's DRG attachment", note: "advertises a VCN peered through the VCN over the virtual circuit" });
  const staticRules = (vcns: SetupRequest["oci"]["peeredVcns"], action: "create" | "delete") => vcns.filter(throughHubVcn).flatMap((vcn) => vcn.cidrs.map(staticRule(action)));
  const ownNsg = next.azure.networkSecurityGroup === undefined;
  const subnet = (name: string, action: "associate" | "release") =>
    azure("subnet", `${next.azure.vnet.name}/${name}`, "update", {
      routeTable: action === "associate" ? `${names.azureRouteTable}, or Interlink's routes in the subnet's own route table` : `let go of ${names.azureRouteTable}, or Interlink's routes removed from the subnet's own route table`,
      ...(ownNsg && action === "release" ? { networkSecurityGroup: `let go of ${names.azureNetworkSecurityGroup}` } : {}),
    });
  const nsgAssociations = ownNsg ? change.appSubnets.added.map((name) => azure("subnet", `${next.azure.vnet.name}/${name}`, "update", { networkSecurityGroup: names.azureNetworkSecurityGroup })) : [];

  const securityOf = (request: SetupRequest) =>
    planSecurityRules({ name: request.name, vnetCidrs: rangesOf(request), vcnCidrs: request.oci.vcnCidrs ?? [FROM_CLOUD], peeredVcnCidrs: request.oci.peeredVcns.flatMap((vcn) => vcn.cidrs), traffic: request.traffic });
  const [oldRules, newRules] = [securityOf(current), securityOf(next)];
  const azureRule = (action: "create" | "delete") => (value: (typeof newRules.azure)[number]): PlannedResource => azure("securityRule", value.name, action, { ...value });
  const ociRule = (action: "create" | "delete") => (value: (typeof newRules.oci)[number]): PlannedResource => oci("securityRule", value.description ?? names.ociRuleMarker, action, { ...value });
  const peering = (request: SetupRequest, vcns: SetupRequest["oci"]["peeredVcns"]) => ({ name: request.name, drg, vcnId: request.oci.vcnId, vnetCidrs: after, marker: names.ociRuleMarker, peeredVcns: vcns });

  const add: Record<string, PlannedResource[]> = {
    "peer-spokes": spokeSetupResources(added, azure),
    "peer-vcns": peeringSetup(peering(next, addedVcns), oci),
    routing: [...routeRules.add, ...staticRules(addedVcns, "create"), ...change.appSubnets.added.map((name) => subnet(name, "associate"))],
    security: [...difference(newRules.azure, oldRules.azure, canonicalJson).map(azureRule("create")), ...difference(newRules.oci, oldRules.oci, canonicalJson).map(ociRule("create")), ...nsgAssociations],
  };
  const remove: Record<string, PlannedResource[]> = {
    routing: [...routeRules.remove, ...staticRules(removedVcns, "delete"), ...change.appSubnets.removed.map((name) => subnet(name, "release"))],
    security: [...difference(oldRules.azure, newRules.azure, canonicalJson).map(azureRule("delete")), ...difference(oldRules.oci, newRules.oci, canonicalJson).map(ociRule("delete"))],
    "unpeer-vcns": peeringTeardown(peering(current, removedVcns), oci),
    "unpeer-spokes": spokeTeardownResources(removed, azure),
  };
  const warnings = [...before, ...after].some((range) => range.startsWith(FROM_CLOUD)) ? ["Some ranges are read at preflight: the route rules for them are shown by the VNet's name."] : [];
  return {
    name: current.name,
    steps: UPDATE_STEPS.map((step) => ({ id: step.id, title: step.title, dependsOn: [...step.dependsOn], add: add[step.id] ?? [], remove: remove[step.id] ?? [] })),
    unchanged: [`ExpressRoute circuit ${names.expressRouteCircuit}`, `FastConnect virtual circuit ${names.virtualCircuit}`, "both BGP sessions", `gateway connection ${names.gatewayConnection}`],
    warnings,
  };
}
