import { DeleteTransitTableActivity, type PeeringMode, PeerVcnActivity } from "../../orchestrations/contracts/peering";
import { classifyCloudError } from "../../shared/clouds/errors";
import { retryToken } from "../../shared/clouds/idempotency";
import { type OciAccounts } from "../../shared/clouds/oci/accounts";
import { type OciPeering } from "../../shared/clouds/oci/peering";
import { type CloudPorts, type OciRouteRule, type StaticDrgRoute, type Tags } from "../../shared/clouds/ports";
import { OWNER_TAG, ownerTags, resourceNames } from "../../shared/domain/naming";
import { type PeeredVcn, peeringSuffix } from "../../shared/domain/peered-vcn";
import { activity, type ActivityInput } from "./register";
import { notReady, refusal } from "./network/context";

/**
 * One peered VCN with a kind, both ways (see PeerVcnActivity). What Interlink adds is found again by name (gateways,
 * tables), by its rule description (VCN route rules) or by the pair (destination, next hop) for static DRG rules,
 * which carry neither; so every call is idempotent and teardown removes exactly that.
 */

type Input = ActivityInput<typeof PeerVcnActivity>;
type Result = { kind: "ok"; summary: string } | ReturnType<typeof notReady> | ReturnType<typeof refusal>;

interface Peer {
  input: Input;
  peer: PeeredVcn & { vcnId: string };
  index: number;
  hub: OciPeering;
  remote: OciPeering;
  tags: Tags;
  marker: string;
  name: (what: string) => string;
  token: (what: string) => string;
}

export const transitTableName = (interconnect: string) => `${interconnect}-transit`;

/** Replaces the rules carrying `marker` in a VCN route table with `desired`, leaving every other rule alone. */
async function setMarkedRules(network: OciPeering, routeTableId: string, marker: string, desired: OciRouteRule[]): Promise<void> {
  const table = await network.getRouteTable(routeTableId);
  if (!table) return;
  const mine = table.rules.filter((rule) => rule.description === marker);
  const key = (rule: OciRouteRule) => `${rule.destination}>${rule.networkEntityId}`;
  if (mine.length === desired.length && mine.every((rule) => desired.some((wanted) => key(wanted) === key(rule)))) return;
  await network.setRouteRules(routeTableId, [...table.rules.filter((rule) => rule.description !== marker), ...desired], table.etag);
}

/** Static DRG rules (destination -> next hop) added or withdrawn; a destination routed elsewhere is a conflict. */
async function syncStatic(network: OciPeering, tableId: string, destinations: string[] | "any", nextHop: string, add: boolean): Promise<string | undefined> {
  const existing = await network.listStaticDrgRoutes(tableId);
  const mine = (route: StaticDrgRoute) => (destinations === "any" || destinations.includes(route.destination)) && route.nextHopDrgAttachmentId === nextHop;
  if (destinations === "any") {
    if (!add) await network.removeDrgRoutes(tableId, existing.filter(mine).map((route) => route.id));
    return undefined;
  }
  if (!add) {
    await network.removeDrgRoutes(tableId, existing.filter(mine).map((route) => route.id));
    return undefined;
  }
  const clash = existing.find((route) => destinations.includes(route.destination) && !mine(route));
  if (clash) return `DRG route table ${tableId} already routes ${clash.destination} to ${clash.nextHopDrgAttachmentId}`;
  await network.addStaticDrgRoutes(tableId, destinations.filter((destination) => !existing.some((route) => mine(route) && route.destination === destination)).map((destination) => ({ destination, nextHopDrgAttachmentId: nextHop })));
  return undefined;
}

const ready = (state: string | undefined) => state === "AVAILABLE";

/** A delete OCI refuses with 409 while something being deleted still refers to the resource: try again later. */
async function deleteOrWait(what: string, remove: () => Promise<unknown>): Promise<ReturnType<typeof notReady> | undefined> {
  try {
    await remove();
    return undefined;
  } catch (error) {
    if (classifyCloudError(error).failure.status === 409) return notReady(`${what} is still in use while its users are deleted`);
    throw error;
  }
}
const rules = (cidrs: readonly string[], target: string, marker: string): OciRouteRule[] => cidrs.map((destination) => ({ destination, destinationType: "CIDR_BLOCK", networkEntityId: target, description: marker }));

async function hubAttachment(p: Peer) {
  const vcn = await p.hub.getVcn(p.input.oci.vcnId);
  const [attachment] = await p.hub.listDrgAttachments(vcn?.compartmentId ?? p.input.oci.compartmentId, { drgId: p.input.drgId, vcnId: p.input.oci.vcnId });
  return attachment ? p.hub.getDrgAttachment(attachment.id) : null;
}

/** The route table transit traffic from the DRG uses in the hub VCN: the attachment's own, else Interlink's, associated. */
async function transitTable(p: Peer, create: boolean): Promise<{ id: string; ours: boolean } | undefined> {
  const attachment = await hubAttachment(p);
  if (!attachment) return undefined;
  const ours = await p.hub.findRouteTable(p.input.oci.compartmentId, p.input.oci.vcnId, transitTableName(p.input.ref.name));
  if (attachment.routeTableId) return { id: attachment.routeTableId, ours: attachment.routeTableId === ours?.id };
  if (!create) return undefined;
  const table = ours ?? (await p.hub.createRouteTable({ compartmentId: p.input.oci.compartmentId, vcnId: p.input.oci.vcnId, displayName: transitTableName(p.input.ref.name), rules: [], tags: p.tags }, p.token("transit-table")));
  await p.hub.setDrgAttachmentRouteTable(attachment.id, table.id);
  return { id: table.id, ours: true };
}

async function local(p: Peer, mode: PeeringMode): Promise<Result> {
  const { input, peer } = p;
  const peerVcn = await p.remote.getVcn(peer.vcnId);
  if (!peerVcn) return refusal("PeeredVcnNotFound", `oci.peeredVcns[${p.index}].vcnId: VCN ${peer.vcnId} was not found`);
  const peerTable = peer.routeTableId ?? peerVcn.defaultRouteTableId;
  const hubLpg = await p.hub.findLocalPeeringGateway(input.oci.compartmentId, input.oci.vcnId, p.name("lpg"));
  const peerLpg = await p.remote.findLocalPeeringGateway(peerVcn.compartmentId, peer.vcnId, p.name("lpg"));
  const lpgTable = await p.hub.findRouteTable(input.oci.compartmentId, input.oci.vcnId, p.name("lpg-rt"));
  if (mode !== "active") {
    if (peerLpg) await setMarkedRules(p.remote, peerTable, p.marker, []);
    const transit = await transitTable(p, false);
    if (transit) await setMarkedRules(p.hub, transit.id, p.marker, []);
    if (lpgTable) await setMarkedRules(p.hub, lpgTable.id, p.marker, []);
    if (mode === "routes-off") return { kind: "ok", summary: "route rules removed" };
    if (peerLpg) await p.remote.deleteLocalPeeringGateway(peerLpg.id);
    if (hubLpg) await p.hub.deleteLocalPeeringGateway(hubLpg.id);
    if (hubLpg) return notReady("the LPGs are being deleted");
    const waiting = lpgTable ? await deleteOrWait(`route table ${lpgTable.id}`, () => p.hub.deleteRouteTable(lpgTable.id)) : undefined;
    return waiting ?? { kind: "ok", summary: "LPGs and their route table deleted" };
  }
  // The hub LPG's own table: what comes in from the peered VCN goes on to the DRG (transit routing).
  const table = lpgTable ?? (await p.hub.createRouteTable({ compartmentId: input.oci.compartmentId, vcnId: input.oci.vcnId, displayName: p.name("lpg-rt"), rules: [], tags: p.tags }, p.token("lpg-rt")));
  if (!ready(table.lifecycleState)) return notReady(`route table ${table.id} is ${table.lifecycleState}`);
  await setMarkedRules(p.hub, table.id, p.marker, rules(input.vnetCidrs, input.drgId, p.marker));
  const mine = hubLpg ?? (await p.hub.createLocalPeeringGateway({ compartmentId: input.oci.compartmentId, vcnId: input.oci.vcnId, displayName: p.name("lpg"), routeTableId: table.id, tags: p.tags }, p.token("lpg")));
  const theirs = peerLpg ?? (await p.remote.createLocalPeeringGateway({ compartmentId: peerVcn.compartmentId, vcnId: peer.vcnId, displayName: p.name("lpg"), tags: p.tags }, p.token("peer-lpg")));
  if (!ready(mine.lifecycleState) || !ready(theirs.lifecycleState)) return notReady(`the LPGs are ${mine.lifecycleState}/${theirs.lifecycleState}`);
  let peering = mine;
  if (mine.peeringStatus === "NEW" && theirs.peeringStatus === "NEW") {
    await p.hub.connectLocalPeeringGateways(mine.id, theirs.id);
    peering = (await p.hub.getLocalPeeringGateway(mine.id)) ?? mine;
  }
  if (peering.peeringStatus === "PENDING") return notReady("the LPG peering is PENDING");
  if (peering.peeringStatus !== "PEERED" || peering.peerId !== theirs.id) {
    return refusal("LocalPeeringFailed", `LPG ${mine.id} is ${peering.peeringStatus}${peering.peerId && peering.peerId !== theirs.id ? ` with ${peering.peerId}` : ""}, not peered with ${theirs.id}`);
  }
  const transit = await transitTable(p, true);
  if (!transit) return notReady("the connected VCN is not attached to the DRG yet");
  await setMarkedRules(p.hub, transit.id, p.marker, rules(peer.cidrs, mine.id, p.marker));
  await setMarkedRules(p.remote, peerTable, p.marker, rules(input.vnetCidrs, theirs.id, p.marker));
  return { kind: "ok", summary: `LPG ${mine.id} peered with ${theirs.id}` };
}

async function drg(p: Peer, mode: PeeringMode): Promise<Result> {
  const { input, peer } = p;
  const peerVcn = await p.remote.getVcn(peer.vcnId);
  if (!peerVcn) return refusal("PeeredVcnNotFound", `oci.peeredVcns[${p.index}].vcnId: VCN ${peer.vcnId} was not found`);
  const peerTable = peer.routeTableId ?? peerVcn.defaultRouteTableId;
  const [attachment] = await p.hub.listDrgAttachments(peerVcn.compartmentId, { drgId: input.drgId, vcnId: peer.vcnId });
  if (mode !== "active") {
    await setMarkedRules(p.remote, peerTable, p.marker, []);
    if (mode === "routes-off") return { kind: "ok", summary: "route rules removed" };
    if (attachment && attachment.freeformTags[OWNER_TAG] === input.ref.name) {
      await p.hub.deleteDrgAttachment(attachment.id);
      return { kind: "ok", summary: "DRG attachment deleted" };
    }
    return { kind: "ok", summary: "nothing of Interlink's attached" };
  }
  const current = attachment ?? (await p.hub.createDrgAttachment(input.drgId, peer.vcnId, p.name("attachment"), p.tags, p.token("attachment")));
  if (current.lifecycleState !== "ATTACHED") return notReady(`the DRG attachment is ${current.lifecycleState}`);
  await setMarkedRules(p.remote, peerTable, p.marker, rules(input.vnetCidrs, input.drgId, p.marker));
  return { kind: "ok", summary: `attached to the DRG (${current.id})` };
}

async function remote(p: Peer, mode: PeeringMode): Promise<Result> {
  const { input, peer } = p;
  const region = peer.region ?? input.oci.region;
  const peerVcn = await p.remote.getVcn(peer.vcnId);
  if (!peerVcn) return refusal("PeeredVcnNotFound", `oci.peeredVcns[${p.index}].vcnId: VCN ${peer.vcnId} was not found in ${region}`);
  const peerTable = peer.routeTableId ?? peerVcn.defaultRouteTableId;
  const hubDrg = await p.hub.getDrg(input.drgId);
  if (!hubDrg) return refusal("DrgNotFound", `DRG ${input.drgId} was not found`);
  const ownDrg = peer.drgId ? null : await p.remote.findDrg(peerVcn.compartmentId, p.name("drg"), input.ref.name);
  const peerDrgId = peer.drgId ?? ownDrg?.id;
  const hubRpc = await p.hub.findRemotePeeringConnection(hubDrg.compartmentId, input.drgId, p.name("rpc"));
  const peerRpc = peerDrgId ? await p.remote.findRemotePeeringConnection(peerVcn.compartmentId, peerDrgId, p.name("rpc")) : null;
  const hubRpcAttachment = hubRpc ? await p.hub.findRemotePeeringAttachment(hubDrg.compartmentId, input.drgId, hubRpc.id) : null;
  const peerRpcAttachment = peerRpc && peerDrgId ? await p.remote.findRemotePeeringAttachment(peerVcn.compartmentId, peerDrgId, peerRpc.id) : null;
  const [peerAttachment] = peerDrgId ? await p.remote.listDrgAttachments(peerVcn.compartmentId, { drgId: peerDrgId, vcnId: peer.vcnId }) : [];
  const vc = input.virtualCircuitId ? await p.hub.findVirtualCircuitAttachment(hubDrg.compartmentId, input.drgId, input.virtualCircuitId) : null;
  const advertising = vc?.drgRouteTableId ?? hubDrg.virtualCircuitRouteTableId;
  const peerVcnTable = peerAttachment?.drgRouteTableId ?? (peerDrgId ? (await p.remote.getDrg(peerDrgId))?.vcnRouteTableId : undefined);

  if (mode !== "active") {
    if (hubRpcAttachment && advertising) await syncStatic(p.hub, advertising, peer.cidrs, hubRpcAttachment.id, false);
    // The rules towards Interlink's own attachments are Interlink's, whatever the VNet's CIDRs are by now.
    if (hubRpcAttachment?.drgRouteTableId && vc) await syncStatic(p.hub, hubRpcAttachment.drgRouteTableId, "any", vc.id, false);
    if (peerRpcAttachment && peerVcnTable) await syncStatic(p.remote, peerVcnTable, "any", peerRpcAttachment.id, false);
    if (peerDrgId) await setMarkedRules(p.remote, peerTable, p.marker, []);
    if (mode === "routes-off") return { kind: "ok", summary: "route rules removed" };
    if (hubRpc) await p.hub.deleteRemotePeeringConnection(hubRpc.id);
    if (peerRpc) await p.remote.deleteRemotePeeringConnection(peerRpc.id);
    if (ownDrg) {
      if (peerAttachment?.freeformTags[OWNER_TAG] === input.ref.name) await p.remote.deleteDrgAttachment(peerAttachment.id);
      if (peerAttachment || peerRpc) return notReady("the peered DRG's attachments are being removed");
      const waiting = await deleteOrWait(`DRG ${ownDrg.id}`, () => p.remote.deleteDrg(ownDrg.id));
      if (waiting) return waiting;
    }
    return { kind: "ok", summary: "RPCs deleted" };
  }

  // The peered region's DRG (given, or Interlink's own) with the peered VCN attached.
  const drgId = peerDrgId ?? (await p.remote.createDrg(peerVcn.compartmentId, p.name("drg"), p.tags, p.token("peer-drg"))).id;
  const drgState = (await p.remote.getDrg(drgId))?.lifecycleState;
  if (!ready(drgState)) return notReady(`the peered DRG is ${drgState ?? "absent"}`);
  const attached = peerAttachment ?? (await p.remote.createDrgAttachment(drgId, peer.vcnId, p.name("attachment"), p.tags, p.token("peer-attachment")));
  if (attached.lifecycleState !== "ATTACHED") return notReady(`the peered VCN's attachment is ${attached.lifecycleState}`);
  const mine = hubRpc ?? (await p.hub.createRemotePeeringConnection({ compartmentId: hubDrg.compartmentId, drgId: input.drgId, displayName: p.name("rpc"), tags: p.tags }, p.token("rpc")));
  const theirs = peerRpc ?? (await p.remote.createRemotePeeringConnection({ compartmentId: peerVcn.compartmentId, drgId, displayName: p.name("rpc"), tags: p.tags }, p.token("peer-rpc")));
  if (!ready(mine.lifecycleState) || !ready(theirs.lifecycleState)) return notReady(`the RPCs are ${mine.lifecycleState}/${theirs.lifecycleState}`);
  if (mine.peeringStatus === "NEW" && theirs.peeringStatus === "NEW") {
    await p.hub.connectRemotePeeringConnections(mine.id, theirs.id, region);
    return notReady("the RPC pair is connecting");
  }
  if (mine.peeringStatus === "PENDING") return notReady("the RPC peering is PENDING");
  if (mine.peeringStatus !== "PEERED" || (mine.peerId !== undefined && mine.peerId !== theirs.id)) return refusal("RemotePeeringFailed", `RPC ${mine.id} is ${mine.peeringStatus}, not peered with ${theirs.id}`);
  if (!hubRpcAttachment || !peerRpcAttachment) return notReady("the RPC attachments are not there yet");
  if (!vc || !advertising || !hubRpcAttachment.drgRouteTableId || !peerVcnTable) return notReady("the virtual circuit's DRG attachment is not there yet");
  // Azure learns the peered CIDRs from the table the virtual circuit advertises; what comes back over the RPC goes to
  // the circuit; the peered DRG sends the VNet's CIDRs over its RPC (a peered DRG only exports its VCN attachments).
  const clash =
    (await syncStatic(p.hub, advertising, peer.cidrs, hubRpcAttachment.id, true)) ??
    (await syncStatic(p.hub, hubRpcAttachment.drgRouteTableId, input.vnetCidrs, vc.id, true)) ??
    (await syncStatic(p.remote, peerVcnTable, input.vnetCidrs, peerRpcAttachment.id, true));
  if (clash) return refusal("PeeredVcnRouteConflict", clash);
  await setMarkedRules(p.remote, peerTable, p.marker, rules(input.vnetCidrs, drgId, p.marker));
  return { kind: "ok", summary: `RPC ${mine.id} peered with ${theirs.id} in ${region}` };
}

/** The peering activities, over Interlink's OCI accounts (each tenancy with its own credentials, each region its own client). */
export function createPeeringActivities(deps: { accounts: () => Promise<OciAccounts>; clouds: () => Promise<CloudPorts> }) {
  return {
    [PeerVcnActivity.name]: activity(
      PeerVcnActivity,
      async (given) => {
        let input = given;
        const peer = input.oci.peeredVcns[input.index];
        if (!peer?.kind || !peer.vcnId) return refusal("NotAPeering", `oci.peeredVcns[${input.index}] has no kind: nothing to do`);
        const accounts = await deps.accounts();
        const own = await accounts.own();
        const other = await accounts.forTenancy(peer.tenancyId);
        if (!other) return refusal("NoCredentials", `oci.peeredVcns[${input.index}].tenancyId: Interlink has no credentials for tenancy ${peer.tenancyId ?? ""} (setting OCI_TENANCY_CREDENTIALS)`);
        const names = resourceNames(input.ref.name, "");
        const suffix = peeringSuffix(peer.vcnId);
        if (input.mode === "active" && input.vnetCidrs.length === 0) {
          const vnet = await (await deps.clouds()).azure(input.azure.subscriptionId).getVirtualNetwork(input.azure.resourceGroup, input.azure.vnet);
          input = { ...input, vnetCidrs: vnet?.addressSpaces ?? [] };
        }
        const p: Peer = {
          input,
          peer: { ...peer, vcnId: peer.vcnId },
          index: input.index,
          hub: own.network(),
          remote: other.network(peer.kind === "remote" ? peer.region : undefined),
          tags: ownerTags(input.ref.name, input.ticketId),
          marker: `${names.ociRuleMarker}:${suffix}`,
          name: (what) => `${input.ref.name}-${suffix}-${what}`,
          token: (what) => retryToken(input.ref.operationId, `${suffix}:${what}`),
        };
        if (peer.kind === "local") return local(p, input.mode);
        if (peer.kind === "drg") return drg(p, input.mode);
        return remote(p, input.mode);
      },
      classifyCloudError,
    ),
    [DeleteTransitTableActivity.name]: activity(
      DeleteTransitTableActivity,
      async (input) => {
        const hub = (await (await deps.accounts()).own()).network();
        const table = await hub.findRouteTable(input.oci.compartmentId, input.oci.vcnId, transitTableName(input.ref.name));
        if (!table) return { kind: "ok" as const, deleted: false };
        const [attachment] = await hub.listDrgAttachments((await hub.getVcn(input.oci.vcnId))?.compartmentId ?? input.oci.compartmentId, { vcnId: input.oci.vcnId });
        const current = attachment ? await hub.getDrgAttachment(attachment.id) : null;
        if (current?.routeTableId === table.id) {
          // An attachment Interlink did not make stays, and OCI cannot take a route table off it: the (empty) table stays with it.
          if (current.freeformTags[OWNER_TAG] !== input.ref.name) return { kind: "ok" as const, deleted: false };
          return notReady("the connected VCN's DRG attachment still uses the transit route table");
        }
        return (await deleteOrWait(`route table ${table.id}`, () => hub.deleteRouteTable(table.id))) ?? { kind: "ok" as const, deleted: true };
      },
      classifyCloudError,
    ),
  };
}
