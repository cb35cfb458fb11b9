/**
 * The steps of each workflow, shared by the dry-run plan, the orchestrators' custom status and the
 * inventory, so that a plan shown before a run names exactly the steps the run then reports. Setup follows
 * the tasks of Oracle's and Microsoft's documented procedure (security rules, ExpressRoute circuit, FastConnect
 * virtual circuit, provisioning, route tables, connection test), with preflight before and the gateway beside.
 */

export interface StepDefinition<Id extends string = string> {
  id: Id;
  title: string;
  dependsOn: Id[];
}

export const SETUP_STEPS = [
  { id: "preflight", title: "Read both networks and check the request against them", dependsOn: [] },
  { id: "security", title: "Configure the network security groups and security rules", dependsOn: ["preflight"] },
  { id: "circuit", title: "Set up the Azure ExpressRoute circuit", dependsOn: ["preflight"] },
  { id: "gateway", title: "Set up the ExpressRoute virtual network gateway", dependsOn: ["preflight"] },
  { id: "virtual-circuit", title: "Set up the OCI FastConnect virtual circuit", dependsOn: ["circuit"] },
  { id: "provisioning", title: "Confirm that both circuits are provisioned", dependsOn: ["virtual-circuit"] },
  { id: "routing", title: "Connect the gateway and configure the route tables", dependsOn: ["provisioning", "gateway", "security"] },
  { id: "spokes", title: "Peer the spoke VNets with the hub: hub side allows gateway transit, then spoke side uses it", dependsOn: ["gateway"] },
  { id: "verify", title: "Test the connection", dependsOn: ["routing", "spokes"] },
] as const satisfies ReadonlyArray<StepDefinition>;

export type SetupStepId = (typeof SETUP_STEPS)[number]["id"];

/** Teardown in the documented order (Microsoft: connection, then FastConnect, then the circuit). */
export const TEARDOWN_STEPS = [
  { id: "stop-traffic", title: "Stop traffic: remove the interconnect's route rules and security rules", dependsOn: [] },
  { id: "spokes", title: "Remove the spoke VNets' peerings with the hub (spoke side first)", dependsOn: ["stop-traffic"] },
  { id: "connection", title: "Delete the ExpressRoute gateway connection", dependsOn: ["stop-traffic", "spokes"] },
  { id: "virtual-circuit", title: "Delete the FastConnect virtual circuit", dependsOn: ["connection"] },
  { id: "deprovisioning", title: "Wait for Azure to report the circuit NotProvisioned", dependsOn: ["virtual-circuit"] },
  { id: "circuit", title: "Delete the ExpressRoute circuit", dependsOn: ["deprovisioning"] },
  { id: "shared-resources", title: "Delete the gateway, DRG and GatewaySubnet if Interlink created them and nothing else uses them", dependsOn: ["circuit"] },
] as const satisfies ReadonlyArray<StepDefinition>;

export type TeardownStepId = (typeof TEARDOWN_STEPS)[number]["id"];

export const RESIZE_STEPS = [
  { id: "preflight", title: "Check that both circuits can change bandwidth in place", dependsOn: [] },
  { id: "circuit", title: "Change the ExpressRoute circuit bandwidth", dependsOn: ["preflight"] },
  { id: "virtual-circuit", title: "Change the FastConnect virtual circuit bandwidth", dependsOn: ["circuit"] },
  { id: "verify", title: "Confirm both circuits report the new bandwidth", dependsOn: ["virtual-circuit"] },
] as const satisfies ReadonlyArray<StepDefinition>;

export const SUSPEND_STEPS = [
  { id: "routes", title: "Remove the interconnect's route rules on both sides (circuits untouched)", dependsOn: [] },
] as const satisfies ReadonlyArray<StepDefinition>;

export const RESUME_STEPS = [
  { id: "routes", title: "Restore the interconnect's route rules on both sides", dependsOn: [] },
  { id: "verify", title: "Test the connection", dependsOn: ["routes"] },
] as const satisfies ReadonlyArray<StepDefinition>;

/** A topology change (PATCH of spokes, app subnets, peered VCNs, route tables or traffic rules): never writes to either circuit or BGP. */
export const UPDATE_STEPS = [
  { id: "preflight", title: "Check the changed request against both networks (and the OCI permissions of added peerings)", dependsOn: [] },
  { id: "peer-spokes", title: "Peer the added spokes with the hub (hub side, then spoke side) and sync the peerings of spokes whose address space changed", dependsOn: ["preflight"] },
  { id: "peer-vcns", title: "Peer the added VCNs as setup does (LPG or RPC pair, DRG attachment, route rules both ways); the kept ones follow the new Azure ranges", dependsOn: ["preflight"] },
  { id: "routing", title: "Update the route rules: the new Azure ranges, added route tables and app subnets; withdraw Interlink's routes from removed ones", dependsOn: ["peer-spokes", "peer-vcns"] },
  { id: "security", title: "Update the security rules for the new traffic rules and ranges", dependsOn: ["routing"] },
  { id: "unpeer-vcns", title: "Remove what Interlink built for the removed peered VCNs (their route rules, then gateways and attachments)", dependsOn: ["security"] },
  { id: "unpeer-spokes", title: "Remove the peerings of the removed spokes (spoke side first)", dependsOn: ["security"] },
  { id: "verify", title: "Test the connection", dependsOn: ["unpeer-vcns", "unpeer-spokes"] },
] as const satisfies ReadonlyArray<StepDefinition>;

/** The steps of each lifecycle operation, as its custom status lists them. */
export const STEPS_OF = { setup: SETUP_STEPS, teardown: TEARDOWN_STEPS, resize: RESIZE_STEPS, suspend: SUSPEND_STEPS, resume: RESUME_STEPS, update: UPDATE_STEPS } as const;

/** The longest chain through a step graph, weighted by per-step durations (for the critical-path benchmark). */
export function criticalPath<Id extends string>(steps: ReadonlyArray<StepDefinition<Id>>, durationOf: (id: Id) => number): { length: number; path: Id[] } {
  const memo = new Map<Id, { length: number; path: Id[] }>();
  const byId = new Map(steps.map((step) => [step.id, step]));
  const visit = (id: Id): { length: number; path: Id[] } => {
    const known = memo.get(id);
    if (known) return known;
    const step = byId.get(id);
    if (!step) throw new Error(`unknown step ${id}`);
    const longestDependency = step.dependsOn.map(visit).reduce((best, next) => (next.length > best.length ? next : best), { length: 0, path: [] as Id[] });
    const result = { length: longestDependency.length + durationOf(id), path: [...longestDependency.path, id] };
    memo.set(id, result);
    return result;
  };
  return steps.map((step) => visit(step.id)).reduce((best, next) => (next.length > best.length ? next : best), { length: 0, path: [] as Id[] });
}
