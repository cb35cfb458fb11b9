import { canonicalJson } from "./fingerprint";
import { resourceNames } from "./naming";
import { type PlannedResource } from "./plan";
import { vcnRouteTableIds } from "./route-tables";
import { planSecurityRules } from "./security";
import { type SetupRequest } from "./setup-request";
import { spokeCidrsOf, spokeSetupResources, spokeTeardownResources } from "./spoke-plan";
import { spokeWhere, vnetIdOf } from "./spokes";
import { UPDATE_STEPS } from "./steps";

const FROM_CLOUD = "read at preflight";

/** What a topology change adds and removes, step by step, and what it never touches. */
export interface ChangePlan {
  name: string;
  steps: Array<{ id: string; title: string; dependsOn: string[]; add: PlannedResource[]; remove: PlannedResource[] }>;
  /** Never written by a topology change: only a bandwidth change touches the circuits. */
  unchanged: string[];
  warnings: string[];
}

const keyOf = (request: SetupRequest, spoke: SetupRequest["azure"]["spokes"][number]) => vnetIdOf(spokeWhere(request.azure.subscriptionId, spoke)).toLowerCase();
const difference = <T>(from: readonly T[], without: readonly T[], key: (value: T) => string) => from.filter((value) => !without.some((other) => key(other) === key(value)));

/**
 * The plan of a topology change from `current` to `next` (spokes and traffic rules): the spokes peered and unpeered,
 * the route rules and security rules added and removed. Pure: computed from the two specs, touching nothing.
 */
export function planTopologyChange(current: SetupRequest, next: SetupRequest): ChangePlan {
  const names = resourceNames(current.name, current.azure.vnet.name);
  const azure = (kind: string, name: string, action: PlannedResource["action"], properties?: Record<string, unknown>): PlannedResource => ({ cloud: "azure", kind, name, action, ...(properties ? { properties } : {}) });
  const added = { ...next, azure: { ...next.azure, spokes: difference(next.azure.spokes, current.azure.spokes, (spoke) => keyOf(next, spoke)) } };
  const removed = { ...current, azure: { ...current.azure, spokes: difference(current.azure.spokes, next.azure.spokes, (spoke) => keyOf(current, spoke)) } };

  const rangesOf = (request: SetupRequest) => [...(request.azure.vnet.addressSpaces ?? [FROM_CLOUD]), ...spokeCidrsOf(request, FROM_CLOUD)];
  const [before, after] = [rangesOf(current), rangesOf(next)];
  const tables = vcnRouteTableIds(next.oci, "the VCN's default route table");
  const rule = (action: "create" | "delete") => (destination: string) =>
    tables.map((table): PlannedResource => ({ cloud: "oci", kind: "routeRule", name: `${table}: ${destination}`, action, properties: { destination, networkEntityId: next.oci.drgId ?? names.drg, description: names.ociRuleMarker } }));

  const securityOf = (request: SetupRequest) =>
    planSecurityRules({ name: request.name, vnetCidrs: rangesOf(request), vcnCidrs: request.oci.vcnCidrs ?? [FROM_CLOUD], peeredVcnCidrs: request.oci.peeredVcns.flatMap((vcn) => vcn.cidrs), traffic: request.traffic });
  const [oldRules, newRules] = [securityOf(current), securityOf(next)];
  const azureRule = (action: "create" | "delete") => (value: (typeof newRules.azure)[number]): PlannedResource => ({ cloud: "azure", kind: "securityRule", name: value.name, action, properties: { ...value } });
  const ociRule = (action: "create" | "delete") => (value: (typeof newRules.oci)[number]): PlannedResource => ({ cloud: "oci", kind: "securityRule", name: value.description ?? names.ociRuleMarker, action, properties: { ...value } });

  const add: Record<string, PlannedResource[]> = {
    preflight: [],
    "peer-spokes": spokeSetupResources(added, azure),
    routing: difference(after, before, String).flatMap(rule("create")),
    security: [...difference(newRules.azure, oldRules.azure, canonicalJson).map(azureRule("create")), ...difference(newRules.oci, oldRules.oci, canonicalJson).map(ociRule("create"))],
    "unpeer-spokes": [],
    verify: [],
  };
  const remove: Record<string, PlannedResource[]> = {
    preflight: [],
    "peer-spokes": [],
    routing: difference(before, after, String).flatMap(rule("delete")),
    security: [...difference(oldRules.azure, newRules.azure, canonicalJson).map(azureRule("delete")), ...difference(oldRules.oci, newRules.oci, canonicalJson).map(ociRule("delete"))],
    "unpeer-spokes": spokeTeardownResources(removed, azure),
    verify: [],
  };
  const warnings = [...before, ...after].some((range) => range.startsWith(FROM_CLOUD)) ? ["Some ranges are read at preflight: the route rules for them are shown by the VNet's name."] : [];
  return {
    name: current.name,
    steps: UPDATE_STEPS.map((step) => ({ id: step.id, title: step.title, dependsOn: [...step.dependsOn], add: add[step.id] ?? [], remove: remove[step.id] ?? [] })),
    unchanged: [`ExpressRoute circuit ${names.expressRouteCircuit}`, `FastConnect virtual circuit ${names.virtualCircuit}`, "both BGP sessions", `gateway connection ${names.gatewayConnection}`],
    warnings,
  };
}
