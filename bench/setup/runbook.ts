// The baseline a team follows without Interlink: Oracle's and Microsoft's documented procedure, one step after the
// other, each wait a fixed 30 s poll (what `az ... wait --interval 30` or a runbook loop does). It makes the same
// cloud changes as Interlink's setup and teardown, through the same SDK adapters, against the same emulators.
import { type SetupRequest } from "../../shared/domain/setup-request";
import { type CloudPorts } from "../../shared/clouds/ports";
import { deriveBgpAddressing } from "../../shared/domain/bgp";
import { GATEWAY_SUBNET_NAME, ociShapeForBandwidth } from "../../shared/domain/catalogue";
import { cidr } from "../../shared/domain/cidr";
import { ownerTags, resourceNames } from "../../shared/domain/naming";
import { planSecurityRules } from "../../shared/domain/security";

export const RUNBOOK_POLL_MS = 30_000;
/** A runbook gives up on a wait after this many polls (two hours at 30 s). */
const MAX_POLLS = 240;

export interface RunbookDeps {
  clouds: CloudPorts;
  /** Waits on the benchmark's emulated clock. */
  sleep: (ms: number) => Promise<void>;
}

async function pollUntil<T>(deps: RunbookDeps, what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let polls = 1; polls <= MAX_POLLS; polls++) {
    const value = await read();
    if (done(value)) return value;
    await deps.sleep(RUNBOOK_POLL_MS);
  }
  throw new Error(`runbook: ${what} did not finish`);
}

/** `az ... wait`: an ARM write's operation, polled every 30 s. */
async function settle(deps: RunbookDeps, subscriptionId: string, what: string, started: { operation?: string | null }): Promise<void> {
  const { operation } = started;
  if (!operation) return;
  await deps.sleep(RUNBOOK_POLL_MS);
  const status = await pollUntil(deps, what, () => deps.clouds.azure(subscriptionId).getOperationStatus(operation), (state) => state.status !== "running");
  if (status.status === "failed") throw new Error(`runbook: ${what} failed: ${status.error?.code ?? "?"}`);
}

function plan(request: SetupRequest) {
  const names = resourceNames(request.name, request.azure.vnet.name);
  const tags = ownerTags(request.name, request.ticketId);
  return { names, tags, vnetCidrs: request.azure.vnet.addressSpaces ?? [], vcnCidrs: request.oci.vcnCidrs ?? [], rg: request.azure.resourceGroup, sub: request.azure.subscriptionId };
}

/** Setup in the documented order: security rules, circuit, virtual circuit, provisioning, gateway, connection, routes, test. */
export async function runbookSetup(deps: RunbookDeps, request: SetupRequest): Promise<void> {
  const { names, tags, vnetCidrs, vcnCidrs, rg, sub } = plan(request);
  const azure = deps.clouds.azure(sub);
  const { oci } = deps.clouds;
  const vnet = await azure.getVirtualNetwork(rg, request.azure.vnet.name);
  const vcn = await oci.getVcn(request.oci.vcnId);
  if (!vnet || !vcn) throw new Error("runbook: the networks are not there");

  const subnet = await azure.ensureSubnet(rg, request.azure.vnet.name, GATEWAY_SUBNET_NAME, request.azure.gatewaySubnetPrefix);
  if ("notReady" in subnet) throw new Error(`runbook: ${subnet.notReady}`);
  await settle(deps, sub, "the GatewaySubnet", subnet);

  const rules = planSecurityRules({ name: request.name, vnetCidrs, vcnCidrs, peeredVcnCidrs: [], traffic: request.traffic });
  await settle(deps, sub, "the NSG", await azure.putNetworkSecurityGroup(rg, names.azureNetworkSecurityGroup, request.azure.region, rules.azure, tags));
  const nsg = await oci.createNetworkSecurityGroup(request.oci.compartmentId, request.oci.vcnId, names.ociNetworkSecurityGroup, tags, `${request.name}-runbook-nsg`);
  await oci.addNetworkSecurityGroupRules(nsg.id, rules.oci);

  const circuit = await azure.putExpressRouteCircuit(rg, names.expressRouteCircuit, {
    location: request.azure.region,
    skuTier: request.azure.circuit.sku.tier,
    skuFamily: request.azure.circuit.sku.family,
    peeringLocation: request.azure.circuit.peeringLocation,
    bandwidthMbps: request.azure.circuit.bandwidthMbps,
    tags,
  });
  await deps.sleep(RUNBOOK_POLL_MS);
  await pollUntil(deps, "the circuit", () => azure.getExpressRouteCircuit(rg, names.expressRouteCircuit), (state) => state?.provisioningState === "Succeeded");

  const serviceKey = await azure.getServiceKey(rg, names.expressRouteCircuit);
  const provider = await oci.findAzureProviderService(request.oci.compartmentId);
  const drgId = request.oci.drgId;
  if (!serviceKey || !provider || !drgId) throw new Error("runbook: no service key, provider service or DRG");
  const bgp = deriveBgpAddressing(cidr(request.bgp.primary), cidr(request.bgp.secondary));
  const virtualCircuit = await oci.createVirtualCircuit(
    {
      compartmentId: request.oci.compartmentId,
      displayName: names.virtualCircuit,
      bandwidthShapeName: ociShapeForBandwidth(request.azure.circuit.bandwidthMbps) ?? "",
      drgId,
      providerServiceId: provider.id,
      providerServiceKeyName: serviceKey,
      crossConnectMappings: [bgp.primary, bgp.secondary].map((session) => ({ oracleBgpPeeringIp: session.oracleBgpPeeringIp, customerBgpPeeringIp: session.customerBgpPeeringIp })),
      tags,
    },
    `${request.name}-runbook-vc`,
  );
  const attachments = await oci.listDrgAttachments(vcn.compartmentId, { vcnId: vcn.id, drgId });
  if (attachments.length === 0) await oci.createDrgAttachment(drgId, vcn.id, names.drgAttachment, tags, `${request.name}-runbook-attachment`);
  await deps.sleep(RUNBOOK_POLL_MS);
  await pollUntil(deps, "the virtual circuit", () => oci.getVirtualCircuit(virtualCircuit.id), (state) => state?.lifecycleState === "PROVISIONED" && state.providerState === "ACTIVE");
  await pollUntil(deps, "Azure provisioning", () => azure.getExpressRouteCircuit(rg, names.expressRouteCircuit), (state) => state?.serviceProviderProvisioningState === "Provisioned" && state.privatePeering?.state === "Enabled");

  const gateway = await azure.putExpressRouteGateway(rg, names.expressRouteGateway, { location: request.azure.region, gatewaySubnetId: `${vnet.id}/subnets/${GATEWAY_SUBNET_NAME}`, tags });
  await deps.sleep(RUNBOOK_POLL_MS);
  await pollUntil(deps, "the gateway", () => azure.getVirtualNetworkGateway(rg, names.expressRouteGateway), (state) => state?.provisioningState === "Succeeded");

  await azure.putExpressRouteConnection(rg, names.gatewayConnection, { location: request.azure.region, gatewayId: gateway.id, circuitId: circuit.id, tags });
  await deps.sleep(RUNBOOK_POLL_MS);
  await pollUntil(deps, "the connection", () => azure.getConnection(rg, names.gatewayConnection), (state) => state?.provisioningState === "Succeeded");

  const table = await oci.getRouteTable(vcn.defaultRouteTableId);
  if (!table) throw new Error("runbook: no VCN route table");
  const ociRules = vnetCidrs.map((destination) => ({ destination, destinationType: "CIDR_BLOCK", networkEntityId: drgId, description: names.ociRuleMarker }));
  await oci.setRouteRules(vcn.defaultRouteTableId, [...table.rules, ...ociRules], table.etag);
  const routes = vcnCidrs.map((addressPrefix, index) => ({ name: `to-oci-${index}`, addressPrefix, nextHopType: "VirtualNetworkGateway" }));
  await settle(deps, sub, "the route table", await azure.putRouteTable(rg, names.azureRouteTable, request.azure.region, routes, tags));

  // The connection test: both BGP sessions up and the connection Connected.
  await pollUntil(
    deps,
    "the connection test",
    async () => ({ vc: await oci.getVirtualCircuit(virtualCircuit.id), connection: await azure.getConnection(rg, names.gatewayConnection) }),
    ({ vc, connection }) => vc?.bgpSessionState === "UP" && connection?.connectionStatus === "Connected",
  );
}

/** Teardown in the documented order: routes and rules, connection, virtual circuit, deprovisioning, circuit, gateway, subnet, attachment. */
export async function runbookTeardown(deps: RunbookDeps, request: SetupRequest): Promise<void> {
  const { names, rg, sub } = plan(request);
  const azure = deps.clouds.azure(sub);
  const { oci } = deps.clouds;
  const vcn = await oci.getVcn(request.oci.vcnId);
  if (!vcn) throw new Error("runbook: no VCN");
  const table = await oci.getRouteTable(vcn.defaultRouteTableId);
  if (table) await oci.setRouteRules(vcn.defaultRouteTableId, table.rules.filter((rule) => rule.description !== names.ociRuleMarker), table.etag);
  await settle(deps, sub, "the route table delete", await azure.deleteRouteTable(rg, names.azureRouteTable));
  await settle(deps, sub, "the NSG delete", await azure.deleteNetworkSecurityGroup(rg, names.azureNetworkSecurityGroup));
  const nsg = await oci.findNetworkSecurityGroup(request.oci.compartmentId, request.oci.vcnId, names.ociNetworkSecurityGroup);
  if (nsg) await oci.deleteNetworkSecurityGroup(nsg.id);

  await azure.deleteConnection(rg, names.gatewayConnection);
  await deps.sleep(RUNBOOK_POLL_MS);
  await pollUntil(deps, "the connection delete", () => azure.getConnection(rg, names.gatewayConnection), (state) => state === null);

  const virtualCircuit = await oci.findVirtualCircuit(request.oci.compartmentId, names.virtualCircuit);
  if (virtualCircuit) {
    await oci.deleteVirtualCircuit(virtualCircuit.id);
    await deps.sleep(RUNBOOK_POLL_MS);
    await pollUntil(deps, "the virtual circuit delete", () => oci.getVirtualCircuit(virtualCircuit.id), (state) => state === null || state.lifecycleState === "TERMINATED");
  }
  await pollUntil(deps, "deprovisioning", () => azure.getExpressRouteCircuit(rg, names.expressRouteCircuit), (state) => state === null || state.serviceProviderProvisioningState === "NotProvisioned");
  await azure.startDeleteExpressRouteCircuit(rg, names.expressRouteCircuit);
  await deps.sleep(RUNBOOK_POLL_MS);
  await pollUntil(deps, "the circuit delete", () => azure.getExpressRouteCircuit(rg, names.expressRouteCircuit), (state) => state === null);

  await azure.deleteVirtualNetworkGateway(rg, names.expressRouteGateway);
  await deps.sleep(RUNBOOK_POLL_MS);
  await pollUntil(deps, "the gateway delete", () => azure.getVirtualNetworkGateway(rg, names.expressRouteGateway), (state) => state === null);
  await settle(deps, sub, "the GatewaySubnet delete", await azure.deleteSubnet(rg, request.azure.vnet.name, GATEWAY_SUBNET_NAME));

  const drgId = request.oci.drgId;
  const attachment = drgId ? (await oci.listDrgAttachments(vcn.compartmentId, { vcnId: vcn.id, drgId }))[0] : undefined;
  if (attachment) {
    await oci.deleteDrgAttachment(attachment.id);
    await deps.sleep(RUNBOOK_POLL_MS);
    await pollUntil(deps, "the DRG detach", () => oci.listDrgAttachments(vcn.compartmentId, { vcnId: vcn.id, drgId: attachment.drgId }), (left) => left.length === 0);
  }
}
