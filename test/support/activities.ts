import { InvocationContext } from "@azure/functions";
import { type z } from "zod";
import { createNetworkActivities } from "../../functions/activities/network";
import { type Activity } from "../../functions/activities/register";
import { type InterconnectTarget, targetOf } from "../../orchestrations/contracts/common";
import { type ActivityContract } from "../../orchestrations/flow/contract";
import { SetupRequest, type SetupRequestInput } from "../../shared/domain/setup-request";
import { fakeClouds } from "./fake-clouds";
import { MemoryClaims, MemoryInventory } from "./fakes";
import { designRequest } from "./requests";

/** DESIGN.md's example networks, held by the fake clouds the way the emulators seed them. */
export const NETWORKS = {
  subscriptionId: "00000000-0000-0000-0000-000000000000",
  resourceGroup: "rg-net",
  vnet: "vnet-app",
  vnetCidr: "10.10.0.0/16",
  compartmentId: "ocid1.compartment.oc1..aaaa",
  vcnId: "ocid1.vcn.oc1.iad.aaaa",
  vcnCidr: "10.20.0.0/16",
};

/**
 * The network activities built over fake cloud ports and an in-memory inventory, with DESIGN.md's VNet
 * (and its app subnet) and VCN in place. The request names no DRG, so Interlink's own is used.
 */
export function networkActivities(change?: (request: SetupRequestInput) => void) {
  const clouds = fakeClouds();
  const inventory = new MemoryInventory();
  const claims = new MemoryClaims();
  clouds.azure.addVnet(NETWORKS.resourceGroup, NETWORKS.vnet, { location: "eastus", addressSpaces: [NETWORKS.vnetCidr], subnets: [{ name: "app", addressPrefix: "10.10.1.0/24" }] });
  clouds.oci.addVcn({ id: NETWORKS.vcnId, compartmentId: NETWORKS.compartmentId, cidrBlocks: [NETWORKS.vcnCidr] });
  const request = SetupRequest.parse(
    designRequest((r) => {
      delete r.oci.drgId;
      r.azure.appSubnets = ["app"];
      change?.(r);
    }),
  );
  const activities = createNetworkActivities({ clouds: async () => clouds.ports, inventory: () => inventory, claims: () => claims });
  const target: InterconnectTarget = targetOf({ request, operationId: `${request.name}.setup.1` });
  return { ...clouds, inventory, claims, activities, request, target };
}

/** What activities logged (level and text), across the tests of a file. */
export const activityLogs: string[] = [];

/** Runs an activity the way the Functions host does: the raw input in, the parsed output out (or the transient error thrown). */
export function run<C extends ActivityContract>(activity: Activity<C>, input: z.input<C["input"]>): Promise<z.output<C["output"]>> {
  const context = new InvocationContext({ functionName: activity.contract.name, logHandler: (level, ...args) => activityLogs.push(`${level}: ${args.join(" ")}`) });
  return activity.run(input, context);
}
