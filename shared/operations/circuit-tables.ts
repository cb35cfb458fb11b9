import { type TableRead } from "../domain/circuit-tables";
import { classifyCloudError } from "../clouds/errors";
import { type AzureNetworkPort, type CircuitTable, type CircuitTableRead, type OperationHandle, type TableReadStart } from "../clouds/ports";

/** A circuit's ARP or routes table on one device, or the routes the VNet's ExpressRoute gateway learned. */
export type TableSpec = readonly [CircuitTable, "primary" | "secondary"] | readonly ["gatewayLearned"];

/** Which circuit's tables, and which gateway's learned routes (none when the gateway is not known). */
export interface TableOwners {
  circuit: string;
  gateway?: string | undefined;
}

/**
 * How a gateway's learned routes are read: started (no `operation`) or polled once. A sweep shares one read per
 * gateway between the interconnects it checks, since the answer is the gateway's, not one circuit's.
 */
export type LearnedRoutesRead = (gateway: string, operation?: OperationHandle, start?: TableReadStart) => Promise<CircuitTableRead>;

/**
 * Moves each table read one request on, never waiting: starts the ones not begun, polls the running ones once,
 * keeps the finished ones. A running read whose operation ARM no longer knows is started again. Without a gateway,
 * its learned routes read as empty. `start` says how reads start (a sweep sends the POST only and reads later).
 */
export async function advanceTableReads<K extends string>(
  azure: AzureNetworkPort,
  resourceGroup: string,
  owners: TableOwners,
  specs: Readonly<Record<K, TableSpec>>,
  previous: Partial<Record<K, TableRead>> | undefined,
  learned: LearnedRoutesRead = (gateway, operation, how) => (operation ? azure.resumeGatewayLearnedRoutesRead(operation) : azure.startGatewayLearnedRoutesRead(resourceGroup, gateway, how)),
  how: TableReadStart = {},
): Promise<Record<K, TableRead>> {
  const start = (spec: TableSpec): Promise<CircuitTableRead> => {
    if (spec[0] !== "gatewayLearned") return azure.startCircuitTableRead(resourceGroup, owners.circuit, spec[0], spec[1], how);
    return owners.gateway ? learned(owners.gateway, undefined, how) : Promise.resolve({ done: true, entries: [] });
  };
  const resume = (spec: TableSpec, operation: OperationHandle) => (spec[0] === "gatewayLearned" ? learned(owners.gateway ?? "", operation) : azure.resumeCircuitTableRead(spec[0], operation));
  const keys = Object.keys(specs) as K[];
  const advanced = await Promise.all(
    keys.map(async (key): Promise<[K, TableRead]> => {
      const spec = specs[key];
      const before = previous?.[key];
      if (before && "entries" in before) return [key, before];
      const read = before
        ? await resume(spec, before.operation).catch((error: unknown) => {
            if (classifyCloudError(error).retryable) throw error;
            return start(spec);
          })
        : await start(spec);
      return [key, read.done ? { entries: read.entries } : { operation: read.operation }];
    }),
  );
  return Object.fromEntries(advanced) as Record<K, TableRead>;
}
