import { type SetupRequest } from "../../../shared/domain/setup-request";
import { ownerTags, resourceNames, type ResourceNames } from "../../../shared/domain/naming";
import { type Clouds } from "../../../shared/clouds/clients";
import { type AzureNetworkPort, type OciNetworkPort } from "../../../shared/clouds/ports";
import { classifyCloudError } from "../../../shared/clouds/errors";
import { registerActivity, type ActivityHandler } from "../register";
import { type ActivityContract } from "../../../orchestrations/flow/contract";
import { clouds } from "../../runtime";

/** Everything a network activity derives from the request: ports, names, tags, where things live. */
export interface NetworkContext {
  request: SetupRequest;
  azure: AzureNetworkPort;
  oci: OciNetworkPort;
  names: ResourceNames;
  tags: Record<string, string>;
  rg: string;
  compartmentId: string;
}

export function networkContext(cloudClients: Clouds, request: SetupRequest): NetworkContext {
  return {
    request,
    azure: cloudClients.azure(request.azure.subscriptionId),
    oci: cloudClients.oci,
    names: resourceNames(request.name, request.azure.vnet.name),
    tags: ownerTags(request.name, request.ticketId),
    rg: request.azure.resourceGroup,
    compartmentId: request.oci.compartmentId,
  };
}

/** Registers a network activity whose handler works on the request's NetworkContext. */
export function networkActivity<C extends ActivityContract>(
  contract: C,
  handler: (ctx: NetworkContext, input: Parameters<ActivityHandler<C>>[0]) => ReturnType<ActivityHandler<C>>,
  provider: () => Promise<Clouds> = clouds,
): ActivityHandler<C> {
  const run: ActivityHandler<C> = async (input) => handler(networkContext(await provider(), (input as { request: SetupRequest }).request), input);
  registerActivity(contract, run, classifyCloudError);
  return run;
}

/** A permanent problem found while acting, reported like a cloud's refusal. */
export function refusal(code: string, message: string) {
  return { kind: "failed" as const, error: { cloud: "interlink" as const, code, message } };
}

/** The interconnect's DRG: as recorded, as requested, or Interlink's own found by name and owner tag. */
export async function ownDrgId(ctx: NetworkContext, recorded: string | undefined): Promise<string | undefined> {
  return recorded ?? ctx.request.oci.drgId ?? (await ctx.oci.findDrg(ctx.compartmentId, ctx.names.drg, ctx.request.name))?.id;
}
