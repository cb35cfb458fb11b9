import { type models, type requests } from "oci-core";
import { OWNER_TAG } from "../../domain/naming";
import { ociPhasesFor } from "../../domain/vpn-policy";
import { classifyCloudError } from "../errors";
import { type NotReady, type Tags } from "../ports";
import { withoutSecrets } from "../secrets";
import {
  type CpeView,
  type DrgLearnedRoute,
  type IpsecConnectionSpec,
  type IpsecConnectionView,
  type IpsecTunnelSpec,
  type IpsecTunnelView,
  type OciVpnPort,
  type TunnelRouteView,
} from "../vpn-ports";
import { LIVE, OciCalls, tagsOf } from "./calls";

const cpeView = (cpe: models.Cpe): CpeView => ({ id: cpe.id, displayName: cpe.displayName ?? "", ipAddress: cpe.ipAddress, freeformTags: tagsOf(cpe.freeformTags) });

const ipsecView = (connection: models.IPSecConnection): IpsecConnectionView => ({
  id: connection.id,
  displayName: connection.displayName ?? "",
  lifecycleState: String(connection.lifecycleState),
  drgId: connection.drgId,
  cpeId: connection.cpeId,
  staticRoutes: [...(connection.staticRoutes ?? [])],
  freeformTags: tagsOf(connection.freeformTags),
});

function tunnelView(tunnel: models.IPSecConnectionTunnel): IpsecTunnelView {
  const bgp = tunnel.bgpSessionInfo;
  const when = tunnel.timeStatusUpdated as Date | string | undefined;
  return {
    id: tunnel.id,
    displayName: tunnel.displayName ?? "",
    ...(tunnel.vpnIp ? { vpnIp: tunnel.vpnIp } : {}),
    ...(tunnel.cpeIp ? { cpeIp: tunnel.cpeIp } : {}),
    ...(tunnel.status ? { status: String(tunnel.status) } : {}),
    lifecycleState: String(tunnel.lifecycleState),
    ...(tunnel.routing ? { routing: String(tunnel.routing) } : {}),
    ...(tunnel.ikeVersion ? { ikeVersion: String(tunnel.ikeVersion) } : {}),
    bgp: {
      ...(bgp?.oracleInterfaceIp ? { oracleInterfaceIp: bgp.oracleInterfaceIp } : {}),
      ...(bgp?.customerInterfaceIp ? { customerInterfaceIp: bgp.customerInterfaceIp } : {}),
      ...(bgp?.oracleBgpAsn ? { oracleBgpAsn: bgp.oracleBgpAsn } : {}),
      ...(bgp?.customerBgpAsn ? { customerBgpAsn: bgp.customerBgpAsn } : {}),
      ...(bgp?.bgpState ? { state: String(bgp.bgpState) } : {}),
    },
    ...(when ? { timeStatusUpdated: new Date(when).toISOString() } : {}),
  };
}

/** A tunnel's create details; a custom policy is translated to OCI's phase one and two (refused when it has no twin). */
function tunnelDetails(tunnel: IpsecTunnelSpec): models.CreateIPSecConnectionTunnelDetails {
  const phases = tunnel.policy ? ociPhasesFor(tunnel.policy) : undefined;
  if (phases && "problem" in phases) throw new Error(`The IPsec/IKE policy of tunnel ${tunnel.displayName} cannot be used on OCI: ${phases.problem}.`);
  return {
    displayName: tunnel.displayName,
    routing: tunnel.routing as models.CreateIPSecConnectionTunnelDetails.Routing,
    ikeVersion: (tunnel.ikeVersion ?? "V2") as models.CreateIPSecConnectionTunnelDetails.IkeVersion,
    sharedSecret: tunnel.sharedSecret,
    ...(tunnel.bgp
      ? { bgpSessionConfig: { oracleInterfaceIp: tunnel.bgp.oracleInterfaceIp, customerInterfaceIp: tunnel.bgp.customerInterfaceIp, customerBgpAsn: String(tunnel.bgp.customerBgpAsn) } }
      : {}),
    ...(phases
      ? { phaseOneConfig: phases.phaseOne as models.PhaseOneConfigDetails, phaseTwoConfig: phases.phaseTwo as models.PhaseTwoConfigDetails }
      : {}),
  };
}

/** OCI answers 409 IncorrectState while what the request needs is being provisioned or changed. */
function notReadyOf(error: unknown, what: string): NotReady | null {
  return classifyCloudError(error).notReady ? { notReady: `${what} is being provisioned or changed` } : null;
}

/**
 * OciVpnPort over oci-core's VirtualNetworkClient: the VPN half of the OCI adapter (OciNetwork extends it).
 * Creates carry the caller's retry token; shared secrets only travel through the shared-secret calls.
 */
export abstract class OciVpn extends OciCalls implements OciVpnPort {
  async getCpe(cpeId: string): Promise<CpeView | null> {
    const response = await this.read(() => this.client.getCpe({ cpeId }));
    return response ? cpeView(response.cpe) : null;
  }

  async findCpe(compartmentId: string, displayName: string, owner: string): Promise<CpeView | null> {
    const cpes = await this.all((page) => this.client.listCpes({ compartmentId, ...(page ? { page } : {}) }));
    const match = cpes.find((cpe) => cpe.displayName === displayName && cpe.freeformTags?.[OWNER_TAG] === owner);
    return match ? cpeView(match) : null;
  }

  async createCpe(compartmentId: string, displayName: string, ipAddress: string, tags: Tags, retryToken: string): Promise<CpeView> {
    const response = await this.call(() => this.client.createCpe({ createCpeDetails: { compartmentId, displayName, ipAddress, freeformTags: tags }, opcRetryToken: retryToken }));
    return cpeView(response.cpe);
  }

  async deleteCpe(cpeId: string): Promise<{ existed: boolean }> {
    return this.remove(() => this.client.deleteCpe({ cpeId }));
  }

  async getIpsecConnection(ipsecConnectionId: string): Promise<IpsecConnectionView | null> {
    const response = await this.read(() => this.client.getIPSecConnection({ ipscId: ipsecConnectionId }));
    return response && LIVE(String(response.iPSecConnection.lifecycleState)) ? ipsecView(response.iPSecConnection) : null;
  }

  async findIpsecConnection(compartmentId: string, displayName: string, owner: string): Promise<IpsecConnectionView | null> {
    const connections = await this.all((page) => this.client.listIPSecConnections({ compartmentId, ...(page ? { page } : {}) }));
    const match = connections.find((connection) => connection.displayName === displayName && connection.freeformTags?.[OWNER_TAG] === owner && LIVE(String(connection.lifecycleState)));
    return match ? ipsecView(match) : null;
  }

  async createIpsecConnection(spec: IpsecConnectionSpec, retryToken: string): Promise<IpsecConnectionView | NotReady> {
    const details: models.CreateIPSecConnectionDetails = {
      compartmentId: spec.compartmentId,
      displayName: spec.displayName,
      drgId: spec.drgId,
      cpeId: spec.cpeId,
      staticRoutes: spec.staticRoutes,
      tunnelConfiguration: spec.tunnels.map(tunnelDetails),
      freeformTags: spec.tags,
    };
    return withoutSecrets(
      spec.tunnels.map((tunnel) => tunnel.sharedSecret),
      async () => {
        try {
          const response = await this.call(() => this.client.createIPSecConnection({ createIPSecConnectionDetails: details, opcRetryToken: retryToken }));
          return ipsecView(response.iPSecConnection);
        } catch (error) {
          const notReady = notReadyOf(error, `the DRG ${spec.drgId}`);
          if (notReady) return notReady;
          throw error;
        }
      },
    );
  }

  async deleteIpsecConnection(ipsecConnectionId: string): Promise<{ existed: boolean }> {
    const current = await this.getIpsecConnection(ipsecConnectionId);
    if (!current) return { existed: false };
    return this.remove(() => this.client.deleteIPSecConnection({ ipscId: ipsecConnectionId }));
  }

  async listIpsecTunnels(ipsecConnectionId: string): Promise<IpsecTunnelView[]> {
    const tunnels = await this.all((page) => this.client.listIPSecConnectionTunnels({ ipscId: ipsecConnectionId, ...(page ? { page } : {}) }));
    return tunnels.map(tunnelView);
  }

  async getTunnelSharedSecret(ipsecConnectionId: string, tunnelId: string): Promise<string> {
    const response = await this.call(() => this.client.getIPSecConnectionTunnelSharedSecret({ ipscId: ipsecConnectionId, tunnelId }));
    return response.iPSecConnectionTunnelSharedSecret.sharedSecret;
  }

  async setTunnelSharedSecret(ipsecConnectionId: string, tunnelId: string, sharedSecret: string): Promise<{ done: true } | NotReady> {
    return withoutSecrets([sharedSecret], async () => {
      try {
        await this.call(() => this.client.updateIPSecConnectionTunnelSharedSecret({ ipscId: ipsecConnectionId, tunnelId, updateIPSecConnectionTunnelSharedSecretDetails: { sharedSecret } }));
        return { done: true as const };
      } catch (error) {
        const notReady = notReadyOf(error, `the tunnel ${tunnelId}`);
        if (notReady) return notReady;
        throw error;
      }
    });
  }

  async getTunnelError(ipsecConnectionId: string, tunnelId: string): Promise<string | null> {
    const response = await this.read(() => this.client.getIPSecConnectionTunnelError({ ipscId: ipsecConnectionId, tunnelId }));
    return response?.iPSecConnectionTunnelErrorDetails.errorDescription ?? null;
  }

  async listTunnelRoutes(ipsecConnectionId: string, tunnelId: string): Promise<TunnelRouteView[]> {
    const routes = await this.all((page) => this.client.listIPSecConnectionTunnelRoutes({ ipscId: ipsecConnectionId, tunnelId, ...(page ? { page } : {}) }));
    return routes.map((route) => ({ prefix: route.prefix ?? "", advertiser: String(route.advertiser ?? ""), asPath: [...(route.asPath ?? [])] }));
  }

  async listDrgLearnedRoutes(drgId: string): Promise<DrgLearnedRoute[]> {
    const drg = await this.read(() => this.client.getDrg({ drgId }));
    const tableId = drg?.drg.defaultDrgRouteTables?.vcn;
    if (!tableId) return [];
    const rules = await this.all((page) => this.client.listDrgRouteRules({ drgRouteTableId: tableId, routeType: "DYNAMIC" as requests.ListDrgRouteRulesRequest.RouteType, ...(page ? { page } : {}) }));
    return rules
      .filter((rule) => ["VIRTUAL_CIRCUIT", "IPSEC_TUNNEL"].includes(String(rule.routeProvenance)))
      .map((rule) => ({ destination: rule.destination ?? "", provenance: String(rule.routeProvenance), nextHopDrgAttachmentId: rule.nextHopDrgAttachmentId ?? "", carriesTraffic: !rule.isConflict }));
  }
}
