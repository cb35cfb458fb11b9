import { z } from "zod";
import { canonicalJson } from "../../shared/domain/fingerprint";
import { EditRequest } from "../../shared/domain/requests";
import { SetupRequest } from "../../shared/domain/setup-request";

export type SpecChange =
  | { kind: "same" }
  /** Only the bandwidth differs: both circuits can change in place. */
  | { kind: "bandwidth"; from: number; to: number }
  /** Only fields a topology change (PATCH) takes differ: the body to send, and the paths it changes. */
  | { kind: "topology"; edit: Record<string, unknown>; paths: string[] }
  | { kind: "different"; paths: string[] }
  /** The stored spec could not be read as a setup request (a newer server): let Interlink decide. */
  | { kind: "unknown" };

const NOT_TOPOLOGY = new Set(["bandwidthMbps", "ticketId"]);

/**
 * The setup request's paths a PATCH replaces whole, read from the edit request's schema so the CLI follows what the
 * server accepts: `traffic`, `azure.spokes`, ...
 */
export function topologyPaths(): string[] {
  return Object.entries(EditRequest.shape)
    .filter(([key]) => !NOT_TOPOLOGY.has(key))
    .flatMap(([key, field]) => {
      const inner = field instanceof z.ZodOptional ? field.unwrap() : field;
      return inner instanceof z.ZodObject ? Object.keys(inner.shape).map((child) => `${key}.${child}`) : [key];
    });
}

/** Leaves of a value by dotted path; arrays are compared whole. */
function leaves(value: unknown, path: string, out: Map<string, string>): Map<string, string> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) if (entry !== undefined) leaves(entry, path ? `${path}.${key}` : key, out);
  } else out.set(path, canonicalJson(value));
  return out;
}

/**
 * The dotted paths where two requests differ, the ticket aside (it names the change, not the thing): what `apply`
 * names when it refuses a different specification.
 */
export function changedPaths(before: { ticketId?: string | undefined }, after: { ticketId?: string | undefined }): string[] {
  const old = leaves({ ...before, ticketId: undefined }, "", new Map());
  const now = leaves({ ...after, ticketId: undefined }, "", new Map());
  return [...new Set([...old.keys(), ...now.keys()])].filter((path) => old.get(path) !== now.get(path)).sort();
}

const within = (path: string, field: string) => path === field || path.startsWith(`${field}.`);

function valueAt(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((at, key) => (at !== null && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined), value);
}

/** The PATCH body replacing each of `fields` with the request's value, nested as the edit request nests them. */
function editBody(request: SetupRequest, fields: string[]): Record<string, unknown> | undefined {
  const body: Record<string, Record<string, unknown> | unknown> = {};
  for (const field of fields) {
    const value = valueAt(request, field);
    if (value === undefined) return undefined;
    const [head = field, child] = field.split(".");
    if (child === undefined) body[head] = value;
    else body[head] = { ...(body[head] as Record<string, unknown> | undefined), [child]: value };
  }
  return body;
}

/** How a request differs from the specification an interconnect was set up with (the ticket aside). */
export function specChange(stored: unknown, request: SetupRequest): SpecChange {
  const parsed = SetupRequest.safeParse(stored);
  if (!parsed.success) return { kind: "unknown" };
  const paths = changedPaths(parsed.data, request);
  if (paths.length === 0) return { kind: "same" };
  if (paths.length === 1 && paths[0] === "azure.circuit.bandwidthMbps") return { kind: "bandwidth", from: parsed.data.azure.circuit.bandwidthMbps, to: request.azure.circuit.bandwidthMbps };
  const editable = topologyPaths();
  const fields = editable.filter((field) => paths.some((path) => within(path, field)));
  const edit = paths.every((path) => editable.some((field) => within(path, field))) ? editBody(request, fields) : undefined;
  if (edit) return { kind: "topology", edit, paths };
  return { kind: "different", paths };
}
