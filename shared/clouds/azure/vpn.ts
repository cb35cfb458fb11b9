import { type NetworkManagementClient, type VirtualNetworkGateway, type VirtualNetworkGatewayConnection, type VpnClientConfiguration } from "@azure/arm-network";
import { classifyCloudError, OperationFailedError } from "../errors";
import { type DeleteOptions, type NotReady, type Started, type Tags } from "../ports";
import { withoutSecrets } from "../secrets";
import {
  type ActionRead,
  type AzureVpnPort,
  type BgpPeerView,
  type GatewayRouteView,
  type LocalNetworkGatewaySpec,
  type LocalNetworkGatewayView,
  type PointToSiteSpec,
  type VpnConnectionSpec,
  type VpnConnectionView,
  type VpnGatewaySpec,
  type VpnGatewayView,
} from "../vpn-ports";
import { type Lro, orNull, RESUMED, started, startDelete, submit } from "./arm-writes";

/** IP configuration names of a VPN gateway's instances (the second only when active-active). */
const INSTANCE_NAMES = ["default", "activeactive"];
/** SKUs Azure offers only in Generation2. */
const GENERATION2_ONLY = new Set(["VpnGw4AZ", "VpnGw5AZ"]);

const tagsOf = (tags: Record<string, string> | undefined): Tags => ({ ...(tags ?? {}) });
const nameOf = (id: string) => id.split("/").pop() ?? "";

/** ARM answers these while something the request depends on is busy or not provisioned yet. */
function notReadyOf(error: unknown, what: string): NotReady | null {
  const classified = classifyCloudError(error);
  return classified.notReady ? { notReady: `${what}: ${classified.failure.code}` } : null;
}

/** Sends a write; a busy or not-yet-provisioned dependency is a typed answer, anything else throws. */
async function startedOrNotReady(what: string, write: () => Promise<{ id: string } & Started>): Promise<({ id: string } & Started) | NotReady> {
  try {
    return await write();
  } catch (error) {
    const notReady = notReadyOf(error, what);
    if (notReady) return notReady;
    throw error;
  }
}

/** Base64 DER as Azure takes a root certificate's public data: PEM armour and line breaks removed. */
function certificateData(text: string): string {
  return text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

function vpnClientConfiguration(pointToSite: PointToSiteSpec): VpnClientConfiguration {
  return {
    vpnClientAddressPool: { addressPrefixes: pointToSite.addressPrefixes },
    vpnClientProtocols: pointToSite.protocols ?? ["IkeV2", "OpenVPN"],
    vpnAuthenticationTypes: ["Certificate"],
    vpnClientRootCertificates: pointToSite.rootCertificates.map((certificate) => ({ name: certificate.name, publicCertData: certificateData(certificate.publicCertData) })),
  };
}

function gatewayView(gateway: VirtualNetworkGateway): VpnGatewayView {
  const client = gateway.vpnClientConfiguration;
  return {
    id: gateway.id ?? "",
    name: gateway.name ?? nameOf(gateway.id ?? ""),
    ...(gateway.provisioningState ? { provisioningState: gateway.provisioningState } : {}),
    ...(gateway.sku?.name ? { sku: gateway.sku.name } : {}),
    activeActive: gateway.active ?? false,
    enableBgp: gateway.enableBgp ?? false,
    ...(gateway.bgpSettings?.asn !== undefined ? { asn: gateway.bgpSettings.asn } : {}),
    ...(gateway.ipConfigurations?.[0]?.subnet?.id ? { subnetId: gateway.ipConfigurations[0].subnet.id } : {}),
    // Each instance's public IP is in its BGP peering addresses (tunnelIpAddresses): no public IP reads needed.
    instances: (gateway.bgpSettings?.bgpPeeringAddresses ?? []).map((entry) => ({
      ipConfigurationId: entry.ipconfigurationId ?? "",
      ...(entry.tunnelIpAddresses?.[0] ? { publicIpAddress: entry.tunnelIpAddresses[0] } : {}),
      ...(entry.defaultBgpIpAddresses?.[0] ? { defaultBgpAddress: entry.defaultBgpIpAddresses[0] } : {}),
      customBgpAddresses: [...(entry.customBgpIpAddresses ?? [])],
    })),
    pointToSite: client?.vpnClientAddressPool
      ? {
          addressPrefixes: [...(client.vpnClientAddressPool.addressPrefixes ?? [])],
          protocols: [...(client.vpnClientProtocols ?? [])],
          rootCertificateNames: (client.vpnClientRootCertificates ?? []).map((certificate) => certificate.name ?? ""),
        }
      : null,
    tags: tagsOf(gateway.tags),
  };
}

function connectionView(connection: VirtualNetworkGatewayConnection): VpnConnectionView {
  const policy = connection.ipsecPolicies?.[0];
  return {
    id: connection.id ?? "",
    ...(connection.provisioningState ? { provisioningState: connection.provisioningState } : {}),
    ...(connection.connectionStatus ? { connectionStatus: connection.connectionStatus } : {}),
    ...(connection.connectionType ? { connectionType: connection.connectionType } : {}),
    ...(connection.virtualNetworkGateway1?.id ? { gatewayId: connection.virtualNetworkGateway1.id } : {}),
    ...(connection.localNetworkGateway2?.id ? { localNetworkGatewayId: connection.localNetworkGateway2.id } : {}),
    ...(connection.virtualNetworkGateway2?.id ? { peerGatewayId: connection.virtualNetworkGateway2.id } : {}),
    enableBgp: connection.enableBgp ?? false,
    ...(connection.connectionProtocol ? { connectionProtocol: connection.connectionProtocol } : {}),
    ipsecPolicy: policy
      ? {
          saLifeTimeSeconds: policy.saLifeTimeSeconds,
          saDataSizeKilobytes: policy.saDataSizeKilobytes,
          ipsecEncryption: policy.ipsecEncryption,
          ipsecIntegrity: policy.ipsecIntegrity,
          ikeEncryption: policy.ikeEncryption,
          ikeIntegrity: policy.ikeIntegrity,
          dhGroup: policy.dhGroup,
          pfsGroup: policy.pfsGroup,
        }
      : null,
    tags: tagsOf(connection.tags),
  };
}

/** Where a POST action stands after its last request; a failed one throws like any other SDK error. */
function actionRead<R, T>(what: string, poller: Lro<R>, value: (result: R | undefined) => T): ActionRead<T> {
  const state = poller.getOperationState();
  if (state.status === "failed" || state.status === "canceled") throw state.error ?? new OperationFailedError(`${what} failed`);
  if (state.status !== "succeeded") return { done: false, operation: poller.toString() };
  return { done: true, value: value(state.result) };
}

type PeersResult = { value?: Array<{ neighbor?: string; localAddress?: string; asn?: number; state?: string; routesReceived?: number }> };
type RoutesResult = { value?: Array<{ network?: string; nextHop?: string; origin?: string; asPath?: string }> };

const peersOf = (result: PeersResult | undefined): BgpPeerView[] =>
  (result?.value ?? []).map((peer) => ({
    neighbor: peer.neighbor ?? "",
    state: peer.state ?? "Unknown",
    ...(peer.localAddress ? { localAddress: peer.localAddress } : {}),
    ...(peer.asn !== undefined ? { asn: peer.asn } : {}),
    ...(peer.routesReceived !== undefined ? { routesReceived: peer.routesReceived } : {}),
  }));

const routesOf = (result: RoutesResult | undefined): GatewayRouteView[] =>
  (result?.value ?? []).map((route) => ({
    network: route.network ?? "",
    ...(route.nextHop ? { nextHop: route.nextHop } : {}),
    ...(route.origin ? { origin: route.origin } : {}),
    ...(route.asPath !== undefined ? { asPath: route.asPath } : {}),
  }));

/**
 * AzureVpnPort over @azure/arm-network 39: the VPN half of the Azure adapter (AzureNetwork extends it, so one
 * client serves both). Writes send the initial request only; the orchestrator watches the resource.
 */
export class AzureVpn implements AzureVpnPort {
  constructor(protected readonly client: NetworkManagementClient) {}

  async findVpnGateway(resourceGroup: string, vnetId: string): Promise<VpnGatewayView | null> {
    const subnetPrefix = `${vnetId}/subnets/`.toLowerCase();
    for await (const gateway of this.client.virtualNetworkGateways.list(resourceGroup)) {
      const subnetId = gateway.ipConfigurations?.[0]?.subnet?.id ?? "";
      if (gateway.gatewayType === "Vpn" && subnetId.toLowerCase().startsWith(subnetPrefix)) return gatewayView(gateway);
    }
    return null;
  }

  async getVpnGateway(resourceGroup: string, name: string): Promise<VpnGatewayView | null> {
    const gateway = await orNull(() => this.client.virtualNetworkGateways.get(resourceGroup, name));
    return gateway && gateway.gatewayType === "Vpn" ? gatewayView(gateway) : null;
  }

  /** The whole gateway as the spec describes it (a gateway Interlink reuses is never PUT). */
  async putVpnGateway(resourceGroup: string, name: string, spec: VpnGatewaySpec): Promise<({ id: string } & Started) | NotReady> {
    const subscription = /^\/subscriptions\/[^/]+/i.exec(spec.gatewaySubnetId)?.[0] ?? "";
    const gatewayId = `${subscription}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/virtualNetworkGateways/${name}`;
    const instances = spec.publicIpIds.map((publicIpId, index) => ({ name: INSTANCE_NAMES[index] ?? `instance${index}`, publicIpId }));
    const body: VirtualNetworkGateway = {
      location: spec.location,
      tags: spec.tags,
      gatewayType: "Vpn",
      vpnType: "RouteBased",
      vpnGatewayGeneration: spec.generation ?? (GENERATION2_ONLY.has(spec.sku) ? "Generation2" : "Generation1"),
      sku: { name: spec.sku, tier: spec.sku },
      active: instances.length > 1,
      enableBgp: spec.enableBgp,
      bgpSettings: {
        asn: spec.asn ?? 65515,
        bgpPeeringAddresses: instances.map((instance, index) => ({ ipconfigurationId: `${gatewayId}/ipConfigurations/${instance.name}`, customBgpIpAddresses: spec.apipaAddresses?.[index] ?? [] })),
      },
      ipConfigurations: instances.map((instance) => ({ name: instance.name, privateIPAllocationMethod: "Dynamic", subnet: { id: spec.gatewaySubnetId }, publicIPAddress: { id: instance.publicIpId } })),
      ...(spec.pointToSite ? { vpnClientConfiguration: vpnClientConfiguration(spec.pointToSite) } : {}),
    };
    return startedOrNotReady(`the VPN gateway ${name}`, () => started(() => this.client.virtualNetworkGateways.beginCreateOrUpdate(resourceGroup, name, body), () => this.client.virtualNetworkGateways.get(resourceGroup, name)));
  }

  async setPointToSite(resourceGroup: string, gateway: string, pointToSite: PointToSiteSpec | null): Promise<({ id: string } & Started) | NotReady> {
    const current = await this.client.virtualNetworkGateways.get(resourceGroup, gateway);
    if (current.provisioningState === "Updating" || current.provisioningState === "Deleting") return { notReady: `the VPN gateway ${gateway} is ${current.provisioningState}` };
    const { etag: _etag, provisioningState: _state, resourceGuid: _guid, vpnClientConfiguration: _client, ...model } = current;
    const next: VirtualNetworkGateway = pointToSite ? { ...model, vpnClientConfiguration: vpnClientConfiguration(pointToSite) } : model;
    return startedOrNotReady(`the VPN gateway ${gateway}`, () => started(() => this.client.virtualNetworkGateways.beginCreateOrUpdate(resourceGroup, gateway, next), () => this.client.virtualNetworkGateways.get(resourceGroup, gateway)));
  }

  async startVpnClientPackage(resourceGroup: string, gateway: string): Promise<ActionRead<string> | NotReady> {
    const current = await this.client.virtualNetworkGateways.get(resourceGroup, gateway);
    if (current.provisioningState !== "Succeeded") return { notReady: `the VPN gateway ${gateway} is ${current.provisioningState ?? "not provisioned"}` };
    const poller = await this.client.virtualNetworkGateways.beginGeneratevpnclientpackage(resourceGroup, gateway, { processorArchitecture: "Amd64", authenticationMethod: "EAPTLS" });
    return actionRead("generating the VPN client package", poller, (result) => String(result?.body ?? ""));
  }

  async resumeVpnClientPackage(operation: string): Promise<ActionRead<string>> {
    const poller = await this.client.virtualNetworkGateways.beginGeneratevpnclientpackage(RESUMED, RESUMED, {}, { resumeFrom: operation });
    return actionRead("generating the VPN client package", poller, (result) => String(result?.body ?? ""));
  }

  async startVpnGatewayPeersRead(resourceGroup: string, gateway: string): Promise<ActionRead<BgpPeerView[]>> {
    const poller = await this.client.virtualNetworkGateways.beginGetBgpPeerStatus(resourceGroup, gateway);
    return actionRead("reading the gateway's BGP peers", poller, peersOf);
  }

  async resumeVpnGatewayPeersRead(operation: string): Promise<ActionRead<BgpPeerView[]>> {
    const poller = await this.client.virtualNetworkGateways.beginGetBgpPeerStatus(RESUMED, RESUMED, { resumeFrom: operation });
    return actionRead("reading the gateway's BGP peers", poller, peersOf);
  }

  async startVpnGatewayRoutesRead(resourceGroup: string, gateway: string): Promise<ActionRead<GatewayRouteView[]>> {
    const poller = await this.client.virtualNetworkGateways.beginGetLearnedRoutes(resourceGroup, gateway);
    return actionRead("reading the gateway's learned routes", poller, routesOf);
  }

  async resumeVpnGatewayRoutesRead(operation: string): Promise<ActionRead<GatewayRouteView[]>> {
    const poller = await this.client.virtualNetworkGateways.beginGetLearnedRoutes(RESUMED, RESUMED, { resumeFrom: operation });
    return actionRead("reading the gateway's learned routes", poller, routesOf);
  }

  async getLocalNetworkGateway(resourceGroup: string, name: string): Promise<LocalNetworkGatewayView | null> {
    const local = await orNull(() => this.client.localNetworkGateways.get(resourceGroup, name));
    if (!local) return null;
    return {
      id: local.id ?? "",
      ...(local.provisioningState ? { provisioningState: local.provisioningState } : {}),
      ...(local.gatewayIpAddress ? { gatewayIpAddress: local.gatewayIpAddress } : {}),
      addressPrefixes: [...(local.localNetworkAddressSpace?.addressPrefixes ?? [])],
      bgp: local.bgpSettings?.asn !== undefined && local.bgpSettings.bgpPeeringAddress ? { asn: local.bgpSettings.asn, peeringAddress: local.bgpSettings.bgpPeeringAddress } : null,
      tags: tagsOf(local.tags),
    };
  }

  async putLocalNetworkGateway(resourceGroup: string, name: string, spec: LocalNetworkGatewaySpec): Promise<({ id: string } & Started) | NotReady> {
    const poller = () => this.client.localNetworkGateways.beginCreateOrUpdate(resourceGroup, name, {
      location: spec.location,
      tags: spec.tags,
      gatewayIpAddress: spec.gatewayIpAddress,
      localNetworkAddressSpace: { addressPrefixes: spec.addressPrefixes },
      ...(spec.bgp ? { bgpSettings: { asn: spec.bgp.asn, bgpPeeringAddress: spec.bgp.peeringAddress } } : {}),
    });
    return startedOrNotReady(`the local network gateway ${name}`, () => started(poller, () => this.client.localNetworkGateways.get(resourceGroup, name)));
  }

  async deleteLocalNetworkGateway(resourceGroup: string, name: string): Promise<{ existed: boolean } & Started> {
    return this.startDelete(() => this.client.localNetworkGateways.get(resourceGroup, name), () => this.client.localNetworkGateways.beginDelete(resourceGroup, name));
  }

  async getVpnConnection(resourceGroup: string, name: string): Promise<VpnConnectionView | null> {
    const connection = await orNull(() => this.client.virtualNetworkGatewayConnections.get(resourceGroup, name));
    return connection && connection.connectionType !== "ExpressRoute" ? connectionView(connection) : null;
  }

  async putVpnConnection(resourceGroup: string, name: string, spec: VpnConnectionSpec): Promise<({ id: string } & Started) | NotReady> {
    const body = {
      location: spec.location,
      tags: spec.tags,
      connectionType: "localNetworkGatewayId" in spec.to ? "IPsec" : "Vnet2Vnet",
      connectionProtocol: spec.protocol ?? "IKEv2",
      virtualNetworkGateway1: { id: spec.gatewayId },
      ...("localNetworkGatewayId" in spec.to ? { localNetworkGateway2: { id: spec.to.localNetworkGatewayId } } : { virtualNetworkGateway2: { id: spec.to.peerGatewayId } }),
      sharedKey: spec.sharedKey,
      enableBgp: spec.enableBgp,
      routingWeight: 0,
      ipsecPolicies: spec.ipsecPolicy ? [spec.ipsecPolicy] : [],
      ...(spec.customBgpAddresses ? { gatewayCustomBgpIpAddresses: spec.customBgpAddresses.map((entry) => ({ ipConfigurationId: entry.ipConfigurationId, customBgpIpAddress: entry.address })) } : {}),
    } as VirtualNetworkGatewayConnection;
    return withoutSecrets([spec.sharedKey], () =>
      startedOrNotReady(`the connection ${name}`, () => started(() => this.client.virtualNetworkGatewayConnections.beginCreateOrUpdate(resourceGroup, name, body), () => this.client.virtualNetworkGatewayConnections.get(resourceGroup, name))),
    );
  }

  async getConnectionSharedKey(resourceGroup: string, name: string): Promise<string | null> {
    const key = await orNull(() => this.client.virtualNetworkGatewayConnections.getSharedKey(resourceGroup, name));
    return key?.value ?? null;
  }

  async setConnectionSharedKey(resourceGroup: string, name: string, sharedKey: string): Promise<({ id: string } & Started) | NotReady> {
    return withoutSecrets([sharedKey], () =>
      startedOrNotReady(`the connection ${name}`, async () => {
        const poller = () => this.client.virtualNetworkGatewayConnections.beginSetSharedKey(resourceGroup, name, { value: sharedKey });
        const operation = await submit(poller);
        return { id: (await this.client.virtualNetworkGatewayConnections.get(resourceGroup, name)).id ?? "", ...operation };
      }),
    );
  }

  /** Starts a delete when the resource exists; a resource already gone is a successful delete. */
  protected startDelete(read: () => Promise<unknown>, remove: () => Promise<Lro<unknown>>, options?: DeleteOptions): Promise<{ existed: boolean } & Started> {
    return startDelete(read, remove, options);
  }
}

