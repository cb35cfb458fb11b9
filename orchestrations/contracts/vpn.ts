import { z } from "zod";
import { VpnHealthReport, VpnOperationChange } from "../../shared/domain/vpn-link-record";
import { type AzureOciVpnRequest } from "../../shared/domain/vpn-link";
import { AzureIpsecPolicy } from "../../shared/domain/vpn-views";
import { defineActivity, okOrFailed } from "../flow/contract";
import { InterconnectRef, okFailedOrNotReady, StartedOperations, TicketId } from "./common";

/**
 * The activities of VPN links. Inputs never carry a shared key: keys are generated (CSPRNG) by the activity that
 * sets them on OCI and read back from OCI by the activity that sets them on Azure, so none enters history.
 */

export const VpnAzureScope = z.object({ subscriptionId: z.string(), resourceGroup: z.string(), vnet: z.string(), region: z.string() });
export const VpnOciScope = z.object({ compartmentId: z.string(), vcnId: z.string(), drgId: z.string() });

/** What every VPN activity on one VNet gets: the link (owner of what is created), its ticket and the VNet. */
export const VpnAzureTarget = z.object({ ref: InterconnectRef, ticketId: TicketId, azure: VpnAzureScope });
export type VpnAzureTarget = z.infer<typeof VpnAzureTarget>;
/** An azure-oci link's activities also get the OCI side. */
export const VpnTarget = VpnAzureTarget.extend({ oci: VpnOciScope });
export type VpnTarget = z.infer<typeof VpnTarget>;

export function vpnTargetOf(request: AzureOciVpnRequest, operationId: string): VpnTarget {
  return {
    ref: { name: request.name, operationId },
    ...(request.ticketId ? { ticketId: request.ticketId } : {}),
    azure: { subscriptionId: request.azure.subscriptionId, resourceGroup: request.azure.resourceGroup, vnet: request.azure.vnet.name, region: request.azure.region },
    oci: { compartmentId: request.oci.compartmentId, vcnId: request.oci.vcnId, drgId: request.oci.drgId },
  };
}

/** One tunnel's BGP addressing (BGP routing only). */
export const TunnelBgp = z.object({ oracle: z.string(), azure: z.string(), prefixLength: z.number().int() });

export const RecordVpnOperationActivity = defineActivity("RecordVpnOperationActivity", VpnOperationChange, okOrFailed({}));

export const VpnObserved = z.object({ vnetId: z.string(), location: z.string(), vnetCidrs: z.array(z.string()), vcnCidrs: z.array(z.string()), drgAttachedElsewhere: z.string().optional() });
export type VpnObserved = z.infer<typeof VpnObserved>;

/** Reads the VNet, the VCN and the DRG; creates nothing. */
export const VpnPreflightActivity = defineActivity("VpnPreflightActivity", VpnTarget, okOrFailed({ observed: VpnObserved, warnings: z.array(z.string()) }));

/** The VNet's VPN gateway when it has one; else the gateway's public IP, found by name or created (Standard, static). */
export const EnsureVpnGatewayIpActivity = defineActivity(
  "EnsureVpnGatewayIpActivity",
  VpnAzureTarget,
  okFailedOrNotReady({ existingGatewayId: z.string().optional(), publicIpId: z.string().optional(), created: z.boolean(), ...StartedOperations }),
);

/** The public IP's address (allocated once it is Succeeded). */
export const ReadVpnPublicIpActivity = defineActivity(
  "ReadVpnPublicIpActivity",
  VpnAzureTarget.extend({ publicIpId: z.string() }),
  okOrFailed({ provisioningState: z.string().optional(), ipAddress: z.string().optional() }),
);

/** PUTs the VNet's route-based VPN gateway (BGP with APIPA addresses when asked); a gateway already there is reused. */
export const StartVpnGatewayActivity = defineActivity(
  "StartVpnGatewayActivity",
  VpnAzureTarget.extend({ publicIpId: z.string().optional(), sku: z.string(), asn: z.number().int(), apipa: z.array(z.string()).optional() }),
  okFailedOrNotReady({ gatewayId: z.string(), created: z.boolean(), ...StartedOperations }),
);

export const ReadVpnGatewayActivity = defineActivity(
  "ReadVpnGatewayActivity",
  VpnAzureTarget.extend({ gatewayId: z.string() }),
  okOrFailed({ exists: z.boolean(), provisioningState: z.string().optional(), publicIpAddress: z.string().optional(), asn: z.number().optional(), customBgpAddresses: z.array(z.string()).default([]) }),
);

/** The CPE for the gateway's address and the IPSec connection with two tunnels, each with a new CSPRNG shared secret. */
export const EnsureIpsecConnectionActivity = defineActivity(
  "EnsureIpsecConnectionActivity",
  VpnTarget.extend({ cpeIpAddress: z.string(), azureAsn: z.number().int(), bgp: z.array(TunnelBgp).optional(), staticRoutes: z.array(z.string()), policy: AzureIpsecPolicy }),
  okFailedOrNotReady({ cpeId: z.string(), ipsecConnectionId: z.string(), lifecycleState: z.string() }),
);

export const TunnelState = z.object({
  id: z.string(),
  displayName: z.string(),
  vpnIp: z.string().optional(),
  status: z.string().optional(),
  lifecycleState: z.string(),
  bgpState: z.string().optional(),
});
export type TunnelState = z.infer<typeof TunnelState>;

export const ReadIpsecConnectionActivity = defineActivity(
  "ReadIpsecConnectionActivity",
  z.object({ ref: InterconnectRef, ipsecConnectionId: z.string() }),
  okOrFailed({ exists: z.boolean(), lifecycleState: z.string().optional(), tunnels: z.array(TunnelState).default([]) }),
);

/** The local network gateway for one tunnel: Oracle's headend, and Oracle's BGP speaker or the VCN's prefixes. */
export const PutLocalNetworkGatewayActivity = defineActivity(
  "PutLocalNetworkGatewayActivity",
  VpnTarget.extend({ tunnel: z.number().int().min(0).max(1), location: z.string(), vpnIp: z.string(), bgp: TunnelBgp.optional(), vcnCidrs: z.array(z.string()) }),
  okFailedOrNotReady({ localNetworkGatewayId: z.string(), ...StartedOperations }),
);

/** The Azure connection for one tunnel, with the key read from OCI's tunnel (never an input or output). */
export const PutVpnConnectionActivity = defineActivity(
  "PutVpnConnectionActivity",
  VpnTarget.extend({
    tunnel: z.number().int().min(0).max(1),
    location: z.string(),
    gatewayId: z.string(),
    localNetworkGatewayId: z.string(),
    ipsecConnectionId: z.string(),
    tunnelId: z.string(),
    bgp: TunnelBgp.optional(),
    policy: AzureIpsecPolicy,
  }),
  okFailedOrNotReady({ connectionId: z.string(), ...StartedOperations }),
);

/** Tunnels, BGP, the Azure connections, routes learned on both sides and which path carries traffic. */
export const CheckVpnLinkActivity = defineActivity(
  "CheckVpnLinkActivity",
  VpnTarget.extend({ ipsecConnectionId: z.string(), bgp: z.boolean(), vnetCidrs: z.array(z.string()), vcnCidrs: z.array(z.string()) }),
  okOrFailed({ health: VpnHealthReport }),
);

/** A new CSPRNG key on one OCI tunnel (the tunnel re-provisions, then stays DOWN until Azure has the same key). */
export const SetTunnelSecretActivity = defineActivity(
  "SetTunnelSecretActivity",
  z.object({ ref: InterconnectRef, ipsecConnectionId: z.string(), tunnelId: z.string() }),
  okFailedOrNotReady({}),
);

/** Sets the Azure connection's key to the OCI tunnel's, read from OCI. */
export const SyncConnectionKeyActivity = defineActivity(
  "SyncConnectionKeyActivity",
  VpnTarget.extend({ tunnel: z.number().int().min(0).max(1), ipsecConnectionId: z.string(), tunnelId: z.string() }),
  okFailedOrNotReady({ ...StartedOperations }),
);

const Deleted = okFailedOrNotReady({ existed: z.boolean(), ...StartedOperations });

export const DeleteVpnConnectionActivity = defineActivity("DeleteVpnConnectionActivity", VpnAzureTarget.extend({ tunnel: z.number().int().min(0).max(1) }), Deleted);
export const DeleteLocalNetworkGatewayActivity = defineActivity("DeleteLocalNetworkGatewayActivity", VpnTarget.extend({ tunnel: z.number().int().min(0).max(1) }), Deleted);
/** The IPSec connection (found by id or by name and tag), then the CPE once no connection uses it. */
export const DeleteIpsecConnectionActivity = defineActivity("DeleteIpsecConnectionActivity", VpnTarget.extend({ ipsecConnectionId: z.string().optional() }), Deleted);
export const DeleteCpeActivity = defineActivity("DeleteCpeActivity", VpnTarget.extend({ cpeId: z.string().optional() }), Deleted);

/** The VNet's VPN gateway goes when Interlink created it and no connection or other VPN link uses it; its public IP with it. */
export const DeleteVpnGatewayIfUnusedActivity = defineActivity(
  "DeleteVpnGatewayIfUnusedActivity",
  VpnAzureTarget,
  okFailedOrNotReady({ deleted: z.boolean(), reason: z.string(), ...StartedOperations }),
);
export const DeleteVpnPublicIpIfUnusedActivity = defineActivity(
  "DeleteVpnPublicIpIfUnusedActivity",
  VpnAzureTarget,
  okFailedOrNotReady({ deleted: z.boolean(), reason: z.string(), ...StartedOperations }),
);

/** Both VNets of a vnet-to-vnet link: their ids, locations and address spaces (which must not overlap). */
export const Vnet2VnetPreflightActivity = defineActivity(
  "Vnet2VnetPreflightActivity",
  z.object({ ref: InterconnectRef, vnets: z.array(VpnAzureScope).length(2) }),
  okOrFailed({ sides: z.array(z.object({ vnetId: z.string(), location: z.string(), cidrs: z.array(z.string()) })), warnings: z.array(z.string()) }),
);

/**
 * One direction of a vnet-to-vnet link: the connection from this VNet's gateway to the other's. The first direction
 * keeps the key its connection has, or gets a new CSPRNG one; the second reads the first's (`keyFrom`) so both match.
 */
export const PutVnet2VnetConnectionActivity = defineActivity(
  "PutVnet2VnetConnectionActivity",
  VpnAzureTarget.extend({
    direction: z.number().int().min(0).max(1),
    location: z.string(),
    gatewayId: z.string(),
    peerGatewayId: z.string(),
    policy: AzureIpsecPolicy,
    keyFrom: z.object({ subscriptionId: z.string(), resourceGroup: z.string(), direction: z.number().int().min(0).max(1) }).optional(),
  }),
  okFailedOrNotReady({ connectionId: z.string(), ...StartedOperations }),
);

/** Both directions' connections as Azure reports them. */
export const ReadVnet2VnetActivity = defineActivity(
  "ReadVnet2VnetActivity",
  z.object({ ref: InterconnectRef, vnets: z.array(VpnAzureScope).length(2) }),
  okOrFailed({ health: VpnHealthReport }),
);
