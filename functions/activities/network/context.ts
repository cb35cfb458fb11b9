import { type SetupRequest } from "../../../shared/domain/setup-request";
import { ownerTags, resourceNames, type ResourceNames } from "../../../shared/domain/naming";
import { type AzureNetworkPort, type CloudPorts, type OciNetworkPort } from "../../../shared/clouds/ports";
import { classifyCloudError } from "../../../shared/clouds/errors";
import { type InventoryStore } from "../../../shared/inventory/store";
import { activity, type ActivityInput, type ActivityOutput } from "../register";
import { type ActivityContract } from "../../../orchestrations/flow/contract";

/** What network activities are built over: both clouds' ports (created once, on first use) and the inventory. */
export interface NetworkDeps {
  clouds: () => Promise<CloudPorts>;
  inventory: () => InventoryStore;
}

/** Everything a network activity derives from the request: ports, names, tags, where things live. */
export interface NetworkContext {
  request: SetupRequest;
  azure: AzureNetworkPort;
  oci: OciNetworkPort;
  inventory: () => InventoryStore;
  names: ResourceNames;
  tags: Record<string, string>;
  rg: string;
  compartmentId: string;
}

export function networkContext(deps: NetworkDeps, clouds: CloudPorts, request: SetupRequest): NetworkContext {
  return {
    request,
    azure: clouds.azure(request.azure.subscriptionId),
    oci: clouds.oci,
    inventory: deps.inventory,
    names: resourceNames(request.name, request.azure.vnet.name),
    tags: ownerTags(request.name, request.ticketId),
    rg: request.azure.resourceGroup,
    compartmentId: request.oci.compartmentId,
  };
}

export type NetworkHandler<C extends ActivityContract> = (ctx: NetworkContext, input: ActivityInput<C>) => Promise<ActivityOutput<C>>;

/** A network activity: its handler works on the request's NetworkContext; cloud errors are classified. */
export function networkActivity<C extends ActivityContract>(deps: NetworkDeps, contract: C, handler: NetworkHandler<C>) {
  return activity(contract, async (input) => handler(networkContext(deps, await deps.clouds(), (input as { request: SetupRequest }).request), input), classifyCloudError);
}

/** A permanent problem found while acting, reported like a cloud's refusal. */
export function refusal(code: string, message: string) {
  return { kind: "failed" as const, error: { cloud: "interlink" as const, code, message } };
}

/** The interconnect's DRG: as recorded, as requested, or Interlink's own found by name and owner tag. */
export async function ownDrgId(ctx: NetworkContext, recorded: string | undefined): Promise<string | undefined> {
  return recorded ?? ctx.request.oci.drgId ?? (await ctx.oci.findDrg(ctx.compartmentId, ctx.names.drg, ctx.request.name))?.id;
}
