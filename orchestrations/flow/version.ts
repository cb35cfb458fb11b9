// The version an instance was started with (host.json extensions.durableTask.defaultVersion of the deployment that
// started it, as context.df.version): code that changes what an orchestrator schedules keeps instances of older
// versions on the path they started on.
import { type OrchestrationContext } from "durable-functions";

/** Dotted numbers ("1.0", "1.10"); a missing or unnumbered version is the oldest, as Durable orders them. */
function components(version: string | undefined): number[] | undefined {
  if (!version || !/^\d+(\.\d+){1,3}$/.test(version)) return undefined;
  return version.split(".").map(Number);
}

/** True when the instance was started by a deployment whose defaultVersion is `version` or later. */
export function startedAtLeast(context: OrchestrationContext, version: string): boolean {
  const wanted = components(version);
  if (!wanted) throw new Error(`"${version}" is not a version like "1.1"`);
  const own = components(context.df.version);
  if (!own) return false;
  for (let index = 0; index < Math.max(own.length, wanted.length); index++) {
    const difference = (own[index] ?? -1) - (wanted[index] ?? -1);
    if (difference !== 0) return difference > 0;
  }
  return true;
}
