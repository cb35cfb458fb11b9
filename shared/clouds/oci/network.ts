import { type models, type requests, type VirtualNetworkClient } from "oci-core";
import { OCI_PROVIDER_NAME } from "../../domain/catalogue";
import { OWNER_TAG } from "../../domain/naming";
import { type OciSecurityRule, type SecurityListRule } from "../../domain/security";
import { type RateLimiter } from "../rate-limit";
import {
  type DrgAttachmentView,
  type DrgView,
  type OciNetworkPort,
  type OciRouteRule,
  type StaticDrgRoute,
  type Tags,
  type VcnView,
  type VirtualCircuitSpec,
  type VirtualCircuitView,
} from "../ports";
import { LIVE, tagsOf } from "./calls";
import { OciVpn } from "./vpn";

function virtualCircuitView(vc: models.VirtualCircuit): VirtualCircuitView {
  return {
    id: vc.id ?? "",
    displayName: vc.displayName ?? "",
    lifecycleState: String(vc.lifecycleState ?? ""),
    ...(vc.providerState ? { providerState: String(vc.providerState) } : {}),
    ...(vc.bgpSessionState ? { bgpSessionState: String(vc.bgpSessionState) } : {}),
    ...(vc.oracleBgpAsn !== undefined ? { oracleBgpAsn: vc.oracleBgpAsn } : {}),
    ...(vc.bandwidthShapeName ? { bandwidthShapeName: vc.bandwidthShapeName } : {}),
    ...(vc.gatewayId ? { drgId: vc.gatewayId } : {}),
    freeformTags: tagsOf(vc.freeformTags),
  };
}

function attachmentView(attachment: models.DrgAttachment): DrgAttachmentView {
  const vcnId = attachment.vcnId ?? (attachment.networkDetails as { id?: string } | undefined)?.id;
  return {
    id: attachment.id,
    drgId: attachment.drgId,
    ...(vcnId ? { vcnId } : {}),
    ...(attachment.drgRouteTableId ? { drgRouteTableId: attachment.drgRouteTableId } : {}),
    lifecycleState: String(attachment.lifecycleState),
    freeformTags: tagsOf(attachment.freeformTags),
  };
}

function ruleOf(rule: models.SecurityRule | models.IngressSecurityRule | models.EgressSecurityRule): Omit<OciSecurityRule, "direction"> {
  const fields = rule as Partial<models.SecurityRule & models.IngressSecurityRule & models.EgressSecurityRule>;
  return {
    protocol: fields.protocol ?? "all",
    ...(fields.source ? { source: fields.source, sourceType: String(fields.sourceType ?? "CIDR_BLOCK") } : {}),
    ...(fields.destination ? { destination: fields.destination, destinationType: String(fields.destinationType ?? "CIDR_BLOCK") } : {}),
    isStateless: fields.isStateless ?? false,
    ...(fields.tcpOptions ? { tcpOptions: fields.tcpOptions } : {}),
    ...(fields.udpOptions ? { udpOptions: fields.udpOptions } : {}),
    ...(fields.icmpOptions ? { icmpOptions: { type: fields.icmpOptions.type, ...(fields.icmpOptions.code !== undefined ? { code: fields.icmpOptions.code } : {}) } } : {}),
    ...(fields.description ? { description: fields.description } : {}),
  };
}

/**
 * OciNetworkPort over oci-core's VirtualNetworkClient. Every call goes through the OCI rate limiter; a 429
 * pauses the limiter for the suggested time. Creates carry the caller's retry token.
 */
export class OciNetwork extends OciVpn implements OciNetworkPort {
  /** The region's provider services change with Oracle's partner list, not per request: one found is kept. */
  private readonly providerServices = new Map<string, { id: string }>();

  constructor(client: VirtualNetworkClient, limiter: RateLimiter) {
    super(client, limiter);
  }

  async getVcn(vcnId: string): Promise<VcnView | null> {
    const vcn = await this.read(() => this.client.getVcn({ vcnId }));
    if (!vcn || !LIVE(String(vcn.vcn.lifecycleState))) return null;
    return {
      id: vcn.vcn.id,
      compartmentId: vcn.vcn.compartmentId,
      cidrBlocks: vcn.vcn.cidrBlocks ?? (vcn.vcn.cidrBlock ? [vcn.vcn.cidrBlock] : []),
      defaultRouteTableId: vcn.vcn.defaultRouteTableId ?? "",
      defaultSecurityListId: vcn.vcn.defaultSecurityListId ?? "",
    };
  }

  async getDrg(drgId: string): Promise<DrgView | null> {
    const response = await this.read(() => this.client.getDrg({ drgId }));
    if (!response || !LIVE(String(response.drg.lifecycleState))) return null;
    return this.drgView(response.drg);
  }

  async findDrg(compartmentId: string, displayName: string, owner: string): Promise<DrgView | null> {
    const drgs = await this.all((page) => this.client.listDrgs({ compartmentId, ...(page ? { page } : {}) }));
    const match = drgs.find((drg) => drg.displayName === displayName && drg.freeformTags?.[OWNER_TAG] === owner && LIVE(String(drg.lifecycleState)));
    return match ? this.drgView(match) : null;
  }

  async createDrg(compartmentId: string, displayName: string, tags: Tags, retryToken: string): Promise<DrgView> {
    const response = await this.call(() => this.client.createDrg({ createDrgDetails: { compartmentId, displayName, freeformTags: tags }, opcRetryToken: retryToken }));
    return this.drgView(response.drg);
  }

  async deleteDrg(drgId: string): Promise<{ existed: boolean }> {
    return this.remove(() => this.client.deleteDrg({ drgId }));
  }

  async listDrgAttachments(compartmentId: string, filter: { drgId?: string; vcnId?: string; virtualCircuitId?: string }): Promise<DrgAttachmentView[]> {
    const { virtualCircuitId, ...rest } = filter;
    const query = virtualCircuitId ? { ...rest, attachmentType: "VIRTUAL_CIRCUIT" as requests.ListDrgAttachmentsRequest.AttachmentType, networkId: virtualCircuitId } : rest;
    const attachments = await this.all((page) => this.client.listDrgAttachments({ compartmentId, ...query, ...(page ? { page } : {}) }));
    return attachments.filter((attachment) => LIVE(String(attachment.lifecycleState))).map(attachmentView);
  }

  async createDrgAttachment(drgId: string, vcnId: string, displayName: string, tags: Tags, retryToken: string): Promise<DrgAttachmentView> {
    const networkDetails = { type: "VCN", id: vcnId } as models.VcnDrgAttachmentNetworkCreateDetails;
    const response = await this.call(() => this.client.createDrgAttachment({ createDrgAttachmentDetails: { drgId, displayName, networkDetails, freeformTags: tags }, opcRetryToken: retryToken }));
    return attachmentView(response.drgAttachment);
  }

  async deleteDrgAttachment(attachmentId: string): Promise<{ existed: boolean }> {
    return this.remove(() => this.client.deleteDrgAttachment({ drgAttachmentId: attachmentId }));
  }

  async listLearnedVirtualCircuitRoutes(drgId: string): Promise<string[]> {
    const drg = await this.getDrg(drgId);
    if (!drg?.vcnRouteTableId) return [];
    const tableId = drg.vcnRouteTableId;
    const rules = await this.all((page) => this.client.listDrgRouteRules({ drgRouteTableId: tableId, ...(page ? { page } : {}) }));
    return rules.filter((rule) => String(rule.routeProvenance) === "VIRTUAL_CIRCUIT").map((rule) => rule.destination ?? "");
  }

  async listStaticDrgRoutes(drgRouteTableId: string): Promise<StaticDrgRoute[]> {
    const rules = await this.all((page) => this.client.listDrgRouteRules({ drgRouteTableId, routeType: "STATIC" as requests.ListDrgRouteRulesRequest.RouteType, ...(page ? { page } : {}) }));
    return rules
      .filter((rule) => String(rule.routeType) === "STATIC")
      .map((rule) => ({ id: rule.id, destination: rule.destination ?? "", nextHopDrgAttachmentId: rule.nextHopDrgAttachmentId ?? "" }));
  }

  async addStaticDrgRoutes(drgRouteTableId: string, routes: Array<Omit<StaticDrgRoute, "id">>): Promise<void> {
    if (routes.length === 0) return;
    const routeRules = routes.map((route) => ({ destinationType: "CIDR_BLOCK" as models.AddDrgRouteRuleDetails.DestinationType, destination: route.destination, nextHopDrgAttachmentId: route.nextHopDrgAttachmentId }));
    await this.call(() => this.client.addDrgRouteRules({ drgRouteTableId, addDrgRouteRulesDetails: { routeRules } }));
  }

  async removeDrgRoutes(drgRouteTableId: string, ruleIds: string[]): Promise<void> {
    if (ruleIds.length === 0) return;
    await this.call(() => this.client.removeDrgRouteRules({ drgRouteTableId, removeDrgRouteRulesDetails: { routeRuleIds: ruleIds } }));
  }

  async findAzureProviderService(compartmentId: string): Promise<{ id: string } | null> {
    const known = this.providerServices.get(compartmentId);
    if (known) return known;
    const services = await this.all((page) => this.client.listFastConnectProviderServices({ compartmentId, ...(page ? { page } : {}) }));
    const azure = services.find((service) => service.providerName === OCI_PROVIDER_NAME);
    if (!azure) return null;
    this.providerServices.set(compartmentId, { id: azure.id });
    return { id: azure.id };
  }

  async createVirtualCircuit(spec: VirtualCircuitSpec, retryToken: string): Promise<VirtualCircuitView> {
    const response = await this.call(() =>
      this.client.createVirtualCircuit({
        createVirtualCircuitDetails: {
          compartmentId: spec.compartmentId,
          displayName: spec.displayName,
          type: "PRIVATE" as models.CreateVirtualCircuitDetails.Type,
          bandwidthShapeName: spec.bandwidthShapeName,
          gatewayId: spec.drgId,
          providerServiceId: spec.providerServiceId,
          providerServiceKeyName: spec.providerServiceKeyName,
          crossConnectMappings: spec.crossConnectMappings,
          freeformTags: spec.tags,
        },
        opcRetryToken: retryToken,
      }),
    );
    return virtualCircuitView(response.virtualCircuit);
  }

  async getVirtualCircuit(virtualCircuitId: string): Promise<VirtualCircuitView | null> {
    const response = await this.read(() => this.client.getVirtualCircuit({ virtualCircuitId }));
    return response ? virtualCircuitView(response.virtualCircuit) : null;
  }

  async findVirtualCircuit(compartmentId: string, displayName: string): Promise<VirtualCircuitView | null> {
    const circuits = await this.all((page) => this.client.listVirtualCircuits({ compartmentId, displayName, ...(page ? { page } : {}) }));
    const live = circuits.find((vc) => vc.displayName === displayName && LIVE(String(vc.lifecycleState)));
    return live ? virtualCircuitView(live) : null;
  }

  async listVirtualCircuits(compartmentId: string): Promise<VirtualCircuitView[]> {
    const circuits = await this.all((page) => this.client.listVirtualCircuits({ compartmentId, ...(page ? { page } : {}) }));
    return circuits.filter((vc) => LIVE(String(vc.lifecycleState))).map(virtualCircuitView);
  }

  async setVirtualCircuitBandwidth(virtualCircuitId: string, bandwidthShapeName: string): Promise<void> {
    await this.call(() => this.client.updateVirtualCircuit({ virtualCircuitId, updateVirtualCircuitDetails: { bandwidthShapeName } }));
  }

  async deleteVirtualCircuit(virtualCircuitId: string): Promise<{ existed: boolean }> {
    const current = await this.getVirtualCircuit(virtualCircuitId);
    if (!current || !LIVE(current.lifecycleState)) return { existed: false };
    return this.remove(() => this.client.deleteVirtualCircuit({ virtualCircuitId }));
  }

  async getRouteTable(routeTableId: string): Promise<{ rules: OciRouteRule[]; etag: string } | null> {
    const response = await this.read(() => this.client.getRouteTable({ rtId: routeTableId }));
    if (!response) return null;
    return {
      etag: response.etag ?? "",
      rules: (response.routeTable.routeRules ?? []).map((rule) => ({
        destination: rule.destination ?? rule.cidrBlock ?? "",
        destinationType: String(rule.destinationType ?? "CIDR_BLOCK"),
        networkEntityId: rule.networkEntityId,
        ...(rule.description ? { description: rule.description } : {}),
      })),
    };
  }

  async setRouteRules(routeTableId: string, rules: OciRouteRule[], etag: string): Promise<void> {
    await this.call(() =>
      this.client.updateRouteTable({
        rtId: routeTableId,
        ifMatch: etag,
        updateRouteTableDetails: {
          routeRules: rules.map((rule) => ({
            destination: rule.destination,
            destinationType: rule.destinationType as models.RouteRule.DestinationType,
            networkEntityId: rule.networkEntityId,
            ...(rule.description ? { description: rule.description } : {}),
          })),
        },
      }),
    );
  }

  async listSecurityLists(compartmentId: string, vcnId: string) {
    const lists = await this.all((page) => this.client.listSecurityLists({ compartmentId, vcnId, ...(page ? { page } : {}) }));
    const live = lists.filter((list) => LIVE(String(list.lifecycleState)));
    // The list call carries no etags; read each list for the one an update must match.
    return Promise.all(
      live.map(async (list) => {
        const current = await this.call(() => this.client.getSecurityList({ securityListId: list.id }));
        return {
          id: list.id,
          name: list.displayName,
          ingressSecurityRules: current.securityList.ingressSecurityRules.map(ruleOf) as SecurityListRule[],
          egressSecurityRules: current.securityList.egressSecurityRules.map(ruleOf) as SecurityListRule[],
          etag: current.etag ?? "",
        };
      }),
    );
  }

  async getSecurityList(securityListId: string) {
    const response = await this.read(() => this.client.getSecurityList({ securityListId }));
    if (!response || !LIVE(String(response.securityList.lifecycleState))) return null;
    const list = response.securityList;
    return {
      id: list.id,
      name: list.displayName,
      ingressSecurityRules: list.ingressSecurityRules.map(ruleOf) as SecurityListRule[],
      egressSecurityRules: list.egressSecurityRules.map(ruleOf) as SecurityListRule[],
      etag: response.etag ?? "",
    };
  }

  async getSubnet(subnetId: string) {
    const response = await this.read(() => this.client.getSubnet({ subnetId }));
    if (!response || !LIVE(String(response.subnet.lifecycleState))) return null;
    const subnet = response.subnet;
    return { id: subnet.id, name: subnet.displayName ?? subnet.id, vcnId: subnet.vcnId, securityListIds: subnet.securityListIds ?? [] };
  }

  async getVnic(vnicId: string) {
    const response = await this.read(() => this.client.getVnic({ vnicId }));
    if (!response || !LIVE(String(response.vnic.lifecycleState))) return null;
    return { id: response.vnic.id, subnetId: response.vnic.subnetId ?? "", nsgIds: response.vnic.nsgIds ?? [], etag: response.etag ?? "" };
  }

  async setVnicNsgs(vnicId: string, nsgIds: string[], etag: string): Promise<void> {
    await this.call(() => this.client.updateVnic({ vnicId, ifMatch: etag, updateVnicDetails: { nsgIds } }));
  }

  async setSecurityListRules(securityListId: string, rules: { ingressSecurityRules: SecurityListRule[]; egressSecurityRules: SecurityListRule[] }, etag: string): Promise<void> {
    await this.call(() =>
      this.client.updateSecurityList({
        securityListId,
        ifMatch: etag,
        updateSecurityListDetails: {
          ingressSecurityRules: rules.ingressSecurityRules as unknown as models.IngressSecurityRule[],
          egressSecurityRules: rules.egressSecurityRules as unknown as models.EgressSecurityRule[],
        },
      }),
    );
  }

  async getNetworkSecurityGroup(nsgId: string) {
    const response = await this.read(() => this.client.getNetworkSecurityGroup({ networkSecurityGroupId: nsgId }));
    if (!response || !LIVE(String(response.networkSecurityGroup.lifecycleState))) return null;
    return { id: response.networkSecurityGroup.id, lifecycleState: String(response.networkSecurityGroup.lifecycleState) };
  }

  async findNetworkSecurityGroup(compartmentId: string, vcnId: string, displayName: string) {
    const groups = await this.all((page) => this.client.listNetworkSecurityGroups({ compartmentId, vcnId, ...(page ? { page } : {}) }));
    const match = groups.find((group) => group.displayName === displayName && LIVE(String(group.lifecycleState)));
    return match ? { id: match.id, lifecycleState: String(match.lifecycleState) } : null;
  }

  async listNetworkSecurityGroups(compartmentId: string, vcnId: string) {
    const groups = await this.all((page) => this.client.listNetworkSecurityGroups({ compartmentId, vcnId, ...(page ? { page } : {}) }));
    return groups.filter((group) => LIVE(String(group.lifecycleState))).map((group) => ({ id: group.id, name: group.displayName ?? "" }));
  }

  async createNetworkSecurityGroup(compartmentId: string, vcnId: string, displayName: string, tags: Tags, retryToken: string) {
    const response = await this.call(() => this.client.createNetworkSecurityGroup({ createNetworkSecurityGroupDetails: { compartmentId, vcnId, displayName, freeformTags: tags }, opcRetryToken: retryToken }));
    return { id: response.networkSecurityGroup.id, lifecycleState: String(response.networkSecurityGroup.lifecycleState) };
  }

  async listNetworkSecurityGroupRules(nsgId: string): Promise<Array<OciSecurityRule & { id: string }>> {
    const rules = await this.all((page) => this.client.listNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsgId, ...(page ? { page } : {}) }));
    return rules.map((rule) => ({ ...ruleOf(rule), direction: String(rule.direction) as OciSecurityRule["direction"], id: rule.id ?? "" }));
  }

  async addNetworkSecurityGroupRules(nsgId: string, rules: OciSecurityRule[]): Promise<void> {
    if (rules.length === 0) return;
    await this.call(() => this.client.addNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsgId, addNetworkSecurityGroupSecurityRulesDetails: { securityRules: rules as unknown as models.AddSecurityRuleDetails[] } }));
  }

  async removeNetworkSecurityGroupRules(nsgId: string, ruleIds: string[]): Promise<void> {
    if (ruleIds.length === 0) return;
    await this.call(() => this.client.removeNetworkSecurityGroupSecurityRules({ networkSecurityGroupId: nsgId, removeNetworkSecurityGroupSecurityRulesDetails: { securityRuleIds: ruleIds } }));
  }

  async deleteNetworkSecurityGroup(nsgId: string): Promise<{ existed: boolean }> {
    return this.remove(() => this.client.deleteNetworkSecurityGroup({ networkSecurityGroupId: nsgId }));
  }

  private drgView(drg: models.Drg): DrgView {
    return {
      id: drg.id,
      compartmentId: drg.compartmentId,
      lifecycleState: String(drg.lifecycleState),
      freeformTags: tagsOf(drg.freeformTags),
      ...(drg.defaultDrgRouteTables?.vcn ? { vcnRouteTableId: drg.defaultDrgRouteTables.vcn } : {}),
      ...(drg.defaultDrgRouteTables?.virtualCircuit ? { virtualCircuitRouteTableId: drg.defaultDrgRouteTables.virtualCircuit } : {}),
    };
  }
}
