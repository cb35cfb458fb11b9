import { type models, type requests } from "oci-core";
import { type DrgAttachmentView, type OciRouteRule, type Tags } from "../ports";
import { OciNetwork } from "./network";

/** A local peering gateway or a remote peering connection as Interlink reads it. */
export interface PeeringGatewayView {
  id: string;
  compartmentId: string;
  lifecycleState: string;
  peeringStatus: string;
  peerId?: string;
  routeTableId?: string;
}

export interface RouteTableView {
  id: string;
  lifecycleState: string;
  rules: OciRouteRule[];
}

const LIVE = (state: string) => state !== "TERMINATED" && state !== "TERMINATING";

function gatewayView(gateway: models.LocalPeeringGateway | models.RemotePeeringConnection): PeeringGatewayView {
  const fields = gateway as { peerId?: string; routeTableId?: string };
  return {
    id: gateway.id,
    compartmentId: gateway.compartmentId,
    lifecycleState: String(gateway.lifecycleState),
    peeringStatus: String(gateway.peeringStatus),
    ...(fields.peerId ? { peerId: fields.peerId } : {}),
    ...(fields.routeTableId ? { routeTableId: fields.routeTableId } : {}),
  };
}

function rulesOf(rules: readonly OciRouteRule[]): models.RouteRule[] {
  return rules.map((rule) => ({ destination: rule.destination, destinationType: rule.destinationType as models.RouteRule.DestinationType, networkEntityId: rule.networkEntityId, ...(rule.description ? { description: rule.description } : {}) }));
}

/**
 * The OCI calls of VCN peering (LPGs, RPCs, route tables Interlink creates, attachments' VCN route tables) over the
 * same VirtualNetworkClient, rate limit and error handling as OciNetwork.
 */
export class OciPeering extends OciNetwork {
  async findLocalPeeringGateway(compartmentId: string, vcnId: string, displayName: string): Promise<PeeringGatewayView | null> {
    const gateways = await this.all((page) => this.client.listLocalPeeringGateways({ compartmentId, vcnId, ...(page ? { page } : {}) }));
    const match = gateways.find((gateway) => gateway.displayName === displayName && LIVE(String(gateway.lifecycleState)));
    return match ? gatewayView(match) : null;
  }

  async getLocalPeeringGateway(id: string): Promise<PeeringGatewayView | null> {
    const response = await this.read(() => this.client.getLocalPeeringGateway({ localPeeringGatewayId: id }));
    return response && LIVE(String(response.localPeeringGateway.lifecycleState)) ? gatewayView(response.localPeeringGateway) : null;
  }

  async createLocalPeeringGateway(spec: { compartmentId: string; vcnId: string; displayName: string; routeTableId?: string; tags: Tags }, retryToken: string): Promise<PeeringGatewayView> {
    const { tags, ...details } = spec;
    const response = await this.call(() => this.client.createLocalPeeringGateway({ createLocalPeeringGatewayDetails: { ...details, freeformTags: tags }, opcRetryToken: retryToken }));
    return gatewayView(response.localPeeringGateway);
  }

  async connectLocalPeeringGateways(id: string, peerId: string): Promise<void> {
    await this.call(() => this.client.connectLocalPeeringGateways({ localPeeringGatewayId: id, connectLocalPeeringGatewaysDetails: { peerId } }));
  }

  async deleteLocalPeeringGateway(id: string): Promise<{ existed: boolean }> {
    return this.remove(() => this.client.deleteLocalPeeringGateway({ localPeeringGatewayId: id }));
  }

  async findRemotePeeringConnection(compartmentId: string, drgId: string, displayName: string): Promise<PeeringGatewayView | null> {
    const connections = await this.all((page) => this.client.listRemotePeeringConnections({ compartmentId, drgId, ...(page ? { page } : {}) }));
    const match = connections.find((connection) => connection.displayName === displayName && LIVE(String(connection.lifecycleState)));
    return match ? gatewayView(match) : null;
  }

  async createRemotePeeringConnection(spec: { compartmentId: string; drgId: string; displayName: string; tags: Tags }, retryToken: string): Promise<PeeringGatewayView> {
    const { tags, ...details } = spec;
    const response = await this.call(() => this.client.createRemotePeeringConnection({ createRemotePeeringConnectionDetails: { ...details, freeformTags: tags }, opcRetryToken: retryToken }));
    return gatewayView(response.remotePeeringConnection);
  }

  async connectRemotePeeringConnections(id: string, peerId: string, peerRegionName: string): Promise<void> {
    await this.call(() => this.client.connectRemotePeeringConnections({ remotePeeringConnectionId: id, connectRemotePeeringConnectionsDetails: { peerId, peerRegionName } }));
  }

  async deleteRemotePeeringConnection(id: string): Promise<{ existed: boolean }> {
    return this.remove(() => this.client.deleteRemotePeeringConnection({ remotePeeringConnectionId: id }));
  }

  /** The DRG attachment an RPC gets once it is AVAILABLE (it carries the RPC's DRG route table). */
  async findRemotePeeringAttachment(compartmentId: string, drgId: string, rpcId: string): Promise<DrgAttachmentView | null> {
    const [attachment] = await this.listAttachmentsOfType(compartmentId, drgId, "REMOTE_PEERING_CONNECTION", rpcId);
    return attachment ?? null;
  }

  async findVirtualCircuitAttachment(compartmentId: string, drgId: string, virtualCircuitId: string): Promise<DrgAttachmentView | null> {
    const [attachment] = await this.listAttachmentsOfType(compartmentId, drgId, "VIRTUAL_CIRCUIT", virtualCircuitId);
    return attachment ?? null;
  }

  async getDrgAttachment(id: string): Promise<(DrgAttachmentView & { routeTableId?: string }) | null> {
    const response = await this.read(() => this.client.getDrgAttachment({ drgAttachmentId: id }));
    if (!response) return null;
    const attachment = response.drgAttachment;
    const state = String(attachment.lifecycleState);
    if (state === "DETACHED" || state === "DETACHING") return null;
    const routeTableId = attachment.routeTableId ?? (attachment.networkDetails as { routeTableId?: string } | undefined)?.routeTableId;
    const vcnId = attachment.vcnId ?? (attachment.networkDetails as { id?: string } | undefined)?.id;
    return {
      id: attachment.id,
      drgId: attachment.drgId,
      ...(vcnId ? { vcnId } : {}),
      ...(attachment.drgRouteTableId ? { drgRouteTableId: attachment.drgRouteTableId } : {}),
      ...(routeTableId ? { routeTableId } : {}),
      lifecycleState: state,
      freeformTags: { ...(attachment.freeformTags ?? {}) },
    };
  }

  async setDrgAttachmentRouteTable(id: string, routeTableId: string): Promise<void> {
    await this.call(() => this.client.updateDrgAttachment({ drgAttachmentId: id, updateDrgAttachmentDetails: { routeTableId } }));
  }

  async findRouteTable(compartmentId: string, vcnId: string, displayName: string): Promise<RouteTableView | null> {
    const tables = await this.all((page) => this.client.listRouteTables({ compartmentId, vcnId, ...(page ? { page } : {}) }));
    const match = tables.find((table) => table.displayName === displayName && LIVE(String(table.lifecycleState)));
    return match ? { id: match.id, lifecycleState: String(match.lifecycleState), rules: [] } : null;
  }

  async createRouteTable(spec: { compartmentId: string; vcnId: string; displayName: string; rules: OciRouteRule[]; tags: Tags }, retryToken: string): Promise<RouteTableView> {
    const response = await this.call(() =>
      this.client.createRouteTable({
        createRouteTableDetails: { compartmentId: spec.compartmentId, vcnId: spec.vcnId, displayName: spec.displayName, routeRules: rulesOf(spec.rules), freeformTags: spec.tags },
        opcRetryToken: retryToken,
      }),
    );
    return { id: response.routeTable.id, lifecycleState: String(response.routeTable.lifecycleState), rules: spec.rules };
  }

  async deleteRouteTable(id: string): Promise<{ existed: boolean }> {
    return this.remove(() => this.client.deleteRouteTable({ rtId: id }));
  }

  private async listAttachmentsOfType(compartmentId: string, drgId: string, type: string, networkId: string): Promise<DrgAttachmentView[]> {
    const attachmentType = type as requests.ListDrgAttachmentsRequest.AttachmentType;
    const attachments = await this.all((page) => this.client.listDrgAttachments({ compartmentId, drgId, attachmentType, networkId, ...(page ? { page } : {}) }));
    return attachments
      .filter((attachment) => String(attachment.lifecycleState) === "ATTACHED" || String(attachment.lifecycleState) === "ATTACHING")
      .map((attachment) => ({ id: attachment.id, drgId: attachment.drgId, ...(attachment.drgRouteTableId ? { drgRouteTableId: attachment.drgRouteTableId } : {}), lifecycleState: String(attachment.lifecycleState), freeformTags: { ...(attachment.freeformTags ?? {}) } }));
  }
}
