import { z } from "zod";
import { SetupRequest } from "../../shared/domain/setup-request";
import { okOrFailed } from "../flow/contract";

/**
 * Which interconnect and which operation an activity works for. Resource names and tags derive from the
 * name; OCI retry tokens from the operation id, so a replayed create is not doubled.
 */
export const InterconnectRef = z.object({ name: z.string(), operationId: z.string() });
export type InterconnectRef = z.infer<typeof InterconnectRef>;

const Request = SetupRequest.shape;

/** A spoke VNet (azure.spokes[]), its subscription made explicit. */
export const SpokeTarget = z.object({
  subscriptionId: z.string(),
  resourceGroup: z.string(),
  vnet: z.string(),
  addressSpaces: z.array(z.string()).optional(),
  allowForwardedTraffic: z.boolean(),
  /** The spoke's subnets the security rules bind to (absent in inputs recorded before bindings). */
  subnets: z.array(z.string()).default([]),
});
export type SpokeTarget = z.infer<typeof SpokeTarget>;

/** Where the interconnect's Azure side lives and what the activities there may need of the request. */
export const AzureTarget = z.object({
  subscriptionId: z.string(),
  resourceGroup: z.string(),
  vnet: z.string(),
  /** The VNet's address spaces as the request declared them (optional there): a fallback when the VNet cannot be read. */
  addressSpaces: z.array(z.string()).optional(),
  region: z.string(),
  networkSecurityGroup: z.string().optional(),
  appSubnets: z.array(z.string()).optional(),
  /** VNets peered with this one (the hub) that use its gateway. */
  spokes: z.array(SpokeTarget).default([]),
});

/** Where the interconnect's OCI side lives and what the activities there may need of the request. */
export const OciTarget = z.object({
  region: z.string(),
  compartmentId: z.string(),
  vcnId: z.string(),
  /** The DRG the request named (an existing one Interlink must not delete). */
  drgId: z.string().optional(),
  routeTableId: z.string().optional(),
  routeTableIds: z.array(z.string()).optional(),
  security: Request.oci.shape.security,
  peeredVcns: Request.oci.shape.peeredVcns,
  /** Subnets whose security lists get the rules, VNICs that join Interlink's NSG (absent in inputs recorded before bindings). */
  subnetIds: z.array(z.string()).default([]),
  vnicIds: z.array(z.string()).default([]),
});

/**
 * Everything network activities take from the setup request, in one place. A flow passes it (plus the
 * activity's own fields) to `call`; each contract's input schema picks the fields that activity needs and
 * parsing drops the rest, so the request itself never rides along in activity inputs or history.
 */
export const InterconnectTarget = z.object({
  ref: InterconnectRef,
  /** Tagged on what an activity creates, beside the owner. */
  ticketId: z.string().optional(),
  azure: AzureTarget,
  oci: OciTarget,
});
export type InterconnectTarget = z.infer<typeof InterconnectTarget>;

/** The pieces contracts pick. */
export const AzureGroup = AzureTarget.pick({ subscriptionId: true, resourceGroup: true });
export const AzureScope = AzureTarget.pick({ subscriptionId: true, resourceGroup: true, vnet: true });
export const TicketId = InterconnectTarget.shape.ticketId;

/** What an orchestration knows of its operation (never sent to an activity as such). */
export interface OperationBase {
  request: SetupRequest;
  operationId: string;
}

export function targetOf({ request, operationId }: OperationBase): InterconnectTarget {
  const { azure, oci } = request;
  return {
    ref: { name: request.name, operationId },
    ...(request.ticketId ? { ticketId: request.ticketId } : {}),
    azure: {
      subscriptionId: azure.subscriptionId,
      resourceGroup: azure.resourceGroup,
      vnet: azure.vnet.name,
      ...(azure.vnet.addressSpaces ? { addressSpaces: azure.vnet.addressSpaces } : {}),
      region: azure.region,
      ...(azure.networkSecurityGroup ? { networkSecurityGroup: azure.networkSecurityGroup } : {}),
      ...(azure.appSubnets ? { appSubnets: azure.appSubnets } : {}),
      spokes: azure.spokes.map((spoke) => ({
        subscriptionId: spoke.subscriptionId ?? azure.subscriptionId,
        resourceGroup: spoke.resourceGroup,
        vnet: spoke.vnet.name,
        ...(spoke.vnet.addressSpaces ? { addressSpaces: spoke.vnet.addressSpaces } : {}),
        allowForwardedTraffic: spoke.allowForwardedTraffic,
        subnets: spoke.subnets,
      })),
    },
    oci: {
      region: oci.region,
      compartmentId: oci.compartmentId,
      vcnId: oci.vcnId,
      ...(oci.drgId ? { drgId: oci.drgId } : {}),
      ...(oci.routeTableId ? { routeTableId: oci.routeTableId } : {}),
      ...(oci.routeTableIds ? { routeTableIds: oci.routeTableIds } : {}),
      security: oci.security,
      peeredVcns: oci.peeredVcns,
      subnetIds: oci.subnetIds,
      vnicIds: oci.vnicIds,
    },
  };
}

/**
 * A resource the activity needs is busy with another operation or not there yet (a subnet still being
 * deleted, a gateway subnet still updating, a circuit without its service key): nothing was wrong, and the
 * orchestrator calls the activity again after a durable timer.
 */
export const NotReadyResult = z.object({ kind: z.literal("notReady"), reason: z.string() });
export type NotReadyResult = z.infer<typeof NotReadyResult>;

/** Output of an activity that changes a resource: `ok`, a permanent `failed`, or `notReady` to wait on. */
export function okFailedOrNotReady<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.discriminatedUnion("kind", [...okOrFailed(shape).options, NotReadyResult]);
}

/**
 * The ARM operations a write started and did not wait for (serialized pollers: no secret). The flow waits for them
 * before it moves on: ARM may accept a request and fail its operation later. Absent in outputs recorded before.
 */
export const StartedOperations = { operations: z.array(z.string()).default([]) };

/** An OCI subnet the rules bind to, as an earlier step read it: the security list the rules go into is its first. */
export const SeenSubnet = z.object({ id: z.string(), name: z.string(), securityListId: z.string() });
export type SeenSubnet = z.infer<typeof SeenSubnet>;

/** A spoke VNet as preflight read it. */
export const ObservedSpoke = z.object({ vnetId: z.string(), location: z.string(), cidrs: z.array(z.string()) });

export const ObservedNetworks = z.object({
  vnetId: z.string(),
  vnetCidrs: z.array(z.string()),
  /** The spokes in request order (absent in outputs recorded before spokes existed). */
  spokes: z.array(ObservedSpoke).default([]),
  vcnCidrs: z.array(z.string()),
  vcnDefaultRouteTableId: z.string(),
  gatewaySubnetExists: z.boolean(),
  drgExists: z.boolean(),
  /** The VNet's region and the VCN's compartment (absent in outputs recorded before): later steps need not read them. */
  vnetLocation: z.string().optional(),
  vcnCompartmentId: z.string().optional(),
  /** The subnets of oci.subnetIds with the security list each binds to (its first), as preflight checked them. */
  boundSubnets: z.array(SeenSubnet).optional(),
  /** The lifecycle state of the DRG oci.drgId names, as preflight read it. */
  givenDrgState: z.string().optional(),
});
export type ObservedNetworks = z.infer<typeof ObservedNetworks>;

/**
 * The VCN as an earlier step read it: its compartment and default route table do not change, so an activity given them
 * does not read the VCN again (one without them reads it: a resumed history, an update, a suspend).
 */
export const SeenVcn = z.object({ compartmentId: z.string(), defaultRouteTableId: z.string() });
export type SeenVcn = z.infer<typeof SeenVcn>;

/** The connected VCN as one activity read it, handed to the next so it is not read twice in a row. */
export const ReadVcn = z.object({ id: z.string(), compartmentId: z.string(), cidrBlocks: z.array(z.string()), defaultRouteTableId: z.string(), defaultSecurityListId: z.string() });
export type ReadVcn = z.infer<typeof ReadVcn>;

/** What preflight saw of the VCN, when its output has it. */
export function seenVcnOf(observed: ObservedNetworks): { seenVcn?: SeenVcn } {
  return observed.vcnCompartmentId ? { seenVcn: { compartmentId: observed.vcnCompartmentId, defaultRouteTableId: observed.vcnDefaultRouteTableId } } : {};
}

/** Every Azure range that reaches OCI through the hub's gateway: the hub's address spaces and each spoke's. */
export function azureCidrsOf(observed: Pick<ObservedNetworks, "vnetCidrs" | "spokes">): string[] {
  return [...observed.vnetCidrs, ...observed.spokes.flatMap((spoke) => spoke.cidrs)];
}

export { InterconnectResources } from "../../shared/domain/inventory";
