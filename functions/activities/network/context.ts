import { GATEWAY_SUBNET_NAME } from "../../../shared/domain/catalogue";
import { ownerTags, resourceNames, type ResourceNames } from "../../../shared/domain/naming";
import { type AzureNetworkPort, type CloudPorts, type OciNetworkPort, type Tags } from "../../../shared/clouds/ports";
import { classifyCloudError } from "../../../shared/clouds/errors";
import { type CreationClaims } from "../../../shared/inventory/claims";
import { type InventoryStore } from "../../../shared/inventory/store";
import { activity, type ActivityInput, type ActivityOutput } from "../register";
import { type ActivityContract } from "../../../orchestrations/flow/contract";
import { type InterconnectRef } from "../../../orchestrations/contracts/common";

/** What network activities are built over: both clouds' ports (created once, on first use), the inventory and the creation claims. */
export interface NetworkDeps {
  clouds: () => Promise<CloudPorts>;
  inventory: () => InventoryStore;
  claims: () => CreationClaims;
}

/** The part of every network activity's input the context derives from. */
interface NetworkInput {
  ref: InterconnectRef;
  ticketId?: string | undefined;
  azure?: { vnet?: string | undefined };
}

/** What a network activity works with: the ports, and the interconnect's names and tags. */
export interface NetworkContext {
  /** The interconnect the activity works for: its name is the owner tag of what the activity creates. */
  owner: string;
  operationId: string;
  names: ResourceNames;
  tags: Tags;
  azure(where: { subscriptionId: string }): AzureNetworkPort;
  oci: OciNetworkPort;
  inventory: () => InventoryStore;
  claims: () => CreationClaims;
}

export function networkContext(deps: NetworkDeps, clouds: CloudPorts, input: NetworkInput): NetworkContext {
  return {
    owner: input.ref.name,
    operationId: input.ref.operationId,
    // The gateway's name comes from the VNet; activities that never touch the gateway get no VNet.
    names: resourceNames(input.ref.name, input.azure?.vnet ?? ""),
    tags: ownerTags(input.ref.name, input.ticketId),
    azure: (where) => clouds.azure(where.subscriptionId),
    oci: clouds.oci,
    inventory: deps.inventory,
    claims: deps.claims,
  };
}

export type NetworkHandler<C extends ActivityContract> = (ctx: NetworkContext, input: ActivityInput<C>) => Promise<ActivityOutput<C>>;

/** A network activity: its handler gets the interconnect's NetworkContext; cloud errors are classified. */
export function networkActivity<C extends ActivityContract>(deps: NetworkDeps, contract: C, handler: NetworkHandler<C>) {
  return activity(contract, async (input) => handler(networkContext(deps, await deps.clouds(), input as NetworkInput), input), classifyCloudError);
}

/** A permanent problem found while acting, reported like a cloud's refusal. */
export function refusal(code: string, message: string) {
  return { kind: "failed" as const, error: { cloud: "interlink" as const, code, message } };
}

/** The ARM operations that writes started and did not finish, for the orchestrator to wait on. */
export function operationsOf(...started: Array<{ operation?: string | undefined }>): string[] {
  return started.flatMap((write) => (write.operation ? [write.operation] : []));
}

/** A resource the activity needs is busy or not there yet: the orchestrator waits and calls again. */
export function notReady(reason: string) {
  return { kind: "notReady" as const, reason };
}

/** The ARM id of the VNet's GatewaySubnet: the key of its creation claim. */
export function gatewaySubnetId(where: { subscriptionId: string; resourceGroup: string; vnet: string }): string {
  return `/subscriptions/${where.subscriptionId}/resourceGroups/${where.resourceGroup}/providers/Microsoft.Network/virtualNetworks/${where.vnet}/subnets/${GATEWAY_SUBNET_NAME}`;
}

/** The interconnect's DRG: as recorded, as requested, or Interlink's own found by name and owner tag. */
export async function ownDrgId(ctx: NetworkContext, drg: { recorded?: string | undefined; given?: string | undefined; compartmentId: string }): Promise<string | undefined> {
  return drg.recorded ?? drg.given ?? (await ctx.oci.findDrg(drg.compartmentId, ctx.names.drg, ctx.owner))?.id;
}
