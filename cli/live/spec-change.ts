import { canonicalJson } from "../../shared/domain/fingerprint";
import { SetupRequest } from "../../shared/domain/setup-request";

export type SpecChange =
  | { kind: "same" }
  /** Only the bandwidth differs: both circuits can change in place. */
  | { kind: "bandwidth"; from: number; to: number }
  | { kind: "different"; paths: string[] }
  /** The stored spec could not be read as a setup request (a newer server): let Interlink decide. */
  | { kind: "unknown" };

/** Leaves of a value by dotted path; arrays are compared whole. */
function leaves(value: unknown, path: string, out: Map<string, string>): Map<string, string> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) if (entry !== undefined) leaves(entry, path ? `${path}.${key}` : key, out);
  } else out.set(path, canonicalJson(value));
  return out;
}

/** How a request differs from the specification an interconnect was set up with (the ticket aside). */
export function specChange(stored: unknown, request: SetupRequest): SpecChange {
  const parsed = SetupRequest.safeParse(stored);
  if (!parsed.success) return { kind: "unknown" };
  const before = leaves({ ...parsed.data, ticketId: undefined }, "", new Map());
  const after = leaves({ ...request, ticketId: undefined }, "", new Map());
  const paths = [...new Set([...before.keys(), ...after.keys()])].filter((path) => before.get(path) !== after.get(path)).sort();
  if (paths.length === 0) return { kind: "same" };
  if (paths.length === 1 && paths[0] === "azure.circuit.bandwidthMbps") return { kind: "bandwidth", from: parsed.data.azure.circuit.bandwidthMbps, to: request.azure.circuit.bandwidthMbps };
  return { kind: "different", paths };
}
