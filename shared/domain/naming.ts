/**
 * Deterministic names and tags for everything Interlink creates, so that a retried or resumed step
 * finds what an earlier attempt made (ARM PUT by name, OCI lookup by display name and tag) and an
 * audit can find orphans by tag.
 */

/** Every resource Interlink creates carries `interlink=<interconnect name>`. */
export const OWNER_TAG = "interlink";
/** The ticket that caused the resource, when known. */
export const TICKET_TAG = "interlink-ticket";

export function ownerTags(name: string, ticketId?: string): Record<string, string> {
  return ticketId ? { [OWNER_TAG]: name, [TICKET_TAG]: ticketId } : { [OWNER_TAG]: name };
}

export interface ResourceNames {
  expressRouteCircuit: string;
  expressRouteGateway: string;
  /** The Standard static public IP of the gateway, when Azure does not manage one. */
  expressRouteGatewayPublicIp: string;
  gatewayConnection: string;
  azureNetworkSecurityGroup: string;
  azureRouteTable: string;
  /** Prefix of the security rules Interlink adds to an NSG it does not own. */
  azureRulePrefix: string;
  virtualCircuit: string;
  drg: string;
  drgAttachment: string;
  ociNetworkSecurityGroup: string;
  /** Description marker on OCI route and security rules Interlink owns. */
  ociRuleMarker: string;
}

export function resourceNames(name: string, vnetName: string): ResourceNames {
  return {
    expressRouteCircuit: `${name}-erc`,
    // One ExpressRoute gateway serves a VNet, so it is named after the VNet and shared.
    expressRouteGateway: `${vnetName}-ergw`,
    expressRouteGatewayPublicIp: `${vnetName}-ergw-pip`,
    gatewayConnection: `${name}-erconn`,
    azureNetworkSecurityGroup: `${name}-nsg`,
    azureRouteTable: `${name}-rt`,
    azureRulePrefix: `interlink-${name}-`,
    virtualCircuit: `${name}-vc`,
    drg: `${name}-drg`,
    drgAttachment: `${name}-drg-attachment`,
    ociNetworkSecurityGroup: `${name}-nsg`,
    ociRuleMarker: `interlink:${name}`,
  };
}

export const OPERATIONS = ["setup", "teardown", "resize", "suspend", "resume", "update", "health"] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * Orchestration instance id for an operation on an interconnect. The generation counts setups of the
 * same name, so a name can be set up again after a teardown while a replayed request maps to the same id.
 */
export function instanceId(name: string, operation: Operation, generation: number): string {
  return `${name}.${operation}.${generation}`;
}

export function parseInstanceId(id: string): { name: string; operation: Operation; generation: number } | null {
  const match = /^([a-z][a-z0-9-]+)\.([a-z]+)\.(\d+)$/.exec(id);
  if (!match) return null;
  const operation = OPERATIONS.find((candidate) => candidate === match[2]);
  if (!operation) return null;
  return { name: match[1] ?? "", operation, generation: Number(match[3]) };
}
