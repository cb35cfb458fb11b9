import {
  EnsureIpsecConnectionActivity,
  EnsureVpnGatewayIpActivity,
  PutLocalNetworkGatewayActivity,
  PutVpnConnectionActivity,
  ReadIpsecConnectionActivity,
  ReadVpnGatewayActivity,
  ReadVpnPublicIpActivity,
  StartVpnGatewayActivity,
  VpnPreflightActivity,
} from "../../../orchestrations/contracts/vpn";
import { isNotReady } from "../../../shared/clouds/ports";
import { newSharedKey } from "../../../shared/clouds/vpn-keys";
import { type IpsecTunnelSpec, type VpnGatewaySku } from "../../../shared/clouds/vpn-ports";
import { retryToken } from "../../../shared/clouds/idempotency";
import { GATEWAY_SUBNET_NAME } from "../../../shared/domain/catalogue";
import { OWNER_TAG } from "../../../shared/domain/naming";
import { ORACLE_BGP_ASN, vpnResourceNames } from "../../../shared/domain/vpn-link";
import { type NetworkDeps, type NetworkHandler, networkActivity, notReady, operationsOf, refusal } from "../network/context";

const namesOf = (input: { ref: { name: string }; azure: { vnet: string } }) => vpnResourceNames(input.ref.name, input.azure.vnet);

const preflight: NetworkHandler<typeof VpnPreflightActivity> = async (ctx, { azure: where, oci: ociWhere }) => {
  const vnet = await ctx.azure(where).getVirtualNetwork(where.resourceGroup, where.vnet);
  if (!vnet) return refusal("VirtualNetworkNotFound", `no VNet ${where.vnet} in ${where.resourceGroup}`);
  const vcn = await ctx.oci.getVcn(ociWhere.vcnId);
  if (!vcn) return refusal("VcnNotFound", `no VCN ${ociWhere.vcnId}`);
  const drg = await ctx.oci.getDrg(ociWhere.drgId);
  if (!drg || drg.lifecycleState === "TERMINATED" || drg.lifecycleState === "TERMINATING") return refusal("DrgNotFound", `no DRG ${ociWhere.drgId}`);
  const other = (await ctx.oci.listDrgAttachments(vcn.compartmentId, { vcnId: vcn.id })).find((attachment) => attachment.drgId !== ociWhere.drgId);
  if (other) return refusal("VcnAttachedElsewhere", `the VCN is attached to DRG ${other.drgId}, not ${ociWhere.drgId}: a VCN attaches to one DRG`);
  const warnings = vnet.subnets.some((subnet) => subnet.name === GATEWAY_SUBNET_NAME) ? [] : [`the VNet has no ${GATEWAY_SUBNET_NAME}: it will be created`];
  return { kind: "ok" as const, observed: { vnetId: vnet.id, location: vnet.location, vnetCidrs: vnet.addressSpaces, vcnCidrs: vcn.cidrBlocks }, warnings };
};

const ensureGatewayIp: NetworkHandler<typeof EnsureVpnGatewayIpActivity> = async (ctx, { azure: where, ...input }) => {
  const azure = ctx.azure(where);
  const vnet = await azure.getVirtualNetwork(where.resourceGroup, where.vnet);
  if (!vnet) return refusal("VirtualNetworkNotFound", `no VNet ${where.vnet} in ${where.resourceGroup}`);
  const existing = await azure.findVpnGateway(where.resourceGroup, vnet.id);
  if (existing && existing.provisioningState !== "Failed") return { kind: "ok" as const, existingGatewayId: existing.id, created: false, operations: [] };
  const name = namesOf({ ...input, azure: where }).gatewayPublicIp;
  const ip = await azure.getPublicIp(where.resourceGroup, name);
  if (ip && ip.provisioningState !== "Failed") return { kind: "ok" as const, publicIpId: ip.id, created: ip.tags[OWNER_TAG] !== undefined, operations: [] };
  const put = await azure.putPublicIp(where.resourceGroup, name, { location: vnet.location, tags: ctx.tags });
  return { kind: "ok" as const, publicIpId: put.id, created: true, operations: operationsOf(put) };
};

const readPublicIp: NetworkHandler<typeof ReadVpnPublicIpActivity> = async (ctx, { azure: where, publicIpId }) => {
  const ip = await ctx.azure(where).getPublicIp(where.resourceGroup, publicIpId.split("/").pop() ?? "");
  return { kind: "ok" as const, ...(ip?.provisioningState ? { provisioningState: ip.provisioningState } : {}), ...(ip?.ipAddress ? { ipAddress: ip.ipAddress } : {}) };
};

/** A gateway already in the VNet is reused as it is when it has what the link needs (BGP, the APIPA addresses). */
const startGateway: NetworkHandler<typeof StartVpnGatewayActivity> = async (ctx, { azure: where, publicIpId, sku, asn, apipa, ...input }) => {
  const azure = ctx.azure(where);
  const vnet = await azure.getVirtualNetwork(where.resourceGroup, where.vnet);
  if (!vnet) return refusal("VirtualNetworkNotFound", `no VNet ${where.vnet} in ${where.resourceGroup}`);
  const existing = await azure.findVpnGateway(where.resourceGroup, vnet.id);
  const ours = existing?.tags[OWNER_TAG] !== undefined;
  if (existing && !(ours && existing.provisioningState === "Failed")) {
    const missing = (apipa ?? []).filter((address) => !existing.instances[0]?.customBgpAddresses.includes(address));
    if (apipa && (!existing.enableBgp || missing.length > 0)) {
      return refusal("GatewayNotReady", `the VNet's VPN gateway ${existing.name} has ${existing.enableBgp ? `no APIPA address ${missing.join(", ")}` : "BGP off"}; add it to the gateway or use static routing`);
    }
    return { kind: "ok" as const, gatewayId: existing.id, created: false, operations: [] };
  }
  if (!publicIpId) return refusal("PublicIpMissing", "no public IP for the VPN gateway");
  const put = await azure.putVpnGateway(where.resourceGroup, existing?.name ?? namesOf({ ...input, azure: where }).gateway, {
    location: vnet.location,
    gatewaySubnetId: `${vnet.id}/subnets/${GATEWAY_SUBNET_NAME}`,
    sku: sku as VpnGatewaySku,
    publicIpIds: [publicIpId],
    enableBgp: apipa !== undefined,
    asn,
    ...(apipa ? { apipaAddresses: [apipa] } : {}),
    tags: ctx.tags,
  });
  if (isNotReady(put)) return notReady(put.notReady);
  return { kind: "ok" as const, gatewayId: put.id, created: true, operations: operationsOf(put) };
};

const readGateway: NetworkHandler<typeof ReadVpnGatewayActivity> = async (ctx, { azure: where, gatewayId }) => {
  const gateway = await ctx.azure(where).getVpnGateway(where.resourceGroup, gatewayId.split("/").pop() ?? "");
  if (!gateway) return { kind: "ok" as const, exists: false, customBgpAddresses: [] };
  const instance = gateway.instances[0];
  return {
    kind: "ok" as const,
    exists: true,
    ...(gateway.provisioningState ? { provisioningState: gateway.provisioningState } : {}),
    ...(instance?.publicIpAddress ? { publicIpAddress: instance.publicIpAddress } : {}),
    ...(gateway.asn !== undefined ? { asn: gateway.asn } : {}),
    customBgpAddresses: instance?.customBgpAddresses ?? [],
  };
};

/** Found by name and owner before any create; the create is replayed by its retry token. Keys are made here. */
const ensureIpsec: NetworkHandler<typeof EnsureIpsecConnectionActivity> = async (ctx, input) => {
  const { oci } = ctx;
  const names = namesOf(input);
  const where = input.oci;
  const cpe =
    (await oci.findCpe(where.compartmentId, names.cpe, ctx.owner)) ??
    (await oci.createCpe(where.compartmentId, names.cpe, input.cpeIpAddress, ctx.tags, retryToken(ctx.operationId, "cpe")));
  if (cpe.ipAddress !== input.cpeIpAddress) return refusal("CpeAddressMismatch", `the CPE ${names.cpe} has ${cpe.ipAddress}, but the VPN gateway's address is ${input.cpeIpAddress}`);
  const existing = await oci.findIpsecConnection(where.compartmentId, names.ipsecConnection, ctx.owner);
  if (existing) return { kind: "ok" as const, cpeId: cpe.id, ipsecConnectionId: existing.id, lifecycleState: existing.lifecycleState };
  const tunnel = (index: number): IpsecTunnelSpec => {
    const bgp = input.bgp?.[index];
    return {
      displayName: names.tunnel(index),
      routing: bgp ? "BGP" : "STATIC",
      ikeVersion: "V2",
      sharedSecret: newSharedKey(),
      ...(bgp ? { bgp: { oracleInterfaceIp: `${bgp.oracle}/${bgp.prefixLength}`, customerInterfaceIp: `${bgp.azure}/${bgp.prefixLength}`, customerBgpAsn: input.azureAsn } } : {}),
      policy: input.policy,
    };
  };
  const created = await oci.createIpsecConnection(
    { compartmentId: where.compartmentId, displayName: names.ipsecConnection, drgId: where.drgId, cpeId: cpe.id, staticRoutes: input.bgp ? [] : input.staticRoutes, tunnels: [tunnel(0), tunnel(1)], tags: ctx.tags },
    retryToken(ctx.operationId, "ipsec"),
  );
  if (isNotReady(created)) return notReady(created.notReady);
  return { kind: "ok" as const, cpeId: cpe.id, ipsecConnectionId: created.id, lifecycleState: created.lifecycleState };
};

const readIpsec: NetworkHandler<typeof ReadIpsecConnectionActivity> = async (ctx, { ipsecConnectionId }) => {
  const connection = await ctx.oci.getIpsecConnection(ipsecConnectionId);
  if (!connection) return { kind: "ok" as const, exists: false, tunnels: [] };
  const tunnels = await ctx.oci.listIpsecTunnels(ipsecConnectionId);
  return {
    kind: "ok" as const,
    exists: true,
    lifecycleState: connection.lifecycleState,
    tunnels: tunnels
      .sort((a, b) => a.displayName.localeCompare(b.displayName))
      .map((tunnel) => ({
        id: tunnel.id,
        displayName: tunnel.displayName,
        lifecycleState: tunnel.lifecycleState,
        ...(tunnel.vpnIp ? { vpnIp: tunnel.vpnIp } : {}),
        ...(tunnel.status ? { status: tunnel.status } : {}),
        ...(tunnel.bgp.state ? { bgpState: tunnel.bgp.state } : {}),
      })),
  };
};

const putLocalGateway: NetworkHandler<typeof PutLocalNetworkGatewayActivity> = async (ctx, input) => {
  const where = input.azure;
  const put = await ctx.azure(where).putLocalNetworkGateway(where.resourceGroup, namesOf(input).localNetworkGateway(input.tunnel), {
    location: input.location,
    gatewayIpAddress: input.vpnIp,
    // With BGP the prefixes come over the session; statically, the VCN's CIDRs are behind the tunnel.
    addressPrefixes: input.bgp ? [] : input.vcnCidrs,
    ...(input.bgp ? { bgp: { asn: ORACLE_BGP_ASN, peeringAddress: input.bgp.oracle } } : {}),
    tags: ctx.tags,
  });
  if (isNotReady(put)) return notReady(put.notReady);
  return { kind: "ok" as const, localNetworkGatewayId: put.id, operations: operationsOf(put) };
};

const putConnection: NetworkHandler<typeof PutVpnConnectionActivity> = async (ctx, input) => {
  const where = input.azure;
  const azure = ctx.azure(where);
  const sharedKey = await ctx.oci.getTunnelSharedSecret(input.ipsecConnectionId, input.tunnelId);
  const put = await azure.putVpnConnection(where.resourceGroup, namesOf(input).connection(input.tunnel), {
    location: input.location,
    gatewayId: input.gatewayId,
    to: { localNetworkGatewayId: input.localNetworkGatewayId },
    sharedKey,
    enableBgp: input.bgp !== undefined,
    protocol: "IKEv2",
    ipsecPolicy: input.policy,
    ...(input.bgp ? { customBgpAddresses: [{ ipConfigurationId: `${input.gatewayId}/ipConfigurations/default`, address: input.bgp.azure }] } : {}),
    tags: ctx.tags,
  });
  if (isNotReady(put)) return notReady(put.notReady);
  return { kind: "ok" as const, connectionId: put.id, operations: operationsOf(put) };
};

export function createVpnSetupActivities(deps: NetworkDeps) {
  return {
    VpnPreflightActivity: networkActivity(deps, VpnPreflightActivity, preflight),
    EnsureVpnGatewayIpActivity: networkActivity(deps, EnsureVpnGatewayIpActivity, ensureGatewayIp),
    ReadVpnPublicIpActivity: networkActivity(deps, ReadVpnPublicIpActivity, readPublicIp),
    StartVpnGatewayActivity: networkActivity(deps, StartVpnGatewayActivity, startGateway),
    ReadVpnGatewayActivity: networkActivity(deps, ReadVpnGatewayActivity, readGateway),
    EnsureIpsecConnectionActivity: networkActivity(deps, EnsureIpsecConnectionActivity, ensureIpsec),
    ReadIpsecConnectionActivity: networkActivity(deps, ReadIpsecConnectionActivity, readIpsec),
    PutLocalNetworkGatewayActivity: networkActivity(deps, PutLocalNetworkGatewayActivity, putLocalGateway),
    PutVpnConnectionActivity: networkActivity(deps, PutVpnConnectionActivity, putConnection),
  };
}
