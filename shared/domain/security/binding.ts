import { resourceNames } from "../naming";
import { type FieldError } from "../problem";
import { type TrafficRule } from "../traffic";
import { allowanceOf, portText } from "./coverage";

/**
 * Where the security rules take effect. A rule in an NSG nothing is associated with (or in a security list no subnet
 * uses) filters nothing, so the request names the subnets (or VNICs) whose traffic crosses the interconnect, on both
 * sides, and the plan says which each rule protects.
 */

/** The part of a setup request that says where the rules bind (structural, so both the schema and the plan use it). */
export interface BindingRequest {
  name: string;
  azure: {
    vnet: { name: string };
    networkSecurityGroup?: string | undefined;
    appSubnets?: string[] | undefined;
    spokes: ReadonlyArray<{ resourceGroup: string; vnet: { name: string }; subnets: string[] }>;
  };
  oci: {
    subnetIds: string[];
    vnicIds: string[];
    security: { mode: "nsg" } | { mode: "securityList"; securityListId: string };
  };
  traffic: TrafficRule[];
  options: { allowUnboundRules: boolean };
}

/** The NSG Interlink creates in a spoke for its subnets that have none (an NSG must be in its subnet's region). */
export const spokeNsgName = (interconnect: string, spokeVnet: string) => `${interconnect}-${spokeVnet}-nsg`.slice(0, 80);

/** What the rules protect on each side, in words a plan shows. */
export interface RuleTargets {
  azure: string[];
  oci: string[];
}

export function ruleTargets(request: BindingRequest): RuleTargets {
  const names = resourceNames(request.name, request.azure.vnet.name);
  const azure = request.azure.networkSecurityGroup
    ? [`every subnet and network interface associated with NSG ${request.azure.networkSecurityGroup} (rules named ${names.azureRulePrefix}*)`]
    : (request.azure.appSubnets ?? []).map((subnet) => `subnet ${request.azure.vnet.name}/${subnet} (NSG ${names.azureNetworkSecurityGroup})`);
  for (const spoke of request.azure.spokes) {
    for (const subnet of spoke.subnets) azure.push(`subnet ${spoke.vnet.name}/${subnet} (its NSG, or ${spokeNsgName(request.name, spoke.vnet.name)} when it has none)`);
  }
  const oci = [
    ...(request.oci.security.mode === "securityList" ? [`every subnet using security list ${request.oci.security.securityListId}`] : []),
    ...request.oci.subnetIds.map((id) => `subnet ${id} (its first security list, and every other subnet using that list)`),
    ...request.oci.vnicIds.map((id) => `VNIC ${id} (in NSG ${names.ociNetworkSecurityGroup})`),
  ];
  return { azure, oci };
}

/** One traffic rule in a line: `traffic[0] azure -> oci tcp 1521`. */
export function trafficRuleLabel(rule: TrafficRule, index: number): string {
  const allowance = allowanceOf(rule);
  const what = rule.protocol === "icmp" ? `icmp${rule.icmp ? ` type ${rule.icmp.type}${rule.icmp.code === undefined ? "" : ` code ${rule.icmp.code}`}` : ""}` : rule.protocol === "all" ? "all" : `${rule.protocol} ${portText(allowance.ports)}`;
  return `traffic[${index}] ${rule.from} -> ${rule.to} ${what}`;
}

/** For each declared rule, what it protects on each side (every rule is written on both sides). */
export interface RuleBinding {
  rule: string;
  azure: string[];
  oci: string[];
}

export function ruleBindings(request: BindingRequest): RuleBinding[] {
  const targets = ruleTargets(request);
  return request.traffic.map((rule, index) => ({ rule: trafficRuleLabel(rule, index), azure: targets.azure, oci: targets.oci }));
}

const rulesText = (traffic: TrafficRule[]) => (traffic.length === 1 ? "traffic[0]" : `traffic[0] to traffic[${traffic.length - 1}]`);

const AZURE_UNBOUND = (request: BindingRequest) =>
  `the security rules of ${rulesText(request.traffic)} would protect no Azure subnet: NSG ${resourceNames(request.name, "").azureNetworkSecurityGroup} would be associated with nothing. List the subnets whose workloads use the interconnect in azure.appSubnets (or azure.spokes[].subnets), or name an NSG already associated with them in azure.networkSecurityGroup; set options.allowUnboundRules to set up anyway`;

const OCI_UNBOUND = (request: BindingRequest) =>
  `the security rules of ${rulesText(request.traffic)} would protect no OCI subnet or VNIC: NSG ${resourceNames(request.name, "").ociNetworkSecurityGroup} would hold no VNIC. List the subnets whose traffic crosses the interconnect in oci.subnetIds (the rules go into their security lists) or the VNICs in oci.vnicIds (they join the NSG), or use security.mode securityList; set options.allowUnboundRules to set up anyway`;

/**
 * Refusals for a new request whose rules would bind nothing on a side (unless options.allowUnboundRules). Not part of
 * the request schema: interconnects recorded before bindings existed must still parse.
 */
export function unboundRuleProblems(request: BindingRequest): FieldError[] {
  if (request.options.allowUnboundRules || request.traffic.length === 0) return [];
  const targets = ruleTargets(request);
  return [
    ...(targets.azure.length === 0 ? [{ path: "azure.appSubnets", message: AZURE_UNBOUND(request) }] : []),
    ...(targets.oci.length === 0 ? [{ path: "oci.subnetIds", message: OCI_UNBOUND(request) }] : []),
  ];
}

/** A change (PATCH) that would leave a side's rules protecting nothing where they protected something: refused like a new request. */
export function newlyUnboundProblems(current: BindingRequest, next: BindingRequest): FieldError[] {
  const before = new Set(unboundRuleProblems(current).map((problem) => problem.path));
  return unboundRuleProblems(next).filter((problem) => !before.has(problem.path));
}

/** What the plan and status say when rules were allowed to bind nothing on a side. */
export function unboundRuleWarnings(request: BindingRequest): string[] {
  const targets = ruleTargets(request);
  const names = resourceNames(request.name, "");
  return [
    ...(targets.azure.length === 0 ? [`The security rules protect no Azure subnet (options.allowUnboundRules): NSG ${names.azureNetworkSecurityGroup} is associated with nothing, so its rules filter nothing until you associate it.`] : []),
    ...(targets.oci.length === 0 ? [`The security rules protect no OCI subnet or VNIC (options.allowUnboundRules): NSG ${names.ociNetworkSecurityGroup} holds no VNIC, so its rules filter nothing until you add VNICs to it.`] : []),
  ];
}

const duplicates = (values: readonly string[], path: string): FieldError[] =>
  values.flatMap((value, index) => (values.indexOf(value) === index ? [] : [{ path: `${path}[${index}]`, message: `${value} is listed twice` }]));

/** Shape rules of the binding fields that need no cloud (part of the request schema). */
export function bindingShapeProblems(request: Pick<BindingRequest, "azure" | "oci">): FieldError[] {
  const errors = [...duplicates(request.oci.subnetIds, "oci.subnetIds"), ...duplicates(request.oci.vnicIds, "oci.vnicIds")];
  request.azure.spokes.forEach((spoke, index) => errors.push(...duplicates(spoke.subnets, `azure.spokes[${index}].subnets`)));
  if (request.oci.vnicIds.length > 0 && request.oci.security.mode !== "nsg") {
    errors.push({ path: "oci.vnicIds", message: "VNICs join Interlink's NSG, which only security.mode nsg creates: with a security list, name the subnets in oci.subnetIds instead" });
  }
  return errors;
}
