import { deriveBgpAddressing, type BgpAddressing } from "./bgp";
import {
  AZURE_PRIVATE_PEERING_NAME,
  AZURE_SERVICE_PROVIDER_NAME,
  findInterconnect,
  GATEWAY_SUBNET_NAME,
  MICROSOFT_BGP_ASN,
  OCI_PROVIDER_NAME,
  OCI_PROVIDER_SERVICE_NAME,
  ociShapeForBandwidth,
  skuName,
  skuNotes,
} from "./catalogue";
import { cidr } from "./cidr";
import { ownerTags, resourceNames } from "./naming";
import { spokeNsgName } from "./security/binding";
import { vcnRouteTableIds } from "./route-tables";
import { peeringSetup, peeringTeardown, throughHubVcn } from "./peering-plan";
import { type SetupRequest } from "./setup-request";
import { spokeCidrsOf, spokeSetupResources, spokeTeardownResources } from "./spoke-plan";
import { SETUP_STEPS, TEARDOWN_STEPS, type SetupStepId, type TeardownStepId } from "./steps";

export type PlannedAction = "read" | "create" | "create-if-missing" | "reuse" | "update" | "delete" | "delete-if-unused" | "wait" | "check";

/** One resource a step touches, with the name and tags it will carry. */
export interface PlannedResource {
  cloud: "azure" | "oci";
  kind: string;
  name: string;
  action: PlannedAction;
  tags?: Record<string, string>;
  properties?: Record<string, unknown>;
}

export interface PlannedStep<Id extends string = string> {
  id: Id;
  title: string;
  dependsOn: Id[];
  resources: PlannedResource[];
}

export interface InterconnectPlanCore {
  name: string;
  ticketId?: string;
  bgp: BgpAddressing;
  setup: PlannedStep<SetupStepId>[];
  teardown: PlannedStep<TeardownStepId>[];
  warnings: string[];
}

/** Sources of a value that preflight reads from the cloud when the request leaves it out. */
const FROM_CLOUD = "read at preflight";

/**
 * The setup and teardown plans for a valid request, as plain JSON: which steps run in which order and
 * what each one creates, changes, waits for or deletes. Pure: the same request gives the same plan.
 */
export function planInterconnectCore(request: SetupRequest): InterconnectPlanCore {
  const names = resourceNames(request.name, request.azure.vnet.name);
  const tags = ownerTags(request.name, request.ticketId);
  const bgp = deriveBgpAddressing(cidr(request.bgp.primary), cidr(request.bgp.secondary));
  // The spokes reach OCI through the hub's gateway: their ranges are routed and learned like the hub's.
  const vnetCidrs = [...(request.azure.vnet.addressSpaces ?? [FROM_CLOUD]), ...spokeCidrsOf(request, FROM_CLOUD)];
  const vcnCidrs = request.oci.vcnCidrs ?? [FROM_CLOUD];
  const peeredCidrs = request.oci.peeredVcns.flatMap((vcn) => vcn.cidrs);
  const shape = ociShapeForBandwidth(request.azure.circuit.bandwidthMbps);
  const { tier, family } = request.azure.circuit.sku;
  const resource =
    (cloud: PlannedResource["cloud"]) =>
    (kind: string, name: string, action: PlannedAction, properties?: Record<string, unknown>): PlannedResource => ({
      cloud,
      kind,
      name,
      action,
      ...(action.startsWith("create") ? { tags } : {}),
      ...(properties ? { properties } : {}),
    });
  const azure = resource("azure");
  const oci = resource("oci");
  const drg = request.oci.drgId ?? names.drg;
  const vcnRouteTables = vcnRouteTableIds(request.oci, "the VCN's default route table");
  const peering = { name: request.name, drg, vcnId: request.oci.vcnId, vnetCidrs, marker: names.ociRuleMarker, peeredVcns: request.oci.peeredVcns };
  const staticPeered = request.oci.peeredVcns.filter(throughHubVcn).flatMap((vcn) => vcn.cidrs);
  const ociSecurity =
    request.oci.security.mode === "nsg"
      ? oci("networkSecurityGroup", names.ociNetworkSecurityGroup, "create", { vcnId: request.oci.vcnId })
      : oci("securityList", request.oci.security.securityListId, "update", { rules: "add the interconnect's rules, marked " + names.ociRuleMarker });

  /** The subnets' security lists, the VNICs and the spokes' subnets the rules bind to (setup) or leave (teardown). */
  const bindingResources = (how: "bind" | "unbind"): PlannedResource[] => [
    ...request.oci.subnetIds.map((id) =>
      oci("subnetSecurityList", id, "update", how === "bind" ? { rules: `add the interconnect's rules, marked ${names.ociRuleMarker}, to the subnet's first security list` } : { remove: `rules marked ${names.ociRuleMarker}` }),
    ),
    ...request.oci.vnicIds.map((id) => oci("vnic", id, "update", how === "bind" ? { nsgIds: `add ${names.ociNetworkSecurityGroup}, keep the others (at most 5)` } : { nsgIds: `remove ${names.ociNetworkSecurityGroup}` })),
    ...request.azure.spokes.flatMap((spoke) =>
      spoke.subnets.map((subnet) =>
        azure(
          "subnetNetworkSecurityGroup",
          `${spoke.vnet.name}/${subnet}`,
          "update",
          how === "bind"
            ? { rules: `add rules named ${names.azureRulePrefix}* to the subnet's NSG; without one, associate ${spokeNsgName(request.name, spoke.vnet.name)} (created in ${spoke.resourceGroup}, the spoke's region)` }
            : { remove: `rules named ${names.azureRulePrefix}*, or dissociate and delete ${spokeNsgName(request.name, spoke.vnet.name)}` },
        ),
      ),
    ),
  ];

  const setupResources: Record<SetupStepId, PlannedResource[]> = {
    preflight: [
      azure("virtualNetwork", request.azure.vnet.name, "read", { addressSpaces: vnetCidrs }),
      azure("subnet", `${request.azure.vnet.name}/${GATEWAY_SUBNET_NAME}`, "create-if-missing", { addressPrefix: request.azure.gatewaySubnetPrefix }),
      oci("vcn", request.oci.vcnId, "read", { cidrBlocks: vcnCidrs }),
      request.oci.drgId ? oci("drg", request.oci.drgId, "reuse") : oci("drg", names.drg, "create", { compartmentId: request.oci.compartmentId }),
      oci("securityLists", request.oci.vcnId, "check", { audit: "rules that expose the VCN beyond the declared traffic, including the default SSH and ICMP 3/4 rules" }),
    ],
    security: [
      request.azure.networkSecurityGroup
        ? azure("networkSecurityGroup", request.azure.networkSecurityGroup, "update", { rules: `add rules named ${names.azureRulePrefix}*` })
        : azure("networkSecurityGroup", names.azureNetworkSecurityGroup, "create", { associateWith: request.azure.appSubnets ?? [] }),
      ociSecurity,
      ...bindingResources("bind"),
    ],
    circuit: [
      azure("expressRouteCircuit", names.expressRouteCircuit, "create", {
        location: request.azure.region,
        sku: { name: skuName(tier, family), tier, family },
        serviceProviderProperties: { serviceProviderName: AZURE_SERVICE_PROVIDER_NAME, peeringLocation: request.azure.circuit.peeringLocation, bandwidthInMbps: request.azure.circuit.bandwidthMbps },
      }),
    ],
    gateway: [
      azure("virtualNetworkGateway", names.expressRouteGateway, "create-if-missing", {
        gatewayType: "ExpressRoute",
        sku: request.azure.gateway.sku,
        subnet: `${request.azure.vnet.name}/${GATEWAY_SUBNET_NAME}`,
        note: "an existing ExpressRoute gateway in the VNet is reused",
      }),
    ],
    "virtual-circuit": [
      oci("virtualCircuit", names.virtualCircuit, "create", {
        type: "PRIVATE",
        providerName: OCI_PROVIDER_NAME,
        providerServiceName: OCI_PROVIDER_SERVICE_NAME,
        providerServiceKeyName: `the service key of ${names.expressRouteCircuit} (secret, never shown)`,
        bandwidthShapeName: shape,
        gatewayId: drg,
        crossConnectMappings: [
          { oracleBgpPeeringIp: bgp.primary.oracleBgpPeeringIp, customerBgpPeeringIp: bgp.primary.customerBgpPeeringIp },
          { oracleBgpPeeringIp: bgp.secondary.oracleBgpPeeringIp, customerBgpPeeringIp: bgp.secondary.customerBgpPeeringIp },
        ],
      }),
      oci("drgAttachment", names.drgAttachment, "create-if-missing", { drgId: drg, vcnId: request.oci.vcnId }),
    ],
    provisioning: [
      azure("expressRouteCircuit", names.expressRouteCircuit, "wait", {
        until: { serviceProviderProvisioningState: "Provisioned", peering: `${AZURE_PRIVATE_PEERING_NAME} Enabled`, azureASN: MICROSOFT_BGP_ASN },
        deadlineMinutes: request.options.provisioningTimeoutMinutes,
      }),
      oci("virtualCircuit", names.virtualCircuit, "wait", { until: { lifecycleState: "PROVISIONED", providerState: "ACTIVE" } }),
    ],
    routing: [
      azure("connection", names.gatewayConnection, "create", { connectionType: "ExpressRoute", gateway: names.expressRouteGateway, circuit: names.expressRouteCircuit, fastPath: request.azure.gateway.fastPath }),
      ...vcnRouteTables.map((table) => oci("routeRules", table, "update", { add: vnetCidrs.map((destination) => ({ destination, networkEntityId: drg, description: names.ociRuleMarker })) })),
      azure("routeTable", names.azureRouteTable, "create", {
        routes: [],
        note: "Azure learns the VCN over BGP (a route cannot point at an ExpressRoute gateway); suspend adds routes to None for the VCN CIDRs here",
        suspendRoutes: [...vcnCidrs, ...peeredCidrs].map((addressPrefix) => ({ addressPrefix, nextHopType: "None" })),
        associateWith: request.azure.appSubnets ?? [],
      }),
      ...peeringSetup(peering, oci),
      ...(staticPeered.length > 0
        ? [
            oci("drgRouteRules", `${drg} (virtual-circuit route table)`, "update", {
              addStatic: staticPeered.map((destination) => ({ destination, nextHop: "the VCN's DRG attachment" })),
              note: "advertises VCNs peered through the VCN over the virtual circuit; a peered VCN attached to the same DRG is advertised already and gets no rule",
            }),
          ]
        : []),
    ],
    spokes: spokeSetupResources(request, azure),
    verify: [
      oci("virtualCircuit", names.virtualCircuit, "check", { bgpSessionState: "UP" }),
      azure("expressRouteCircuit", names.expressRouteCircuit, "check", { routesTable: { primary: [...vcnCidrs, ...peeredCidrs], secondary: [...vcnCidrs, ...peeredCidrs] }, arpTable: [bgp.primary.oracleAddress, bgp.secondary.oracleAddress] }),
      oci("virtualCircuit", names.virtualCircuit, "check", { learnedRoutes: vnetCidrs }),
      azure("connection", names.gatewayConnection, "check", { connectionStatus: "Connected" }),
    ],
  };

  const teardownResources: Record<TeardownStepId, PlannedResource[]> = {
    "stop-traffic": [
      ...vcnRouteTables.map((table) => oci("routeRules", table, "update", { remove: `rules marked ${names.ociRuleMarker}` })),
      ...(staticPeered.length > 0 ? [oci("drgRouteRules", `${drg} (virtual-circuit route table)`, "update", { removeStatic: staticPeered })] : []),
      ...peeringTeardown(peering, oci),
      azure("routeTable", names.azureRouteTable, "delete"),
      ...bindingResources("unbind"),
      request.oci.security.mode === "nsg" ? oci("networkSecurityGroup", names.ociNetworkSecurityGroup, "delete") : oci("securityList", request.oci.security.securityListId, "update", { remove: `rules marked ${names.ociRuleMarker}` }),
      request.azure.networkSecurityGroup
        ? azure("networkSecurityGroup", request.azure.networkSecurityGroup, "update", { remove: `rules named ${names.azureRulePrefix}*` })
        : azure("networkSecurityGroup", names.azureNetworkSecurityGroup, "delete"),
    ],
    spokes: spokeTeardownResources(request, azure),
    connection: [azure("connection", names.gatewayConnection, "delete")],
    "virtual-circuit": [oci("virtualCircuit", names.virtualCircuit, "delete", { waitUntil: "TERMINATED" })],
    deprovisioning: [azure("expressRouteCircuit", names.expressRouteCircuit, "wait", { until: { serviceProviderProvisioningState: "NotProvisioned" } })],
    circuit: [azure("expressRouteCircuit", names.expressRouteCircuit, "delete")],
    "shared-resources": [
      azure("virtualNetworkGateway", names.expressRouteGateway, "delete-if-unused"),
      azure("subnet", `${request.azure.vnet.name}/${GATEWAY_SUBNET_NAME}`, "delete-if-unused"),
      oci("drgAttachment", names.drgAttachment, "delete-if-unused"),
      ...(request.oci.drgId ? [] : [oci("drg", names.drg, "delete-if-unused")]),
    ],
  };

  const warnings = [...skuNotes(tier, family)];
  const pair = findInterconnect(request.oci.region, request.azure.circuit.peeringLocation);
  if (pair && !pair.confirmed) warnings.push(`The ${request.azure.circuit.peeringLocation} <-> ${pair.ociRegion} pairing is not confirmed against Oracle's current region table (${pair.source}); check it before ordering the circuit.`);
  if (!request.azure.appSubnets?.length) warnings.push("azure.appSubnets is empty: the NSG and route table are created but not associated with any subnet, so they do not filter or steer traffic until you associate them.");
  if (!request.azure.vnet.addressSpaces) warnings.push("azure.vnet.addressSpaces is omitted: preflight reads it from Azure and re-checks every overlap rule.");
  if (!request.oci.vcnCidrs) warnings.push("oci.vcnCidrs is omitted: preflight reads it from OCI and re-checks every overlap rule.");

  return {
    name: request.name,
    ...(request.ticketId ? { ticketId: request.ticketId } : {}),
    bgp,
    setup: SETUP_STEPS.map((step) => ({ ...withoutReadonly(step), resources: setupResources[step.id] })),
    teardown: TEARDOWN_STEPS.map((step) => ({ ...withoutReadonly(step), resources: teardownResources[step.id] })),
    warnings,
  };
}

function withoutReadonly<Id extends string>(step: { id: Id; title: string; dependsOn: readonly Id[] }): Omit<PlannedStep<Id>, "resources"> {
  return { id: step.id, title: step.title, dependsOn: [...step.dependsOn] };
}
