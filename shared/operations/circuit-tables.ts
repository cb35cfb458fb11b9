import { type TableRead } from "../domain/circuit-tables";
import { classifyCloudError } from "../clouds/errors";
import { type AzureNetworkPort, type CircuitTable } from "../clouds/ports";

export type TableSpec = readonly [CircuitTable, "primary" | "secondary"];

/**
 * Moves each of a circuit's table reads one request on, never waiting: starts the ones not begun, polls
 * the running ones once, keeps the finished ones. A running read whose operation ARM no longer knows is
 * started again.
 */
export async function advanceTableReads<K extends string>(
  azure: AzureNetworkPort,
  resourceGroup: string,
  circuit: string,
  specs: Readonly<Record<K, TableSpec>>,
  previous: Partial<Record<K, TableRead>> | undefined,
): Promise<Record<K, TableRead>> {
  const start = ([table, device]: TableSpec) => azure.startCircuitTableRead(resourceGroup, circuit, table, device);
  const keys = Object.keys(specs) as K[];
  const advanced = await Promise.all(
    keys.map(async (key): Promise<[K, TableRead]> => {
      const spec = specs[key];
      const before = previous?.[key];
      if (before && "entries" in before) return [key, before];
      const read = before
        ? await azure.resumeCircuitTableRead(spec[0], before.operation).catch((error: unknown) => {
            if (classifyCloudError(error).retryable) throw error;
            return start(spec);
          })
        : await start(spec);
      return [key, read.done ? { entries: read.entries } : { operation: read.operation }];
    }),
  );
  return Object.fromEntries(advanced) as Record<K, TableRead>;
}
